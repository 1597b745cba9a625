/**
 * Resource use of the processes in a run: CPU and memory sampling, and memory growth as a regression slope.
 * @module
 */
export { type MemoryGrowth, memoryGrowth, type MemoryPoint } from "./growth.ts";
export {
  type ResourceSample,
  ResourceSampler,
  type ResourceSamplerOptions,
  type ResourceSeries,
  type SampledName,
  type SampleTarget,
} from "./sampler.ts";
