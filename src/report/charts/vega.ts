/**
 * Rendering a Vega-Lite specification to an SVG string, headless, on Node and Deno alike: the spec is compiled to
 * Vega and rendered by a `vega.View` with no renderer attached (`renderer: "none"`), which needs neither a DOM nor
 * a canvas. Text widths are estimated, which is all axis layout needs.
 * @module
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** A Vega-Lite specification (top level). */
export type ChartSpec = TopLevelSpec;

/**
 * Treats a spec assembled from plain objects as a Vega-Lite spec. Layers built by helpers are plain records, which
 * the strict Vega-Lite types cannot follow; the renderer validates the spec when it compiles it.
 */
export function asChartSpec(spec: Record<string, unknown>): ChartSpec {
  return spec as unknown as ChartSpec;
}

/** Shared look of every chart: readable fonts, a light grid, white background (dark-mode viewers too). */
export const CHART_CONFIG = {
  background: "white",
  font: "Helvetica, Arial, sans-serif",
  padding: 8,
  title: { fontSize: 15, anchor: "start", offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: "#e6e6e6" },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: "top", direction: "horizontal", labelLimit: 400 },
  view: { stroke: "#cccccc" },
} as const;

/** Renders a Vega-Lite spec to a standalone SVG document. */
export async function renderVegaLite(spec: ChartSpec): Promise<string> {
  const compiled = compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    return svg.endsWith("\n") ? svg : `${svg}\n`;
  } finally {
    view.finalize();
  }
}
