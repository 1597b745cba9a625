/**
 * Load generation: seeded randomness, the weighted mix chooser, open-loop arrival schedules and the pacer.
 * @module
 */
export { type ArrivalSchedule, openLoopSchedule, ScheduleError, type ScheduleShare } from "./arrivals.ts";
export { weightedChooser, WeightsError } from "./chooser.ts";
export {
  type Clock,
  createRealClock,
  type PacerOptions,
  type PacerStats,
  realClock,
  type RealClockOptions,
  runPacer,
  sleep,
} from "./pacer.ts";
export { createRng, deriveSeed, type Rng } from "./rng.ts";
export { SimulatedClock, type SimulatedClockOptions } from "./sim-clock.ts";
