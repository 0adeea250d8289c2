/** Reading untyped JSON (blocks come from the app as `unknown`) without casts at every use. */

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const objects = (v: unknown): Json[] => list(v).filter(isObject);
export const obj = (v: unknown): Json | undefined => (isObject(v) ? v : undefined);

/** The `text` of a text object, or undefined when it is not one. */
export const textOf = (v: unknown): string | undefined => str(obj(v)?.text);

/** Length as Slack counts it for its limits: characters (code points), not UTF-16 units. */
export const charCount = (text: string) => [...text].length;
