import { join } from 'node:path';
import { loadScenarioFile } from '../../../src/scenario/loader.js';
import { runScenario, type RunResult } from '../../../src/scenario/runner.js';
import { writeFiles } from '../model/support.js';

/**
 * CodeDeploy helpers: `web` (3 tasks of web:1, deploymentController CODE_DEPLOY) behind the
 * ALB "shop" (production listener 80, test listener 8080, target groups web-a and web-b),
 * and at 5m a CodeDeploy CreateDeployment of web:2 with the given configuration and hooks.
 */
export const MIN = 60_000;
export const DEPLOY_AT = 5 * MIN;

export interface CodeDeployOptions {
  readonly deploymentConfigName?: string;
  /** YAML list items under the AppSpec's Hooks, e.g. `- BeforeAllowTraffic: ok`. */
  readonly hooks?: readonly string[];
  /** YAML of ecs.lambdaFunctions entries (indented 4). */
  readonly lambdaFunctions?: string;
  readonly terminationWaitTimeInMinutes?: number;
  /** YAML of autoRollbackConfiguration (flow style). */
  readonly autoRollbackConfiguration?: string;
  /** YAML of extra deploymentConfigs (indented 6, list items). */
  readonly deploymentConfigs?: string;
  /** Extra timeline entries (YAML list items, indented 2). */
  readonly timeline?: string;
  /** false: no CreateDeployment at 5m (a timeline entry after `until` is refused). */
  readonly createDeployment?: boolean;
  readonly describeServicesAt?: string;
  readonly until?: string;
  /** YAML of alarmConfiguration (flow style). */
  readonly alarmConfiguration?: string;
  /** A top-level cloudwatch section (YAML). */
  readonly cloudwatch?: string;
}

export function codeDeployYaml(o: CodeDeployOptions): string {
  return `name: codedeploy spec
seed: 7
until: ${o.until ?? '30m'}
ecs:
  instances:
    - { name: pool, count: 4, instanceType: c5.xlarge, availabilityZones: [us-east-1a, us-east-1b] }
${o.describeServicesAt === undefined ? '' : `  describeServicesAt: ${o.describeServicesAt}\n`}  taskDefinitions:
    - definition:
        family: web
        networkMode: awsvpc
        containerDefinitions:
          - { name: web, image: shop/web:1, cpu: 256, memory: 512, portMappings: [{ containerPort: 8080 }] }
      behaviour: &behaviour
        containers:
          web:
            startup: 2s
            server: { workers: 16, serviceTime: { constant: 20ms }, healthCheck: { path: /health } }
    - definition:
        family: web
        networkMode: awsvpc
        containerDefinitions:
          - { name: web, image: shop/web:2, cpu: 256, memory: 512, portMappings: [{ containerPort: 8080 }] }
      behaviour: *behaviour
${o.lambdaFunctions === undefined ? '' : `  lambdaFunctions:\n${o.lambdaFunctions}\n`}  codeDeploy:
${o.deploymentConfigs === undefined ? '' : `    deploymentConfigs:\n${o.deploymentConfigs}\n`}    deploymentGroups:
      - applicationName: shop
        deploymentGroupName: web
        deploymentConfigName: ${o.deploymentConfigName ?? 'CodeDeployDefault.ECSAllAtOnce'}
        ecsServices: [{ serviceName: web }]
        loadBalancerInfo:
          targetGroupPairInfoList:
            - targetGroups: [{ name: web-a }, { name: web-b }]
              prodTrafficRoute: { listenerArns: ["shop:80"] }
              testTrafficRoute: { listenerArns: ["shop:8080"] }
        blueGreenDeploymentConfiguration:
          terminateBlueInstancesOnDeploymentSuccess: { action: TERMINATE, terminationWaitTimeInMinutes: ${o.terminationWaitTimeInMinutes ?? 0} }
${o.autoRollbackConfiguration === undefined ? '' : `        autoRollbackConfiguration: ${o.autoRollbackConfiguration}\n`}${o.alarmConfiguration === undefined ? '' : `        alarmConfiguration: ${o.alarmConfiguration}\n`}elb:
  targetGroups:
    - { Name: web-a, Protocol: HTTP, Port: 8080, TargetType: ip, HealthCheckPath: /health, HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2, Attributes: [{ Key: deregistration_delay.timeout_seconds, Value: "20" }] }
    - { Name: web-b, Protocol: HTTP, Port: 8080, TargetType: ip, HealthCheckPath: /health, HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2, Attributes: [{ Key: deregistration_delay.timeout_seconds, Value: "20" }] }
  loadBalancers:
    - Name: shop
      AvailabilityZones: [us-east-1a, us-east-1b]
      Listeners:
        - { Port: 80, Protocol: HTTP, DefaultActions: [{ Type: forward, TargetGroupArn: web-a }] }
        - { Port: 8080, Protocol: HTTP, DefaultActions: [{ Type: forward, TargetGroupArn: web-a }] }
${o.cloudwatch ?? ''}timeline:
  - at: 1m
    createService:
      serviceName: web
      taskDefinition: web:1
      desiredCount: 3
      availabilityZoneRebalancing: DISABLED
      deploymentController: { type: CODE_DEPLOY }
      loadBalancers:
        - { targetGroupArn: web-a, containerName: web, containerPort: 8080 }
${o.createDeployment === false ? '' : `  - at: 5m
    createDeployment:
      revision:
        Resources:
          - TargetService:
              Properties:
                TaskDefinition: web:2
                LoadBalancerInfo: { ContainerName: web, ContainerPort: 8080 }
${o.hooks === undefined || o.hooks.length === 0 ? '' : `        Hooks:\n${o.hooks.map((h) => `          ${h}`).join('\n')}\n`}`}${o.timeline ?? ''}`;
}

export function runCodeDeploy(o: CodeDeployOptions): RunResult {
  const dir = writeFiles({ 'scenario.yaml': codeDeployYaml(o) });
  return runScenario(loadScenarioFile(join(dir, 'scenario.yaml'))).result;
}

/** The run's only CodeDeploy deployment. */
export function deploymentOf(result: RunResult): NonNullable<RunResult['ecs']>['codeDeployDeployments'] extends readonly (infer D)[] | undefined ? D : never {
  const d = result.ecs?.codeDeployDeployments?.[0];
  if (d === undefined) throw new Error('no CodeDeploy deployment in the result');
  return d;
}

/** When a lifecycle event started, or throws. */
export function startOf(result: RunResult, event: string): number {
  const e = deploymentOf(result).lifecycleEvents.find((x) => x.lifecycleEventName === event);
  if (e?.startTime === undefined) throw new Error(`${event} never started`);
  return e.startTime;
}
