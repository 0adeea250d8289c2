import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { RapportError } from '../../errors.js';

/**
 * Slack tokens at rest: AES-256-GCM (node:crypto) under RAPPORT_ENCRYPTION_KEY. Each value names
 * the key it was sealed with (a short hash of the key), so a new key can be introduced while the
 * old ones still open what they sealed, until `npm run rotate-key` seals everything anew.
 *
 * A sealed value is `rk1:<key id>:<iv>:<auth tag>:<ciphertext>` (base64url parts). The context
 * (which installation, which token) is authenticated too, so a value copied into another row or
 * another column does not open.
 */
export type TokenCipher = {
  /** The id of the key new values are sealed with. */
  readonly currentKeyId: string;
  seal(plain: string, context: string): string;
  /** Throws RapportError 'encryption_key_unknown' or 'token_undecryptable'. */
  open(sealed: string, context: string): string;
  /** The id of the key a sealed value names. */
  keyIdOf(sealed: string): string;
  /** Whether this key id is the current key's or an old key's. */
  knows(keyId: string): boolean;
};

const FORMAT = 'rk1';
const KEY_BYTES = 32;
const IV_BYTES = 12;

/** A key's id: the first 12 hex digits of its SHA-256, enough to tell keys apart, nothing to guess from. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/** Reads a base64 key; undefined unless it is exactly 32 bytes. */
export function parseKey(base64: string): Buffer | undefined {
  const text = base64.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined;
  const key = Buffer.from(text, 'base64');
  return key.length === KEY_BYTES ? key : undefined;
}

export function createTokenCipher(keys: { current: Buffer; old?: readonly Buffer[] }): TokenCipher {
  const byId = new Map<string, Buffer>();
  for (const key of [...(keys.old ?? []), keys.current]) byId.set(keyIdOf(key), key);
  const currentKeyId = keyIdOf(keys.current);

  const parts = (sealed: string) => {
    const [format, keyId, iv, tag, data, ...rest] = sealed.split(':');
    if (format !== FORMAT || !keyId || !iv || !tag || data === undefined || rest.length > 0) {
      throw new RapportError('token_undecryptable', 'a stored token is not in the encrypted format');
    }
    return { keyId, iv, tag, data };
  };

  return {
    currentKeyId,
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keys.current, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const b64 = (b: Buffer) => b.toString('base64url');
      return [FORMAT, currentKeyId, b64(iv), b64(cipher.getAuthTag()), b64(data)].join(':');
    },
    open(sealed, context) {
      const { keyId, iv, tag, data } = parts(sealed);
      const key = byId.get(keyId);
      if (!key) {
        throw new RapportError(
          'encryption_key_unknown',
          `a stored token was encrypted with key ${keyId}, which is neither RAPPORT_ENCRYPTION_KEY nor in RAPPORT_ENCRYPTION_OLD_KEYS`,
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch (error) {
        throw new RapportError(
          'token_undecryptable',
          `a stored token did not decrypt with key ${keyId}: it was altered or belongs elsewhere`,
          { cause: error },
        );
      }
    },
    keyIdOf: (sealed) => parts(sealed).keyId,
    knows: (keyId) => byId.has(keyId),
  };
}
