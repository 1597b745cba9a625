/**
 * Normalizes a phase's `streams`: several loads at once, each over its own events (`event:` or `mix:`) with its
 * own open-loop rate or closed-loop concurrency. An event belongs to at most one stream of a phase, so what each
 * stream offered and achieved is exact from the per-event counters.
 * @module
 */
import { CAPS } from "./caps.ts";
import type { NormalizeContext } from "./context.ts";
import { normalizeMix } from "./normalize-events.ts";
import type { RawLoad, RawStream } from "./raw.ts";
import { didYouMean } from "../text/suggest.ts";
import type { EventType, LoadModel, LoadStream, MixEntry, PhaseKind } from "./types.ts";
import { childPath } from "./yaml-source.ts";

/** Keys of a stream that are whole-phase loads, with the reason they cannot be a stream. */
const PHASE_ONLY: Readonly<Record<"count" | "micro", string>> = {
  count: "`count` (a fixed number, as fast as possible) is a whole-phase load: give it its own phase with " +
    "`load: { count: N }`",
  micro: "`micro` benchmarks are a whole-phase load: give them a phase of kind `micro` with `load: { micro: [...] }`",
};

/** The events of one stream, or undefined when it names none usably. */
function streamMix(
  s: RawStream,
  at: string,
  events: EventType[],
  ctx: NormalizeContext,
): MixEntry[] | undefined {
  if (s.event !== undefined && s.mix !== undefined) {
    ctx.report(`${at}/mix`, "invalid-stream", "`event` (one event type) and `mix` (weights) exclude each other", "key");
    return undefined;
  }
  if (s.event !== undefined) {
    const names = events.map((e) => e.name);
    if (!names.includes(s.event)) {
      ctx.report(`${at}/event`, "unknown-event", `unknown event \`${s.event}\`${didYouMean(s.event, names)}`);
      return undefined;
    }
    return [{ event: s.event, weight: 1 }];
  }
  if (s.mix !== undefined) return normalizeMix(s.mix, `${at}/mix`, events, ctx);
  ctx.report(at, "invalid-stream", "a stream needs `event:` (one event type) or `mix:` (weights)");
  return undefined;
}

/** Normalizes a phase's load model (`normalizeLoad`), passed in so the two modules do not import each other. */
export type LoadNormalizer = (load: RawLoad, path: string) => LoadModel;

/**
 * The streams of one phase; `path` points at the `streams` list in use, `loadOf` reads a stream's `rate` or
 * `concurrency`. Reports every problem at its line and column; a stream with problems is left out of the result.
 */
export function normalizeStreams(
  raw: readonly RawStream[],
  path: string,
  kind: PhaseKind,
  events: EventType[],
  loadOf: LoadNormalizer,
  ctx: NormalizeContext,
): LoadStream[] {
  if (kind === "micro") {
    ctx.report(path, "invalid-load", "a `micro` phase runs benchmarks, not streams: use `load: { micro: [...] }`");
    return [];
  }
  const owner = new Map<string, number>();
  const out: LoadStream[] = [];
  raw.forEach((s, i) => {
    const at = `${path}/${i}`;
    let ok = true;
    for (const key of ["count", "micro"] as const) {
      if (s[key] !== undefined) {
        ctx.report(`${at}/${key}`, "invalid-stream", PHASE_ONLY[key], "key");
        ok = false;
      }
    }
    const mix = streamMix(s, at, events, ctx);
    for (const m of mix ?? []) {
      const first = owner.get(m.event);
      if (first !== undefined) {
        const where = s.event !== undefined ? `${at}/event` : childPath(`${at}/mix`, m.event);
        ctx.report(
          where,
          "invalid-stream",
          `event \`${m.event}\` is already in stream ${first + 1} of this phase: an event belongs to one stream`,
          s.event !== undefined ? "value" : "key",
        );
        ok = false;
      } else owner.set(m.event, i);
    }
    if (s.rate === undefined && s.concurrency === undefined) {
      if (s.count === undefined && s.micro === undefined) {
        ctx.report(at, "invalid-stream", "a stream needs `rate:` (open loop) or `concurrency:` (closed loop)");
      }
      return;
    }
    const rawLoad: RawLoad = {};
    if (s.rate !== undefined) rawLoad.rate = s.rate;
    if (s.concurrency !== undefined) rawLoad.concurrency = s.concurrency;
    if (s.thinkTime !== undefined) rawLoad.thinkTime = s.thinkTime;
    const load = loadOf(rawLoad, at);
    if (!ok || mix === undefined || (load.kind !== "rate" && load.kind !== "concurrency")) return;
    out.push({ mix, load });
  });
  // The caps of one load hold for the phase as a whole: streams must not add up past them.
  const peak = out.reduce((n, s) => n + (s.load.kind === "rate" ? Math.max(s.load.from, s.load.to) : 0), 0);
  const workers = out.reduce((n, s) => n + (s.load.kind === "concurrency" ? s.load.workers : 0), 0);
  if (peak > CAPS.rate) {
    ctx.report(path, "out-of-range", `the streams' rates add up to ${peak}/s, over the cap of ${CAPS.rate}/s`);
  }
  if (workers > CAPS.concurrency) {
    ctx.report(path, "out-of-range", `the streams' workers add up to ${workers}, over the cap of ${CAPS.concurrency}`);
  }
  return out;
}
