/**
 * Which local process listens on a TCP port, read from Linux `/proc` (`/proc/net/tcp{,6}` for the socket inode,
 * then `/proc/<pid>/fd/*` for its owner). Undefined on other systems or when the owner is not visible to us.
 * @module
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

const LISTEN = "0A";

function readOr(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** Inodes of the sockets listening on `port` (IPv4 and IPv6). */
export function listeningInodes(port: number): Set<string> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readOr(table).split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      if (cols[3] === LISTEN && local?.endsWith(`:${hexPort}`) && cols[9] && cols[9] !== "0") inodes.add(cols[9]);
    }
  }
  return inodes;
}

function ownsInode(pid: string, inodes: Set<string>): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  for (const fd of fds) {
    let target: string;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    const m = /^socket:\[(\d+)\]$/.exec(target);
    if (m && inodes.has(m[1] as string)) return true;
  }
  return false;
}

/**
 * The pid of the process listening on TCP `port`, or undefined. `hint` (a pid found earlier) is checked first,
 * which makes repeated look-ups cheap.
 */
export function portOwnerPid(port: number, hint?: number): number | undefined {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  if (hint !== undefined && ownsInode(String(hint), inodes)) return hint;
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    if (ownsInode(pid, inodes)) return Number(pid);
  }
  return undefined;
}
