import type { RunResult } from '../result/index.js';

/**
 * A run's end state as the AWS CLI prints it: `aws ecs describe-services`, `describe-tasks`,
 * `describe-container-instances` and `aws elbv2 describe-target-health`, with the API's
 * field names and ARNs (ecs-facts S-124, S-125, I-002, T-060). The simulator's own fields
 * (labels, histories, durations) are left out. Timestamps are seconds, as the CLI's JSON
 * gives them, counted from the start of the simulation (a run has no calendar).
 */

export const DESCRIBE_KINDS = ['services', 'tasks', 'container-instances', 'target-health'] as const;
export type DescribeKind = (typeof DESCRIBE_KINDS)[number];

const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

/** Drops undefined fields, so the JSON has only what AWS would print. */
function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

type EcsResult = NonNullable<RunResult['ecs']>;

export function describeServices(ecs: EcsResult): unknown {
  const services = Object.values(ecs.services).map((s) =>
    defined({
      serviceArn: s.serviceArn,
      serviceName: s.serviceName,
      clusterArn: ecs.clusterArn,
      status: s.status,
      desiredCount: s.desiredCount,
      runningCount: s.runningCount,
      pendingCount: s.pendingCount,
      launchType: s.capacityProviderStrategy === undefined ? s.launchType : undefined,
      capacityProviderStrategy: s.capacityProviderStrategy,
      taskDefinition: s.taskDefinition,
      deploymentConfiguration: s.deploymentConfiguration,
      taskSets: s.taskSets,
      deployments: s.deployments.map((d) => ({ ...d, createdAt: seconds(d.createdAt), updatedAt: seconds(d.updatedAt) })),
      events: s.events.map((e) => ({ ...e, createdAt: seconds(e.createdAt) })),
      createdAt: seconds(s.createdAt),
      placementConstraints: s.placementConstraints,
      placementStrategy: s.placementStrategy,
      healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds,
      schedulingStrategy: s.schedulingStrategy,
      deploymentController: s.deploymentController ?? { type: 'ECS' },
      availabilityZoneRebalancing: s.availabilityZoneRebalancing,
    }),
  );
  return { services, failures: [] };
}

export function describeTasks(ecs: EcsResult): unknown {
  const tasks = Object.values(ecs.tasksByLabel)
    .flat()
    .map((t) => {
      const { label, history, durations, instanceRef, createdAt, connectivityAt, pullStartedAt, pullStoppedAt, startedAt, stoppingAt, executionStoppedAt, stoppedAt, containers, ...api } = t;
      void label;
      void history;
      void durations;
      void instanceRef;
      return defined({
        ...api,
        containers: containers.map((c) => ({ taskArn: t.taskArn, ...c })),
        createdAt: seconds(createdAt),
        connectivityAt: seconds(connectivityAt),
        pullStartedAt: seconds(pullStartedAt),
        pullStoppedAt: seconds(pullStoppedAt),
        startedAt: seconds(startedAt),
        stoppingAt: seconds(stoppingAt),
        executionStoppedAt: seconds(executionStoppedAt),
        stoppedAt: seconds(stoppedAt),
      });
    })
    .sort((a, b) => (a.taskArn < b.taskArn ? -1 : a.taskArn > b.taskArn ? 1 : 0));
  return { tasks, failures: [] };
}

/** `registeredResources` / `remainingResources` as the API lists them (ecs-facts I-002). */
function resources(r: { cpu: number; memory: number; gpu?: number }): unknown[] {
  const integer = (name: string, value: number) => ({ name, type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: value });
  return [integer('CPU', r.cpu), integer('MEMORY', r.memory), ...(r.gpu === undefined ? [] : [integer('GPU', r.gpu)])];
}

export function describeContainerInstances(ecs: EcsResult): unknown {
  const containerInstances = ecs.containerInstances.map((ci) =>
    defined({
      containerInstanceArn: ci.containerInstanceArn,
      ec2InstanceId: ci.ec2InstanceId,
      status: ci.status,
      agentConnected: ci.agentConnected,
      registeredResources: resources(ci.registeredResources),
      remainingResources: resources(ci.remainingResources),
      runningTasksCount: ci.runningTasksCount,
      pendingTasksCount: ci.pendingTasksCount,
      attributes: Object.entries(ci.attributes).map(([name, value]) => ({ name, value })),
      registeredAt: seconds(ci.registeredAt),
    }),
  );
  return { containerInstances, failures: [] };
}

/** One document per target group, as `aws elbv2 describe-target-health --target-group-arn <arn>` prints it. */
export function describeTargetHealth(elb: NonNullable<RunResult['elb']>): unknown[] {
  return elb.targetGroups.map((tg) => ({ TargetHealthDescriptions: tg.TargetHealthDescriptions }));
}

/**
 * The documents for `kind`, or why there are none.
 */
export function describeOutput(result: RunResult, kind: DescribeKind): unknown[] | string {
  if (kind === 'target-health') return result.elb === undefined ? 'this scenario has no elb section, so no target groups' : describeTargetHealth(result.elb);
  if (result.ecs === undefined) return 'this scenario has no ecs section';
  switch (kind) {
    case 'services':
      return [describeServices(result.ecs)];
    case 'tasks':
      return [describeTasks(result.ecs)];
    case 'container-instances':
      return [describeContainerInstances(result.ecs)];
  }
}
