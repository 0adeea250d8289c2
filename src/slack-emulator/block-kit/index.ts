/** Block Kit as Slack draws and checks it: what the playground's page and the stand-in import. */
export type { RenderContext, StateValues, Surface } from './context.js';
export { renderBlocks } from './render.js';
export { renderMrkdwn, renderPlainText } from './mrkdwn.js';
export { renderTextObject } from './text.js';
export { validateBlocks, validateView } from './validate.js';
export { actionWithValue, type RawValue, stateValueOf, STATEFUL_TYPES } from './state-values.js';
export { INPUT_ELEMENTS } from './kinds.js';
export { LIMITS } from './limits.js';
export { BLOCK_KIT_CSS } from './styles.js';
