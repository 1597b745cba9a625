/**
 * Persistence confirmation for services that publish no commit notices: busmark polls the service's SQLite file for
 * new `recent_chat` rows and finds the event's busmark id `<runId>.<seq>` anywhere in each row's `message` text,
 * where the scenario put it (`{{ id }}` in the payload template; busmark never rewrites a payload). The poll that
 * first sees a row bounds its persist time from above, so latency resolution is the poll interval (reported).
 *
 * The database is read in a worker thread (`sqlite-poll-worker.ts`): a poll that waits for a lock (a
 * rollback-journal database whose writer holds it) must never stall the thread that paces and receives the load.
 * This thread only receives the new rows and marks them. Other event kinds update rows in place and cannot be
 * confirmed one by one this way.
 * @module
 */
import { spawnWorker, type WorkerHandle } from "../../runtime/worker.ts";
import { InfrastructureError } from "../../errors.ts";
import { notePersisted, type RunContext } from "../context.ts";
import { Mark } from "../tracker.ts";
import type { Confirmer, ConfirmerDeps, RunningConfirmer } from "./confirmer.ts";
import { idMatcher } from "./id-match.ts";
import type { PollerMessage, PollMessage } from "./sqlite-poll-worker.ts";

/** Re-exported from its own module (`id-match.ts`), where every confirmer that reads ids back finds it. */
export { idMatcher };

/** How long stopping waits for the worker's last poll before terminating it, ms. */
const STOP_TIMEOUT_MS = 5000;

const WORKER_URL = new URL("./sqlite-poll-worker.ts", import.meta.url);

/** Marks the rows a poll found: the first sighting of an id is its persistence, a later one a duplicate. */
export function markRows(ctx: RunContext, rows: readonly [number, string][], seqOf: (text: unknown) => number): void {
  const t = ctx.now();
  for (const [, message] of rows) {
    const seq = seqOf(message);
    if (seq < 0) continue;
    const mark = ctx.tracker.markPersisted(seq);
    if (mark === Mark.First) notePersisted(ctx, seq, t);
    else if (mark === Mark.Duplicate) {
      ctx.recorder.count("duplicated", ctx.tracker.phaseOf(seq), ctx.tracker.eventOf(seq));
    }
  }
}

/**
 * Starts polling `dbPath` in a worker thread; resolves once the worker polls. `stop()` waits for its last poll
 * (bounded) and ends it. A worker that fails stops confirming: the events it did not see are reported lost.
 */
export async function startSqliteConfirmer(
  ctx: RunContext,
  dbPath: string,
  query: string,
  pollMs: number,
): Promise<RunningConfirmer> {
  const seqOf = idMatcher(ctx.runId);
  const worker: WorkerHandle = await spawnWorker(WORKER_URL);
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  const ready = new Promise<void>((resolve, reject) => {
    worker.onError((reason) => {
      reject(new Error(`Cannot poll the service's database: ${reason}`));
      resolveStopped();
    });
    worker.onMessage((raw) => {
      const message = raw as PollerMessage;
      if (message.type === "rows") markRows(ctx, message.rows, seqOf);
      else if (message.type === "ready") resolve();
      else if (message.type === "stopped") resolveStopped();
    });
  });
  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  worker.post({ type: "start", dbPath, pollMs, runId: ctx.runId, query } satisfies PollMessage);
  return {
    async stop() {
      worker.post({ type: "stop" } satisfies PollMessage);
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([stopped, new Promise((r) => (timer = setTimeout(r, STOP_TIMEOUT_MS)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}

/** The `sqlite:` path of a source's URL, `{db}` and `{tmp}` expanded; undefined for another scheme. */
export function sqlitePathOf(url: string, deps: ConfirmerDeps): string | undefined {
  if (!url.startsWith("sqlite:")) return undefined;
  const db = deps.sut.dbPath ?? `${deps.tmpDir}/service.db`;
  return url.slice("sqlite:".length).replaceAll("{db}", db).replaceAll("{tmp}", deps.tmpDir);
}

/**
 * The "sql" kind: polls the service's database with the source's query and confirms each event whose id a new
 * row's `id` column carries.
 */
export const sqlConfirmer: Confirmer<"sql"> = {
  kind: "sql",
  open: (ctx, source, _events, deps) => {
    const path = sqlitePathOf(source.url, deps);
    if (path === undefined) {
      throw new InfrastructureError("service", `Cannot poll ${source.url}: only sqlite: URLs are supported yet`);
    }
    return startSqliteConfirmer(ctx, path, source.query, source.pollMs);
  },
};
