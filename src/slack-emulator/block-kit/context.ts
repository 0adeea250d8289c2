/** Where blocks are shown: Slack allows different blocks, elements and counts on each surface. */
export type Surface = 'message' | 'modal' | 'home';

/** A view's input values as Slack sends them in `view.state.values`: block_id → action_id → value. */
export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

/**
 * What the drawing needs to know about the workspace and the reader. Names come from the
 * playground's people and channels; an id they do not know is drawn as Slack draws one it cannot
 * resolve, never as an error.
 */
export type RenderContext = {
  surface: Surface;
  userName(id: string): string | undefined;
  channelName(id: string): string | undefined;
  /** The inputs' current values (a modal being filled in), shown instead of their initial ones. */
  state?: StateValues;
  /** A modal's field errors by block_id, as the app returned them with `response_action: 'errors'`. */
  errors?: Record<string, string>;
  /** Where the page serves a file the bot uploaded, for images given as `slack_file: { id }`. */
  fileUrl?(fileId: string): string | undefined;
  /** Who and what the user, conversation and channel selects offer (ids; names come from above). */
  directory?: { users: readonly string[]; channels: readonly string[] };
  /** The reader's IANA time zone: `<!date^…>` is drawn in it; without one, its fallback text is. */
  timeZone?: string;
  /** "Now" for `{date_pretty}` ("Today") and `{ago}`; the reader's clock in the playground. */
  now?: Date;
  /**
   * The reader's "Show times with 24-hour clock" preference (Slack's Preferences → Language &
   * region): `{time}` reads 09:30 rather than 9:30 AM.
   */
  clock24?: boolean;
};
