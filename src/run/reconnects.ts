/**
 * Watching the connection's status for NATS disconnects and reconnects, to report reconnection time
 * (disconnect → reconnected) when NATS restarts under a run.
 * @module
 */
import type { NatsConnection } from "nats";

/** One disconnect and, when it happened, the reconnect that followed. Clock times in ms. */
export interface ReconnectRecord {
  disconnectedAt: number;
  reconnectedAt?: number;
}

/** Starts watching; `stop()` ends the watch and returns what was seen. */
export function watchReconnects(nc: NatsConnection, now: () => number): { stop(): ReconnectRecord[] } {
  const records: ReconnectRecord[] = [];
  let stopped = false;
  void (async () => {
    for await (const status of nc.status()) {
      if (stopped) break;
      if (status.type === "disconnect") records.push({ disconnectedAt: now() });
      else if (status.type === "reconnect") {
        const open = records.findLast((r) => r.reconnectedAt === undefined);
        if (open) open.reconnectedAt = now();
      }
    }
  })().catch(() => {});
  return {
    stop() {
      stopped = true;
      return records;
    },
  };
}
