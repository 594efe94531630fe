import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as cliMain, type CliIo } from '../src/cli/main.js';

export const ROOT = new URL('..', import.meta.url).pathname;
export const FIXTURES = join(ROOT, 'test', 'fixtures');

/** A fresh temporary directory for one test. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ecs-sim-test-'));
}

/** Runs the CLI in-process, capturing what it prints. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let tick = 0;
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), clock: () => (tick += 100) };
  const code = await cliMain(argv, io);
  return { code, out, err };
}

/**
 * fixtures/fixed-step-scaling.yaml with its autoscaling and cloudwatch sections replaced by
 * a step scaling policy "steps" (+2 tasks above 60% CPU for 2 minutes) and its alarm, whose
 * action is `action` (the policy's name, an ARN, …); `ecsLines` go first in its ecs section.
 */
export function stepScalingScenario(action: string, ecsLines = ''): string {
  const [head] = readFileSync(join(FIXTURES, 'fixed-step-scaling.yaml'), 'utf8').split('autoscaling:\n');
  const withEcs = ecsLines === '' ? (head as string) : (head as string).replace(/^ecs:\n/m, `ecs:\n${ecsLines}`);
  return `${withEcs}autoscaling:
  scalableTargets:
    - { ServiceNamespace: ecs, ResourceId: service/default/web, ScalableDimension: ecs:service:DesiredCount, MinCapacity: 2, MaxCapacity: 10 }
  scalingPolicies:
    - PolicyName: steps
      ServiceNamespace: ecs
      ResourceId: service/default/web
      ScalableDimension: ecs:service:DesiredCount
      PolicyType: StepScaling
      StepScalingPolicyConfiguration:
        AdjustmentType: ChangeInCapacity
        Cooldown: 120
        StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 2 }]
cloudwatch:
  alarms:
    - AlarmName: web-cpu-high
      Namespace: AWS/ECS
      MetricName: CPUUtilization
      Dimensions: [{ Name: ClusterName, Value: default }, { Name: ServiceName, Value: web }]
      Statistic: Average
      Period: 60
      EvaluationPeriods: 2
      Threshold: 60
      ComparisonOperator: GreaterThanThreshold
      AlarmActions: [${action}]
expectations: []
`;
}
