/**
 * A small, strict parser for a command's flags: `--flag value`, `--flag=value`, boolean `--flag`; anything else
 * is positional. Unknown flags are usage errors with a suggestion.
 * @module
 */
import { UsageError } from "../errors.ts";

/** What a command accepts. */
export interface FlagSpec {
  /** Flags that take a value. */
  values: readonly string[];
  /** Flags that are true when present. */
  booleans: readonly string[];
  /** Flags that may repeat (their values are collected). */
  repeatable?: readonly string[];
}

/** Parsed arguments. */
export interface ParsedArgs {
  flags: Record<string, string | undefined>;
  lists: Record<string, string[]>;
  booleans: Set<string>;
  positionals: string[];
}

/** Parses `args` against `spec`; throws UsageError on an unknown flag or a missing value. */
export function parseArgs(args: readonly string[], spec: FlagSpec): ParsedArgs {
  const out: ParsedArgs = { flags: {}, lists: {}, booleans: new Set(), positionals: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      out.positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (spec.booleans.includes(name)) {
      if (eq >= 0) throw new UsageError(`\`--${name}\` takes no value`);
      out.booleans.add(name);
      continue;
    }
    if (!spec.values.includes(name)) {
      const known = [...spec.values, ...spec.booleans];
      const near = known.find((k) => k.startsWith(name.slice(0, 3)));
      throw new UsageError(`unknown option \`--${name}\`${near ? ` (did you mean \`--${near}\`?)` : ""}`);
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || (eq < 0 && value.startsWith("--"))) {
      throw new UsageError(`\`--${name}\` needs a value`);
    }
    if (spec.repeatable?.includes(name)) (out.lists[name] ??= []).push(value);
    else out.flags[name] = value;
  }
  return out;
}

/** Parses a non-negative integer flag value. */
export function intFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new UsageError(`\`--${name}\` expects a non-negative integer, got \`${value}\``);
  }
  return n;
}
