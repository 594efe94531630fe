export { Station, createStation } from './station.js';
export type { StationConfig, StationResult } from './station.js';
export { erlangC, mmcMeanWait } from './erlang.js';
