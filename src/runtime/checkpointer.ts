/**
 * Background WAL checkpoints: a worker thread with its own connection to the database file runs
 * `PRAGMA wal_checkpoint(PASSIVE)` on an interval, so the copy of WAL pages into the database and its fsyncs
 * happen off the writer's thread instead of stalling a COMMIT now and then (the writer's automatic checkpoint is
 * raised to a large safety threshold by the caller). Works on Node (better-sqlite3) and Deno (node:sqlite); the
 * worker is plain JavaScript evaluated in place, so it needs no TypeScript loader.
 * @module
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { isDeno } from "./detect.ts";

/** A running background checkpointer. */
export interface Checkpointer {
  /** Stops the worker (its connection is closed first); resolves once the thread has ended. */
  stop(): Promise<void>;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
let db;
if (workerData.driver === "node:sqlite") {
  const { DatabaseSync } = require("node:sqlite");
  db = new DatabaseSync(workerData.path);
} else {
  const Database = require(workerData.driver);
  db = new Database(workerData.path);
}
db.exec("PRAGMA busy_timeout = 100");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const timer = setInterval(() => {
  try { checkpoint.get(); } catch { /* busy or closing: try again next time */ }
}, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  try { db.close(); } catch { /* already closed */ }
  parentPort.postMessage("closed");
});
`;

/** Starts checkpointing the WAL of the database at `path` every `intervalMs` on a worker thread. */
export function startCheckpointer(path: string, intervalMs = 100): Checkpointer {
  const driver = isDeno ? "node:sqlite" : createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver, intervalMs } });
  worker.on("error", () => {
    // a checkpointer that failed leaves the writer's automatic checkpoint in charge
  });
  worker.unref();
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => void worker.terminate().then(() => resolve(), () => resolve()), 200);
        worker.once("message", () => {
          clearTimeout(timer);
          worker.terminate().then(() => resolve(), () => resolve());
        });
        worker.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage("stop");
      });
      return stopped;
    },
  };
}
