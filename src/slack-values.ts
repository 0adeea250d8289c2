/**
 * What Slack's ids and message timestamps look like, for checks anywhere (the edge's payload
 * schemas, the batch a reaction joins, the profile fields kept): one definition of each.
 */

/** A Slack id (user, channel, team, view): letters and digits, as Slack makes them. */
export const SLACK_ID = /^[A-Z0-9][A-Z0-9_-]{0,49}$/i;

/** A message timestamp, "1477958240.864741": the key of a message, stored as numeric. */
export const MESSAGE_TS = /^\d{1,12}(\.\d{1,9})?$/;
