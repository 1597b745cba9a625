/**
 * Which JavaScript runtime busmark is running on. The only place that looks at `Deno` directly.
 * @module
 */

/** Name of a supported runtime. */
export type RuntimeName = "node" | "deno";

interface DenoLike {
  version: { deno: string };
}

const deno = (globalThis as { Deno?: DenoLike }).Deno;

/** True when running under Deno. */
export const isDeno: boolean = deno !== undefined;

/** The runtime's name and version, e.g. `{ name: "node", version: "20.20.2" }`. */
export function runtimeInfo(): { name: RuntimeName; version: string } {
  if (deno) return { name: "deno", version: deno.version.deno };
  return { name: "node", version: process.versions.node };
}
