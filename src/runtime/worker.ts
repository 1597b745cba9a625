/**
 * Worker threads, on both runtimes: Node's `worker_threads` and Deno's web `Worker`, both started from a module
 * URL. The parent side spawns a TypeScript module as a worker; the worker side reaches its parent through
 * {@link parentChannel}. Messages are structured-cloned plain values. Work that may block (e.g. a database that
 * waits for a lock) runs there, never on the thread that paces and receives the load.
 * @module
 */
import { isDeno } from "./detect.ts";

/** The parent's handle on a running worker. */
export interface WorkerHandle {
  /** Sends a message to the worker. */
  post(message: unknown): void;
  /** Called with every message the worker sends. */
  onMessage(handler: (message: unknown) => void): void;
  /** Called once when the worker fails (an uncaught error), with the reason. */
  onError(handler: (reason: string) => void): void;
  /** Stops the worker at once. */
  terminate(): Promise<void>;
}

/** A worker's channel to its parent. */
export interface ParentChannel {
  /** Sends a message to the parent. */
  post(message: unknown): void;
  /** Called with every message the parent sends. */
  onMessage(handler: (message: unknown) => void): void;
  /** Ends the channel so the worker can exit once its work is done. */
  close(): void;
}

interface WebWorker {
  postMessage(message: unknown): void;
  addEventListener(type: "message", fn: (ev: { data: unknown }) => void): void;
  addEventListener(type: "error", fn: (ev: { message?: string; preventDefault(): void }) => void): void;
  terminate(): void;
}

interface WebWorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: "message", fn: (ev: { data: unknown }) => void): void;
  close(): void;
}

/** Hands values to its handlers, holding those that come before the first handler. */
class Relay<T> {
  readonly #handlers: ((value: T) => void)[] = [];
  readonly #held: T[] = [];

  emit(value: T): void {
    if (this.#handlers.length === 0) this.#held.push(value);
    for (const handler of this.#handlers) handler(value);
  }

  on(handler: (value: T) => void): void {
    this.#handlers.push(handler);
    for (const value of this.#held.splice(0)) handler(value);
  }
}

/**
 * A Node worker's entry: registers tsx in the worker, then imports the TypeScript module. Node 20 applies neither
 * the parent's `--import tsx` nor its `register()` hooks to a worker's own entry, so the worker starts from this
 * small data-URL module instead of the `.ts` file itself.
 */
function nodeBootstrap(url: URL): URL {
  const api = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const code = `import { register } from ${api}; register(); await import(${JSON.stringify(url.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/**
 * Starts the module at `url` (a module of this package: TypeScript, or compiled `.js` under `dist/`) in a worker
 * thread. The worker does not keep the
 * process alive on its own; stop it with {@link WorkerHandle.terminate}.
 */
export async function spawnWorker(url: URL): Promise<WorkerHandle> {
  if (isDeno) {
    const Ctor = (globalThis as unknown as { Worker: new (url: string, opts: { type: "module" }) => WebWorker }).Worker;
    const worker = new Ctor(url.href, { type: "module" });
    // Deno 2 can drop what a worker sends when the parent's listeners come even a few microtasks after the
    // worker was constructed (seen as a worker whose first message never arrives, now and then): listen at once
    // and hold messages and the failure until a handler is registered.
    const messages = new Relay<unknown>();
    const errors = new Relay<string>();
    worker.addEventListener("message", (ev) => messages.emit(ev.data));
    worker.addEventListener("error", (ev) => {
      ev.preventDefault();
      errors.emit(ev.message ?? "worker failed");
    });
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (handler) => messages.on(handler),
      onError: (handler) => errors.on(handler),
      terminate: () => Promise.resolve(worker.terminate()),
    };
  }
  const { Worker } = await import("node:worker_threads");
  const worker = new Worker(url.pathname.endsWith(".js") ? url : nodeBootstrap(url));
  worker.unref();
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (handler) => worker.on("message", handler),
    onError: (handler) => worker.once("error", (error: Error) => handler(error.message)),
    terminate: async () => {
      await worker.terminate();
    },
  };
}

/** The calling worker's channel to its parent; throws when not called inside a worker. */
export async function parentChannel(): Promise<ParentChannel> {
  if (isDeno) {
    const scope = globalThis as unknown as WebWorkerScope;
    return {
      post: (message) => scope.postMessage(message),
      onMessage: (handler) => scope.addEventListener("message", (ev) => handler(ev.data)),
      close: () => scope.close(),
    };
  }
  const { parentPort } = await import("node:worker_threads");
  if (!parentPort) throw new Error("Cannot reach the parent: not running in a worker thread");
  const port = parentPort;
  return {
    post: (message) => port.postMessage(message),
    onMessage: (handler) => port.on("message", handler),
    close: () => port.close(),
  };
}
