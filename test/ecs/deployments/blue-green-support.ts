import { join } from 'node:path';
import { loadScenarioFile } from '../../../src/scenario/loader.js';
import { runScenario, type RunResult } from '../../../src/scenario/runner.js';
import type { TraceRecord } from '../../../src/engine/index.js';
import { writeFiles } from '../model/support.js';

/**
 * Blue/green helpers: a scenario with an ALB whose listener on 80 (production, the
 * listener's default action) forwards to target group web-a, and on 8080 (test) likewise;
 * `web` runs 3 tasks of web:1 in web-a, and is updated to web:2 at 5m with the given
 * deployment configuration. Runs keep the trace so specs can read the stages and shifts.
 */
export const MIN = 60_000;
export const UPDATE_AT = 5 * MIN;

export interface BlueGreenOptions {
  /** YAML of `deploymentConfiguration`'s fields, indented for the createService. */
  readonly deployment: string;
  /** Extra timeline entries (YAML list items). */
  readonly timeline?: string;
  readonly until?: string;
  /** A workload section (YAML), if requests should flow. */
  readonly workloads?: string;
  readonly lambdaFunctions?: string;
  readonly cloudwatch?: string;
  /** A second update (web:1 again) at this time, to see the roles swap back. */
  readonly secondUpdateAt?: string;
}

export function blueGreenYaml(o: BlueGreenOptions): string {
  return `name: blue-green spec
seed: 5
until: ${o.until ?? '30m'}
ecs:
  instances:
    - { name: pool, count: 4, instanceType: c5.xlarge, availabilityZones: [us-east-1a, us-east-1b] }
  taskDefinitions:
    - definition:
        family: web
        networkMode: awsvpc
        containerDefinitions:
          - { name: web, image: shop/web:1, cpu: 256, memory: 512, portMappings: [{ containerPort: 8080 }] }
      behaviour: &behaviour
        containers:
          web:
            startup: 2s
            server:
              workers: 16
              serviceTime: { constant: 20ms }
              healthCheck: { path: /health }
    - definition:
        family: web
        networkMode: awsvpc
        containerDefinitions:
          - { name: web, image: shop/web:2, cpu: 256, memory: 512, portMappings: [{ containerPort: 8080 }] }
      behaviour: *behaviour
${o.lambdaFunctions === undefined ? '' : `  lambdaFunctions:\n${o.lambdaFunctions}\n`}elb:
  targetGroups:
    - { Name: web-a, Protocol: HTTP, Port: 8080, TargetType: ip, HealthCheckPath: /health, HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2, Attributes: [{ Key: deregistration_delay.timeout_seconds, Value: "20" }] }
    - { Name: web-b, Protocol: HTTP, Port: 8080, TargetType: ip, HealthCheckPath: /health, HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2, Attributes: [{ Key: deregistration_delay.timeout_seconds, Value: "20" }] }
  loadBalancers:
    - Name: shop
      AvailabilityZones: [us-east-1a, us-east-1b]
      Listeners:
        - { Port: 80, Protocol: HTTP, DefaultActions: [{ Type: forward, TargetGroupArn: web-a }] }
        - { Port: 8080, Protocol: HTTP, DefaultActions: [{ Type: forward, TargetGroupArn: web-a }] }
${o.workloads ?? ''}${o.cloudwatch ?? ''}timeline:
  - at: 1m
    createService:
      serviceName: web
      taskDefinition: web:1
      desiredCount: 3
      availabilityZoneRebalancing: DISABLED
      loadBalancers:
        - targetGroupArn: web-a
          containerName: web
          containerPort: 8080
          advancedConfiguration: { alternateTargetGroupArn: web-b, productionListenerRule: "shop:80", testListenerRule: "shop:8080", roleArn: "arn:aws:iam::123456789012:role/ecsInfrastructureRole" }
      deploymentConfiguration:
${o.deployment}
  - at: 5m
    updateService: { service: web, taskDefinition: web:2 }
${o.secondUpdateAt === undefined ? '' : `  - at: ${o.secondUpdateAt}\n    updateService: { service: web, taskDefinition: web:1 }\n`}${o.timeline ?? ''}expectations: []
`;
}

export function runBlueGreen(o: BlueGreenOptions): { result: RunResult; records: readonly TraceRecord[] } {
  const dir = writeFiles({ 'scenario.yaml': blueGreenYaml(o) });
  const out = runScenario(loadScenarioFile(join(dir, 'scenario.yaml')), { keepRecords: 2_000_000 });
  return { result: out.result, records: out.records ?? [] };
}

export function stages(records: readonly TraceRecord[], deployment?: string): { t: number; stage: string }[] {
  return records.filter((r) => r.kind === 'deploymentLifecycleStage' && (deployment === undefined || r['deployment'] === deployment)).map((r) => ({ t: r.t, stage: String(r['stage']) }));
}

export function shifts(records: readonly TraceRecord[], listener = 'production'): { t: number; green: number }[] {
  return records.filter((r) => r.kind === 'trafficShifted' && r['listener'] === listener).map((r) => ({ t: r.t, green: Number(r['green']) }));
}
