/**
 * Layering rules for src/, checked by `npm run lint:deps` (with scripts/check-runtime-edge.mjs for `Deno.`).
 * Type-only imports count as dependencies everywhere, cycles included.
 * @module
 */
/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycle",
      comment: "No import cycle in src/.",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "builtins-only-in-runtime",
      comment: "Node builtins (`node:fs`, or bare `fs`) are imported only by src/runtime/, the one runtime edge.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/runtime/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "report-renders-judged-results",
      comment:
        "src/report/ renders a finished, judged result: it imports neither src/run/, src/compare/ nor src/aggregate/.",
      severity: "error",
      from: { path: "^src/report/" },
      to: { path: "^src/(run|compare|aggregate)/" },
    },
    {
      name: "compare-apart-from-report",
      comment: "src/compare/ and src/report/ do not depend on each other (both use src/format/).",
      severity: "error",
      from: { path: "^src/compare/" },
      to: { path: "^src/report/" },
    },
    {
      name: "only-cli-imports-cli",
      comment: "Nothing in src/ outside src/cli/ imports src/cli/.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/cli/" },
      to: { path: "^src/cli/" },
    },
    {
      name: "no-unresolvable",
      comment: "Every relative import resolves to a file.",
      severity: "error",
      from: { path: "^src/" },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types"],
    },
  },
};
