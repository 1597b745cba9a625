/**
 * Measurements behind `npm run bench:service`: raw SQLite, the direct path, and the service under flood and
 * open-loop load. Each returns plain figures; bench/service.ts prints them side by side.
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as hdr from "hdr-histogram-js";
import { headers, type NatsConnection } from "nats";
import { sampleProcess } from "../src/runtime/process-stats.ts";
import { signalProcess, spawnArgv, tsEntryArgv, waitForExit } from "../src/runtime/spawn.ts";
import { openDatabase } from "../src/runtime/sqlite.ts";
import { openDirectPath } from "../src/service/direct.ts";
import { BM_ID_HEADER, decodeNotice, type IdRanges } from "../src/service/notices.ts";
import { applySchema } from "../src/service/schema.ts";

const encoder = new TextEncoder();
const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A pool of distinct pre-encoded `message.log` payloads (about 70 bytes each), so publishers do no JSON work. */
export const PAYLOADS: Uint8Array[] = Array.from(
  { length: 1024 },
  (_, i) => encoder.encode(JSON.stringify({ username: `user${i % 97}`, message: `hello from the bench, line ${i}` })),
);
const ROWS = PAYLOADS.map((p) => JSON.parse(new TextDecoder().decode(p)) as { username: string; message: string });

/** Events per second of `count` events over `ms`. */
export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : 0;
}

/** Raw SQLite: the recent_chat row shape, one prepared INSERT, transactions of 1000 rows, WAL + NORMAL. */
export async function rawSqlite(dir: string, count: number): Promise<number> {
  const db = await openDatabase(join(dir, "raw.db"));
  applySchema(db, Math.floor(Date.now() / 1000));
  const insert = db.prepare("INSERT INTO recent_chat (timestamp, username, message) VALUES (?, ?, ?)");
  const begin = db.prepare("BEGIN");
  const commit = db.prepare("COMMIT");
  const start = performance.now();
  for (let i = 0; i < count; i += 1000) {
    begin.run();
    const now = Math.floor(Date.now() / 1000);
    for (let j = i; j < i + 1000 && j < count; j++) {
      const row = ROWS[j & 1023]!;
      insert.run(now, row.username, row.message);
    }
    commit.run();
  }
  const ms = performance.now() - start;
  db.close();
  return perSecond(count, ms);
}

/** The direct path at full speed: `count` message.log writes (batches of 1000 by group commit), then flush. */
export async function directPath(dir: string, count: number): Promise<number> {
  const direct = await openDirectPath(join(dir, "direct.db"));
  const start = performance.now();
  for (let i = 0; i < count; i++) direct.write("message.log", PAYLOADS[i & 1023]!);
  await direct.flush();
  const ms = performance.now() - start;
  const committed = direct.stats().committed;
  await direct.close();
  if (committed !== count) throw new Error(`Cannot trust the direct figure: ${committed} of ${count} committed`);
  return perSecond(count, ms);
}

/** A service child process. */
export interface BenchService {
  pid: number;
  stop(): Promise<void>;
}

/** Spawns the service (this runtime, or Deno when `deno` is set) and waits until `_stats` answers. */
export async function spawnService(
  nc: NatsConnection,
  url: string,
  dbPath: string,
  prefix: string,
  deno = false,
): Promise<BenchService> {
  const main = fileURLToPath(new URL("../src/service/main.ts", import.meta.url));
  const denoBin = fileURLToPath(new URL("../node_modules/.bin/deno", import.meta.url));
  const argv = deno ? [denoBin, "run", "-A", main] : tsEntryArgv(main);
  const child = spawnArgv([...argv, "--db", dbPath, "--nats", url, "--prefix", prefix, "--quiet"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = waitForExit(child);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      await nc.request(`${prefix}._stats`, new Uint8Array(0), { timeout: 300 });
      return {
        pid: child.pid ?? -1,
        async stop() {
          signalProcess(child.pid ?? -1, "SIGTERM");
          const timer = setTimeout(() => signalProcess(child.pid ?? -1, "SIGKILL"), 3000);
          await exited;
          clearTimeout(timer);
        },
      };
    } catch {
      await sleep(50);
    }
  }
  signalProcess(child.pid ?? -1, "SIGKILL");
  throw new Error("Cannot start the service for the benchmark: no _stats answer in 30 s");
}

/** CPU use of a process between two points, percent of one core, and its RSS at the end. */
export async function resourceWindow(pid: number | undefined): Promise<() => Promise<{ cpu: number; rssMB: number }>> {
  const startWall = performance.now();
  const first = pid === undefined ? undefined : await sampleProcess(pid);
  return async () => {
    const last = pid === undefined ? undefined : await sampleProcess(pid);
    const wall = performance.now() - startWall;
    if (!first || !last) return { cpu: NaN, rssMB: NaN };
    return { cpu: ((last.cpuTimeMs - first.cpuTimeMs) / wall) * 100, rssMB: last.rssBytes / 2 ** 20 };
  };
}

/** Tracks the commit notices of one run id: committed ids (with duplicates), invalid ids, arrival times. */
class RunTracker {
  committed = 0;
  duplicates = 0;
  invalid = 0;
  #waiter: (() => void) | undefined;
  readonly #done: Uint8Array;
  /** Resolves at the next notice (or after `ms`), so a publisher can wait without spinning. */
  progress(ms = 5): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined;
        resolve();
      }, ms);
      this.#waiter = () => {
        clearTimeout(timer);
        this.#waiter = undefined;
        resolve();
      };
    });
  }
  constructor(readonly run: string, size: number, readonly onCommit?: (seq: number, now: number) => void) {
    this.#done = new Uint8Array(size);
  }
  take(ranges: IdRanges | undefined, now: number, invalid: boolean): void {
    this.#waiter?.();
    const list = ranges?.[this.run];
    if (!list) return;
    for (const [first, last] of list) {
      for (let seq = first; seq <= last; seq++) {
        if (invalid) this.invalid++;
        else if (this.#done[seq]) this.duplicates++;
        else {
          this.#done[seq] = 1;
          this.committed++;
          this.onCommit?.(seq, now);
        }
      }
    }
  }
}

function listen(nc: NatsConnection, prefix: string, tracker: RunTracker): { close(): void } {
  const sub = nc.subscribe(`${prefix}._busmark.committed`, {
    callback: (_err, msg) => {
      const now = performance.now();
      const notice = decodeNotice(msg.data);
      tracker.take(notice.runs, now, false);
      tracker.take(notice.invalid, now, true);
    },
  });
  return { close: () => sub.unsubscribe() };
}

function marked(nc: NatsConnection, subject: string, run: string, seq: number): void {
  const h = headers();
  h.set(BM_ID_HEADER, `${run}.${seq}`);
  nc.publish(subject, PAYLOADS[seq & 1023]!, { headers: h });
}

/** Flood result. */
export interface FloodResult {
  marked: boolean;
  published: number;
  committed: number;
  duplicates: number;
  rate: number;
  cpu: number;
  rssMB: number;
  natsCpu: number;
  /** CPU of this (publishing) process, percent of one core. */
  benchCpu: number;
}

/**
 * Publishes message.log events as fast as the service commits them (at most `window` outstanding, so nothing is
 * dropped as a slow consumer) for `seconds`. Marked events are counted from the commit notices; unmarked ones
 * (the team's real traffic: no Bm-Id header, no notices) from `_stats` polled every 10 ms. The rate is committed
 * events over the time until the last commit seen.
 */
export async function flood(
  nc: NatsConnection,
  prefix: string,
  pid: number,
  natsPid: number | undefined,
  seconds: number,
  isMarked: boolean,
  window = 20_000,
): Promise<FloodResult> {
  const max = 5_000_000;
  const run = `flood${Date.now()}`;
  let lastCommit = 0;
  const tracker = new RunTracker(run, isMarked ? max : 1, (_seq, now) => (lastCommit = now));
  const listener = listen(nc, prefix, tracker);
  const statsOf = async () =>
    (JSON.parse(new TextDecoder().decode((await nc.request(`${prefix}._stats`)).data)) as { committed: number })
      .committed;
  const base = isMarked ? 0 : await statsOf();
  let polled = 0;
  let polling = !isMarked;
  const poller = (async () => {
    while (polling) {
      const committed = (await statsOf()) - base;
      if (committed > polled) {
        polled = committed;
        lastCommit = performance.now();
      }
      await sleep(10);
    }
  })();
  const accounted = () => isMarked ? tracker.committed + tracker.invalid : polled;
  await nc.flush();
  const subject = `${prefix}.message.log`;
  const usage = await resourceWindow(pid);
  const natsUsage = await resourceWindow(natsPid);
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const stopAt = start + seconds * 1000;
  let published = 0;
  while (performance.now() < stopAt && published < max) {
    const limit = Math.min(max, accounted() + window);
    if (published >= limit) {
      await (isMarked ? tracker.progress() : sleep(2));
      continue;
    }
    if (isMarked) { for (let n = 0; n < 1000 && published < limit; n++) marked(nc, subject, run, published++); }
    else for (let n = 0; n < 1000 && published < limit; n++) nc.publish(subject, PAYLOADS[published++ & 1023]!);
    await yieldNow();
  }
  const deadline = performance.now() + 10_000;
  while (accounted() < published && performance.now() < deadline) await sleep(5);
  const wall = performance.now() - start;
  const cpu1 = process.cpuUsage(cpu0);
  polling = false;
  await poller;
  const resources = await usage();
  const natsResources = await natsUsage();
  listener.close();
  const committed = isMarked ? tracker.committed : polled;
  return {
    marked: isMarked,
    published,
    committed,
    duplicates: tracker.duplicates,
    rate: perSecond(committed, lastCommit - start),
    ...resources,
    natsCpu: natsResources.cpu,
    benchCpu: ((cpu1.user + cpu1.system) / 1000 / wall) * 100,
  };
}

/** Open-loop result at one offered rate. */
export interface OpenLoopResult {
  offered: number;
  achieved: number;
  published: number;
  committed: number;
  duplicates: number;
  /** Published but not yet committed when publishing ended. */
  backlogAtEnd: number;
  /** Backlog sampled each second during the run. */
  backlogSamples: number[];
  /** Never committed within 10 s after the end. */
  lost: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** p99 measured from the actual publish instead of the intended time (excludes the generator's own lateness). */
  p99SentMs: number;
  /** Largest delay of a publish behind its intended time, ms (the generator's own lag). */
  maxLagMs: number;
  cpu: number;
  rssMB: number;
  natsCpu: number;
  /** COMMITs slower than 5 ms in the service during the step. */
  slowCommits: number;
}

async function serviceStats(nc: NatsConnection, prefix: string): Promise<{ slowCommits: number; commitMsMax: number }> {
  return JSON.parse(new TextDecoder().decode((await nc.request(`${prefix}._stats`)).data));
}

/**
 * Publishes marked message.log events at `rate` per second for `seconds`, each scheduled at its intended time
 * t0 + i/rate. Latency is notice arrival minus the intended time (so a stalled publisher cannot hide its own slow
 * events), recorded in an HDR histogram in microseconds.
 */
export async function openLoop(
  nc: NatsConnection,
  prefix: string,
  pid: number,
  natsPid: number | undefined,
  rate: number,
  seconds: number,
): Promise<OpenLoopResult> {
  const total = Math.round(rate * seconds);
  const run = `open${rate}x${Date.now()}`;
  const intended = new Float64Array(total);
  const sent = new Float64Array(total);
  const options = {
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3 as const,
  };
  const histogram = hdr.build(options);
  const fromSent = hdr.build(options);
  const tracker = new RunTracker(run, total, (seq, now) => {
    histogram.recordValue(Math.max(1, Math.round((now - intended[seq]!) * 1000)));
    fromSent.recordValue(Math.max(1, Math.round((now - sent[seq]!) * 1000)));
  });
  const listener = listen(nc, prefix, tracker);
  await nc.flush();
  const subject = `${prefix}.message.log`;
  const statsBefore = await serviceStats(nc, prefix);
  const usage = await resourceWindow(pid);
  const natsUsage = await resourceWindow(natsPid);
  const interval = 1000 / rate;
  const t0 = performance.now() + 5;
  const backlogSamples: number[] = [];
  let nextSample = t0 + 1000;
  let i = 0;
  let maxLagMs = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor((now - t0) / interval) + 1);
      if (i < due) maxLagMs = Math.max(maxLagMs, now - (t0 + i * interval));
      for (; i < due; i++) {
        intended[i] = t0 + i * interval;
        sent[i] = now;
        marked(nc, subject, run, i);
      }
      if (now >= nextSample) {
        backlogSamples.push(i - tracker.committed - tracker.invalid);
        nextSample += 1000;
      }
      if (i >= total) return resolve();
      // Timers only, never a busy loop: the generator must not steal a core from the service on a small machine.
      // Its lateness is part of each event's latency (measured from the intended time) and reported as gen lag.
      setTimeout(tick, Math.max(0, Math.floor(t0 + i * interval - performance.now() - 0.5)));
    };
    tick();
  });
  const end = performance.now();
  await nc.flush();
  const backlogAtEnd = total - tracker.committed - tracker.invalid;
  const committedAtEnd = tracker.committed;
  const resources = await usage();
  const natsResources = await natsUsage();
  const deadline = performance.now() + 10_000;
  while (tracker.committed + tracker.invalid < total && performance.now() < deadline) await sleep(5);
  listener.close();
  const statsAfter = await serviceStats(nc, prefix);
  return {
    slowCommits: statsAfter.slowCommits - statsBefore.slowCommits,
    offered: rate,
    achieved: perSecond(committedAtEnd, end - t0),
    published: total,
    committed: tracker.committed,
    duplicates: tracker.duplicates,
    backlogAtEnd,
    backlogSamples,
    lost: total - tracker.committed - tracker.invalid,
    p50Ms: histogram.getValueAtPercentile(50) / 1000,
    p99Ms: histogram.getValueAtPercentile(99) / 1000,
    maxMs: histogram.maxValue / 1000,
    p99SentMs: fromSent.getValueAtPercentile(99) / 1000,
    maxLagMs,
    cpu: resources.cpu,
    rssMB: resources.rssMB,
    natsCpu: natsResources.cpu,
  };
}
