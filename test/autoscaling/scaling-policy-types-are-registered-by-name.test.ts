import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/issues/index.js';
import { ScalingPolicyRegistry } from '../../src/autoscaling/scaling-policies.js';
import { stepScaling } from '../../src/autoscaling/step-scaling.js';
import { cpuPolicy, feed, MIN, world } from './support.js';
// @ts-expect-error: a plain ES module fixture, the plug-in a user would write.
import { fixedStepScaling } from '../fixtures/plugins/fixed-step.js';

// PolicyType names a registered type: AWS's two are built in, a user registers more; a
// name is taken once, and PutScalingPolicy's fields follow what is registered.
describe('scaling policy types', () => {
  it('are AWS\'s two, listed in the order registered', () => {
    expect(ScalingPolicyRegistry.withBuiltins().names()).toEqual(['TargetTrackingScaling', 'StepScaling']);
  });

  it('refuse a name registered twice, and a name that cannot make a configuration field', () => {
    const r = ScalingPolicyRegistry.withBuiltins();
    expect(() => r.register('StepScaling', stepScaling)).toThrow('scaling policy type "StepScaling" is already registered');
    expect(() => r.register('fixed-step', stepScaling)).toThrow(/must be letters and digits/);
    r.register('FixedStepScaling', fixedStepScaling);
    expect(() => r.register('FixedStepScaling', fixedStepScaling)).toThrow('scaling policy type "FixedStepScaling" is already registered');
    expect(r.names()).toEqual(['TargetTrackingScaling', 'StepScaling', 'FixedStepScaling']);
  });

  it('a registered type is put with its <PolicyType>PolicyConfiguration, checked by its own schema', () => {
    const scalingPolicies = ScalingPolicyRegistry.withBuiltins();
    scalingPolicies.register('FixedStepScaling', fixedStepScaling);
    const { aas } = world({ scalingPolicies });
    const base = { ...cpuPolicy('steps', 50), TargetTrackingScalingPolicyConfiguration: undefined, PolicyType: 'FixedStepScaling' };
    const put = aas.putScalingPolicy({ ...base, FixedStepScalingPolicyConfiguration: { ScaleOutAbove: 60, ScaleInBelow: 30, Step: 2 } });
    expect(put.Alarms.map((a) => a.AlarmName.replace(/-[0-9a-f-]{36}$/, ''))).toEqual(['FixedStep-service/prod/web-High', 'FixedStep-service/prod/web-Low']);
    const described = aas.describeScalingPolicies().ScalingPolicies[0];
    expect(described).toMatchObject({ PolicyType: 'FixedStepScaling', FixedStepScalingPolicyConfiguration: { ScaleOutAbove: 60, ScaleInBelow: 30, Step: 2, EvaluationPeriods: 2, Cooldown: 120 } });
    let error: unknown;
    try {
      aas.putScalingPolicy({ ...base, FixedStepScalingPolicyConfiguration: { ScaleOutAbove: 60, ScaleInBelow: 30, Step: 0 } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues).toEqual([{ path: ['FixedStepScalingPolicyConfiguration', 'Step'], message: 'Step must be a whole number of at least 1' }]);
  });

  it('without the plug-in, its PolicyType is unknown and its configuration field too', () => {
    const { aas } = world();
    expect(() => aas.putScalingPolicy({ ...cpuPolicy('steps', 50), TargetTrackingScalingPolicyConfiguration: undefined, PolicyType: 'FixedStepScaling', FixedStepScalingPolicyConfiguration: {} })).toThrow(
      '✖ FixedStepScalingPolicyConfiguration: unknown field; did you mean "StepScalingPolicyConfiguration"?\n✖ PolicyType: PolicyType must be one of TargetTrackingScaling, StepScaling; did you mean "StepScaling"?',
    );
  });
});

describe('a policy type\'s answer', () => {
  it('is checked: a desired count that is not a whole number stops the run, naming the type', () => {
    const scalingPolicies = ScalingPolicyRegistry.withBuiltins();
    scalingPolicies.register('Broken', {
      args: fixedStepScaling.args,
      create: (c: unknown) => ({ ...fixedStepScaling.create(c), decide: () => ({ direction: 'out', desired: Number.NaN, reason: 'a bug' }) }),
    });
    const w = world({ scalingPolicies, initial: 2 });
    w.aas.putScalingPolicy({ ...cpuPolicy('broken', 50), TargetTrackingScalingPolicyConfiguration: undefined, PolicyType: 'Broken', BrokenPolicyConfiguration: { ScaleOutAbove: 60, ScaleInBelow: 30, Step: 1 } });
    feed(w, 'CPUUtilization', () => 90, 10);
    expect(() => w.sim.run({ until: 10 * MIN })).toThrow(/scaling policy type Broken decided a desired count of NaN; expected a whole number of at least 0/);
    expect(w.svc.desired).toBe(2);
  });
});
