/**
 * `busmark run --dashboard [PORT]`: serves the live dashboard on 127.0.0.1 while the run goes on. `/` is the page,
 * `/events` a server-sent events stream that replays every second so far and then sends one tick a second and the
 * verdict at the end. The server stops when the run's report is written.
 * @module
 */
import { UsageError } from "../errors.ts";
import { dashboardAssets } from "../report/html/assets.ts";
import { type LiveMessage, type LiveTick, renderDashboardHtml } from "../report/html/dashboard.ts";
import { verdictSentence } from "../report/markdown-summary.ts";
import type { RunResult } from "../result/types.ts";
import type { RunEvent, RunListener } from "../run/events.ts";
import { type EventStream, serveHttp } from "../runtime/http-server.ts";
import type { Scenario } from "../scenario/types.ts";

/** A running dashboard. */
export interface Dashboard {
  url: string;
  /** Feed it the run's events. */
  listener: RunListener;
  /** Sends the verdict and where the report is. */
  finish(result: RunResult, reportDir: string): void;
  close(): Promise<void>;
}

/**
 * Takes `--dashboard [PORT]` out of `args` (the port is the next argument when it is a number; default 0, any free
 * port). Returns the remaining arguments and the port, or no port when the flag is absent.
 */
export function takeDashboardFlag(args: readonly string[]): { args: string[]; port?: number } {
  const i = args.indexOf("--dashboard");
  if (i < 0) return { args: [...args] };
  const next = args[i + 1];
  const hasPort = next !== undefined && /^\d+$/.test(next);
  const port = hasPort ? Number(next) : 0;
  if (port > 65535) throw new UsageError(`\`--dashboard ${next}\`: a port is 0 to 65535`);
  return { args: [...args.slice(0, i), ...args.slice(i + (hasPort ? 2 : 1))], port };
}

/** One progress event as a dashboard tick. */
function tickOf(event: Extract<RunEvent, { type: "progress" }>): LiveTick {
  const s = event.snapshot;
  return {
    t: Number(s.elapsedS.toFixed(3)),
    phase: s.phase,
    offered: Math.round(s.offeredRate),
    achieved: Math.round(s.achievedRate),
    p99Ms: s.p99Us !== null && s.p99Us > 0 ? s.p99Us / 1000 : null,
    published: s.published,
    persisted: s.persisted,
    pending: s.pending,
    lost: s.lost,
    errors: s.errors,
  };
}

/** Starts the dashboard of a scenario's run on 127.0.0.1:`port`. */
export async function openDashboard(scenario: Scenario, port: number): Promise<Dashboard> {
  const page = renderDashboardHtml(scenario, dashboardAssets());
  const history: LiveMessage[] = [];
  const clients = new Set<EventStream>();
  const broadcast = (m: LiveMessage) => {
    history.push(m);
    const data = JSON.stringify(m);
    for (const c of clients) c.send(data);
  };
  const server = await serveHttp(port, (x) => {
    if (x.method !== "GET") return x.reply(405, "text/plain", "GET only\n");
    if (x.path === "/") return x.reply(200, "text/html; charset=utf-8", page);
    if (x.path !== "/events") return x.reply(404, "text/plain", "not found\n");
    const stream = x.events();
    for (const m of history) stream.send(JSON.stringify(m));
    clients.add(stream);
    stream.onClose(() => clients.delete(stream));
  });
  return {
    url: `http://127.0.0.1:${server.port}/`,
    listener: (event) => {
      if (event.type === "progress") broadcast({ type: "tick", tick: tickOf(event) });
    },
    finish: (result, reportDir) =>
      broadcast({ type: "done", verdict: result.verdict, sentence: verdictSentence(result), report: reportDir }),
    close: () => server.close(),
  };
}
