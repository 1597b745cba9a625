/**
 * Reads scenario YAML into a plain value while remembering where every node came from, so that any later problem
 * (schema, semantic) can name the line and column of the offending node. `${ENV}` interpolation happens here, on
 * every string scalar. An unquoted scalar that was interpolated, or a quoted one that is exactly one reference, is
 * re-read as a number or boolean when it looks like one, so `rate: ${RATE:-2000}` and `{ rate: "${RATE:-2000}" }`
 * are numbers (inside a flow map `{ ... }` the reference must be quoted, since `{` is YAML syntax there).
 * @module
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type Scalar } from "yaml";
import type { ScenarioProblem } from "../errors.ts";
import { type Env, interpolate, needsInterpolation } from "./interpolate.ts";

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
}

const MAX_NODES = 100_000;
/** A scalar that is one `${...}` reference and nothing else: its value is re-read as a number or boolean. */
const WHOLE_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}$/;
const MAX_DEPTH = 64;

/** Escapes one JSON-pointer segment. */
export function pointerSegment(key: string | number): string {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** Joins a JSON pointer and a segment. */
export function childPath(path: string, key: string | number): string {
  return `${path}/${pointerSegment(key)}`;
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
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
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
    const message = error.code === "DUPLICATE_KEY" ? "duplicate key: map keys must be unique" : error.message;
    problem(offset, "", kind, `${message}${yamlHint(error.code, lineText)}`);
  }

  const scalarStart = (node: Scalar): number => {
    const start = node.range?.[0] ?? 0;
    return node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE" ? start + 1 : start;
  };
  /** Source offset of `offset` in a scalar's value: exact when the source spells the value verbatim. */
  const offsetIn = (node: Node, offset: number): number => {
    if (!isScalar(node)) return node.range?.[0] ?? 0;
    const start = scalarStart(node);
    const raw = text.slice(start, start + String(node.value).length);
    return raw === String(node.source ?? node.value) || raw === String(node.value) ? start + offset : start;
  };

  let visited = 0;
  let tooBig = false;
  const walk = (node: Node | null | undefined, path: string, depth: number): unknown => {
    if (++visited > MAX_NODES || depth > MAX_DEPTH) {
      if (!tooBig) {
        problem(node?.range?.[0] ?? 0, path, "yaml-syntax", "the document is too large or too deeply nested");
      }
      tooBig = true;
      return null;
    }
    if (node === null || node === undefined) return null;
    if (!located.has(path)) located.set(path, { node });
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (!target) {
        problem(node.range?.[0] ?? 0, path, "yaml-syntax", `unknown anchor \`${node.source}\``);
        return null;
      }
      return walk(target, path, depth + 1);
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
          value: walk(pair.value as Node | null, childAt, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    if (isSeq(node)) return node.items.map((item, i) => walk(item as Node | null, childPath(path, i), depth + 1));
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
    if (node.type !== "PLAIN" && !WHOLE_REFERENCE.test(value)) return result.value;
    if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(result.value)) return Number(result.value);
    if (result.value === "true" || result.value === "false") return result.value === "true";
    return result.value;
  };

  const broken = doc.errors.length > 0;
  const value = broken ? undefined : walk(doc.contents as Node | null, "", 0);

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
      return node ? at(offsetIn(node, offset)) : nodePos(find(path)?.node);
    },
  };
}
