/**
 * Reads scenario YAML into a plain value while remembering where every node came from, so that any later problem
 * (schema, semantic) can name the line and column of the offending node. `${ENV}` interpolation happens here, on
 * every string scalar. An unquoted scalar that was interpolated, or a quoted one that is exactly one reference, is
 * re-read as a number or boolean when it looks like one, so `rate: ${RATE:-2000}` and `{ rate: "${RATE:-2000}" }`
 * are numbers (inside a flow map `{ ... }` the reference must be quoted, since `{` is YAML syntax there).
 *
 * Hostile documents are refused with one problem rather than expanded: aliases resolve in one pass and expand to
 * at most {@link MAX_ALIAS_NODES} nodes, the document to {@link MAX_NODES}, and the phases, events and faults caps
 * are checked on the collection before any alias in it is expanded.
 * @module
 */
import {
  type Alias,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type Scalar,
  visit,
} from "yaml";
import type { ScenarioProblem } from "../errors.ts";
import { CAPS } from "./caps.ts";
import { type Env, interpolate, needsInterpolation, type Segment, sourceOffset } from "./interpolate.ts";

/** A 1-based line and column. */
export interface LineCol {
  line: number;
  column: number;
}

interface Located {
  node: Node;
  key?: Node;
}

/** A parsed YAML file: its plain value, the problems met while reading it, and positions by JSON pointer. */
export interface YamlSource {
  file: string;
  /** The plain value (undefined when the YAML itself is broken). */
  value: unknown;
  problems: ScenarioProblem[];
  /** Position of the value at `path` (a JSON pointer), or of its nearest recorded ancestor. */
  pos(path: string): LineCol;
  /** Position of the key of the map entry at `path` (its value's position when it is not a map entry). */
  keyPos(path: string): LineCol;
  /** Position of the character `offset` inside the string scalar (or, with `inKey`, the key) at `path`. */
  posIn(path: string, offset: number, inKey?: boolean): LineCol;
  /**
   * The runs of the interpolated string at `path` (see {@link Segment}) when some of it came from the environment:
   * that text is literal, never a template.
   */
  envSegments(path: string): readonly Segment[] | undefined;
}

/** Most nodes a document may hold, aliases expanded. */
export const MAX_NODES = 100_000;
/** Most nodes all aliases together may expand to (a document of aliases of aliases grows exponentially). */
export const MAX_ALIAS_NODES = 10_000;
/** Longest map key, in characters (names are at most 64; YAML itself stops at 1024). */
const MAX_KEY_LENGTH = 64;
/** Collections whose size the caps bound, checked before their items are read (and their aliases expanded). */
const CAPPED: Readonly<Record<string, number>> = {
  "/phases": CAPS.phases,
  "/events": CAPS.events,
  "/faults": CAPS.faults,
};
/** A scalar that is one `${...}` reference and nothing else: its value is re-read as a number or boolean. */
const WHOLE_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::-(?:[^}]*|\$\{.*\}))?\}$/;
const MAX_DEPTH = 64;

/** Escapes one JSON-pointer segment. */
export function pointerSegment(key: string | number): string {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** Joins a JSON pointer and a segment. */
export function childPath(path: string, key: string | number): string {
  return `${path}/${pointerSegment(key)}`;
}

/**
 * One pass over `doc`: every alias with the node it names (the last anchor of that name before it), and every
 * repeated map key. (The `yaml` library does both in quadratic time: each alias searches the whole document, each
 * key every earlier key of its map; 20,000 aliases took 40 s.)
 */
function scanDocument(doc: ReturnType<typeof parseDocument>): { targets: Map<Alias, Node>; duplicates: Node[] } {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  const duplicates: Node[] = [];
  visit(doc, {
    Map: (_key, map) => {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = pair.key as Node | null;
        if (!isScalar(key)) continue;
        const id = `${typeof key.value}:${String(key.value)}`;
        if (seen.has(id)) duplicates.push(key);
        seen.add(id);
      }
    },
  });
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return { targets, duplicates };
}

function yamlHint(code: string, lineText: string): string {
  if (code === "BLOCK_AS_IMPLICIT_KEY" && /\{[^}]*:\s/.test(lineText)) {
    return " (a key with a selector must be quoted or written without the space: " +
      '`"latency.persisted{event: chat}": ...` or `latency.persisted{event:chat}: ...`)';
  }
  return "";
}

/** Parses `text` (named `file` in problems) and interpolates `${ENV}` references from `env`. */
export function readYamlSource(text: string, file: string, env: Env): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const { targets, duplicates } = scanDocument(doc);
  const located = new Map<string, Located>();
  const problems: ScenarioProblem[] = [];
  const at = (offset: number): LineCol => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problem = (offset: number, path: string, kind: string, message: string) => {
    problems.push({ file, ...at(offset), path, kind, message });
  };

  // after the first syntax error the parser's further errors are mostly its own confusion: report only that one
  // (and every duplicate key, which is a problem of its own)
  const firstSyntax = doc.errors.find((e) => e.code !== "DUPLICATE_KEY");
  const reported = [...doc.errors.filter((e) => e === firstSyntax || e.code === "DUPLICATE_KEY"), ...doc.warnings];
  for (const error of reported) {
    const offset = error.pos[0];
    const { line } = at(offset);
    const lineText = text.split("\n")[line - 1] ?? "";
    const kind = error.code === "DUPLICATE_KEY" ? "duplicate-key" : "yaml-syntax";
    const message = error.code === "DUPLICATE_KEY"
      ? "duplicate key: map keys must be unique"
      : error.code === "KEY_OVER_1024_CHARS"
      ? `a key is over 1024 characters long: names are at most ${MAX_KEY_LENGTH} characters`
      : error.message;
    problem(offset, "", kind, `${message}${yamlHint(error.code, lineText)}`);
  }

  const scalarStart = (node: Scalar): number => {
    const start = node.range?.[0] ?? 0;
    return node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE" ? start + 1 : start;
  };
  const segmentsAt = new Map<string, Segment[]>();
  const envAt = new Map<string, Segment[]>();
  /**
   * Source offset of `offset` in a scalar's value (before interpolation, or mapped back through `segments`): exact
   * when the source spells the value verbatim, else found by the value's line around it (a block scalar's line).
   */
  const offsetIn = (node: Node, offset: number, segments?: readonly Segment[]): number => {
    if (!isScalar(node)) return node.range?.[0] ?? 0;
    const at = segments ? sourceOffset(segments, offset) : offset;
    const start = scalarStart(node);
    const value = String(node.value);
    const raw = text.slice(start, start + value.length);
    if (raw === String(node.source ?? node.value) || raw === value) return start + at;
    const lineStart = value.lastIndexOf("\n", at - 1) + 1;
    const lineEnd = value.indexOf("\n", at);
    const needle = value.slice(lineStart, lineEnd < 0 ? value.length : lineEnd);
    const end = node.range?.[1] ?? text.length;
    const found = needle.trim() === "" ? -1 : text.indexOf(needle, start);
    return found >= 0 && found + needle.length <= end ? found + (at - lineStart) : start;
  };

  let visited = 0;
  let aliasNodes = 0;
  /** Set once the document is refused as a whole (too big, too many aliases, over a cap): nothing more is read. */
  let fatal = false;
  const refuse = (offset: number, path: string, kind: string, message: string): null => {
    if (!fatal) problem(offset, path, kind, message);
    fatal = true;
    return null;
  };
  const walk = (node: Node | null | undefined, path: string, depth: number, inAlias = false): unknown => {
    if (fatal) return null;
    const offset = node?.range?.[0] ?? 0;
    if (++visited > MAX_NODES || depth > MAX_DEPTH) {
      return refuse(offset, path, "yaml-syntax", "the document is too large or too deeply nested");
    }
    if (inAlias && ++aliasNodes > MAX_ALIAS_NODES) {
      return refuse(
        offset,
        path,
        "too-many-aliases",
        `aliases expand to more than ${MAX_ALIAS_NODES.toLocaleString("en-US")} nodes: write the values out`,
      );
    }
    if (node === null || node === undefined) return null;
    if (!located.has(path)) located.set(path, { node });
    if (isAlias(node)) {
      const target = targets.get(node);
      if (!target) {
        problem(offset, path, "yaml-syntax", `unknown anchor \`${node.source}\``);
        return null;
      }
      return walk(target, path, depth + 1, true);
    }
    const cap = CAPPED[path];
    if (cap !== undefined && (isMap(node) || isSeq(node)) && node.items.length > cap) {
      const noun = isSeq(node) ? "items" : "entries";
      return refuse(
        offset,
        path,
        "out-of-range",
        `has more than ${cap} ${noun} (the cap; see docs/scenario-language.md)`,
      );
    }
    if (isScalar(node)) return scalarValue(node, path);
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const keyValue = isScalar(keyNode) ? keyNode.value : undefined;
        if (keyValue === undefined || keyValue === null || typeof keyValue === "object") {
          problem(keyNode?.range?.[0] ?? node.range?.[0] ?? 0, path, "yaml-syntax", "a map key must be a plain name");
          continue;
        }
        const key = String(keyValue);
        const childAt = childPath(path, key);
        located.set(childAt, { node: (pair.value as Node | null) ?? keyNode!, key: keyNode! });
        Object.defineProperty(out, key, {
          value: walk(pair.value as Node | null, childAt, depth + 1, inAlias),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => walk(item as Node | null, childPath(path, i), depth + 1, inAlias));
    }
    return null;
  };

  const scalarValue = (node: Scalar, path: string): unknown => {
    const value = node.value;
    if (typeof value === "number" && !Number.isFinite(value)) {
      problem(node.range?.[0] ?? 0, path, "type", `expected a finite number, got \`${node.source ?? value}\``);
      return value;
    }
    if (typeof value !== "string" || !needsInterpolation(value)) return value;
    const result = interpolate(value, env);
    for (const p of result.problems) problem(offsetIn(node, p.offset), path, p.kind, p.message);
    segmentsAt.set(path, result.segments);
    if (result.segments.some((seg) => seg.env)) envAt.set(path, result.segments);
    if (node.type !== "PLAIN" && !WHOLE_REFERENCE.test(value)) return result.value;
    if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(result.value)) return Number(result.value);
    if (result.value === "true" || result.value === "false") return result.value === "true";
    return result.value;
  };

  for (const key of duplicates) {
    problem(key.range?.[0] ?? 0, "", "duplicate-key", "duplicate key: map keys must be unique");
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  const broken = doc.errors.length > 0 || duplicates.length > 0;
  const walked = broken ? undefined : walk(doc.contents as Node | null, "", 0);
  const value = fatal ? undefined : walked;

  const find = (path: string): Located | undefined => {
    for (let p = path;; p = p.slice(0, Math.max(0, p.lastIndexOf("/")))) {
      const hit = located.get(p);
      if (hit || p === "") return hit;
    }
  };
  const nodePos = (node: Node | undefined): LineCol => at(node?.range?.[0] ?? 0);
  return {
    file,
    value,
    problems,
    pos: (path) => nodePos(find(path)?.node),
    keyPos: (path) => {
      const hit = find(path);
      return nodePos(hit?.key ?? hit?.node);
    },
    posIn: (path, offset, inKey = false) => {
      const hit = located.get(path);
      const node = inKey ? hit?.key : hit?.node;
      return node ? at(offsetIn(node, offset, inKey ? undefined : segmentsAt.get(path))) : nodePos(find(path)?.node);
    },
    envSegments: (path) => envAt.get(path),
  };
}
