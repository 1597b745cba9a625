/**
 * Threshold keys: a metric name with an optional selector, `latency.persisted{event: chat, phase: steady}`.
 * The metric must be in the catalogue and the selector keys must be ones it allows; whether the named event,
 * phase or bench exists is the scenario loader's business.
 * @module
 */
import { findMetric, type MetricDef, metricNames, type SelectorKey } from "../metrics/catalog.ts";
import type { Selector } from "../scenario/types.ts";
import { didYouMean } from "../text/suggest.ts";

/** A parsed key. `offsets` holds where each selector value starts in the key text. */
export interface ParsedKey {
  metric: MetricDef;
  selector: Selector;
  offsets: Partial<Record<SelectorKey, number>>;
}

/** Why a key was rejected; `offset` is the index in the key text the problem starts at. */
export interface KeyError {
  kind: "unknown-metric" | "invalid-selector";
  message: string;
  offset: number;
}

/** The outcome of {@link parseThresholdKey}. */
export type KeyResult = { ok: true; key: ParsedKey } | { ok: false; error: KeyError };

const SELECTOR_KEYS: readonly SelectorKey[] = ["event", "phase", "bench"];
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

function fail(kind: KeyError["kind"], message: string, offset: number): KeyResult {
  return { ok: false, error: { kind, message, offset } };
}

/** Parses a threshold key such as `latency.persisted{event: chat}`. */
export function parseThresholdKey(text: string): KeyResult {
  const brace = text.indexOf("{");
  const name = (brace < 0 ? text : text.slice(0, brace)).trim();
  const metric = findMetric(name);
  if (!metric) {
    const start = text.length - text.trimStart().length;
    return fail("unknown-metric", `unknown metric \`${name}\`${didYouMean(name, metricNames())}`, start);
  }
  const result: ParsedKey = { metric, selector: {}, offsets: {} };
  if (brace < 0) return { ok: true, key: result };
  if (!text.trimEnd().endsWith("}")) {
    return fail("invalid-selector", `a selector must end with \`}\`, e.g. \`${name}{event: chat}\``, text.length);
  }
  const inner = text.slice(brace + 1, text.trimEnd().length - 1);
  let offset = brace + 1;
  for (const part of inner.split(",")) {
    const partOffset = offset;
    offset += part.length + 1;
    const colon = part.indexOf(":");
    const rawKey = colon < 0 ? part.trim() : part.slice(0, colon).trim();
    const keyOffset = partOffset + (part.length - part.trimStart().length);
    if (colon < 0) {
      return fail("invalid-selector", `a selector part must read \`key: name\`, got \`${part.trim()}\``, keyOffset);
    }
    const rawValue = part.slice(colon + 1);
    const value = rawValue.trim();
    const valueOffset = partOffset + colon + 1 + (rawValue.length - rawValue.trimStart().length);
    if (!SELECTOR_KEYS.includes(rawKey as SelectorKey)) {
      return fail(
        "invalid-selector",
        `unknown selector key \`${rawKey}\`${didYouMean(rawKey, [...SELECTOR_KEYS])}; keys are event, phase, bench`,
        keyOffset,
      );
    }
    const key = rawKey as SelectorKey;
    if (!metric.selectors.includes(key)) {
      const allowed = metric.selectors.length === 0 ? "no selector" : metric.selectors.join(", ");
      return fail(
        "invalid-selector",
        `\`${metric.name}\` cannot be selected by \`${key}\` (it takes ${allowed})`,
        keyOffset,
      );
    }
    if (result.selector[key] !== undefined) {
      return fail("invalid-selector", `selector key \`${key}\` appears twice`, keyOffset);
    }
    if (!NAME.test(value)) {
      return fail("invalid-selector", `\`${value}\` is not a valid ${key} name`, valueOffset);
    }
    result.selector[key] = value;
    result.offsets[key] = valueOffset;
  }
  return { ok: true, key: result };
}

/** The canonical text of a metric and selector, e.g. `latency.persisted{event: chat, phase: steady}`. */
export function formatThresholdKey(metric: string, selector: Selector): string {
  const parts = SELECTOR_KEYS.filter((k) => selector[k] !== undefined).map((k) => `${k}: ${selector[k]}`);
  return parts.length === 0 ? metric : `${metric}{${parts.join(", ")}}`;
}
