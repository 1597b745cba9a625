/**
 * JetStream mode: a stream over the seven event subjects (never the request subjects: a stream capturing a request
 * subject would answer the requester with its PubAck) and a durable pull consumer with explicit acks. Messages are
 * acknowledged after their transaction commits; a restart resumes from the consumer's state; a redelivery of an
 * event already committed is recognised by its stream sequence (table `busmark_js_applied`, written in the same
 * transaction) and skipped.
 * @module
 */
import {
  AckPolicy,
  type ConsumerMessages,
  DeliverPolicy,
  type JsMsg,
  nanos,
  type NatsConnection,
  RetentionPolicy,
  StorageType,
} from "nats";
import { EVENT_SUBJECTS, subjectOf } from "./contract.ts";
import type { Storage } from "./storage.ts";

/** JetStream settings of the service. */
export interface JetStreamOptions {
  /** Stream name (default `BUSMARK_<PREFIX>`). */
  stream?: string;
  /** Durable consumer name (default `busmark-service`). */
  durable?: string;
  /** How long JetStream waits for an ack before redelivering, ms (default 5000). */
  ackWaitMs?: number;
  /** Messages pulled per request (default 1000). */
  pullBatch?: number;
  /** How often applied sequences below the ack floor are forgotten, ms (default 30 000). */
  forgetEveryMs?: number;
}

/** The running consumer. */
export interface JetStreamBinding {
  /** Stream name in use. */
  readonly stream: string;
  /** Durable name in use. */
  readonly durable: string;
  /** Messages pulled but not yet handed to the callback. */
  pending(): number;
  /** Stops pulling (messages already handed over stay the caller's to settle). */
  stop(): Promise<void>;
}

/** The default stream name for a prefix: `BUSMARK_` + the prefix in upper case, non-name characters as `_`. */
export function defaultStreamName(prefix: string): string {
  return `BUSMARK_${prefix.replace(/[^A-Za-z0-9_-]/g, "_").toUpperCase()}`;
}

function sameSubjects(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return !!a && a.length === b.length && a.every((s) => b.includes(s));
}

/**
 * Creates or updates the stream and the durable consumer, reconciles the dedup table with the stream's identity
 * (a recreated stream restarts its sequences), and starts consuming into `onMessage`.
 */
export async function startJetStream(
  nc: NatsConnection,
  prefix: string,
  storage: Storage,
  onMessage: (msg: JsMsg) => void,
  options: JetStreamOptions = {},
): Promise<JetStreamBinding> {
  const stream = options.stream ?? defaultStreamName(prefix);
  const durable = options.durable ?? "busmark-service";
  const ackWait = nanos(options.ackWaitMs ?? 5000);
  const subjects = EVENT_SUBJECTS.map((s) => subjectOf(prefix, s));
  const jsm = await nc.jetstreamManager();

  let info;
  try {
    info = await jsm.streams.info(stream);
    if (!sameSubjects(info.config.subjects, subjects)) info = await jsm.streams.update(stream, { subjects });
  } catch (error) {
    if (!/not found/i.test((error as Error).message)) throw error;
    info = await jsm.streams.add({
      name: stream,
      subjects,
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
    });
  }
  const identity = `${stream}@${info.created}`;
  if (storage.getMeta("js_stream") !== identity) {
    storage.clearApplied();
    storage.setMeta("js_stream", identity);
  }

  const config = { ack_wait: ackWait, max_ack_pending: 20_000 };
  try {
    await jsm.consumers.info(stream, durable);
    await jsm.consumers.update(stream, durable, config);
  } catch (error) {
    if (!/not found/i.test((error as Error).message)) throw error;
    await jsm.consumers.add(stream, {
      ...config,
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
    });
  }

  const consumer = await nc.jetstream().consumers.get(stream, durable);
  const messages: ConsumerMessages = await consumer.consume({
    max_messages: options.pullBatch ?? 1000,
    callback: onMessage,
  });
  const forget = setInterval(() => {
    consumer.info().then((ci) => storage.forgetApplied(ci.ack_floor.stream_seq)).catch(() => {});
  }, options.forgetEveryMs ?? 30_000);

  return {
    stream,
    durable,
    pending: () => messages.getPending(),
    async stop() {
      clearInterval(forget);
      await messages.close();
    },
  };
}
