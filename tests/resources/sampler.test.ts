import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { describe, it } from "node:test";
import { ResourceSampler } from "../../src/resources/sampler.ts";
import type { ProcessSample } from "../../src/runtime/process-stats.ts";
import { signalProcess, spawnArgv, tsEntryArgv, waitForExit } from "../../src/runtime/spawn.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/memory-child.ts", import.meta.url));
const MB = 1024 * 1024;

/** A fake process reader: rss = 1000 × call number per pid, cpu = pid; pids in `gone` do not exist. */
function fakeReader(gone: Set<number> = new Set()) {
  const calls = new Map<number, number>();
  return async (pid: number): Promise<ProcessSample | undefined> => {
    await Promise.resolve();
    if (gone.has(pid)) return undefined;
    const n = (calls.get(pid) ?? 0) + 1;
    calls.set(pid, n);
    return { cpuPercent: pid, rssBytes: 1000 * n, cpuTimeMs: 0 };
  };
}

describe("ResourceSampler (sampling rules)", () => {
  it("discards the first reading of each pid and stamps samples with the run clock", async () => {
    let clock = 0;
    const sampler = new ResourceSampler([{ name: "service", pid: () => 7 }], {
      now: () => clock,
      sample: fakeReader(),
    });
    for (let i = 0; i < 4; i++) {
      clock = i * 1000;
      await sampler.sampleNow();
    }
    assert.deepEqual(sampler.result().service?.samples, [
      { t: 1, cpu: 7, rss: 2000 },
      { t: 2, cpu: 7, rss: 3000 },
      { t: 3, cpu: 7, rss: 4000 },
    ]);
    assert.deepEqual(sampler.result().service?.growth, {
      bytesPerHour: 1000 * 3600,
      r2: 1,
      n: 3,
      seconds: 2,
      low: 1000 * 3600,
      high: 1000 * 3600,
    });
  });

  it("starts over when the pid changes, and skips while there is none or it is gone", async () => {
    let pid: number | undefined = 7;
    let clock = 0;
    const gone = new Set<number>();
    const sampler = new ResourceSampler([{ name: "service", pid: () => pid }], {
      now: () => clock,
      sample: fakeReader(gone),
    });
    const tick = async (p: number | undefined) => {
      pid = p;
      clock += 1000;
      await sampler.sampleNow();
    };
    await tick(7); // primes 7
    await tick(7); // kept (t=2)
    await tick(undefined); // no process
    await tick(8); // new pid: primes 8
    await tick(8); // kept (t=5)
    gone.add(8);
    await tick(8); // vanished: skipped
    gone.delete(8);
    await tick(8); // back: primes again
    await tick(8); // kept (t=8)
    assert.deepEqual(sampler.result().service?.samples.map((s) => [s.t, s.cpu]), [[2, 7], [5, 8], [8, 8]]);
  });

  it("treats a throwing pid function or reader as no sample", async () => {
    const sampler = new ResourceSampler([
      {
        name: "service",
        pid: () => {
          throw new Error("no");
        },
      },
      { name: "nats", pid: () => 3 },
    ], { sample: () => Promise.reject(new Error("boom")) });
    await sampler.sampleNow();
    await sampler.sampleNow();
    assert.deepEqual(sampler.result(), { service: { samples: [] }, nats: { samples: [] } });
  });

  it("keeps memory bounded by dropping every other sample past maxSamples", async () => {
    let clock = 0;
    const sampler = new ResourceSampler([{ name: "nats", pid: () => 1 }], {
      now: () => clock,
      sample: fakeReader(),
      maxSamples: 8,
    });
    for (let i = 0; i < 10; i++) {
      clock = i * 1000;
      await sampler.sampleNow();
    }
    const ts = sampler.result().nats?.samples.map((s) => s.t);
    assert.deepEqual(ts, [1, 3, 5, 7, 9]);
  });

  it("rejects duplicate names and a non-positive interval", () => {
    assert.throws(
      () => new ResourceSampler([{ name: "nats", pid: () => 1 }, { name: "nats", pid: () => 2 }]),
      TypeError,
    );
    assert.throws(() => new ResourceSampler([], { intervalMs: 0 }), RangeError);
  });

  it("samples on its interval between start and stop", async () => {
    const sampler = new ResourceSampler([{ name: "busmark", pid: () => 1 }], { intervalMs: 20, sample: fakeReader() });
    sampler.start();
    sampler.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sampler.stop();
    const count = sampler.result().busmark?.samples.length ?? 0;
    assert.ok(count >= 3, `samples: ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(sampler.result().busmark?.samples.length, count, "no samples after stop");
    await sampler.stop();
  });
});

async function startChild(mode: "grow" | "idle"): Promise<ChildProcess> {
  const child = spawnArgv([...tsEntryArgv(FIXTURE), mode], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once("data", () => resolve());
    child.once("exit", () => reject(new Error(`memory-child ${mode} exited early`)));
  });
  child.stdout?.resume();
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = waitForExit(child);
  signalProcess(child.pid ?? -1, "SIGKILL");
  await exited;
  child.stdout?.destroy();
}

describe("ResourceSampler (real processes)", () => {
  it("sees steady growth in an allocating child with a high r2, ~0 in an idle one", async () => {
    const grow = await startChild("grow");
    const idle = await startChild("idle");
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const sampler = new ResourceSampler([
        { name: "service", pid: () => grow.pid },
        { name: "nats", pid: () => idle.pid },
        { name: "busmark", pid: () => process.pid },
      ], { intervalMs: 100 });
      sampler.start();
      await new Promise((resolve) => setTimeout(resolve, 1600));
      await sampler.stop();
      const result = sampler.result();
      const growing = result.service?.growth;
      const flat = result.nats?.growth;
      assert.ok(growing && flat && result.busmark?.growth, JSON.stringify(result));
      assert.ok(growing.n >= 8, `n = ${growing.n}`);
      // The child adds 4 MB every 50 ms (~80 MB/s, ~280 GB/h); allow for scheduling on a busy machine.
      assert.ok(growing.bytesPerHour > 20 * MB * 3600, `growth ${growing.bytesPerHour / MB / 3600} MB/s`);
      assert.ok(growing.r2 > 0.9, `r2 ${growing.r2}`);
      assert.ok(Math.abs(flat.bytesPerHour) < growing.bytesPerHour / 20, `idle ${flat.bytesPerHour / MB / 3600} MB/s`);
      for (const s of result.service?.samples ?? []) {
        assert.ok(s.rss > 10 * MB && s.cpu >= 0 && s.t > 0);
      }
    } finally {
      await stopChild(grow);
      await stopChild(idle);
    }
  });
});
