/**
 * A minimal HTTP server on 127.0.0.1 for the live dashboard: plain responses and server-sent event streams. The
 * core uses it instead of importing `node:http` itself.
 * @module
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A server-sent events stream to one client. */
export interface EventStream {
  /** Sends one event whose data is `data` (one line). */
  send(data: string): void;
  /** Calls `fn` once the client went away. */
  onClose(fn: () => void): void;
}

/** One request: its path, and the two ways to answer it. */
export interface HttpExchange {
  method: string;
  path: string;
  /** Answers with a whole body. */
  reply(status: number, contentType: string, body: string): void;
  /** Answers with a server-sent events stream (kept open until the client or the server closes it). */
  events(): EventStream;
}

/** A listening server. */
export interface HttpServer {
  port: number;
  /** Stops listening and ends every open connection. */
  close(): Promise<void>;
}

/** Could not listen on the asked port. */
export class HttpServerError extends Error {
  readonly port: number;
  constructor(port: number, reason: string, options?: { cause?: unknown }) {
    super(`Cannot serve on 127.0.0.1:${port}: ${reason}`, options);
    this.name = "HttpServerError";
    this.port = port;
  }
}

/** Serves `handler` on 127.0.0.1:`port` (0 = any free port); resolves once listening. */
export function serveHttp(port: number, handler: (x: HttpExchange) => void): Promise<HttpServer> {
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    handler({
      method: req.method ?? "GET",
      path,
      reply(status, contentType, body) {
        res.writeHead(status, { "content-type": contentType, "cache-control": "no-store" });
        res.end(body);
      },
      events() {
        res.writeHead(200, {
          "content-type": "text/event-stream",
          "cache-control": "no-store",
          connection: "keep-alive",
        });
        res.write("retry: 1000\n\n");
        open.add(res);
        const closers: (() => void)[] = [];
        res.on("close", () => {
          open.delete(res);
          for (const fn of closers) fn();
        });
        return {
          send: (data) => void res.write(`data: ${data.replace(/\n/g, "\\n")}\n\n`),
          onClose: (fn) => void closers.push(fn),
        };
      },
    });
  });
  return new Promise((resolve, reject) => {
    server.once(
      "error",
      (error: Error & { code?: string }) =>
        reject(new HttpServerError(port, error.code ?? error.message, { cause: error })),
    );
    server.listen(port, "127.0.0.1", () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            for (const res of open) res.end();
            server.close(() => done());
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
  });
}
