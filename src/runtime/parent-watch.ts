/**
 * Watching the process that started busmark, for signals a wrapper swallows. `npx busmark` (npm exec) and
 * `npm run` start a bin through `sh -c`, and npm forwards SIGINT/SIGTERM only to that shell. A POSIX shell waiting
 * for its foreground child does not pass a SIGINT on: dash and bash catch it, keep waiting, and only after the child
 * has ended do they die of it (so the caller's shell sees 130 while busmark ran to completion, unaware). A SIGTERM
 * or SIGHUP kills the shell instead, leaving busmark orphaned. Both are seen from here:
 *
 * - the parent's exit: `process.ppid` changes (busmark was reparented);
 * - a signal caught by a parent shell (Linux): a `sh -c` whose only child is this process sleeps in `wait()` and
 *   wakes only when a signal it catches arrives (SIGINT; SIGCHLD comes only when busmark itself ends). Its context
 *   switch counters in `/proc/<ppid>/status` then move. A wakeup is not trusted when the shell has another child,
 *   whose exit would wake it, or when this process itself was not running for a while (a job-control stop and
 *   continue, Ctrl-Z / fg, wakes everybody).
 * @module
 */
import { readFileSync } from "node:fs";
import process from "node:process";

/** How often the parent is looked at, ms. */
export const PARENT_POLL_MS = 200;

const SHELLS = new Set(["sh", "dash", "bash", "ash", "ksh", "mksh", "zsh", "busybox"]);

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** True when `pid` is a POSIX shell running a `-c` command string (`sh -c "busmark run ..."`). */
export function isShellWrapper(pid: number): boolean {
  const argv = readProc(`/proc/${pid}/cmdline`)?.split("\0") ?? [];
  const name = (argv[0] ?? "").split("/").pop()?.replace(/^-/, "") ?? "";
  return SHELLS.has(name) && argv.slice(1).some((a) => /^-[a-z]*c[a-z]*$/.test(a));
}

/** How many times `pid` was scheduled in (voluntary plus involuntary context switches), when readable. */
function wakeups(pid: number): number | undefined {
  const status = readProc(`/proc/${pid}/status`);
  if (status === undefined) return undefined;
  const count = (field: string) => Number(new RegExp(`^${field}:\\s*(\\d+)`, "m").exec(status)?.[1] ?? Number.NaN);
  const n = count("voluntary_ctxt_switches") + count("nonvoluntary_ctxt_switches");
  return Number.isFinite(n) ? n : undefined;
}

/** The children of `pid` (Linux with CONFIG_PROC_CHILDREN), when readable. */
function childrenOf(pid: number): string | undefined {
  return readProc(`/proc/${pid}/task/${pid}/children`)?.trim();
}

/** What the watch saw. */
export type ParentEvent = "parent-exited" | "parent-signalled";

/**
 * Watches the parent process from now on; calls `onEvent` once, when it exits or (a shell wrapper) catches a
 * signal it will not pass on. Returns a function that stops watching. The timer does not keep the process alive.
 */
export function watchParent(onEvent: (event: ParentEvent) => void): () => void {
  const parent = process.ppid;
  const self = String(process.pid);
  let seen = isShellWrapper(parent) ? wakeups(parent) : undefined;
  let onlyChild = seen !== undefined && childrenOf(parent) === self;
  let lastPoll = performance.now();
  let judgeFrom = lastPoll;
  let timer: ReturnType<typeof setInterval> | undefined = undefined;
  const stop = () => clearInterval(timer);
  const poll = () => {
    const now = performance.now();
    // Not running for a while (stopped and continued, or starved): the shell's wakeups may be job control's.
    if (now - lastPoll > PARENT_POLL_MS * 3) judgeFrom = now + PARENT_POLL_MS * 3;
    lastPoll = now;
    if (process.ppid !== parent) {
      stop();
      onEvent("parent-exited");
      return;
    }
    if (seen === undefined) return;
    const count = wakeups(parent);
    const alone = childrenOf(parent) === self;
    const woke = count !== undefined && count !== seen;
    const trusted = onlyChild && alone && now >= judgeFrom;
    seen = count;
    onlyChild = alone;
    if (woke && trusted) {
      stop();
      onEvent("parent-signalled");
    }
  };
  timer = setInterval(poll, PARENT_POLL_MS);
  (timer as { unref?: () => void }).unref?.();
  return stop;
}
