import { describe, expect, it } from 'vitest';
import { resultPathChecker } from '../../src/scenario/assemble.js';
import { parseScenario } from '../../src/scenario/loader.js';

/**
 * The local result-path checker (the seam the RunResult schema's checker can replace):
 * the sections this scenario's result will have, its stations and each station's figures
 * are closed; below them any path is left to the run.
 */
const check = resultPathChecker(
  parseScenario(
    `name: paths
until: 1h
queueing:
  - { name: desk, servers: 1, interarrival: { exponential: { mean: 2s } }, service: { exponential: { mean: 1s } } }
  - { name: kiosk, servers: 1, interarrival: 2s, service: 1s }
`,
    'paths.yaml',
  ).spec,
);

describe('an expectation path, before the run', () => {
  it('names a section this scenario’s result has', () => {
    expect(check('queueing.desk.served')).toBeUndefined();
    expect(check('logHash')).toBeUndefined();
    expect(check('eventsProcesed')).toBe('the run result has no value at "eventsProcesed"; did you mean "eventsProcessed"?');
    // No ecs section, so no ecs part in the result.
    expect(check('ecs.tasks.0.lastStatus')).toMatch(/^the run result has no value at "ecs\.tasks\.0\.lastStatus"; the result has schemaVersion, scenario, seed, .*queueing, expectations$/);
  });

  it('names a station, and a figure that station reports', () => {
    expect(check('queueing.dsk.served')).toBe('the run result has no value at "queueing.dsk.served"; did you mean "queueing.desk"?');
    expect(check('queueing.desk.servd')).toBe('the run result has no value at "queueing.desk.servd"; did you mean "queueing.desk.served"?');
    // Erlang C's theory is reported for the M/M/1 desk only.
    expect(check('queueing.desk.theory.meanWaitMs')).toBeUndefined();
    expect(check('queueing.kiosk.theory.meanWaitMs')).toMatch(/^the run result has no value at "queueing\.kiosk\.theory\.meanWaitMs"/);
  });

  it('leaves what only the run decides to the run: an error, list items, keys below a section', () => {
    expect(check('error.message')).toBeUndefined();
    expect(check('queueing.desk.served.whatever')).toBeUndefined();
  });
});
