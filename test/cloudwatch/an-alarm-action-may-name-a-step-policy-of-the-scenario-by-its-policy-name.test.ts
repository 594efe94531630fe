import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import { assemble } from '../../src/scenario/assemble.js';
import { InputError } from '../../src/issues/index.js';
import { FIXTURES, stepScalingScenario } from '../support.js';

/**
 * A step scaling policy is linked to its alarm by attaching the policy's ARN as the alarm
 * action (ecs-facts EF-001). The ARN holds an id ecs-sim draws from the seed, so a scenario
 * may name one of its own scaling policies by PolicyName; the alarm then carries the ARN,
 * as in AWS. An action that is neither an ARN nor a policy of the scenario is refused
 * before the run, saying what the ARN form is.
 */
const file = join(FIXTURES, 'fixed-step-scaling.yaml');

function withStepPolicy(action: string): string {
  return stepScalingScenario(action);
}

describe('an alarm action naming a step scaling policy', () => {
  it('by PolicyName resolves to the policy ARN, and the alarm runs the policy', () => {
    const { result } = runScenario(parseScenario(withStepPolicy('steps'), file));
    const policy = result.autoscaling!.scalingPolicies.find((p) => p.PolicyName === 'steps')!;
    expect(policy.PolicyARN).toMatch(/^arn:aws:autoscaling:us-east-1:\d{12}:scalingPolicy:[0-9a-f-]{36}:resource\/ecs\/service\/default\/web:policyName\/steps$/);
    const alarm = result.cloudwatch!.alarms.MetricAlarms.find((a) => a.AlarmName === 'web-cpu-high')!;
    expect(alarm.AlarmActions).toEqual([policy.PolicyARN]);
    // ecs-facts A-017: the activity's cause names the alarm and the policy.
    const scaled = result.autoscaling!.activities.filter((a) => a.StatusCode === 'Successful');
    expect(scaled.length).toBeGreaterThan(0);
    expect(scaled[0]!.Cause).toBe('monitor alarm web-cpu-high in state ALARM triggered policy steps');
    expect(scaled[0]!.Description).toBe('Setting desired count to 4.');
  });

  it('by a name no policy has is refused before the run, with the ARN form and a did-you-mean', () => {
    let error: unknown;
    try {
      assemble(parseScenario(withStepPolicy('stpes'), file));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const messages = (error as InputError).issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual([
      'cloudwatch.alarms.0.AlarmActions.0: expected an action ARN (such as arn:aws:autoscaling:<region>:<account>:scalingPolicy:<id>:resource/ecs/service/<cluster>/<service>:policyName/<name>) or the PolicyName of one of autoscaling.scalingPolicies, got "stpes"; did you mean "steps"?',
    ]);
  });
});
