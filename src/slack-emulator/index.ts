/**
 * The Slack emulator: a stand-in for the Slack Web API (with Block Kit's rules), and the signed
 * requests Slack sends an app. The playground, the tests and the benchmarks all use this one model
 * of Slack. Only the playground's page imports block-kit/ directly (it runs in the browser).
 */
export * from './slack-stand-in.js';
export * from './installs.js';
export * from './slack-requests.js';
export * from './slack-connect.js';
export * from './signature.js';
export * from './block-kit/index.js';
export * from './install-by-oauth.js';
export * from './visible-state.js';
