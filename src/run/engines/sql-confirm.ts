/**
 * The "sql" confirmation kind: busmark polls the service's database with the source's query and confirms each
 * event whose busmark id `<runId>.<seq>` a new row's `id` column carries (anywhere in its text, where the scenario
 * put it with `{{ id }}`; busmark never rewrites a payload). The poll that first sees a row bounds its persist time
 * from above, so latency resolution is the poll interval (reported). Databases: `sqlite:PATH` (`{db}` is the
 * service's file, `{tmp}` the run's temporary directory) and `postgres://` / `postgresql://` URLs.
 *
 * The database is read in a worker thread (`sql-poll-worker.ts`): a poll that waits for a lock or a slow server
 * never stalls the thread that paces and receives the load. This thread only receives the ids of new rows and
 * marks them: the first row of an id is its persistence, a later one a duplicate; a row naming an event type of
 * another source, or none of this run, is only counted as seen.
 *
 * When it fails: a database that cannot be opened (PostgreSQL refusing, an unknown database or login; a SQLite
 * path whose directory does not exist) fails the run before any load is sent; a SQLite file that does not exist
 * yet is waited for. A query the database rejects, one without an `id` or `cursor` column, or a table still
 * missing 2 s after the first poll reached the database, stops the run with an {@link InfrastructureError}
 * (exit 3), as does a worker that dies: a source that went blind never shows up as "everything lost".
 * @module
 */
import { InfrastructureError } from "../../errors.ts";
import { MASK } from "../../nats/mask.ts";
import { ownModuleUrl } from "../../runtime/paths.ts";
import { spawnWorker, type WorkerHandle } from "../../runtime/worker.ts";
import { notePersisted, type RunContext } from "../context.ts";
import type { PlannedEvent } from "../plan.ts";
import { Mark } from "../tracker.ts";
import type { Confirmer, ConfirmerDeps, RunningConfirmer, SourceSightings } from "./confirmer.ts";
import type { PollerMessage, PollMessage, SqlTarget } from "./sql-poll-worker.ts";
import { idMatcher } from "./id-match.ts";

/** How long stopping waits for the worker's last polls before terminating it, ms. */
const STOP_TIMEOUT_MS = 5000;

const WORKER_URL = ownModuleUrl("./sql-poll-worker.ts", import.meta.url);

/**
 * Marks the events the ids of new rows name, at time `t`: the first sighting of an event is its persistence, a
 * later one a duplicate. Only events of the types `wanted` accepts are marked. Returns how many ids named one.
 */
export function markIds(
  ctx: RunContext,
  ids: readonly string[],
  seqOf: (text: unknown) => number,
  wanted: (eventIx: number) => boolean,
  t = ctx.now(),
): number {
  let matched = 0;
  for (const text of ids) {
    const seq = seqOf(text);
    if (seq < 0 || seq >= ctx.tracker.size || !wanted(ctx.tracker.eventOf(seq))) continue;
    matched++;
    const mark = ctx.tracker.markPersisted(seq);
    if (mark === Mark.First) notePersisted(ctx, seq, t);
    else if (mark === Mark.Duplicate) {
      ctx.recorder.count("duplicated", ctx.tracker.phaseOf(seq), ctx.tracker.eventOf(seq));
    }
  }
  return matched;
}

/** The `sqlite:` path of a source's URL, `{db}` and `{tmp}` expanded; undefined for another scheme. */
export function sqlitePathOf(url: string, deps: Pick<ConfirmerDeps, "sut" | "tmpDir">): string | undefined {
  if (!url.startsWith("sqlite:")) return undefined;
  const db = deps.sut.dbPath ?? `${deps.tmpDir}/service.db`;
  return url.slice("sqlite:".length).replaceAll("{db}", db).replaceAll("{tmp}", deps.tmpDir);
}

/** Where a source's URL points; undefined for a scheme busmark cannot poll. */
export function sqlTargetOf(url: string, deps: Pick<ConfirmerDeps, "sut" | "tmpDir">): SqlTarget | undefined {
  const path = sqlitePathOf(url, deps);
  if (path !== undefined) return { kind: "sqlite", path };
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: "postgres", url };
  return undefined;
}

const USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^@/?#]*)@/;
const PASSWORD_PARAM = /([?&]password=)[^&#]*/gi;

/**
 * A database URL fit for printing: `postgres://app:pw@host/db` → `postgres://app:***@host/db`, and a `password=`
 * parameter masked too. Unlike a NATS URL, a user name alone (`postgres://app@host`) is no secret and stays.
 */
export function maskDatabaseUrl(url: string): string {
  return url.replace(USERINFO, (_all, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(":");
    return `${scheme}${colon >= 0 ? `${userinfo.slice(0, colon)}:${MASK}` : userinfo}@`;
  }).replace(PASSWORD_PARAM, `$1${MASK}`);
}

/** A target fit for messages: the SQLite path, or the URL with its password masked. */
export function describeTarget(target: SqlTarget): string {
  return target.kind === "sqlite" ? `sqlite:${target.path}` : maskDatabaseUrl(target.url);
}

/** Where a running source stands; `error` is the current problem, if any. */
interface SourceState extends SourceSightings {
  /** Set once: the reason polling ended for good. */
  failure?: InfrastructureError;
}

/**
 * Starts polling `target` in a worker thread for the events of `events`; resolves once the database is open and
 * polled once (rejects with an {@link InfrastructureError} when it cannot be). A failure after that goes to
 * `fail`. `stop()` waits for the last polls (bounded) and ends the worker.
 */
export async function startSqlConfirmer(
  ctx: RunContext,
  target: SqlTarget,
  spec: { query: string; pollMs: number },
  events: readonly PlannedEvent[],
  fail: (error: Error) => void,
): Promise<RunningConfirmer> {
  const shown = describeTarget(target);
  const seqOf = idMatcher(ctx.runId);
  const wanted = new Set(events.map((e) => e.index));
  const isWanted = (eventIx: number) => wanted.has(eventIx);
  const state: SourceState = { seen: 0, matched: 0 };
  const worker: WorkerHandle = await spawnWorker(WORKER_URL);
  let opened = false;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  let resolveOpen!: () => void;
  let rejectOpen!: (error: Error) => void;
  const open = new Promise<void>((resolve, reject) => {
    resolveOpen = resolve;
    rejectOpen = reject;
  });
  const failWith = (error: InfrastructureError) => {
    if (state.failure) return;
    state.failure = error;
    state.error = error.message;
    resolveStopped();
    if (opened) fail(error);
    else rejectOpen(error);
  };
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  worker.onError((reason) => {
    failWith(new InfrastructureError("confirm", `Cannot confirm from sql ${shown}: its poll worker failed: ${reason}`));
  });
  worker.onMessage((raw) => {
    const message = raw as PollerMessage;
    switch (message.type) {
      case "ready":
        return ready();
      case "opened":
        opened = true;
        return resolveOpen();
      case "rows":
        state.seen += message.seen;
        state.matched += markIds(ctx, message.ids, seqOf, isWanted);
        return;
      case "problem":
        state.error = message.message;
        return;
      case "recovered":
        delete state.error;
        return;
      case "failed": {
        const verb = message.stage === "connect" ? "Cannot poll" : "Cannot confirm from sql";
        return failWith(new InfrastructureError("confirm", `${verb} ${shown}: ${message.message}`));
      }
      case "stopped":
        return resolveStopped();
    }
  });
  try {
    await Promise.race([started, open]);
    worker.post(
      { type: "start", target, query: spec.query, pollMs: spec.pollMs, runId: ctx.runId } satisfies PollMessage,
    );
    await open;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return {
    async stop() {
      worker.post({ type: "stop" } satisfies PollMessage);
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([stopped, new Promise((r) => (timer = setTimeout(r, STOP_TIMEOUT_MS)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
    sightings: () => ({ seen: state.seen, matched: state.matched, ...(state.error ? { error: state.error } : {}) }),
  };
}

/** The "sql" kind: polls the source's database with its query; see the module's description. */
export const sqlConfirmer: Confirmer<"sql"> = {
  kind: "sql",
  open: (ctx, source, events, deps) => {
    const target = sqlTargetOf(source.url, deps);
    if (target === undefined) {
      throw new InfrastructureError(
        "confirm",
        `Cannot poll ${maskDatabaseUrl(source.url)}: only sqlite:, postgres:// and postgresql:// URLs are supported`,
      );
    }
    return startSqlConfirmer(ctx, target, source, events, deps.fail);
  },
};
