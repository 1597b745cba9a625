/**
 * The styles of `report.html`: a readable single column, the verdict as a coloured banner, compact tables, and the
 * chart tooltip. Plain CSS, inlined into the page.
 * @module
 */

/** The page's style sheet. */
export const PAGE_CSS = `
:root { --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --muted: #57606a; --line: #d0d7de; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328;
  background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 24px; margin: 8px 0; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 14px; margin: 16px 0 6px; }
.description { color: var(--muted); max-width: 80ch; margin: 4px 0 12px; }
.verdict { font-size: 18px; padding: 10px 14px; border-radius: 6px; border: 1px solid; margin: 8px 0; }
.verdict-pass { background: #dafbe1; border-color: var(--pass); }
.verdict-fail { background: #ffebe9; border-color: var(--fail); }
.verdict-invalid, .verdict-interrupted, .verdict-warn { background: #fff8c5; border-color: var(--warn); }
div.verdict-pass strong { color: var(--pass); }
div.verdict-fail strong { color: var(--fail); }
.run-line, .note { color: var(--muted); font-size: 12px; }
.warning { background: #fff8c5; border-left: 4px solid var(--warn); padding: 4px 12px; }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.pass { color: var(--pass); font-weight: 600; }
td.fail { color: var(--fail); font-weight: 600; }
.unsure { color: var(--warn); font-weight: normal; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa; padding: 0 3px;
  border-radius: 3px; }
pre { background: #f6f8fa; padding: 8px 12px; overflow-x: auto; }
pre code { background: none; padding: 0; }
figure.chart { margin: 12px 0 20px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
.plot { position: relative; }
.bm-tooltip { position: absolute; pointer-events: none; z-index: 10; background: rgba(255, 255, 255, 0.95);
  border: 1px solid #8c959f; border-radius: 4px; padding: 4px 8px; font-size: 12px; white-space: nowrap;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.15); display: none; }
.bm-tooltip b { display: block; }
.bm-tooltip .sw { display: inline-block; width: 10px; height: 3px; margin-right: 4px; vertical-align: middle; }
.bm-thresholds { font-size: 12px; color: var(--muted); margin: 2px 0 0; }
.bm-thresholds span { margin-right: 12px; }
.bm-thresholds .fail { color: var(--fail); }
.uplot .u-legend { font-size: 12px; }
`;
