/**
 * `npm run bench:soak [-- --hour | --minutes N] [--rate N] [--no-reference]`
 *
 * busmark's own memory over a long run: the catalogue's `soak` scenario (message.log into the reference service,
 * commit notices, probe), at 10,000 events/s for 10 minutes by default (`--hour`: 60), against a private
 * nats-server. After a warm-up, busmark's RSS (this process: it runs the load) is sampled every 5 s and its growth
 * fitted by least squares: PASS when ≤ 20 MB/h. Beside it, in the same run, a raw nats.js loop of the same rate in
 * its own process (`soak-reference.ts`), and busmark's tracker's retained bytes (the per-event state). Not a test:
 * it prints figures; the machine is shared, so the load average is printed with them.
 * @module
 */
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import type { RunContext } from "../src/run/context.ts";
import { runScenario } from "../src/run/runner.ts";
import { ownPid } from "../src/runtime/host.ts";
import { runtimeInfo } from "../src/runtime/detect.ts";
import { startNatsServer } from "../src/runtime/nats-server.ts";
import { sampleProcess } from "../src/runtime/process-stats.ts";
import { signalProcess, spawnArgv, tsEntryArgv, waitForExit } from "../src/runtime/spawn.ts";
import { loadScenarioFile } from "../src/scenario/check.ts";
import type { Scenario } from "../src/scenario/types.ts";
import { linearRegression } from "../src/stats/regression.ts";

/** The target: busmark's RSS grows at most this much an hour. */
const BUDGET_MB_H = 20;
const SAMPLE_EVERY_MS = 5000;
const WARMUP_PHASE_MS = 30_000;

const args = process.argv.slice(2);
const numberArg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!(n > 0)) throw new Error(`Cannot run bench:soak: ${name} needs a positive number, got ${args[i + 1]}`);
  return n;
};
const minutes = numberArg("--minutes", args.includes("--hour") ? 60 : 10);
const rate = numberArg("--rate", 10_000);
const withReference = !args.includes("--no-reference");
const steadyMs = minutes * 60_000;
/** Samples start this long after the run started: the warmup phase, then a fifth of steady (at most 2 min). */
const settleMs = WARMUP_PHASE_MS + Math.min(120_000, steadyMs / 5);

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "n/a";
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const MB = 1024 * 1024;

/** The catalogue's soak scenario at `rate` for `steadyMs`, its 30 s warmup phase kept. */
function soakScenario(natsUrl: string): Scenario {
  const file = fileURLToPath(new URL("../scenarios/soak.yaml", import.meta.url));
  const scenario = loadScenarioFile(file, { env: { NATS_URL: natsUrl } });
  const [warmup, steady] = scenario.phases;
  if (!warmup || !steady || scenario.phases.length !== 2) {
    throw new Error("Cannot run bench:soak: scenarios/soak.yaml no longer has a warmup and a steady phase");
  }
  const load = { kind: "rate" as const, from: rate, to: rate };
  return {
    ...scenario,
    phases: [
      { ...warmup, durationMs: WARMUP_PHASE_MS, startMs: 0, load },
      { ...steady, durationMs: steadyMs, startMs: WARMUP_PHASE_MS, load },
    ],
    durationMs: WARMUP_PHASE_MS + steadyMs,
  };
}

interface Series {
  t: number[];
  mb: number[];
}

/** A least-squares growth line of a series, in MB/h, with r² and the first and last values. */
function growth(s: Series): { mbPerHour: number; r2: number; n: number; first: number; last: number } {
  const fit = linearRegression(s.t.map((ms) => ms / 3_600_000), s.mb);
  return { mbPerHour: fit.slope, r2: fit.r2, n: s.t.length, first: s.mb[0] ?? NaN, last: s.mb.at(-1) ?? NaN };
}

function line(name: string, s: Series): string {
  const g = growth(s);
  return `${name.padEnd(44)}${fmt(g.mbPerHour, 1).padStart(8)} MB/h  r² ${fmt(g.r2, 2)}  (${g.n} samples, ${
    fmt(g.first, 1)
  } → ${fmt(g.last, 1)} MB)`;
}

const runtime = runtimeInfo();
console.log(`busmark bench:soak — ${runtime.name} ${runtime.version}, ${cpus().length} × ${cpus()[0]?.model ?? "?"}`);
console.log(
  `soak scenario at ${fmt(rate)} events/s: ${WARMUP_PHASE_MS / 1000} s warmup + ${fmt(minutes, 1)} min steady; ` +
    `RSS sampled every ${SAMPLE_EVERY_MS / 1000} s from ${fmt(settleMs / 1000)} s on`,
);
console.log(`load average at start: ${load()} (the machine is shared; figures move with it)\n`);

const server = await startNatsServer();
let reference: { pid: number; stop(): Promise<string> } | undefined;
try {
  if (withReference) {
    const entry = fileURLToPath(new URL("./soak-reference.ts", import.meta.url));
    const child = spawnArgv(
      [...tsEntryArgv(entry), "--url", server.url, "--rate", String(rate), "--subject", "soakref.raw"],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const exited = waitForExit(child);
    reference = {
      pid: child.pid ?? -1,
      async stop() {
        signalProcess(child.pid ?? -1, "SIGTERM");
        const timer = setTimeout(() => signalProcess(child.pid ?? -1, "SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
        return out.trim();
      },
    };
  }
  let ctx: RunContext | undefined;
  const own: Series = { t: [], mb: [] };
  const ref: Series = { t: [], mb: [] };
  const retained: Series = { t: [], mb: [] };
  const loads: number[] = [];
  const t0 = performance.now();
  const sampler = setInterval(async () => {
    const t = performance.now() - t0;
    if (t < settleMs || !ctx) return;
    const [mine, theirs] = await Promise.all([
      sampleProcess(ownPid()),
      reference ? sampleProcess(reference.pid) : Promise.resolve(undefined),
    ]);
    if (mine) own.t.push(t), own.mb.push(mine.rssBytes / MB);
    if (theirs) ref.t.push(t), ref.mb.push(theirs.rssBytes / MB);
    retained.t.push(t), retained.mb.push(ctx.tracker.retainedBytes() / MB);
    loads.push(loadavg()[0]!);
  }, SAMPLE_EVERY_MS);
  const result = await runScenario({
    scenario: soakScenario(server.url),
    auth: {},
    env: { NATS_URL: server.url },
    natsUrl: server.url,
    onContext: (c) => (ctx = c),
  });
  clearInterval(sampler);
  const referenceOut = await reference?.stop();
  reference = undefined;

  const total = result.counts.find((c) => c.phase === undefined && c.event === undefined);
  const p99 = result.metrics.find((m) => m.metric === "latency.persisted" && !m.phase && !m.event)?.summary?.p99;
  console.log(
    `run ${result.status}, verdict ${result.verdict}: published ${fmt(total?.published ?? NaN)}, persisted ${
      fmt(total?.persisted ?? NaN)
    }, lost ${fmt(total?.lost ?? NaN)}, duplicated ${fmt(total?.duplicated ?? NaN)} (measured phase); p99 ` +
      `publish→persisted ${fmt((p99 ?? NaN) / 1000, 1)} ms`,
  );
  for (const reason of result.invalidReasons) console.log(`  invalid: ${reason}`);
  for (const check of result.checks.filter((c) => !c.pass)) {
    console.log(`  check failed: ${check.key} ${check.condition} (observed ${check.observed} ${check.unit})`);
  }
  const mine = growth(own);
  console.log(
    `\nRSS growth, least squares over the samples (load average 1 min: ${
      loads.length ? `${fmt(Math.min(...loads), 2)}–${fmt(Math.max(...loads), 2)}` : "n/a"
    } while sampled)`,
  );
  console.log(
    `${line("busmark (the process running the load)", own)}  ${
      mine.n >= 3 && mine.mbPerHour <= BUDGET_MB_H ? "PASS" : "FAIL"
    } (≤ ${BUDGET_MB_H} MB/h)`,
  );
  if (ref.t.length > 0) console.log(`${line("reference: raw nats.js loop, same rate", ref)}  ${referenceOut ?? ""}`);
  console.log(line("busmark tracker, retained bytes", retained));
  if (ctx) {
    const bytes = ctx.tracker.retainedBytes();
    const events = ctx.tracker.size;
    const released = ctx.tracker.released();
    console.log(
      `\ntracker at the end: ${fmt(bytes / MB, 2)} MB retained for ${fmt(events)} events (${
        fmt(bytes / Math.max(1, events), 3)
      } B/event; kept whole it would be 12 B/event = ${fmt((events * 12) / MB, 1)} MB); ${
        fmt(released.chunks)
      } chunks released, ${fmt(released.exceptions)} events kept whole in them`,
    );
  }
  console.log(`load average at end: ${load()}`);
} finally {
  await reference?.stop();
  await server.dispose();
}
