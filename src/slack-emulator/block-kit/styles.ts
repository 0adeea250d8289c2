/**
 * A readable default that looks like Slack on a phone and on a desktop: Slack's type scale, its
 * greens and reds for button styles, its grey context text and blue mentions. Every class starts
 * with `bk-`, so the page can style around it without collisions. Put it in a <style> element.
 */
export const BLOCK_KIT_CSS = `
.bk-blocks { font: 15px/1.46668 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: #1d1c1d; max-width: 100%; overflow-wrap: anywhere; }
.bk-block { margin: 4px 0; }
.bk-header-text { font-size: 18px; font-weight: 900; line-height: 1.33; margin: 12px 0 4px; }
.bk-block-section { display: flex; gap: 12px; align-items: flex-start; }
.bk-section-body { flex: 1 1 auto; min-width: 0; }
.bk-fields { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px 16px; margin-top: 4px; }
.bk-accessory { flex: 0 0 auto; max-width: 45%; }
.bk-accessory-image { width: 88px; height: 88px; object-fit: cover; border-radius: 6px; }
.bk-divider { border: 0; border-top: 1px solid #dddddd; margin: 12px 0; }
.bk-context-elements { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; font-size: 13px; color: #616061; }
.bk-context-image { width: 20px; height: 20px; border-radius: 4px; object-fit: cover; }
.bk-actions-elements { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.bk-button { display: inline-flex; align-items: center; min-height: 28px; padding: 0 12px; border-radius: 4px;
  font-family: inherit; font-weight: 700; font-size: 13px; line-height: 1; cursor: pointer; text-decoration: none;
  border: 1px solid rgba(29, 28, 29, 0.3); background: #fff; color: #1d1c1d; }
.bk-button-primary { background: #007a5a; border-color: #007a5a; color: #fff; }
.bk-button-danger { background: #e01e5a; border-color: #e01e5a; color: #fff; }
.bk-select, .bk-input { font: inherit; font-size: 15px; padding: 6px 8px; border: 1px solid rgba(29, 28, 29, 0.3);
  border-radius: 4px; background: #fff; color: inherit; max-width: 100%; box-sizing: border-box; }
.bk-block-input .bk-input, .bk-block-input .bk-select, textarea.bk-input { width: 100%; }
.bk-rich_text_input { min-height: 60px; }
.bk-rich_text_input:empty::before { content: attr(data-placeholder); color: #868686; }
.bk-overflow { position: relative; display: inline-block; }
.bk-overflow-button { list-style: none; cursor: pointer; padding: 2px 8px; border: 1px solid rgba(29, 28, 29, 0.3);
  border-radius: 4px; font-weight: 700; }
.bk-overflow-button::-webkit-details-marker { display: none; }
.bk-overflow-menu { position: absolute; right: 0; z-index: 10; display: flex; flex-direction: column; min-width: 160px;
  background: #fff; border: 1px solid #ddd; border-radius: 6px; box-shadow: 0 4px 12px rgba(0, 0, 0, 0.12); padding: 6px 0; }
.bk-overflow-option { text-align: left; padding: 6px 16px; border: 0; background: none; font: inherit; color: inherit; cursor: pointer; }
.bk-overflow-option:hover { background: #1264a3; color: #fff; }
.bk-choices { display: flex; flex-direction: column; gap: 6px; }
.bk-choice { display: flex; gap: 8px; align-items: flex-start; }
.bk-choice-description { display: block; color: #616061; font-size: 13px; }
.bk-label { font-weight: 700; margin-bottom: 6px; }
.bk-optional { font-weight: 400; color: #616061; }
.bk-hint { font-size: 13px; color: #616061; margin-top: 4px; }
.bk-input-error { font-size: 13px; color: #e01e5a; margin-top: 4px; }
.bk-block-input { margin: 12px 0; }
.bk-figure { margin: 4px 0; }
.bk-image { max-width: 100%; max-height: 360px; border-radius: 8px; display: block; }
.bk-image-title { font-size: 13px; color: #616061; margin-bottom: 4px; }
.bk-image-missing { display: inline-block; min-width: 88px; min-height: 88px; background: #f4f4f4; border-radius: 8px; }
.bk-link { color: #1264a3; text-decoration: none; }
.bk-link:hover { text-decoration: underline; }
.bk-mention { color: #1264a3; background: rgba(29, 155, 209, 0.1); border-radius: 3px; padding: 0 2px; }
.bk-mention-broadcast { color: #1d1c1d; background: rgba(232, 171, 0, 0.2); }
.bk-code { font: 12px Monaco, Menlo, Consolas, "Courier New", monospace; color: #e01e5a; background: rgba(29, 28, 29, 0.04);
  border: 1px solid rgba(29, 28, 29, 0.13); border-radius: 3px; padding: 2px 3px 1px; }
.bk-pre { font: 12px/1.5 Monaco, Menlo, Consolas, "Courier New", monospace; background: rgba(29, 28, 29, 0.04);
  border: 1px solid rgba(29, 28, 29, 0.13); border-radius: 4px; padding: 8px; margin: 4px 0; white-space: pre-wrap; }
.bk-quote { border-left: 4px solid #dddddd; margin: 4px 0; padding: 0 0 0 12px; }
.bk-rich-list { margin: 4px 0; padding-left: 24px; }
.bk-color-swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
.bk-video-thumbnail { max-width: 100%; border-radius: 8px; }
.bk-error { border: 2px solid #e01e5a; background: #fdecf1; color: #a3123f; border-radius: 6px; padding: 6px 10px;
  font-size: 13px; margin: 4px 0; }
@media (max-width: 600px) {
  .bk-block-section { flex-direction: column; }
  .bk-accessory { max-width: 100%; }
  .bk-fields { grid-template-columns: minmax(0, 1fr); }
}
`;
