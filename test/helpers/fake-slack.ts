/** The tests' fake Slack is the playground's stand-in: one model of Slack, used by both. */
export {
  APP_TOKEN,
  BOT_ID,
  BOT_TOKEN,
  BOT_USER_ID,
  type FakeFile,
  type FakeUser,
  type ResponseUrlPost,
  type SlackCall,
  SlackStandIn as FakeSlack,
  TEAM_ID,
} from '../../src/slack-emulator/index.js';
