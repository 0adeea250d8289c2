import { loadKeyRotationConfig, secretsOf } from '../config.js';
import { configOrExit } from './config-or-exit.js';
import { openDatabase } from '../db/open-database.js';
import { createLogger } from '../logger.js';
import { rotateKey } from '../slack/installations/rotate-key.js';
import { createTokenCipher } from '../slack/installations/token-cipher.js';

/**
 * `npm run rotate-key`: seals every stored Slack token again under RAPPORT_ENCRYPTION_KEY, opening
 * those sealed under an older key with RAPPORT_ENCRYPTION_OLD_KEYS. Run it after setting a new key
 * (and the old one among the old keys); once it reports success the old keys can be removed.
 */
async function main() {
  const config = configOrExit(loadKeyRotationConfig);
  const log = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  const database = await openDatabase(config.database, log, { migrate: true });
  try {
    const cipher = createTokenCipher(config.encryption);
    const result = await rotateKey(database.db, cipher);
    log.info(
      { ...result, key: cipher.currentKeyId },
      result.resealed > 0
        ? 'every stored token is now encrypted with RAPPORT_ENCRYPTION_KEY; RAPPORT_ENCRYPTION_OLD_KEYS can be removed'
        : 'every stored token was already encrypted with RAPPORT_ENCRYPTION_KEY',
    );
  } finally {
    await database.close();
    log.flush();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Key rotation failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
