/**
 * The kinds that watch nothing: "none" (the service tells busmark nothing about what it stored, so the event
 * completes when the delivery probe sees it) and "reply" (a request, which completes on its reply).
 * @module
 */
import type { Confirmer } from "./confirmer.ts";

/** Confirms nothing and watches nothing. */
export const noConfirmer: Confirmer<"none"> = {
  kind: "none",
  open: () => ({ stop() {} }),
};

/** A request's reply is its confirmation; the request engine accounts for it. */
export const replyConfirmer: Confirmer<"reply"> = {
  kind: "reply",
  open: () => ({ stop() {} }),
};
