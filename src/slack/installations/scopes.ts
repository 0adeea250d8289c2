/**
 * The bot scopes an install by OAuth asks for: the same as manifest.json's
 * oauth_config.scopes.bot (test/unit/manifest.test.ts holds the two together).
 */
export const BOT_SCOPES: readonly string[] = [
  'commands',
  'chat:write',
  'chat:write.public',
  'reactions:read',
  'users:read',
  'channels:read',
  'groups:read',
  'im:write',
  'mpim:write',
  'im:history',
  'channels:history',
  'groups:history',
  'files:write',
  'team:read',
  // /gave to a user group reads its people (usergroups.users.list).
  'usergroups:read',
];
