/**
 * Schema validation of a scenario value with ajv (draft 2020-12), and the translation of ajv's errors into
 * problems a person can act on, positioned at the offending YAML node.
 * @module
 */
import { Ajv2020, type ErrorObject, type Options } from "ajv/dist/2020.js";
import type { ScenarioProblem } from "../errors.ts";
import { readText } from "../runtime/fs.ts";
import { urlToPath } from "../runtime/paths.ts";
import { didYouMean } from "../text/suggest.ts";
import { childPath, type YamlSource } from "./yaml-source.ts";
import { SCHEMA_JSON, validate as precompiled } from "../../schemas/scenario.validate.js";

/** Absolute path of `schemas/scenario.schema.json`. */
export const SCENARIO_SCHEMA_PATH: string = urlToPath(new URL("../../schemas/scenario.schema.json", import.meta.url));

/** The ajv options the scenario schema is compiled with, ahead of time (`npm run gen:validator`) and at run time. */
export const SCENARIO_AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true };

/** A compiled scenario validator: true when valid, else false with the reasons in `errors`. */
export interface ScenarioValidator {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

let compiled: ScenarioValidator | undefined;

/** The scenario JSON Schema, parsed. */
export function scenarioSchema(): Record<string, unknown> {
  return JSON.parse(readText(SCENARIO_SCHEMA_PATH)) as Record<string, unknown>;
}

/** Compiles the schema with ajv now: some 0.3 s at start-up, what the validator compiled ahead of time saves. */
export function compileScenarioValidator(schema: Record<string, unknown> = scenarioSchema()): ScenarioValidator {
  return new Ajv2020(SCENARIO_AJV_OPTIONS).compile(schema);
}

/**
 * The validator of the scenario schema: the one compiled ahead of time (`schemas/scenario.validate.js`, written by
 * `npm run gen:validator`) while it was compiled from the schema as it is now, else the schema compiled with ajv
 * (an edited schema is never checked by a stale validator; a test fails until the file is regenerated).
 */
export function scenarioValidator(): ScenarioValidator {
  if (!compiled) {
    const schema = scenarioSchema();
    compiled = JSON.stringify(schema) === SCHEMA_JSON ? precompiled : compileScenarioValidator(schema);
  }
  return compiled;
}

/** What a value of a `$defs` entry should look like, for messages. */
const HINTS: Readonly<Record<string, string>> = {
  duration: "a duration like `10s` (a number and one of us, ms, s, m, h)",
  identifier: "a name of letters, digits, `-` and `_` that starts with a letter",
  scenarioName: "a kebab-case name like `sustained-throughput`",
  tag: "a lower-case tag like `ci` or `soak`",
};

function show(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function typeName(value: unknown): string {
  if (value === null) return "nothing (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number";
  return `a ${typeof value}`;
}

function expected(type: unknown): string {
  const names: Record<string, string> = {
    string: "a string",
    number: "a number",
    integer: "an integer",
    boolean: "true or false",
    object: "a map",
    array: "a list",
    null: "nothing",
  };
  const list = Array.isArray(type) ? type : [type];
  const words = list.map((t) => names[String(t)] ?? String(t));
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

function hintFor(error: ErrorObject): string | undefined {
  const m = /#\/\$defs\/([A-Za-z]+)\/(?:type|pattern|maxLength)$/.exec(error.schemaPath);
  return m ? HINTS[m[1] ?? ""] : undefined;
}

interface Mapped {
  path: string;
  where: "value" | "key";
  kind: string;
  message: string;
}

function describe(error: ErrorObject): Mapped | undefined {
  const path = error.instancePath;
  const params = error.params as Record<string, unknown>;
  const data = error.data;
  const hint = hintFor(error);
  if (error.propertyName !== undefined) {
    const name = error.propertyName;
    return {
      path: childPath(path, name),
      where: "key",
      kind: "invalid-name",
      message: `\`${show(name)}\` is not ${HINTS.identifier}`,
    };
  }
  switch (error.keyword) {
    case "if":
    case "propertyNames":
      return undefined;
    case "additionalProperties": {
      const name = String(params.additionalProperty);
      const props = (error.parentSchema?.properties ?? {}) as Record<string, { not?: unknown }>;
      const known = Object.keys(props).filter((k) => props[k]?.not === undefined); // `not`: named only to refuse it
      const suggestion = didYouMean(name, known);
      return {
        path: childPath(path, name),
        where: "key",
        kind: "unknown-property",
        message: `unknown property \`${name}\`${
          suggestion || (known.length ? `; expected one of ${known.join(", ")}` : "")
        }`,
      };
    }
    case "required":
      return {
        path,
        where: "value",
        kind: "missing-property",
        message: `missing required property \`${String(params.missingProperty)}\``,
      };
    case "type":
      return {
        path,
        where: "value",
        kind: hint ? "invalid-value" : "type",
        message: `expected ${hint ?? expected(params.type)}, got ${hint ? `\`${show(data)}\`` : typeName(data)}`,
      };
    case "pattern":
    case "maxLength":
      return {
        path,
        where: "value",
        kind: "invalid-value",
        message: hint
          ? `expected ${hint}, got \`${show(data)}\``
          : error.keyword === "pattern"
          ? `expected a value like \`10%\`, got \`${show(data)}\``
          : `\`${show(data)}\` is too long`,
      };
    case "minLength":
      return { path, where: "value", kind: "invalid-value", message: "must not be empty" };
    case "not": // a key the schema names only to explain why it does not belong there
      return {
        path,
        where: "key",
        kind: "invalid-property",
        message: String(
          (error.parentSchema as { description?: unknown } | undefined)?.description ?? "not allowed here",
        ),
      };
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      return {
        path,
        where: "value",
        kind: "invalid-value",
        message: `expected one of ${allowed.map((a) => `\`${a}\``).join(", ")}, got \`${show(data)}\`${
          didYouMean(String(data), allowed)
        }`,
      };
    }
    case "const":
      return path === "/version"
        ? { path, where: "value", kind: "invalid-value", message: `unsupported version \`${show(data)}\`: expected 1` }
        : { path, where: "value", kind: "invalid-value", message: `expected \`${show(params.allowedValue)}\`` };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const op = { minimum: ">=", maximum: "<=", exclusiveMinimum: ">", exclusiveMaximum: "<" }[error.keyword];
      const cap = error.keyword === "maximum" ? " (the cap; see docs/scenario-language.md)" : "";
      return {
        path,
        where: "value",
        kind: "out-of-range",
        message: `must be ${op} ${String(params.limit)}, got ${show(data)}${cap}`,
      };
    }
    case "minItems":
    case "maxItems":
    case "minProperties":
    case "maxProperties":
      return { path, where: "value", kind: "out-of-range", message: countMessage(path, error.keyword, params) };
    case "uniqueItems":
      return {
        path: childPath(path, Number(params.i)),
        where: "value",
        kind: "duplicate-name",
        message: `duplicate item \`${show((data as unknown[])[Number(params.i)])}\``,
      };
    default:
      return { path, where: "value", kind: "invalid-value", message: error.message ?? "invalid" };
  }
}

function countMessage(path: string, keyword: string, params: Record<string, unknown>): string {
  if (path === "/service") return "a service needs exactly one of `reference`, `command`, `external`, `none`";
  if (path.endsWith("/ready")) return "a readiness probe needs one of `request`, `subscription`, `delay`";
  const limit = Number(params.limit);
  const noun = keyword.endsWith("Items") ? (limit === 1 ? "item" : "items") : (limit === 1 ? "entry" : "entries");
  return keyword.startsWith("min")
    ? `needs at least ${limit} ${noun}`
    : `has more than ${limit} ${noun} (the cap; see docs/scenario-language.md)`;
}

/** Validates `value` against the scenario schema; one problem per offending node, in no particular order. */
export function schemaProblems(
  value: unknown,
  source: YamlSource,
  validate: ScenarioValidator = scenarioValidator(),
): ScenarioProblem[] {
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  const typeFailed = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  const seen = new Set<string>();
  const typeSeen = new Set<string>();
  const problems: ScenarioProblem[] = [];
  for (const error of errors) {
    if (error.keyword === "type") {
      // a union's branches fail with the same type error at one node: keep the first
      if (typeSeen.has(error.instancePath)) continue;
      typeSeen.add(error.instancePath);
    } else if (typeFailed.has(error.instancePath)) continue;
    const mapped = describe(error);
    if (!mapped) continue;
    const id = `${mapped.path}\u0000${mapped.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const at = mapped.where === "key" ? source.keyPos(mapped.path) : source.pos(mapped.path);
    problems.push({ file: source.file, ...at, path: mapped.path, kind: mapped.kind, message: mapped.message });
  }
  return problems;
}
