/**
 * Samples CPU and resident memory of the processes a run involves (the service, nats-server, busmark itself) on a
 * fixed interval, and fits their memory growth.
 * @module
 */
import { type ProcessSample, sampleProcess } from "../runtime/process-stats.ts";
import { type MemoryGrowth, memoryGrowth } from "./growth.ts";

/** Which process a series describes. */
export type SampledName = "service" | "nats" | "busmark";

/** A process to sample; `pid` is asked before every sample, so a restarted process is followed. */
export interface SampleTarget {
  /** Name of the series. Each name may appear once. */
  name: SampledName;
  /** The current pid, or undefined while there is no process. */
  pid: () => number | undefined;
}

/** One kept sample. */
export interface ResourceSample {
  /** Seconds since the run started. */
  t: number;
  /** CPU use since the previous sample, percent of one core (may exceed 100 on several cores). */
  cpu: number;
  /** Resident set size, bytes. */
  rss: number;
}

/** The samples of one process and their memory trend. */
export interface ResourceSeries {
  /** Kept samples in time order. */
  samples: ResourceSample[];
  /** Least-squares memory growth; absent with fewer than 3 samples. */
  growth?: MemoryGrowth;
}

/** Options for {@link ResourceSampler}. */
export interface ResourceSamplerOptions {
  /** Sampling interval in ms (default 1000). */
  intervalMs?: number;
  /** Clock: ms since the run started (default: ms since the sampler was created). */
  now?: () => number;
  /**
   * Most samples kept per process (default 86 400, a day at 1 s); beyond it every other sample is dropped, so
   * memory stays bounded while the whole run stays covered.
   */
  maxSamples?: number;
  /** Reads one process (default: pidusage through src/runtime/process-stats.ts); for tests. */
  sample?: (pid: number) => Promise<ProcessSample | undefined>;
}

interface TargetState {
  target: SampleTarget;
  /** Pid of the last sample taken; a different pid starts over. */
  pid?: number;
  /** True once a first (discarded) reading of `pid` exists, so the next one measures a real interval. */
  primed: boolean;
  samples: ResourceSample[];
}

/**
 * Samples each target every `intervalMs`. The first reading of every pid is discarded (its CPU figure does not
 * cover a sampling interval); a pid that changes (a restarted service) starts over the same way; while a process
 * is gone its samples are skipped. A tick still running when the next is due makes that next one skip.
 */
export class ResourceSampler {
  readonly #states: TargetState[];
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #maxSamples: number;
  readonly #sample: (pid: number) => Promise<ProcessSample | undefined>;
  #timer: ReturnType<typeof setInterval> | undefined;
  #pending: Promise<void> = Promise.resolve();
  #busy = false;

  /** Prepares sampling of `targets`; nothing happens until {@link start} or {@link sampleNow}. */
  constructor(targets: SampleTarget[], opts: ResourceSamplerOptions = {}) {
    const names = new Set(targets.map((t) => t.name));
    if (names.size !== targets.length) throw new TypeError("Cannot create a resource sampler: duplicate target name");
    this.#states = targets.map((target) => ({ target, primed: false, samples: [] }));
    this.#intervalMs = opts.intervalMs ?? 1000;
    if (!(this.#intervalMs > 0)) throw new RangeError("Cannot create a resource sampler: intervalMs must be > 0");
    const origin = performance.now();
    this.#now = opts.now ?? (() => performance.now() - origin);
    this.#maxSamples = Math.max(4, opts.maxSamples ?? 86_400);
    this.#sample = opts.sample ?? sampleProcess;
  }

  /** Starts sampling on the interval (a first, priming reading is taken at once). Calling it twice is harmless. */
  start(): void {
    if (this.#timer !== undefined) return;
    void this.#tick();
    this.#timer = setInterval(() => void this.#tick(), this.#intervalMs);
  }

  /** Stops the interval and waits for a sample in progress. */
  async stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#pending;
  }

  /** Takes one sample of every target now (after any sample in progress). */
  sampleNow(): Promise<void> {
    this.#pending = this.#pending.then(() => this.#sampleAll());
    return this.#pending;
  }

  /** The series per target name, with memory growth where there are enough samples. */
  result(): Record<string, ResourceSeries> {
    const out: Record<string, ResourceSeries> = {};
    for (const state of this.#states) {
      const samples = state.samples.map((s) => ({ ...s }));
      const growth = memoryGrowth(samples);
      out[state.target.name] = growth ? { samples, growth } : { samples };
    }
    return out;
  }

  #tick(): Promise<void> {
    if (this.#busy) return this.#pending;
    return this.sampleNow();
  }

  async #sampleAll(): Promise<void> {
    this.#busy = true;
    try {
      await Promise.all(this.#states.map((state) => this.#sampleOne(state)));
    } finally {
      this.#busy = false;
    }
  }

  async #sampleOne(state: TargetState): Promise<void> {
    let pid: number | undefined;
    try {
      pid = state.target.pid();
    } catch {
      pid = undefined;
    }
    if (pid !== state.pid) {
      state.pid = pid;
      state.primed = false;
    }
    if (pid === undefined) return;
    const t = this.#now() / 1000;
    let reading: ProcessSample | undefined;
    try {
      reading = await this.#sample(pid);
    } catch {
      reading = undefined;
    }
    if (reading === undefined) {
      state.primed = false;
      return;
    }
    if (!state.primed) {
      state.primed = true;
      return;
    }
    state.samples.push({ t, cpu: reading.cpuPercent, rss: reading.rssBytes });
    if (state.samples.length > this.#maxSamples) state.samples = state.samples.filter((_, i) => i % 2 === 0);
  }
}
