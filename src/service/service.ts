/**
 * The reference database service: NATS wiring around the shared storage and group commit. Core mode subscribes to
 * `<prefix>.>` (one subscription: events, requests, `_stats`, and unknown subjects, which are counted); JetStream
 * mode takes events from a durable consumer and answers requests through core NATS.
 * @module
 */
import { maskUrl } from "../nats/mask.ts";
import { stripCredentials } from "../nats/url.ts";
import type { ConnectionOptions, JsMsg, Msg, NatsConnection, Subscription } from "nats";
import { runtimeInfo } from "../runtime/detect.ts";
import { ownPid } from "../runtime/host.ts";
import { NOTICE_SUFFIX, REQUEST_SUBJECTS, type RequestKindValue, routeTable, subjectOf } from "./contract.ts";
import { connectServiceNats } from "./connect.ts";
import { GroupCommitter } from "./group-commit.ts";
import { type JetStreamBinding, type JetStreamOptions, startJetStream } from "./jetstream.ts";
import { RateLimitedLog } from "./log.ts";
import { rawBmId } from "./raw-header.ts";
import { BM_ID_HEADER, encodeNotice } from "./notices.ts";
import { answerRequestBytes, type RequestContext } from "./requests.ts";
import { type ServiceStats, StatsCounters } from "./stats.ts";
import { Storage } from "./storage.ts";

/** Everything the service needs to run. */
export interface ServiceOptions {
  /** NATS server URL(s), comma-separated. */
  natsUrl: string;
  /** SQLite database file (created when missing). */
  dbPath: string;
  /** Subject prefix (default `rosey.db`). */
  prefix: string;
  /** Take events from a JetStream durable consumer instead of a core subscription. */
  jetstream: boolean;
  /** Most events per transaction. */
  batchMax: number;
  /** Largest accepted payload, bytes. */
  maxPayload: number;
  /** Seconds between prunes of recent_chat. */
  pruneIntervalS: number;
  /** JetStream settings (used with `jetstream`). */
  js?: JetStreamOptions;
  /** Extra nats.js connection options (authentication, TLS); merged over the service defaults. */
  connection?: ConnectionOptions;
  /** Where log lines go (default: nowhere). */
  log?: (line: string) => void;
  /** Wall clock in ms for stored timestamps (default `Date.now`; tests and replays pass their own). */
  clock?: () => number;
}

/** A started service. */
export interface RunningService {
  /** Resolves once subscribed (and, in JetStream mode, consuming); rejects when setup fails for good. */
  readonly ready: Promise<void>;
  /** Current counters. */
  stats(): ServiceStats;
  /**
   * Stops taking events, commits what it holds, publishes the last notice and acks, closes the connection and the
   * database. Bounded: returns within about 1.8 s even when NATS is unreachable (most of it for draining).
   */
  stop(): Promise<void>;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

/** Opens the database and starts connecting; see {@link RunningService}. */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const write = options.log ?? (() => {});
  const log = new RateLimitedLog((line) => write(`busmark service: ${line}`));
  const storage = await Storage.open(options.dbPath, { pruneIntervalS: options.pruneIntervalS });
  const counters = new StatsCounters();
  const noticeSubject = subjectOf(options.prefix, NOTICE_SUFFIX);
  let nc: NatsConnection | undefined;
  let sub: Subscription | undefined;
  let binding: JetStreamBinding | undefined;
  const requestSubs: Subscription[] = [];
  let stopping = false;
  let connected = false;
  let stopped: Promise<void> | undefined;

  const committer = new GroupCommitter(storage, counters, {
    batchMax: options.batchMax,
    maxPayload: options.maxPayload,
    onProblem: (reason, message) => log.log(reason, message),
    clock: options.clock,
    onNotice: (notice) => {
      try {
        nc?.publish(noticeSubject, encodeNotice(notice));
      } catch (error) {
        log.log("notice", `Cannot publish a commit notice: ${(error as Error).message}`);
      }
    },
  });
  const runtime = runtimeInfo();
  const stats = (): ServiceStats =>
    counters.snapshot({
      mode: options.jetstream ? "jetstream" : "core",
      prefix: options.prefix,
      pid: ownPid(),
      runtime: `${runtime.name} ${runtime.version}`,
      driver: storage.db.driver,
      queueDepth: committer.pending + (sub?.getPending() ?? 0) + (binding?.pending() ?? 0),
      pruned: storage.pruned,
    });
  const context: RequestContext = {
    storage,
    committer,
    counters,
    maxPayload: options.maxPayload,
    stats,
    onProblem: (reason, message) => log.log(reason, message),
    clock: options.clock,
  };
  const route = routeTable(options.prefix);

  const bmId = (msg: Msg | JsMsg): string | undefined => {
    const raw = rawBmId(msg);
    if (raw !== undefined) return raw || undefined;
    const headers = msg.headers;
    if (!headers) return undefined;
    return headers.get(BM_ID_HEADER) || undefined;
  };

  const answer = (msg: Msg, kind: RequestKindValue) => {
    if (!msg.reply) {
      counters.reject("no-reply");
      log.log("no-reply", `Cannot answer ${REQUEST_SUBJECTS[kind]}: the request has no reply subject`);
      return;
    }
    try {
      msg.respond(answerRequestBytes(context, kind, msg.data));
    } catch (error) {
      log.log("reply", `Cannot reply on ${msg.subject}: ${(error as Error).message}`);
    }
  };

  const onCore = (err: Error | null, msg: Msg) => {
    if (err) return void log.log("subscription", `Cannot receive: ${err.message}`);
    const r = route(msg.subject);
    if (r.type === "event") committer.submit(r.kind, msg.data, bmId(msg));
    else if (r.type === "request") answer(msg, r.kind);
    else if (r.type === "unknown") {
      counters.received++;
      committer.reject("unknown-subject", "no such subject in the contract", msg.subject, bmId(msg));
    }
  };

  const onJetStream = (msg: JsMsg) => {
    const r = route(msg.subject);
    if (r.type === "event") committer.submit(r.kind, msg.data, bmId(msg), msg.seq, msg);
    else {
      counters.received++;
      committer.reject("unknown-subject", "not an event subject", msg.subject, bmId(msg), msg);
    }
  };

  async function run(): Promise<void> {
    const servers = options.natsUrl.split(",").map((s) => stripCredentials(s.trim())).filter((s) => s.length > 0);
    let warned = false;
    nc = await connectServiceNats({ servers, ...options.connection }, () => stopping, 250, (error) => {
      if (!warned) write(`busmark service: waiting for NATS at ${maskUrl(options.natsUrl)}: ${error.message}`);
      warned = true;
    });
    if (!nc || stopping) return;
    const conn = nc;
    connected = true;
    (async () => {
      for await (const status of conn.status()) {
        if (status.type === "disconnect") connected = false;
        if (status.type === "reconnect") connected = true;
        if (status.type === "disconnect" || status.type === "reconnect") {
          log.log(`nats-${status.type}`, `NATS ${status.type} (${String(status.data)})`);
        }
      }
    })().catch(() => {});
    if (options.jetstream) {
      for (const [kind, suffix] of REQUEST_SUBJECTS.entries()) {
        requestSubs.push(conn.subscribe(subjectOf(options.prefix, suffix), {
          callback: (err, msg) => err ? undefined : answer(msg, kind as RequestKindValue),
        }));
      }
      const started = await startJetStream(conn, options.prefix, storage, onJetStream, options.js);
      if (stopping) return void await started.stop();
      binding = started;
    } else {
      sub = conn.subscribe(`${options.prefix}.>`, { callback: onCore });
    }
    await conn.flush();
    write(
      `busmark service: ready (${options.jetstream ? "jetstream" : "core"}) on ${maskUrl(options.natsUrl)}, ` +
        `prefix ${options.prefix}, db ${options.dbPath}, ${storage.db.driver}`,
    );
  }

  const ready = run();
  ready.catch((error) => write(`busmark service: Cannot start: ${(error as Error).message}`));

  async function shutdown(): Promise<void> {
    stopping = true;
    await withTimeout(ready, 150);
    const conn = nc;
    // Draining lets the server deliver what it already routed to us; pointless (and slow) while disconnected.
    const live = conn !== undefined && !conn.isClosed() && connected;
    const stops: Promise<unknown>[] = [];
    if (binding) stops.push(binding.stop());
    if (live) {
      for (const s of [sub, ...requestSubs]) if (s) stops.push(s.drain());
    }
    await withTimeout(Promise.all(stops), 1100);
    committer.close();
    if (conn && !conn.isClosed()) {
      if (live) await withTimeout(conn.flush(), 150);
      await withTimeout(conn.close(), 150);
    }
    await storage.close();
  }

  return {
    ready,
    stats,
    stop() {
      stopped ??= shutdown();
      return stopped;
    },
  };
}
