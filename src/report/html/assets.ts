/**
 * The code `report.html` inlines, read at write time: uPlot's browser build and style sheet from the installed
 * `uplot` package (found through the runtime's package resolution, not a path guess), and the page's own script
 * `client.js` (or the dashboard's `dashboard-client.js`) beside this module. Read once per process.
 * @module
 */
import { readText } from "../../runtime/fs.ts";
import { packageFilePath } from "../../runtime/package-file.ts";
import { urlToPath } from "../../runtime/paths.ts";
import type { HtmlAssets } from "./page.ts";

/** The chart library's files inside its package. */
export const CHART_LIBRARY = {
  package: "uplot",
  js: "dist/uPlot.iife.min.js",
  css: "dist/uPlot.min.css",
} as const;

const cached = new Map<string, HtmlAssets>();

function load(client: string): HtmlAssets {
  let assets = cached.get(client);
  if (!assets) {
    assets = {
      libraryJs: readText(packageFilePath(CHART_LIBRARY.package, CHART_LIBRARY.js)),
      libraryCss: readText(packageFilePath(CHART_LIBRARY.package, CHART_LIBRARY.css)),
      clientJs: readText(urlToPath(new URL(`./${client}`, import.meta.url))),
    };
    cached.set(client, assets);
  }
  return assets;
}

/** The assets of `report.html` (the chart library's script and styles, the page's script). */
export function htmlAssets(): HtmlAssets {
  return load("client.js");
}

/** The assets of the live dashboard (the chart library, the dashboard's script). */
export function dashboardAssets(): HtmlAssets {
  return load("dashboard-client.js");
}
