import type { Database } from '../../db/database.js';
import { lockSealedTokens, type SealedColumn, updateSealedTokens } from '../../db/repos/installations.js';
import { sealContext } from './installation-store.js';
import type { TokenCipher } from './token-cipher.js';

const COLUMNS: readonly SealedColumn[] = [
  'bot_token',
  'bot_refresh_token',
  'user_token',
  'user_refresh_token',
];

/**
 * `npm run rotate-key`: every stored token sealed under an older key is opened (with
 * RAPPORT_ENCRYPTION_OLD_KEYS) and sealed again under RAPPORT_ENCRYPTION_KEY, in one transaction:
 * either every token moves to the new key or none does. A token whose key is not given stops it.
 */
export async function rotateKey(
  db: Database,
  cipher: TokenCipher,
): Promise<{ resealed: number; current: number; installations: number }> {
  return db.transaction(async (tx) => {
    const rows = await lockSealedTokens(tx);
    let resealed = 0;
    let current = 0;
    for (const row of rows) {
      const next = { ...row };
      let changed = false;
      for (const column of COLUMNS) {
        const sealed = row[column];
        if (sealed === null) continue;
        if (cipher.keyIdOf(sealed) === cipher.currentKeyId) {
          current += 1;
          continue;
        }
        const context = sealContext(row.install_key, column);
        next[column] = cipher.seal(cipher.open(sealed, context), context);
        resealed += 1;
        changed = true;
      }
      if (changed) await updateSealedTokens(tx, next);
    }
    return { resealed, current, installations: rows.length };
  });
}
