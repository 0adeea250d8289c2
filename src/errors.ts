/**
 * A problem the person in Slack caused and can fix: the message is shown to them as it is.
 * Nothing has been saved when one is thrown.
 */
export class UserError extends Error {
  constructor(
    readonly userMessage: string,
    readonly code = 'invalid_input',
  ) {
    super(userMessage);
    this.name = 'UserError';
  }
}

/** A failure of ours or of a dependency, with a stable code for logs and the original cause. */
export class RapportError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RapportError';
  }
}

/** What a person sees when something breaks on our side: never a stack trace. */
export const SOMETHING_WENT_WRONG =
  ':warning: Something went wrong on our side and nothing was saved. Please try again in a moment.';

/**
 * An error and what it wraps, outermost first: its `cause`, or Bolt's `original` (Bolt wraps a
 * listener's error in one of its own). At most ten deep.
 */
export function* causeChain(error: unknown): Generator<unknown> {
  let current = error;
  for (let depth = 0; current && depth < 10; depth += 1) {
    yield current;
    const wrapper = current as { cause?: unknown; original?: unknown };
    current = wrapper.cause ?? wrapper.original;
  }
}
