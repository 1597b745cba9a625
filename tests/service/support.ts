/**
 * Helpers for the service tests: unique prefixes, temporary databases, a spawned service process, notice collection.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { headers, type NatsConnection, type Subscription } from "nats";
import { openDatabase, type SqliteDatabase } from "../../src/runtime/sqlite.ts";
import { signalProcess, spawnArgv, tsEntryArgv, waitForExit } from "../../src/runtime/spawn.ts";
import { BM_ID_HEADER, decodeNotice, forEachId } from "../../src/service/notices.ts";

/** The shared NATS server (tests that do not kill NATS). */
export const SHARED_NATS = "nats://127.0.0.1:4222";

/** Absolute path of the service entry. */
export const SERVICE_MAIN = fileURLToPath(new URL("../../src/service/main.ts", import.meta.url));

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A prefix no other test uses, e.g. `t3f9a1c.db`. */
export function uniquePrefix(): string {
  return `t${Math.random().toString(36).slice(2, 10)}.db`;
}

/** A fresh temporary directory with a database path in it; `dispose()` removes it. */
export function tempDb(): { dir: string; path: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), "busmark-svc-"));
  return { dir, path: join(dir, "bot.db"), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Encodes a JSON value. */
export function json(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

/** Decodes a JSON reply. */
export function parse(data: Uint8Array): unknown {
  return JSON.parse(decoder.decode(data));
}

/** Publishes `value` as JSON on `subject`, with a `Bm-Id` header when `id` is given. */
export function publish(nc: NatsConnection, subject: string, value: unknown, id?: string): void {
  const data = value instanceof Uint8Array ? value : json(value);
  if (id === undefined) return nc.publish(subject, data);
  const h = headers();
  h.set(BM_ID_HEADER, id);
  nc.publish(subject, data, { headers: h });
}

/** Sends a request and parses the JSON reply. */
export async function request(nc: NatsConnection, subject: string, value?: unknown, timeout = 2000): Promise<unknown> {
  const data = value === undefined ? new Uint8Array(0) : value instanceof Uint8Array ? value : json(value);
  return parse((await nc.request(subject, data, { timeout })).data);
}

/** Polls `<prefix>._stats` until it answers; resolves to the stats reply. */
export async function waitForStats(
  nc: NatsConnection,
  prefix: string,
  timeoutMs = 20_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await request(nc, `${prefix}._stats`, undefined, 300) as Record<string, unknown>;
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`service on ${prefix} did not answer _stats in ${timeoutMs} ms: ${String(last)}`);
}

/** Polls `check` until it returns true or the time is up; resolves to its last result. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return await check();
}

/** Collects commit notices on `<prefix>._busmark.committed`. */
export class NoticeLog {
  /** Every id seen in `runs`, with how many times. */
  readonly committed = new Map<string, number>();
  readonly invalid = new Set<string>();
  readonly again = new Set<string>();
  notices = 0;
  readonly #sub: Subscription;

  constructor(nc: NatsConnection, prefix: string) {
    this.#sub = nc.subscribe(`${prefix}._busmark.committed`, {
      callback: (_err, msg) => {
        const notice = decodeNotice(msg.data);
        this.notices++;
        forEachId(notice.runs, (run, seq) => {
          const key = `${run}.${seq}`;
          this.committed.set(key, (this.committed.get(key) ?? 0) + 1);
        });
        if (notice.invalid) forEachId(notice.invalid, (run, seq) => this.invalid.add(`${run}.${seq}`));
        if (notice.again) forEachId(notice.again, (run, seq) => this.again.add(`${run}.${seq}`));
      },
    });
  }

  /** Stops listening. */
  close(): void {
    this.#sub.unsubscribe();
  }
}

/** A service running as a child process. */
export interface ServiceProcess {
  readonly child: ChildProcess;
  /** stderr so far. */
  stderr(): string;
  /** Sends a signal. */
  signal(signal: NodeJS.Signals): void;
  /** Resolves when the process has exited. */
  exited(): Promise<{ code: number | null; signal: string | null }>;
  /** Kills it (SIGKILL) if still running and waits for the exit. */
  dispose(): Promise<void>;
}

/** Spawns `src/service/main.ts` in this runtime with `args`. */
export function spawnService(args: string[]): ServiceProcess {
  const child = spawnArgv([...tsEntryArgv(SERVICE_MAIN), ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr?.on("data", (chunk: Uint8Array) => {
    if (err.length < 20_000) err += decoder.decode(chunk);
  });
  const exit = waitForExit(child);
  return {
    child,
    stderr: () => err,
    signal: (signal) => void signalProcess(child.pid ?? -1, signal),
    exited: () => exit,
    async dispose() {
      if (child.exitCode === null && child.signalCode === null) signalProcess(child.pid ?? -1, "SIGKILL");
      await exit;
      child.stderr?.destroy();
    },
  };
}

/** Opens a database file for checks (the caller closes it). */
export function openCheck(path: string): Promise<SqliteDatabase> {
  return openDatabase(path);
}

/** `SELECT count(*)` of a table. */
export function countRows(db: SqliteDatabase, table: string, where = ""): number {
  return Number(db.prepare(`SELECT count(*) AS n FROM ${table} ${where}`).get()?.n ?? 0);
}
