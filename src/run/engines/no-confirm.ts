/**
 * The "none" confirmation kind: the service tells busmark nothing about what it stored, so no event waits for
 * persistence; every event completes when the delivery probe sees it (or its reply arrives).
 * @module
 */
import type { Confirmer } from "./confirmer.ts";

/** Confirms nothing and watches nothing. */
export const noConfirmer: Confirmer = {
  kind: "none",
  confirms: () => false,
  open: () => ({ stop() {} }),
};
