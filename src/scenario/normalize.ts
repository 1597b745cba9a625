/**
 * Turns a schema-valid scenario value into the normalized {@link Scenario}, running every semantic check the
 * schema cannot express. Runs once for the full variant and once for the quick one.
 * @module
 */
import { baseName, extName, resolvePath } from "../runtime/paths.ts";
import { CAPS, DEFAULTS } from "./caps.ts";
import { NormalizeContext } from "./context.ts";
import { formatDuration } from "./duration.ts";
import { evenMix, normalizeEvents, normalizeMix, normalizePools } from "./normalize-events.ts";
import { normalizeAb } from "./normalize-ab.ts";
import { normalizeFaults } from "./normalize-faults.ts";
import { normalizePhases } from "./normalize-phases.ts";
import { durationMs, normalizeService, normalizeTarget } from "./normalize-service.ts";
import { normalizeThresholds } from "./normalize-thresholds.ts";
import type { RawScenario } from "./raw.ts";
import { didYouMean } from "../text/suggest.ts";
import type { Phase, Scenario } from "./types.ts";
import { childPath, type YamlSource } from "./yaml-source.ts";

function checkName(raw: RawScenario, file: string, ctx: NormalizeContext): void {
  const ext = extName(file);
  if (ext !== ".yaml" && ext !== ".yml") return;
  const base = baseName(file, ext);
  if (raw.name !== base) {
    ctx.report("/name", "name-mismatch", `the name \`${raw.name}\` differs from the file's base name \`${base}\``);
  }
}

function checkTimeline(raw: RawScenario, phases: Phase[], totalMs: number, ctx: NormalizeContext): void {
  const phaseIndex = (p: Phase) => raw.phases.findIndex((r) => r.name === p.name);
  const measured = phases.filter((p) => p.kind !== "warmup" && p.kind !== "cooldown");
  if (measured.length === 0) {
    ctx.report("/phases", "no-measured-phase", "needs at least one measured phase (not `warmup` or `cooldown`)");
  }
  const warmups = phases.filter((p) => p.kind === "warmup");
  const warmupMs = warmups.reduce((sum, p) => sum + p.durationMs, 0);
  const measuredMs = measured.reduce((sum, p) => sum + p.durationMs, 0);
  if (warmups.length > 0 && measured.length > 0 && warmupMs >= measuredMs) {
    ctx.report(
      `/phases/${phaseIndex(warmups[0]!)}/duration`,
      "warmup-too-long",
      `the warmup (${formatDuration(warmupMs)}) must be shorter than the measured phases (${
        formatDuration(measuredMs)
      })`,
    );
  }
  if (totalMs > CAPS.totalDurationMs) {
    ctx.report(
      "/phases",
      "out-of-range",
      `the run lasts ${formatDuration(totalMs)}, over the cap of ${formatDuration(CAPS.totalDurationMs)}`,
    );
  }
}

/** The normalized scenario (also when problems were found) and the semantic problems, unsorted. */
export function normalizeScenario(
  raw: RawScenario,
  source: YamlSource,
  quick: boolean,
): { scenario: Scenario; problems: NormalizeContext["problems"] } {
  const ctx = new NormalizeContext(source);
  checkName(raw, source.file, ctx);
  const target = normalizeTarget(raw, ctx);
  const service = normalizeService(raw, ctx);
  const path = raw.path ?? "nats";
  const directNeedsReference = "the `direct` path writes with the reference storage: use `reference`";
  if (path === "direct" && service.kind !== "reference") ctx.report("/path", "invalid-service", directNeedsReference);
  raw.phases.forEach((p, i) => {
    if (p.path === "direct" && path !== "direct" && service.kind !== "reference") {
      ctx.report(`/phases/${i}/path`, "invalid-service", directNeedsReference);
    }
  });
  const pools = normalizePools(raw);
  const events = normalizeEvents(raw, service, pools, ctx);
  const scenarioMix = raw.mix !== undefined
    ? normalizeMix(raw.mix, "/mix", events, ctx)
    : events.length === 1
    ? evenMix(events)
    : undefined;
  const phases = normalizePhases(raw, events, scenarioMix, quick, ctx);
  const allPhases = raw.phases.map((p) => p.name);
  for (const name of Object.keys(raw.quick?.phases ?? {})) {
    if (!allPhases.includes(name)) {
      ctx.report(
        childPath("/quick/phases", name),
        "unknown-phase",
        `unknown phase \`${name}\`${didYouMean(name, allPhases)}`,
        "key",
      );
    }
  }
  const totalMs = phases.reduce((sum, p) => sum + p.durationMs, 0);
  checkTimeline(raw, phases, totalMs, ctx);
  // Faults act on NATS and the service, which only a run with a phase on the `nats` path starts.
  const usesNats = phases.some((p) => (p.path ?? path) === "nats");
  const faults = normalizeFaults(raw, quick, { target, service, path: usesNats ? "nats" : "direct" }, totalMs, ctx);
  if (faults.some((f) => f.action === "restart-nats") && target.url === undefined) target.embedded = true;
  const thresholds = normalizeThresholds(raw, quick, { events, phases, faults, service, path, allPhases }, ctx);
  const grace = quick && raw.quick?.grace !== undefined
    ? durationMs(ctx, raw.quick.grace, "/quick/grace", CAPS.graceMs, "`grace`")
    : raw.grace !== undefined
    ? durationMs(ctx, raw.grace, "/grace", CAPS.graceMs, "`grace`")
    : DEFAULTS.graceMs;
  const ab = normalizeAb(raw, quick, service, ctx);
  const scenario: Scenario = {
    version: 1,
    name: raw.name,
    description: raw.description,
    tags: raw.tags ?? [],
    file: resolvePath(source.file),
    quick,
    target,
    service,
    path,
    pools,
    events,
    mix: scenarioMix ?? evenMix(events),
    phases,
    faults,
    thresholds,
    durationMs: totalMs,
    graceMs: grace,
    seed: raw.seed ?? DEFAULTS.seed,
    ...(ab ? { ab } : {}),
  };
  return { scenario, problems: ctx.problems };
}
