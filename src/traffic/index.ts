// The traffic model's public surface: workloads, task servers, statistics, the fluid mode.
export { Network, nextRequestId } from './http.js';
export type { HttpRequest, ServerOutcome, HttpServer, HttpResponse, HttpEndpoint } from './http.js';
export { makeRateProfile, PoissonArrivals, RateProfile } from './profile.js';
export type { RateProfileSpec, RateStep, RateSpike } from './profile.js';
export { Workload } from './workload.js';
export type { WorkloadConfig, WorkloadOptions, RouteConfig, ArrivalSpec, TimestampTrace } from './workload.js';
export { TaskServer, averageUsage } from './server.js';
export type { TaskServerConfig, ColdStart, HealthBehaviour, ServerUsage, UsageAverages } from './server.js';
export { LatencySamples, RequestRecorder, RequestStats } from './stats.js';
export type { LatencySummary, RequestSummary, ResponseSource, StatusCount } from './stats.js';
export { FluidService, runFluid } from './fluid.js';
export type { FluidConfig, FluidResult, FluidStep } from './fluid.js';
export { parseTimestampCsv, parseRateCsv } from './trace-csv.js';
export type { TimestampCsvOptions, RateCsvOptions } from './trace-csv.js';
export {
  normalCdf,
  serviceMoments,
  serviceCdf,
  mm1MeanWait,
  erlangArrivalSigma,
  erlangArrivalMeanWait,
  mgcMeanWait,
  mmcSojournSurvival,
  mmcSojournQuantile,
} from './theory.js';
export type { Moments } from './theory.js';
