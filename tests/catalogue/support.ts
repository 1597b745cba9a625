/**
 * Helpers for the catalogue's proof tests: load a real scenario of scenarios/ (quick variant, optionally with
 * shorter phases), point it at a deliberately broken service, run it on a private nats-server, and find checks.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import type { RunResult, ThresholdCheck } from "../../src/result/types.ts";
import { type RunOptions, runScenario } from "../../src/run/runner.ts";
import { startNatsServer } from "../../src/runtime/nats-server.ts";
import { tsEntryArgv } from "../../src/runtime/spawn.ts";
import { loadScenarioFile } from "../../src/scenario/check.ts";
import type { ReadinessProbe, Scenario, ServiceSpec } from "../../src/scenario/types.ts";

/** The generator's self-health check has its own tests; the suite runs on a busy machine. */
export const LENIENT = { maxLagP99Us: 2_000_000, maxGeneratorCpu: 1000 };

const scenariosDir = fileURLToPath(new URL("../../scenarios/", import.meta.url));
const chaosEntry = fileURLToPath(new URL("../fixtures/services/chaos.ts", import.meta.url));

/**
 * The quick variant of catalogue scenario `name`, with the phases named in `durations` shortened (ms); start
 * offsets and the total are recomputed. Faults keep their offsets.
 */
export function catalogueScenario(name: string, durations: Record<string, number> = {}): Scenario {
  const s = loadScenarioFile(`${scenariosDir}${name}.yaml`, { quick: true, env: {} });
  let start = 0;
  const phases = s.phases.map((p) => {
    const durationMs = durations[p.name] ?? p.durationMs;
    const phase = { ...p, durationMs, startMs: start };
    start += durationMs;
    return phase;
  });
  return { ...s, phases, durationMs: start };
}

/** The chaos fixture as a command service on the scenario's prefix, publishing commit notices. */
export function chaosService(prefix: string, flags: string, ready?: ReadinessProbe): ServiceSpec {
  return {
    kind: "command",
    prefix,
    command: `${tsEntryArgv(chaosEntry).join(" ")} --nats {nats} --db {db} --prefix {prefix} ${flags}`,
    ready: ready ?? { kind: "request", subject: `${prefix}._stats`, timeoutMs: 20_000 },
    env: {},
    notices: true,
  };
}

/** Runs `scenario` against a private nats-server (stopped afterwards). */
export async function runOnPrivateNats(
  scenario: Scenario,
  extra: Partial<RunOptions> = {},
): Promise<RunResult> {
  const nats = await startNatsServer();
  try {
    return await runScenario({ scenario, auth: {}, env: {}, natsUrl: nats.url, health: LENIENT, ...extra });
  } finally {
    await nats.dispose();
  }
}

/** The checks of `key`, asserting there is at least one. */
export function checksOf(result: RunResult, key: string): ThresholdCheck[] {
  const found = result.checks.filter((c) => c.key === key);
  assert.ok(found.length > 0, `a check on ${key} exists (have: ${result.checks.map((c) => c.key).join(", ")})`);
  return found;
}

/** The one check of `key` with `condition`. */
export function checkOf(result: RunResult, key: string, condition: string): ThresholdCheck {
  const found = checksOf(result, key).find((c) => c.condition === condition);
  assert.ok(found, `a check \`${key}: ${condition}\` exists`);
  return found;
}

/** The overall counts of a result. */
export function overallCounts(result: RunResult) {
  const c = result.counts.find((x) => x.event === undefined && x.phase === undefined);
  assert.ok(c, "overall counts exist");
  return c;
}
