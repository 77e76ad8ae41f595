/** Styles of the findings panel; it renders them itself, so it looks the same in a page's shadow root and on extension pages. */
export const REDACT_CSS = `
.lm-findings { border: 1px solid var(--lm-mistake, #c1322b); border-radius: var(--lm-radius, 8px); padding: 10px 12px; margin: 8px 0; background: var(--lm-surface, #f6f8fa); color: var(--lm-fg, #1f2328); font: 13px/1.4 var(--lm-font, system-ui, sans-serif); }
.lm-findings-head { margin: 0 0 8px; }
.lm-findings-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; max-height: 280px; overflow: auto; }
.lm-finding { border-left: 3px solid var(--lm-mistake, #c1322b); padding: 4px 8px; background: var(--lm-bg, #fff); border-radius: 4px; }
.lm-finding.warning { border-left-color: var(--lm-improvement, #8f5f00); }
.lm-finding-what { display: flex; gap: 8px; align-items: baseline; }
.lm-finding-label { font-weight: 600; }
.lm-finding-where { color: var(--lm-muted, #59636e); font-size: 12px; }
.lm-finding-text { margin: 4px 0; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; white-space: pre-wrap; word-break: break-all; max-height: 5.6em; overflow: hidden; }
.lm-finding-text mark { background: color-mix(in srgb, var(--lm-mistake, #c1322b) 28%, transparent); color: inherit; border-radius: 2px; padding: 0 1px; outline: 1px solid var(--lm-mistake, #c1322b); }
.lm-finding.warning .lm-finding-text mark { background: color-mix(in srgb, var(--lm-improvement, #8f5f00) 28%, transparent); outline-color: var(--lm-improvement, #8f5f00); }
.lm-finding-actions, .lm-findings-foot { display: flex; gap: 6px; align-items: center; }
.lm-findings-foot { margin-top: 8px; }
.lm-findings button { font: inherit; border-radius: 6px; padding: 3px 10px; cursor: pointer; border: 1px solid var(--lm-border, #d1d9e0); background: var(--lm-bg, #fff); color: var(--lm-fg, #1f2328); }
.lm-findings button.lm-redact, .lm-findings button.lm-redact-all { background: var(--lm-accent, #0b63ce); border-color: var(--lm-accent, #0b63ce); color: var(--lm-accent-fg, #fff); }
.lm-findings button:focus-visible { outline: 2px solid var(--lm-accent, #0b63ce); outline-offset: 2px; }
.lm-findings-hint { color: var(--lm-muted, #59636e); font-size: 12px; }
`;
