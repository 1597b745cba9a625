/**
 * Normalizes `phases` and their load models, applying `quick.phases` overrides when asked to.
 * @module
 */
import { CAPS, DEFAULTS } from "./caps.ts";
import type { NormalizeContext } from "./context.ts";
import { parseDuration } from "./duration.ts";
import { normalizeMix } from "./normalize-events.ts";
import { durationMs } from "./normalize-service.ts";
import { normalizeStreams } from "./normalize-streams.ts";
import { streamsSummaryMix } from "./streams.ts";
import type { RawLoad, RawMix, RawPhase, RawQuickPhase, RawScenario } from "./raw.ts";
import { didYouMean } from "../text/suggest.ts";
import type { EventType, LoadModel, MicroBench, MixEntry, Phase, PhaseKind } from "./types.ts";
import { childPath } from "./yaml-source.ts";

const MODELS = ["rate", "concurrency", "count", "micro"] as const;

function microLoad(load: RawLoad, path: string, kind: PhaseKind, events: EventType[], ctx: NormalizeContext) {
  const benches: MicroBench[] = [];
  const names = events.map((e) => e.name);
  const seen = new Set<string>();
  (load.micro ?? []).forEach((b, i) => {
    const at = `${path}/micro/${i}`;
    if (seen.has(b.name)) ctx.report(`${at}/name`, "duplicate-name", `duplicate bench name \`${b.name}\``);
    seen.add(b.name);
    const event = events.find((e) => e.name === b.event);
    if (!names.includes(b.event)) {
      ctx.report(`${at}/event`, "unknown-event", `unknown event \`${b.event}\`${didYouMean(b.event, names)}`);
    } else if (b.op === "request" && event?.request === undefined) {
      ctx.report(`${at}/op`, "invalid-load", `op \`request\` needs a request event; \`${b.event}\` is not one`);
    } else if (b.op === "direct-insert" && !event?.persisted) {
      ctx.report(`${at}/op`, "invalid-load", `op \`direct-insert\` needs a persisted event; \`${b.event}\` is not one`);
    }
    benches.push({ name: b.name, op: b.op, event: b.event });
  });
  if (kind !== "micro") {
    ctx.report(`${path}/micro`, "invalid-load", "a `micro` load belongs in a phase of kind `micro`", "key");
  }
  return { kind: "micro" as const, benches };
}

/** The load model of one phase; `path` points at the `load` value in use. */
export function normalizeLoad(
  load: RawLoad | undefined,
  path: string,
  kind: PhaseKind,
  events: EventType[],
  ctx: NormalizeContext,
): LoadModel {
  if (load === undefined) {
    if (kind !== "cooldown") {
      const message = kind === "micro" ? "a `micro` phase needs `load: { micro: [...] }`" : "this phase needs a `load`";
      ctx.report(path.replace(/\/load$/, ""), "missing-load", `${message} (only a cooldown may have none)`);
    }
    return { kind: "idle" };
  }
  const given = MODELS.filter((m) => load[m] !== undefined);
  const conflict = (key: string, message: string) => ctx.report(`${path}/${key}`, "invalid-load", message, "key");
  if (load.micro !== undefined) {
    for (const other of given.filter((m) => m !== "micro")) conflict(other, "a `micro` load takes no other model");
    if (load.thinkTime !== undefined) conflict("thinkTime", "a `micro` load has no `thinkTime`");
    return microLoad(load, path, kind, events, ctx);
  }
  if (kind === "micro") ctx.report(path, "invalid-load", "a `micro` phase needs `load: { micro: [...] }`");
  if (load.count !== undefined) {
    if (load.rate !== undefined) conflict("rate", "`count` (as fast as possible) takes no `rate`");
    if (load.thinkTime !== undefined) conflict("thinkTime", "`count` (as fast as possible) takes no `thinkTime`");
    return { kind: "count", count: load.count, concurrency: load.concurrency ?? DEFAULTS.countConcurrency };
  }
  if (load.concurrency !== undefined) {
    if (load.rate !== undefined) {
      conflict("rate", "`rate` (open loop) and `concurrency` (closed loop) are different load models: pick one");
    }
    const thinkTimeMs = load.thinkTime === undefined
      ? DEFAULTS.thinkTimeMs
      : durationMs(ctx, load.thinkTime, `${path}/thinkTime`, CAPS.thinkTimeMs, "`thinkTime`");
    return { kind: "concurrency", workers: load.concurrency, thinkTimeMs };
  }
  if (load.thinkTime !== undefined) conflict("thinkTime", "`thinkTime` belongs to a closed loop: add `concurrency`");
  if (load.rate === undefined) return { kind: "idle" };
  if (typeof load.rate === "number") return { kind: "rate", from: load.rate, to: load.rate };
  if (load.rate.from === 0 && load.rate.to === 0) {
    ctx.report(`${path}/rate`, "out-of-range", "a ramp from 0 to 0 sends nothing; one end must be above 0");
  }
  return { kind: "rate", from: load.rate.from, to: load.rate.to };
}

function sends(load: LoadModel): boolean {
  return load.kind === "rate" || load.kind === "concurrency" || load.kind === "count" || load.kind === "streams";
}

/**
 * The `streams` load of a phase that has them (its own or, under `--quick`, `quick.phases.NAME.streams`, which
 * replace the phase's streams or its `load` and `mix`), or undefined for a phase with `load`/`mix`. `streams`
 * excludes `load` and `mix` in the same map, and a phase with its own streams takes no quick `load` or `mix`.
 */
function streamsLoad(
  p: RawPhase,
  over: RawQuickPhase | undefined,
  paths: { phase: string; over: string },
  events: EventType[],
  ctx: NormalizeContext,
): { load: LoadModel; mix: MixEntry[] } | undefined {
  const fromQuick = over?.streams !== undefined;
  const raw = fromQuick ? over!.streams : p.streams;
  if (raw === undefined) return undefined;
  const holder: RawPhase | RawQuickPhase = fromQuick ? over! : p;
  const holderPath = fromQuick ? paths.over : paths.phase;
  for (const key of ["load", "mix"] as const) {
    if (holder[key] !== undefined) {
      ctx.report(
        `${holderPath}/${key}`,
        "invalid-load",
        `\`streams\` excludes \`${key}\` on the same phase: give each stream its own \`event\` or \`mix\` and its load`,
        "key",
      );
    }
    if (!fromQuick && over?.[key] !== undefined) {
      ctx.report(
        `${paths.over}/${key}`,
        "invalid-load",
        `phase \`${p.name}\` has \`streams\`: override them with \`streams\`, not \`${key}\``,
        "key",
      );
    }
  }
  const streamsPath = `${holderPath}/streams`;
  const loadOf = (load: RawLoad, at: string) => normalizeLoad(load, at, p.kind, events, ctx);
  const streams = normalizeStreams(raw, streamsPath, p.kind, events, loadOf, ctx);
  return { load: { kind: "streams", streams }, mix: streamsSummaryMix(streams) };
}

/** The phases in order, with start offsets; `scenarioMix` undefined = the scenario has no usable mix. */
export function normalizePhases(
  raw: RawScenario,
  events: EventType[],
  scenarioMix: MixEntry[] | undefined,
  quick: boolean,
  ctx: NormalizeContext,
): Phase[] {
  const phases: Phase[] = [];
  const firstByName = new Map<string, number>();
  let startMs = 0;
  raw.phases.forEach((p: RawPhase, i) => {
    const path = `/phases/${i}`;
    const first = firstByName.get(p.name);
    if (first !== undefined) {
      ctx.report(`${path}/name`, "duplicate-name", `duplicate phase name \`${p.name}\` (also phase ${first + 1})`);
    } else firstByName.set(p.name, i);
    const overrides = raw.quick?.phases ?? {};
    const over = quick && Object.hasOwn(overrides, p.name) ? overrides[p.name] : undefined;
    if (over?.skip === true) return;
    const overPath = childPath("/quick/phases", p.name);
    const pick = <T>(own: T | undefined, quickValue: T | undefined, key: string): [T | undefined, string] =>
      quickValue !== undefined ? [quickValue, `${overPath}/${key}`] : [own, `${path}/${key}`];
    const [duration = "0ms", durationPath] = pick(p.duration, over?.duration, "duration");
    const [load, loadPath] = pick<RawLoad>(p.load, over?.load, "load");
    const [mix, mixPath] = pick<RawMix>(p.mix, over?.mix, "mix");
    const ms = parseDuration(duration) ?? 0;
    if (ms <= 0) ctx.report(durationPath, "out-of-range", "a phase must last longer than 0");
    const multi = streamsLoad(p, over, { phase: path, over: overPath }, events, ctx);
    const model = multi?.load ?? normalizeLoad(load, loadPath, p.kind, events, ctx);
    let phaseMix = multi?.mix ?? (mix === undefined ? scenarioMix : normalizeMix(mix, mixPath, events, ctx));
    if (phaseMix === undefined) {
      if (sends(model)) {
        ctx.report(
          path,
          "mix-required",
          `phase \`${p.name}\` sends events but there are ${events.length} event types and no \`mix\`: ` +
            "add a top-level `mix` or one on the phase",
        );
      }
      phaseMix = events.map((e) => ({ event: e.name, weight: 1 / events.length }));
    }
    const phase: Phase = {
      name: p.name,
      kind: p.kind,
      durationMs: ms,
      load: model,
      mix: phaseMix,
      startMs,
      pos: ctx.pos(path),
    };
    if (p.path !== undefined) phase.path = p.path;
    phases.push(phase);
    startMs += ms;
  });
  return phases;
}
