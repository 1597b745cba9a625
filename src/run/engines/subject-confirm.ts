/**
 * The "subject" kind: the service publishes a downstream event once it persisted one (e.g. `shop.orders.stored`),
 * carrying the busmark id in a header or a JSON field.
 * @module
 */
import { InfrastructureError } from "../../errors.ts";
import type { Confirmer } from "./confirmer.ts";

/** Confirms from a downstream subject. */
export const subjectConfirmer: Confirmer<"subject"> = {
  kind: "subject",
  open: (_ctx, source) => {
    throw new InfrastructureError("service", `Cannot confirm from subject ${source.subject}: not built yet`);
  },
};
