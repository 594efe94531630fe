import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/issues/index.js';
import { scenarioFromObject } from '../../src/scenario/loader.js';
import { assemble } from '../../src/scenario/assemble.js';
import { runScenario } from '../../src/scenario/runner.js';
import { formatSummary } from '../../src/report/summary.js';

/** ecs-facts S-119, S-120: CreateService and UpdateService take every field of the API; those not modelled are named. */
function scenario(update: Record<string, unknown>, create: Record<string, unknown> = {}) {
  return scenarioFromObject({
    name: 'update-service fields',
    until: '3m',
    ecs: {
      instances: [{ name: 'pool', count: 2, instanceType: 'c5.xlarge', availabilityZones: ['us-east-1a', 'us-east-1b'] }],
      fargate: { availabilityZones: ['us-east-1a', 'us-east-1b'] },
      taskDefinitions: [
        { definition: { family: 'web', networkMode: 'awsvpc', cpu: '256', memory: '512', requiresCompatibilities: ['EC2', 'FARGATE'], containerDefinitions: [{ name: 'web', image: 'nginx', essential: true }] } },
      ],
    },
    timeline: [
      { at: '0s', createService: { serviceName: 'web', taskDefinition: 'web', desiredCount: 2, ...create } },
      { at: '1m', updateService: { service: 'web', ...update } },
    ],
    expectations: [{ that: 'ecs.services.web.runningCount', atLeast: 0 }],
  });
}

function problems(s: () => ReturnType<typeof scenario>): string[] {
  try {
    assemble(s());
    return [];
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }
}

describe('UpdateService', () => {
  it('accepts the fields it does not model, and the result and summary name them', () => {
    const { result } = runScenario(scenario({ desiredCount: 3, networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } }, platformVersion: '1.4.0', enableExecuteCommand: true, propagateTags: 'SERVICE', cluster: 'default' }));
    expect(result.ecs?.services['web']?.desiredCount).toBe(3);
    expect(result.ignoredFields).toEqual([{ at: 'timeline[1].updateService', fields: ['networkConfiguration', 'platformVersion', 'enableExecuteCommand', 'propagateTags'] }]);
    expect(formatSummary(result, 'x.yaml')).toContain('not modelled (accepted; no effect on the run)\n  ⚠ timeline[1].updateService: networkConfiguration, platformVersion, enableExecuteCommand, propagateTags');
  });

  it('names nothing when every field is modelled', () => {
    expect(runScenario(scenario({ desiredCount: 1 })).result.ignoredFields).toBeUndefined();
  });

  it('refuses a placement strategy for a DAEMON service in ECS words (ecs-facts S-130)', () => {
    expect(problems(() => scenario({ placementStrategy: [{ type: 'spread', field: 'instanceId' }] }, { schedulingStrategy: 'DAEMON', desiredCount: undefined, deploymentConfiguration: { maximumPercent: 100 } }))).toEqual([
      'timeline.1.updateService.placementStrategy: The daemon scheduling strategy does not support placement strategies. Remove the placement strategy and try again',
    ]);
  });

  it('refuses placement for a FARGATE service in ECS words (ecs-facts S-129)', () => {
    expect(problems(() => scenario({ placementStrategy: [{ type: 'binpack', field: 'memory' }], placementConstraints: [{ type: 'distinctInstance' }] }, { launchType: 'FARGATE' }))).toEqual([
      'timeline.1.updateService.placementConstraints: Placement constraints are not supported with FARGATE launch type.',
      'timeline.1.updateService.placementStrategy: Placement strategies are not supported with FARGATE launch type.',
    ]);
  });

  it('checks a placement type it is given, as CreateService does', () => {
    expect(problems(() => scenario({ placementStrategy: [{ type: 'binpak', field: 'memory' }] }))[0]).toMatch(/^timeline\.1\.updateService\.placementStrategy\.0/);
  });

  it('still refuses a field that is not the API\'s, in the AWS CLI\'s words (ecs-facts S-127)', () => {
    expect(problems(() => scenario({ desiredCont: 2 }))[0]).toMatch(/^timeline\.1\.updateService\.desiredCont: Unknown parameter in input: "desiredCont", must be one of: cluster, service, desiredCount,/);
  });
});
