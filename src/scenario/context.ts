/**
 * The state the normalizer threads through its steps: the source (for positions) and the problems found so far.
 * @module
 */
import type { ScenarioProblem } from "../errors.ts";
import type { SourcePos } from "./types.ts";
import type { YamlSource } from "./yaml-source.ts";

/** Collects semantic problems, positioned through the YAML source. */
export class NormalizeContext {
  readonly problems: ScenarioProblem[] = [];
  constructor(readonly source: YamlSource) {}

  /** The file name problems and positions carry. */
  get file(): string {
    return this.source.file;
  }

  /** The position of the value at `path`. */
  pos(path: string): SourcePos {
    return { file: this.file, ...this.source.pos(path) };
  }

  /** The position of the key of the map entry at `path`. */
  keyPos(path: string): SourcePos {
    return { file: this.file, ...this.source.keyPos(path) };
  }

  /** Reports a problem at the value (or, with `where: "key"`, the key) at `path`. */
  report(path: string, kind: string, message: string, where: "value" | "key" = "value"): void {
    const at = where === "key" ? this.source.keyPos(path) : this.source.pos(path);
    this.problems.push({ file: this.file, ...at, path, kind, message });
  }

  /** Reports a problem at character `offset` of the string (or, with `inKey`, the key) at `path`. */
  reportIn(path: string, offset: number, kind: string, message: string, inKey = false): void {
    this.problems.push({ file: this.file, ...this.source.posIn(path, offset, inKey), path, kind, message });
  }
}
