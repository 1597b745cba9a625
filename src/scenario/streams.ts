/**
 * Questions about a phase's load that must answer alike for one load and for several streams: whether any of it
 * is open loop, the streams it runs, a stream's label.
 * @module
 */
import type { LoadModel, LoadStream, MixEntry } from "./types.ts";

/** A label of a stream for reports: its event names joined by `+`. */
export function streamLabel(stream: Pick<LoadStream, "mix">): string {
  return stream.mix.map((m) => m.event).join("+");
}

/** True when some of the load is open loop (a `rate`, or a `streams` load with a rate stream). */
export function hasOpenLoop(load: LoadModel): boolean {
  return load.kind === "rate" || (load.kind === "streams" && load.streams.some((s) => s.load.kind === "rate"));
}

/** The summary mix of a multi-stream phase: every stream's events, each stream's weights scaled by 1/streams. */
export function streamsSummaryMix(streams: readonly LoadStream[]): MixEntry[] {
  return streams.flatMap((s) => s.mix.map((m) => ({ event: m.event, weight: m.weight / streams.length })));
}
