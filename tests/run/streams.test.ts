import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { connect } from "nats";
import type { CountEntry, RunResult } from "../../src/result/types.ts";
import { validateResult } from "../../src/result/validate.ts";
import { throughputTable } from "../../src/report/markdown-load.ts";
import { runScenario } from "../../src/run/runner.ts";
import { loadScenarioFile } from "../../src/scenario/check.ts";
import type { Scenario } from "../../src/scenario/types.ts";
import { chatEvent, phase, recentChatRequest, scenario, uniquePrefix } from "../support/scenario.ts";

const NATS = "nats://127.0.0.1:4222";
const LENIENT = { maxLagP99Us: 2_000_000, maxGeneratorCpu: 1000 };
const FIXTURE = fileURLToPath(new URL("../fixtures/scenarios/run/streams.yaml", import.meta.url));

function run(s: Scenario): Promise<RunResult> {
  return runScenario({ scenario: s, auth: {}, env: {}, natsUrl: NATS, health: LENIENT });
}

function counts(result: RunResult, event: string): CountEntry {
  const c = result.counts.find((x) => x.event === event && x.phase === "steady");
  assert.ok(c, `counts of ${event} in steady exist`);
  return c;
}

describe("a phase of several load streams against the reference service", () => {
  it("offers each stream its own rate: 200 chat/s and 10 requests/s for 2 s are 400 and 20", async () => {
    const s = loadScenarioFile(FIXTURE, { env: { TEST_PREFIX: uniquePrefix() } });
    const result = await run(s);
    assert.deepEqual(validateResult(result), []);
    assert.equal(result.verdict, "pass", JSON.stringify(result.checks));
    // The schedules hold exactly 400 (every 5 ms before 2 s) and 20 (every 100 ms) arrivals, and every arrival
    // intended before the phase end is sent however late, so the counts do not depend on how fast this machine is.
    const chat = counts(result, "chat");
    const recent = counts(result, "recent");
    assert.equal(chat.published, 400);
    assert.equal(chat.persisted, 400);
    assert.equal(chat.lost, 0);
    assert.equal(recent.published, 20);
    assert.equal(recent.delivered, 20);
    assert.equal(recent.requestErrors + recent.requestTimeouts, 0);
    const steady = result.phases.find((p) => p.name === "steady")!;
    assert.equal(steady.load.kind, "streams");
    assert.deepEqual(steady.streams, [{ offered: 400, published: 400 }, { offered: 20, published: 20 }]);
    const ratio = result.metrics.find((m) => m.metric === "throughput.achieved.ratio" && m.phase === "steady");
    assert.equal(ratio?.value, 100);
    const lag = result.metrics.find((m) => m.metric === "latency.schedule" && m.phase === "steady");
    assert.equal(lag?.summary?.count, 420, "one schedule-lag sample per arrival of either stream");
    const table = throughputTable(result).replaceAll("\u00a0", " ");
    const rows = table.split("\n").filter((l) => l.includes("· stream"));
    assert.equal(rows.length, 2, table);
    assert.match(rows[0]!, /^\| · stream chat 200\/s \|.*\| – \| 100 % \|$/, "no requests, no replies");
    assert.match(
      rows[1]!,
      /^\| · stream recent 10\/s \|.*\| (\S+) of \1 \| 100 % \|$/,
      "its replies, out of its requests",
    );
    assert.match(table, /\| steady — chat 200\/s \+ recent 10\/s, 2 s \|/);
  });

  it("keeps an open-loop stream's rate while a closed-loop stream waits on slow replies", async () => {
    const prefix = uniquePrefix();
    const slowSubject = `slow.${prefix}.get`;
    const nc = await connect({ servers: NATS });
    let answered = 0;
    nc.subscribe(slowSubject, {
      callback: (_err, msg) => {
        setTimeout(() => {
          answered++;
          msg.respond(new TextEncoder().encode("[]"));
        }, 50);
      },
    });
    await nc.flush();
    try {
      const slow = { ...recentChatRequest(prefix, "slow"), subject: slowSubject };
      const result = await run(scenario({
        prefix,
        events: [chatEvent(prefix), slow],
        phases: [phase("steady", "steady", 2000, {
          kind: "streams",
          streams: [
            { mix: [{ event: "chat", weight: 1 }], load: { kind: "rate", from: 200, to: 200 } },
            { mix: [{ event: "slow", weight: 1 }], load: { kind: "concurrency", workers: 2, thinkTimeMs: 0 } },
          ],
        }, { mix: [{ event: "chat", weight: 0.5 }, { event: "slow", weight: 0.5 }] })],
      }));
      const chat = counts(result, "chat");
      const slowCounts = counts(result, "slow");
      assert.equal(chat.published, 400, "the open-loop stream sends its whole schedule");
      assert.equal(chat.persisted, 400);
      // Two workers on 50 ms replies: at most 2 × 2000 / 50 = 80 requests, and far more than one round.
      assert.ok(slowCounts.published <= 82 && slowCounts.published >= 20, `slow requests: ${slowCounts.published}`);
      assert.equal(slowCounts.requestTimeouts, 0);
      assert.ok(answered >= slowCounts.published - 2, `answered ${answered}`);
      const steady = result.phases.find((p) => p.name === "steady")!;
      assert.deepEqual(steady.streams?.[0], { offered: 400, published: 400 });
      assert.equal(steady.streams?.[1]?.offered, slowCounts.published, "a closed loop offers what it sends");
      const lag = result.metrics.find((m) => m.metric === "latency.schedule" && m.phase === "steady");
      assert.equal(lag?.summary?.count, 400, "schedule lag is the open-loop stream's only");
      assert.ok(
        lag!.summary!.p50 < 20_000,
        `the slow stream does not hold up the pacer: lag p50 ${lag!.summary!.p50} µs`,
      );
    } finally {
      await nc.close();
    }
  });
});
