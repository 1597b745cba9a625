/**
 * The run request: everything `busmark run` was asked for, parsed from its flags in exactly one place, and the one
 * mapping from a request to the interpreter's options. `run <scenario>` and `run --all` both start from it, so a
 * flag can never be honoured by one and silently dropped by the other.
 * @module
 */
import type { HealthBounds } from "../aggregate/health.ts";
import { checkLabel } from "../compare/baseline.ts";
import { UsageError } from "../errors.ts";
import { maskSecrets } from "../nats/mask.ts";
import { type NatsAuth, parseNatsFlags } from "../nats/options.ts";
import type { RunListener } from "../run/events.ts";
import type { RunOptions } from "../run/runner.ts";
import { applyServiceOverride } from "../scenario/override.ts";
import type { Scenario } from "../scenario/types.ts";
import { type FlagSpec, intFlag, parseArgs } from "./args.ts";

/** Largest `--repeat`. */
export const MAX_REPEAT = 100;

/** The flags of `busmark run` (besides the NATS connection flags, parsed first). */
export const RUN_FLAGS: FlagSpec = {
  values: [
    "out",
    "seed",
    "service-command",
    "service-db",
    "max-lag",
    "repeat",
    "save-baseline",
    "format",
    "tag",
    "dir",
    "progress-interval",
  ],
  booleans: ["quick", "quiet", "all", "allow-commands", "keep-service-files"],
  repeatable: ["tag"],
};

/** The `--repeat`, `--save-baseline` and `--format` options: how many runs, and what to keep of them. */
export interface RunExtras {
  repeat: number;
  saveBaseline?: string;
  benchmarkAction: boolean;
  /** Keep the service's database beside its log in each run's report directory. */
  keepServiceFiles?: boolean;
}

/** Their lines of `busmark run --help`. */
export const RUN_EXTRA_USAGE =
  `  --repeat N               run the scenario N times (default 1); each run's report goes to
                           reports/<scenario>/<id>-xN/runs/<run-id>/, the combined view (merged histograms,
                           thresholds judged on it) and repeat.json to reports/<scenario>/<id>-xN/
  --save-baseline LABEL    also store the run(s) as baseline LABEL (reports/baselines/LABEL/<scenario>/)
                           for \`busmark compare LABEL <candidate>\`
  --format FORMAT          also write another format: github-action-benchmark (benchmark.json,
                           customSmallerIsBetter)
  --keep-service-files     also keep the service's database (with -wal/-shm) in each run's report directory
                           (its log, service.log, is always kept there)
  --progress-interval S    without a terminal (a CI log), print a progress line every S seconds: phase,
                           elapsed, offered/achieved, persisted, lost and p99 so far (default 10; 0: none)
`;

/** Parses the `--repeat`, `--save-baseline` and `--format` values; throws UsageError on bad values. */
export function parseRunExtras(flags: Record<string, string | undefined>, keepServiceFiles = false): RunExtras {
  const repeat = intFlag(flags.repeat, "repeat") ?? 1;
  if (repeat < 1 || repeat > MAX_REPEAT) throw new UsageError(`\`--repeat\` expects 1 to ${MAX_REPEAT}, got ${repeat}`);
  const format = flags.format;
  if (format !== undefined && format !== "github-action-benchmark") {
    throw new UsageError(`unknown \`--format ${format}\` (known: github-action-benchmark)`);
  }
  const out: RunExtras = { repeat, benchmarkAction: format === "github-action-benchmark" };
  if (keepServiceFiles) out.keepServiceFiles = true;
  if (flags["save-baseline"] !== undefined) out.saveBaseline = checkLabel(flags["save-baseline"]);
  return out;
}

/** What `busmark run` was asked to do. */
export interface RunRequest {
  /** The scenario named on the command line (a single run); absent with `all`. */
  ref?: string;
  /**
   * `--all`: every scenario of `dir` carrying every tag of `tags`; `allowCommands` (`--allow-commands`) trusts a
   * directory outside the project whose scenarios run shell commands.
   */
  all?: { dir?: string; tags: string[]; allowCommands?: boolean };
  quick: boolean;
  quiet: boolean;
  /** Report directory root. */
  out: string;
  seed?: number;
  /** `--max-lag`, ms: the schedule-lag p99 beyond which the run is invalid. */
  maxLagMs?: number;
  /** `--progress-interval`, s: between two progress lines without a TTY (0: none; default 10). */
  progressIntervalS?: number;
  serviceCommand?: { command: string; db?: string };
  /**
   * The NATS URL that overrides each scenario's target: `--nats` or `NATS_URL` for a single run; only `--nats` for
   * `--all` (so a catalogue scenario that needs its own embedded server, to restart it, still gets one).
   */
  natsUrl?: string;
  auth: NatsAuth;
  extras: RunExtras;
  env: Record<string, string | undefined>;
  /** The command line as given (secrets are masked wherever it is shown). */
  args: readonly string[];
}

/**
 * Parses `busmark run`'s arguments into a request: the one place flags become run settings. Throws UsageError on
 * an unknown flag, a bad value, a stray argument, or `--all`-only flags without `--all`.
 */
export function parseRunRequest(args: readonly string[], env: Record<string, string | undefined>): RunRequest {
  const nats = parseNatsFlags([...args], env);
  const parsed = parseArgs(nats.rest, RUN_FLAGS);
  const all = parsed.booleans.has("all");
  const [ref, ...extra] = parsed.positionals;
  if (all && ref !== undefined) throw new UsageError(`\`--all\` runs every scenario; remove \`${ref}\``);
  if (!all) {
    const stray = parsed.lists.tag
      ? "--tag"
      : parsed.flags.dir !== undefined
      ? "--dir"
      : parsed.booleans.has("allow-commands")
      ? "--allow-commands"
      : undefined;
    if (stray) throw new UsageError(`\`${stray}\` selects scenarios for \`--all\`; add \`--all\` or name one scenario`);
    if (ref === undefined) throw new UsageError("name a scenario (see `busmark list`)");
    if (extra.length > 0) throw new UsageError(`unexpected argument \`${extra[0]}\``);
  }
  const request: RunRequest = {
    quick: parsed.booleans.has("quick"),
    quiet: parsed.booleans.has("quiet"),
    out: parsed.flags.out ?? "reports",
    auth: nats.auth,
    extras: parseRunExtras(parsed.flags, parsed.booleans.has("keep-service-files")),
    env,
    args,
  };
  if (all) {
    request.all = { tags: parsed.lists.tag ?? [], allowCommands: parsed.booleans.has("allow-commands") };
    if (parsed.flags.dir !== undefined) request.all.dir = parsed.flags.dir;
  } else request.ref = ref!;
  const seed = intFlag(parsed.flags.seed, "seed");
  if (seed !== undefined) request.seed = seed;
  const maxLagMs = intFlag(parsed.flags["max-lag"], "max-lag");
  if (maxLagMs !== undefined) request.maxLagMs = maxLagMs;
  const progressIntervalS = intFlag(parsed.flags["progress-interval"], "progress-interval");
  if (progressIntervalS !== undefined) request.progressIntervalS = progressIntervalS;
  const command = parsed.flags["service-command"];
  const db = parsed.flags["service-db"];
  if (db !== undefined && command === undefined) {
    throw new UsageError("`--service-db` names the database of `--service-command`; add `--service-command CMD`");
  }
  if (command !== undefined) {
    request.serviceCommand = db !== undefined ? { command, db } : { command };
  }
  if (nats.url && (!all || nats.urlSource === "flag")) request.natsUrl = nats.url;
  return request;
}

/** The arguments of a catalogue run that also apply to one of its scenarios run alone (no selection flags). */
export function singleRunArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--all" || arg === "--quick" || arg === "--allow-commands" || /^--(tag|dir)=/.test(arg)) continue;
    if (arg === "--tag" || arg === "--dir") {
      i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

/** `word` as a POSIX shell reads it back: as it is when that is safe, else single-quoted. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command line that reproduces one scenario's run of this request, secrets masked, each argument shell-quoted
 * when it needs it (the line is copy-paste runnable): the request's own for a single run; for `--all`, the
 * scenario by name with the arguments that apply to it alone.
 */
export function reproduceCommand(request: RunRequest, scenarioName: string): string {
  const words = request.all
    ? [scenarioName, ...(request.quick ? ["--quick"] : []), ...singleRunArgs(request.args)]
    : [...request.args];
  return ["busmark run", ...words.map((a) => shellQuote(maskSecrets(a, request.auth)))].join(" ");
}

/**
 * A loaded scenario as the request runs it: with `--service-command`, the override is its service and its
 * thresholds are checked again (throws ScenarioError with each budget the override makes unobservable).
 */
export function scenarioForRequest(request: RunRequest, scenario: Scenario): Scenario {
  return request.serviceCommand ? applyServiceOverride(scenario, request.serviceCommand) : scenario;
}

/** What the caller adds to a request to run one scenario: where progress goes, and what interrupts it. */
export interface RunIO {
  listener?: RunListener | undefined;
  signal: AbortSignal;
}

/** The self-health bounds a request sets (`--max-lag`), or undefined for the defaults. */
export function healthFor(request: RunRequest): HealthBounds | undefined {
  return request.maxLagMs !== undefined ? { maxLagP99Us: request.maxLagMs * 1000 } : undefined;
}

/**
 * The interpreter's options for one run of `scenario` under `request`: the one mapping of request to run. The
 * scenario is expected to carry `--service-command` already (see {@link scenarioForRequest}).
 */
export function runOptionsFor(request: RunRequest, scenario: Scenario, io: RunIO): RunOptions {
  const opts: RunOptions = {
    scenario,
    auth: request.auth,
    env: request.env,
    signal: io.signal,
    command: reproduceCommand(request, scenario.name),
  };
  if (io.listener) opts.listener = io.listener;
  if (request.seed !== undefined) opts.seed = request.seed;
  const health = healthFor(request);
  if (health) opts.health = health;
  if (request.natsUrl) opts.natsUrl = request.natsUrl;
  return opts;
}

/** The progress display options a request asks for (`--progress-interval`). */
export function progressOptions(request: RunRequest): { intervalS?: number } {
  return request.progressIntervalS !== undefined ? { intervalS: request.progressIntervalS } : {};
}
