import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
type Scenario = ReturnType<typeof loadScenarioFile>;
import { ROOT } from '../support.js';

/**
 * Whole scenarios (an ALB in front of ECS services, request-level and fluid traffic,
 * rolling and blue/green deployments, failing targets, instance and zone loss, alarms and
 * scaling) run with `elb.model.healthCheckEvents: per-check` (every health check a request
 * with its events) and `elided` (the default: a healthy target's checks its idle server
 * will pass cost no event until something touches the server) give the same RunResult and
 * the same log, byte for byte, under random seeds and first-check phases (0 puts checks on
 * round instants, where they tie with other events). Only the number of events differs.
 */
const SCENARIOS = [
  '09-alb-web-service.yaml',
  '10-alb-unhealthy-targets.yaml',
  '11-alb-path-routing-and-draining.yaml',
  '12-deregistration-delay-300-vs-30.yaml',
  '13-rolling-deployment.yaml',
  '20-cloudwatch-cpu-alarm.yaml',
  '21-target-tracking-traffic-spike.yaml',
  '29-rolling-deploy-and-az-loss.yaml',
  '33-fluid-traffic-through-an-alb.yaml',
] as const;

const loaded = new Map<string, Scenario>(SCENARIOS.map((f) => [f, loadScenarioFile(join(ROOT, 'scenarios', f))]));

function withModel(scenario: Scenario, mode: 'elided' | 'per-check', jitter: string | undefined): Scenario {
  const spec = scenario.spec as unknown as { elb: { model?: Record<string, unknown> } };
  const model = { ...(spec.elb.model ?? {}), healthCheckEvents: mode, ...(jitter === undefined ? {} : { firstCheckJitter: jitter }) };
  return { ...scenario, spec: { ...scenario.spec, elb: { ...spec.elb, model } } } as unknown as Scenario;
}

describe('elided and per-check health checks in whole scenarios', () => {
  it('give the same results and logs; elided runs fewer events', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCENARIOS), fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(undefined, '0ms', '1ms', '7s'), (file, seed, jitter) => {
        const scenario = loaded.get(file) as Scenario;
        const perCheck = runScenario(withModel(scenario, 'per-check', jitter), { seed }).result;
        const elided = runScenario(withModel(scenario, 'elided', jitter), { seed }).result;
        expect({ ...elided, eventsProcessed: 0 }).toEqual({ ...perCheck, eventsProcessed: 0 });
        expect(elided.eventsProcessed).toBeLessThan(perCheck.eventsProcessed);
      }),
      { numRuns: 12, seed: 1407 },
    );
  }, 600_000);
});
