import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { validateResult } from "../../src/result/validate.ts";
import type { RunResult } from "../../src/result/types.ts";
import type { ProgressSnapshot } from "../../src/run/events.ts";
import { freePort, portAnswers } from "../../src/runtime/nats-server.ts";
import { tsEntryArgv } from "../../src/runtime/spawn.ts";
import { runScenario } from "../../src/run/runner.ts";
import type { Scenario, ServiceSpec } from "../../src/scenario/types.ts";
import { chatEvent, phase, recentChatRequest, scenario, threshold, uniquePrefix } from "../support/scenario.ts";

const NATS = "nats://127.0.0.1:4222";
const LENIENT = { maxLagP99Us: 2_000_000, maxGeneratorCpu: 1000 };
const chaosEntry = fileURLToPath(new URL("../fixtures/services/chaos.ts", import.meta.url));

function chaosService(prefix: string, flags: string): ServiceSpec {
  return {
    kind: "command",
    prefix,
    command: `${tsEntryArgv(chaosEntry).join(" ")} --nats {nats} --db {db} --prefix {prefix} ${flags}`,
    ready: { kind: "request", subject: `${prefix}._stats`, timeoutMs: 20_000 },
    env: {},
    notices: true,
  };
}

function run(s: Scenario, extra: Partial<Parameters<typeof runScenario>[0]> = {}): Promise<RunResult> {
  // The machine running the suite is busy; the generator's self-health check has its own tests.
  return runScenario({ scenario: s, auth: {}, env: {}, natsUrl: NATS, health: LENIENT, ...extra });
}

function overall(result: RunResult) {
  const c = result.counts.find((x) => x.event === undefined && x.phase === undefined);
  assert.ok(c, "overall counts exist");
  return c;
}

function check(result: RunResult, metric: string) {
  const c = result.checks.find((x) => x.metric === metric);
  assert.ok(c, `a check on ${metric} exists`);
  return c;
}

describe("runScenario against the reference service", () => {
  it("accounts for every event of an open-loop run and passes reachable thresholds", async () => {
    const prefix = uniquePrefix();
    const result = await run(scenario({
      prefix,
      events: [chatEvent(prefix)],
      phases: [
        phase("warmup", "warmup", 500, { kind: "rate", from: 100, to: 100 }),
        phase("steady", "steady", 2000, { kind: "rate", from: 200, to: 200 }),
      ],
      thresholds: [
        threshold("events.lost", [{ stat: { kind: "value" }, op: "==", value: 0, unit: "" }]),
        threshold("latency.persisted", [{
          stat: { kind: "percentile", p: 99 },
          op: "<",
          value: 1_000_000,
          unit: "ms",
        }]),
      ],
    }));
    assert.deepEqual(validateResult(JSON.parse(JSON.stringify(result))), []);
    const c = overall(result);
    assert.equal(c.published, 400, "warmup excluded: 2 s at 200/s");
    assert.equal(c.persisted, 400);
    assert.equal(c.delivered, 400);
    assert.equal(c.lost, 0);
    assert.equal(c.duplicated, 0);
    const warm = result.counts.find((x) => x.phase === "warmup");
    assert.equal(warm?.published, 50);
    const lat = result.metrics.find((m) => m.metric === "latency.persisted" && !m.phase && !m.event);
    assert.equal(lat?.summary?.count, 400);
    assert.ok(lat?.histogram, "histogram encoded");
    assert.equal(result.verdict, "pass", JSON.stringify([result.checks, result.invalidReasons]));
    assert.equal(result.status, "completed");
    assert.ok(result.timeseries.length >= 2);
    // Per event type how it was confirmed, with what the notices source saw (warmup included).
    const notices = result.confirmation?.find((e) => e.kind === "notices");
    assert.deepEqual(notices?.events, ["chat"]);
    assert.deepEqual([notices?.observed?.published, notices?.observed?.persisted], [450, 450]);
    const seen = notices?.observed?.sightings;
    assert.ok(seen && seen.matched > 0 && seen.seen >= seen.matched, JSON.stringify(seen));
  });

  it("fails an impossible threshold and records the observed value", async () => {
    const prefix = uniquePrefix();
    const result = await run(scenario({
      prefix,
      events: [chatEvent(prefix)],
      phases: [phase("steady", "steady", 1000, { kind: "rate", from: 100, to: 100 })],
      thresholds: [threshold("latency.persisted", [{ stat: { kind: "avg" }, op: "<", value: 1, unit: "us" }])],
    }));
    const c = check(result, "latency.persisted");
    assert.equal(c.pass, false);
    assert.ok(c.observed !== null && c.observed > 1, `observed ${c.observed}`);
    assert.equal(result.verdict, "fail");
  });

  it("runs closed-loop workers with requests and a burst, and reports the drain time", async () => {
    const prefix = uniquePrefix();
    const result = await run(scenario({
      prefix,
      events: [chatEvent(prefix), recentChatRequest(prefix)],
      phases: [
        phase("closed", "steady", 1000, { kind: "concurrency", workers: 2, thinkTimeMs: 0 }),
        phase("burst", "burst", 3000, { kind: "count", count: 300, concurrency: 1 }, {
          mix: [{ event: "chat", weight: 1 }],
        }),
      ],
    }));
    const closed = result.counts.find((x) => x.phase === "closed");
    assert.ok(closed && closed.published > 10, "closed loop sent events");
    assert.equal(closed.requestErrors + closed.requestTimeouts, 0);
    const burst = result.counts.find((x) => x.phase === "burst");
    assert.equal(burst?.published, 300);
    assert.equal(burst?.persisted, 300);
    const drain = result.metrics.find((m) => m.metric === "burst.drain" && m.phase === "burst");
    assert.ok(drain?.value !== undefined && drain.value > 0);
    assert.ok(result.metrics.some((m) => m.metric === "latency.request" && m.summary && m.summary.count > 0));
  });
});

describe("runScenario's progress snapshots", () => {
  it("count measured phases only, as the summary, show replies apart and no p99 before a sample", async () => {
    const prefix = uniquePrefix();
    const snapshots: ProgressSnapshot[] = [];
    const result = await run(
      scenario({
        prefix,
        events: [chatEvent(prefix), recentChatRequest(prefix)],
        phases: [
          phase("warmup", "warmup", 2200, { kind: "rate", from: 100, to: 100 }),
          phase("steady", "steady", 2200, { kind: "rate", from: 100, to: 100 }),
        ],
      }),
      { listener: (e) => e.type === "progress" && snapshots.push(e.snapshot) },
    );
    const warm = snapshots.filter((s) => s.warmup);
    assert.ok(warm.length >= 1, "a tick came during the warmup");
    for (const s of warm) {
      assert.equal(s.phase, "warmup");
      assert.deepEqual([s.published, s.persisted, s.replied, s.p99Us], [0, 0, 0, null], "warmup is not counted");
    }
    const steady = snapshots.filter((s) => !s.warmup);
    assert.ok(steady.length >= 1, "a tick came during the steady phase");
    const all = overall(result);
    const recent = result.counts.find((c) => c.event === "recent" && c.phase === undefined)!;
    for (const s of snapshots) {
      assert.ok(s.p99Us === null || s.p99Us > 0, `p99 ${s.p99Us}`);
      assert.ok(s.published <= all.published && s.persisted <= all.persisted, "never more than the summary counts");
      assert.ok(s.replied! <= recent.delivered);
    }
    const last = steady[steady.length - 1]!;
    assert.ok(last.published > 0 && last.replied! > 0, "requests answered in the steady phase show as replied");
    assert.ok(last.persisted <= last.published - last.replied!, "replies are never counted as persisted");
    const replied = result.timeseries.reduce((s, p) => s + (p.replied ?? 0), 0);
    assert.equal(
      replied,
      result.counts.filter((c) => c.event === "recent" && c.phase !== undefined)
        .reduce((s, c) => s + c.delivered, 0),
      "every reply is in the series, warmup included, apart from persisted",
    );
    // The run ends 4.4 s in, plus the moment the grace took: its last second is partial, and says so.
    const tail = result.timeseries.at(-1)!;
    assert.equal(tail.t, 4);
    assert.ok(tail.span !== undefined && tail.span >= 0.4 && tail.span < 1, `span ${tail.span}`);
  });
});

describe("runScenario proves its checks can fail", () => {
  it("a service that drops 10 % of events fails events.lost with the lost count observed", async () => {
    const prefix = uniquePrefix();
    const result = await run(scenario({
      prefix,
      service: chaosService(prefix, "--drop 0.1"),
      events: [chatEvent(prefix)],
      phases: [phase("steady", "steady", 2000, { kind: "rate", from: 250, to: 250 })],
      thresholds: [threshold("events.lost", [{ stat: { kind: "value" }, op: "==", value: 0, unit: "" }])],
      graceMs: 1000,
    }));
    const c = overall(result);
    assert.equal(c.published, 500);
    assert.ok(c.lost >= 25 && c.lost <= 75, `about 10 % lost, got ${c.lost}`);
    assert.equal(c.persisted + c.lost, 500);
    const lost = check(result, "events.lost");
    assert.equal(lost.pass, false);
    assert.equal(lost.observed, c.lost);
    assert.equal(result.verdict, "fail");
  });

  it("a service that adds 20 ms fails a 10 ms p95 budget", async () => {
    const prefix = uniquePrefix();
    const result = await run(scenario({
      prefix,
      service: chaosService(prefix, "--delay-ms 20"),
      events: [chatEvent(prefix)],
      phases: [phase("steady", "steady", 1000, { kind: "rate", from: 100, to: 100 })],
      thresholds: [
        threshold("latency.persisted", [{ stat: { kind: "percentile", p: 95 }, op: "<", value: 10_000, unit: "ms" }]),
      ],
    }));
    const c = check(result, "latency.persisted");
    assert.equal(c.pass, false);
    assert.ok(c.observed !== null && c.observed >= 20_000, `p95 ≥ 20 ms, got ${c.observed} µs`);
  });
});

describe("runScenario with faults", () => {
  const killScenario = (prefix: string, jetstream: boolean) =>
    scenario({
      prefix,
      service: { kind: "reference", prefix, jetstream, batchMax: 1000 },
      events: [chatEvent(prefix)],
      // Long enough after the kill for a restart on a loaded machine (service start-up takes 0.5-4 s here).
      phases: [phase("steady", "steady", 7000, { kind: "rate", from: 100, to: 100 })],
      faults: [{ action: "kill", atMs: 1000, durationMs: 500, pos: { file: "t", line: 1, column: 1 } }],
      graceMs: 5000,
    });

  it("core NATS: killing the service loses the events sent while it was down", async () => {
    const result = await run(killScenario(uniquePrefix(), false));
    const c = overall(result);
    assert.ok(c.lost > 0, `lost ${c.lost}`);
    assert.equal(result.faults.length, 1);
    const f = result.faults[0]!;
    assert.ok((f.lost ?? 0) > 0);
    assert.ok(f.recoveryMs !== undefined && f.recoveryMs >= 0, JSON.stringify(f));
  });

  it("JetStream: killing the service loses nothing and duplicates nothing", async () => {
    const result = await run(killScenario(uniquePrefix(), true));
    const c = overall(result);
    assert.equal(c.published, 700);
    assert.equal(c.lost, 0, JSON.stringify(c));
    assert.equal(c.persisted, 700);
    assert.equal(c.duplicated, 0);
  });
});

describe("runScenario infrastructure", () => {
  it("starts and stops its own NATS server when nothing answers", async () => {
    const port = await freePort();
    const prefix = uniquePrefix();
    const result = await runScenario({
      scenario: scenario({
        prefix,
        events: [chatEvent(prefix)],
        phases: [phase("steady", "steady", 500, { kind: "rate", from: 100, to: 100 })],
      }),
      auth: {},
      env: {},
      defaultNatsUrl: `nats://127.0.0.1:${port}`,
      health: LENIENT,
    });
    assert.equal(result.target.embedded, true);
    assert.equal(overall(result).persisted, 50);
    assert.equal(await portAnswers("127.0.0.1", port), false, "embedded server stopped");
  });

  it("an interrupted run still returns a result marked interrupted", async () => {
    const prefix = uniquePrefix();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 700);
    const result = await run(
      scenario({
        prefix,
        events: [chatEvent(prefix)],
        phases: [phase("steady", "steady", 10_000, { kind: "rate", from: 100, to: 100 })],
      }),
      { signal: controller.signal },
    );
    assert.equal(result.status, "interrupted");
    assert.equal(result.verdict, "interrupted");
    assert.ok(overall(result).published < 200);
  });
});

describe("runScenario judges its own generator", () => {
  it("marks a run invalid, not failed, when busmark's schedule lag exceeds its bound", async () => {
    const prefix = uniquePrefix();
    const result = await run(
      scenario({
        prefix,
        events: [chatEvent(prefix)],
        phases: [phase("steady", "steady", 500, { kind: "rate", from: 200, to: 200 })],
      }),
      { health: { maxLagP99Us: 0 } },
    );
    assert.equal(result.status, "invalid");
    assert.equal(result.verdict, "invalid");
    assert.match(result.invalidReasons[0] ?? "", /schedule lag p99 .* busmark could not offer the load/);
  });
});

describe("runScenario on the direct path", () => {
  it("writes in-process, confirms every event, and compares CPU cost with the NATS path", async () => {
    const prefix = uniquePrefix();
    const s = scenario({
      prefix,
      events: [chatEvent(prefix)],
      phases: [
        phase("nats", "steady", 1000, { kind: "rate", from: 300, to: 300 }, { path: "nats" }),
        phase("direct", "steady", 1000, { kind: "rate", from: 300, to: 300 }, { path: "direct" }),
        phase("micro", "micro", 400, {
          kind: "micro",
          benches: [
            { name: "insert", op: "direct-insert", event: "chat" },
            { name: "encode", op: "encode", event: "chat" },
          ],
        }),
      ],
    });
    const result = await run(s);
    const direct = result.counts.find((x) => x.phase === "direct");
    assert.equal(direct?.published, 300);
    assert.equal(direct?.persisted, 300);
    assert.ok(result.metrics.some((m) => m.metric === "cost.cpu" && m.phase === "direct" && (m.value ?? 0) > 0));
    assert.ok(result.metrics.some((m) => m.metric === "overhead.cpu" && m.value !== undefined));
    const micro = result.metrics.filter((m) => m.metric === "micro.op");
    assert.deepEqual(micro.map((m) => m.bench).sort(), ["encode", "insert"]);
    assert.ok(micro.every((m) => (m.summary?.count ?? 0) > 0 && (m.summary?.avg ?? 0) > 0));
    assert.deepEqual(validateResult(JSON.parse(JSON.stringify(result))), []);
  });
});

describe("runScenario against a secured NATS server", () => {
  it("passes user/password to busmark and the service it starts, and never reports the password", async () => {
    const { startNatsServer } = await import("../../src/runtime/nats-server.ts");
    const server = await startNatsServer({ args: ["--user", "bench", "--pass", "s3cr3t-pw"] });
    try {
      const prefix = uniquePrefix();
      const result = await runScenario({
        scenario: scenario({
          prefix,
          events: [chatEvent(prefix)],
          phases: [phase("steady", "steady", 500, { kind: "rate", from: 100, to: 100 })],
        }),
        auth: { user: "bench", pass: "s3cr3t-pw" },
        env: {},
        natsUrl: server.url,
        health: LENIENT,
      });
      assert.equal(overall(result).persisted, 50);
      assert.doesNotMatch(JSON.stringify(result), /s3cr3t-pw/);
    } finally {
      await server.dispose();
    }
  });

  it("fails fast with an infrastructure error when the credentials are wrong", async () => {
    const { startNatsServer } = await import("../../src/runtime/nats-server.ts");
    const { InfrastructureError } = await import("../../src/errors.ts");
    const server = await startNatsServer({ args: ["--auth", "right-token"] });
    try {
      const prefix = uniquePrefix();
      await assert.rejects(
        runScenario({
          scenario: scenario({
            prefix,
            events: [chatEvent(prefix)],
            phases: [phase("s", "steady", 500, { kind: "rate", from: 10, to: 10 })],
          }),
          auth: { token: "wrong-token" },
          env: {},
          natsUrl: server.url,
        }),
        (error: unknown) => error instanceof InfrastructureError && !String(error).includes("wrong-token"),
      );
    } finally {
      await server.dispose();
    }
  });
});

describe("runScenario with abortOnFail", () => {
  it("stops the run early when an abortOnFail threshold fails, and fails the verdict", async () => {
    const prefix = uniquePrefix();
    const t = threshold("latency.persisted", [{ stat: { kind: "avg" }, op: "<", value: 1, unit: "us" }]);
    t.abortOnFail = true;
    const started = Date.now();
    const result = await run(scenario({
      prefix,
      events: [chatEvent(prefix)],
      phases: [phase("steady", "steady", 20_000, { kind: "rate", from: 100, to: 100 })],
      thresholds: [t],
      graceMs: 500,
    }));
    assert.equal(result.status, "aborted");
    assert.equal(result.verdict, "fail");
    assert.ok(overall(result).published < 1500, "stopped long before the 20 s phase ended");
    assert.ok(Date.now() - started < 15_000);
  });
});
