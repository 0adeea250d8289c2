import { randomBytes } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { RapportError } from '../../src/errors.js';
import { createTokenCipher, keyIdOf, parseKey } from '../../src/slack/installations/token-cipher.js';

const key = () => randomBytes(32);
const TOKEN = 'xoxb-1234-5678-abcdefghijklmnop';
const CONTEXT = 'slack_installations:T:T0GLOBEX01:bot_token';

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as RapportError;
  }
  throw new Error('did not fail');
};

describe('token cipher (AES-256-GCM)', () => {
  test('a round trip gives the token back; the sealed value names its key and hides the token', () => {
    const current = key();
    const cipher = createTokenCipher({ current });
    const sealed = cipher.seal(TOKEN, CONTEXT);
    expect(sealed).toMatch(new RegExp(`^rk1:${keyIdOf(current)}:`));
    expect(sealed).not.toContain(TOKEN);
    expect(sealed).not.toContain('xoxb');
    expect(cipher.open(sealed, CONTEXT)).toBe(TOKEN);
    expect(cipher.keyIdOf(sealed)).toBe(cipher.currentKeyId);
    // A fresh IV each time: the same token never seals to the same text.
    expect(cipher.seal(TOKEN, CONTEXT)).not.toBe(sealed);
  });

  test('a wrong key does not open it, and says which key it needs', () => {
    const sealed = createTokenCipher({ current: key() }).seal(TOKEN, CONTEXT);
    const error = failure(() => createTokenCipher({ current: key() }).open(sealed, CONTEXT));
    expect(error).toBeInstanceOf(RapportError);
    expect(error.code).toBe('encryption_key_unknown');
    expect(error.message).toContain(sealed.split(':')[1]);
    expect(error.message).not.toContain(TOKEN);
  });

  test('an altered value, or one moved to another installation or column, does not open', () => {
    const cipher = createTokenCipher({ current: key() });
    const sealed = cipher.seal(TOKEN, CONTEXT);
    const parts = sealed.split(':');
    const data = Buffer.from(parts[4] as string, 'base64url');
    data[0] = (data[0] as number) ^ 1;
    const altered = [...parts.slice(0, 4), data.toString('base64url')].join(':');
    expect(failure(() => cipher.open(altered, CONTEXT)).code).toBe('token_undecryptable');
    expect(failure(() => cipher.open(sealed, 'slack_installations:T:T0OTHER:bot_token')).code).toBe(
      'token_undecryptable',
    );
    expect(failure(() => cipher.open('xoxb-plain', CONTEXT)).code).toBe('token_undecryptable');
  });

  test('older keys still open what they sealed; new values use the current key', () => {
    const old = key();
    const sealedBefore = createTokenCipher({ current: old }).seal(TOKEN, CONTEXT);
    const cipher = createTokenCipher({ current: key(), old: [old] });
    expect(cipher.open(sealedBefore, CONTEXT)).toBe(TOKEN);
    expect(cipher.keyIdOf(sealedBefore)).toBe(keyIdOf(old));
    expect(cipher.keyIdOf(cipher.seal(TOKEN, CONTEXT))).not.toBe(keyIdOf(old));
  });

  test('a key is exactly 32 bytes of base64', () => {
    const text = key().toString('base64');
    expect(parseKey(text)?.length).toBe(32);
    expect(parseKey(` ${text} `)?.toString('base64')).toBe(text);
    expect(parseKey(randomBytes(16).toString('base64'))).toBeUndefined();
    expect(parseKey('not base64 at all!')).toBeUndefined();
    expect(parseKey('')).toBeUndefined();
  });
});
