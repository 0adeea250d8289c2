import type { Surface } from './context.js';
import { charCount, type Json, obj, str } from './shape.js';

/**
 * Collects problems the way Slack reports them: the error code of the call that would fail
 * (`invalid_blocks` from chat.postMessage and chat.update; `invalid_arguments` from views.open,
 * views.update and views.publish), what is wrong, and where, as the JSON pointer Slack appends
 * to each of its `response_metadata.messages` ("[json-pointer:/blocks/0/text/text]").
 */
export class Checker {
  readonly problems: string[] = [];
  readonly code: string;

  constructor(readonly surface: Surface) {
    this.code = surface === 'message' ? 'invalid_blocks' : 'invalid_arguments';
  }

  report(pointer: string, message: string): void {
    this.problems.push(`${this.code}: ${message} [json-pointer:${pointer}]`);
  }

  /** A required field that is absent. */
  missing(pointer: string, field: string): void {
    this.report(`${pointer}/${field}`, `missing required field ${field}`);
  }

  /** A string of 1 to `max` characters (ids, URLs, values); `name` says what it is in the message. */
  string(
    pointer: string,
    value: unknown,
    name: string,
    max: number,
    required = false,
    allowEmpty = false,
  ): void {
    if (value === undefined) {
      if (required) this.report(pointer, `missing required field ${name}`);
      return;
    }
    if (typeof value !== 'string') return this.report(pointer, `${name} must be a string`);
    const length = charCount(value);
    if (length === 0 && !allowEmpty)
      this.report(pointer, `${name} is empty, it must be at least 1 character`);
    if (length > max) this.report(pointer, `${name} is ${length} characters, more than ${max}`);
  }

  /**
   * A text object: plain_text (or mrkdwn where `mrkdwn` allows it) with 1 to `max` characters.
   * Slack counts the text it will show, so the limit applies to `text`.
   */
  text(
    pointer: string,
    value: unknown,
    name: string,
    max: number,
    o: { mrkdwn?: boolean; required?: boolean } = {},
  ): void {
    // Slack writes an unset optional text as null in the views it returns ("submit": null).
    if (value === undefined || (value === null && !o.required)) {
      if (o.required) this.report(pointer, `missing required field ${name}`);
      return;
    }
    const t = obj(value);
    if (!t) return this.report(pointer, `${name} must be a text object`);
    if (t.type !== 'plain_text' && t.type !== 'mrkdwn') {
      return this.report(
        `${pointer}/type`,
        `${name} has text type ${JSON.stringify(t.type)}, not plain_text or mrkdwn`,
      );
    }
    if (t.type === 'mrkdwn' && !o.mrkdwn)
      return this.report(`${pointer}/type`, `${name} must be plain_text, not mrkdwn`);
    this.string(`${pointer}/text`, t.text, `${name} text`, max, true);
  }

  /**
   * An array of `min` to `max` items; true when there is an array to go through. An absent one is
   * a problem only when `min` is above 0 (Slack's "required" arrays all need an item).
   */
  array(pointer: string, value: unknown, name: string, max: number, min = 0): value is unknown[] {
    if (value === undefined) {
      if (min > 0) this.report(pointer, `missing required field ${name}`);
      return false;
    }
    if (!Array.isArray(value)) {
      this.report(pointer, `${name} must be an array`);
      return false;
    }
    if (value.length < min) this.report(pointer, `${name} has ${value.length} items, at least ${min} needed`);
    if (value.length > max) this.report(pointer, `${name} has ${value.length} items, more than ${max}`);
    return true;
  }

  /** One of a few allowed strings. */
  oneOf(pointer: string, value: unknown, name: string, allowed: readonly string[]): void {
    if (value !== undefined && !allowed.includes(str(value) ?? '\u0000')) {
      this.report(pointer, `${name} ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
    }
  }
}

/** The object at a pointer, or a report that it is not an object. */
export function objectAt(c: Checker, pointer: string, value: unknown, name: string): Json | undefined {
  const o = obj(value);
  if (!o) c.report(pointer, `${name} must be an object`);
  return o;
}
