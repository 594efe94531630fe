import type { CapacityProviderStrategyItem } from '../../ecs/config.js';
import { isFargateProvider, strategyLaunchType, strategyWithDefaults } from '../../ecs/capacity/capacity-providers.js';
import { PlacementArgumentError } from '../../ecs/placement/registry.js';
import { deploymentOptionsProblems, type DeploymentOptions } from '../../ecs/service/deployment-strategy.js';
import type { ServiceLoadBalancer } from '../../ecs/service/load-balancers.js';
import { PREDEFINED_DEPLOYMENT_CONFIGS } from '../../ecs/service/codedeploy.js';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, parseTaskDefinitionArn, type TaskDefinitionRegistry } from '../../ecs/task-definition/index.js';
import { listenerRuleReferences, resolveTargetGroupName } from '../../elb/schema.js';
import { didYouMean, type FieldPath } from '../../issues/index.js';
import { raiseHint, serviceQuotas } from '../../ecs/service-quotas.js';
import type { EcsSpec } from '../schema/ecs.js';
import type { TimelineContext } from './verb.js';

/** Reference checks several verbs share; each reports through the verb's context. */

type LaunchType = 'EC2' | 'FARGATE' | 'EXTERNAL';

/** ecs-facts S-119, T-110: a strategy gives the launch type; with neither, the cluster's default strategy, else EC2. */
export function launch(
  input: { launchType?: LaunchType | undefined; capacityProviderStrategy?: Parameters<typeof strategyWithDefaults>[0] | undefined },
  defaultStrategy: readonly CapacityProviderStrategyItem[] | undefined,
): { launchType: LaunchType; capacityProviderStrategy?: CapacityProviderStrategyItem[] } {
  if (input.launchType !== undefined) return { launchType: input.launchType };
  const strategy = input.capacityProviderStrategy === undefined ? defaultStrategy : strategyWithDefaults(input.capacityProviderStrategy);
  return strategy === undefined ? { launchType: 'EC2' } : { launchType: strategyLaunchType(strategy), capacityProviderStrategy: [...strategy] };
}

/** At `field`, unless `reference` (family, family:N or ARN) names a registered task definition. */
export function checkTaskDefinition(ctx: TimelineContext, reference: string, field: FieldPath): void {
  if (ctx.taskDefinitions.find(reference) !== undefined) return;
  ctx.problem(field, unknownTaskDefinitionMessage(ctx.taskDefinitions, reference));
}

/**
 * Why `reference` resolves to nothing: a revision the family does not have (naming the
 * ones it has), an ARN of another account or region, or an unknown family with a did-you-mean.
 */
export function unknownTaskDefinitionMessage(registry: TaskDefinitionRegistry, reference: string): string {
  const arn = reference.startsWith('arn:') ? parseTaskDefinitionArn(reference) : undefined;
  if (arn !== undefined && (arn.region !== registry.region || arn.accountId !== registry.accountId)) {
    return `no task definition "${reference}" in this scenario: its task definitions are in account ${registry.accountId}, region ${registry.region} (set ecs.accountId and ecs.region to match the ARNs you paste)`;
  }
  const m = /^([^:]+):(\d+)$/.exec(reference);
  const family = arn?.family ?? (m === null ? reference : (m[1] as string));
  const revision = arn === undefined ? (m === null ? undefined : Number(m[2])) : arn.revision;
  const revisions = registry.list().filter((d) => d.family === family);
  // ecs-facts T-048: revisions count up per family; a pasted one keeps its number.
  if (revisions.length > 0 && revision !== undefined) return `task definition family "${family}" has no revision ${revision}; it has ${revisions.map((d) => `${family}:${d.revision}`).join(', ')}`;
  if (revisions.length > 0) return `task definition family "${family}" has no ACTIVE revision; it has ${revisions.map((d) => `${family}:${d.revision} (${d.status})`).join(', ')}`;
  const references = registry.list().flatMap((d) => [d.family, `${d.family}:${d.revision}`]);
  const guess = didYouMean(reference, references);
  return `no task definition "${reference}" in this scenario${guess === undefined ? '' : `; did you mean "${guess}"?`}`;
}

/** The service must be created by an earlier entry. */
export function checkService(ctx: TimelineContext, service: string, field: FieldPath): void {
  if (ctx.soFar.services.has(service)) return;
  const guess = didYouMean(service, [...ctx.soFar.services]);
  ctx.problem(field, `no earlier createService named "${service}"${guess === undefined ? '' : `; did you mean "${guess}"?`}`);
}

/** `<group>/<index>` names an instance of a declared group. */
export function checkInstance(ctx: TimelineContext, instance: string): void {
  const [group = '', index = ''] = instance.split('/');
  const count = ctx.groups.get(group);
  if (count === undefined) {
    const guess = didYouMean(group, [...ctx.groups.keys()]);
    ctx.problem([], `no instance group "${group}"${guess === undefined ? `; groups: ${[...ctx.groups.keys()].join(', ') || 'none'}` : `; did you mean "${guess}"?`}`);
  } else if (Number(index) >= count) {
    ctx.problem([], `group "${group}" has ${count} instances (0 to ${count - 1}), got ${index}`);
  }
}

/**
 * ecs-facts A-028, A-029: a strategy names known providers (FARGATE ones need an ecs.fargate
 * section); S-119: a strategy and a launch type cannot be given together.
 */
export function checkStrategyInput(ctx: TimelineContext, input: { capacityProviderStrategy?: readonly { capacityProvider: string }[] | undefined; launchType?: string | undefined }): void {
  if (input.capacityProviderStrategy === undefined) return;
  input.capacityProviderStrategy.forEach((item, k) => {
    const name = item.capacityProvider;
    if (isFargateProvider(name)) {
      if (!ctx.hasFargate) ctx.problem(['capacityProviderStrategy', k, 'capacityProvider'], `${name} needs an ecs.fargate section`);
    } else if (!ctx.providerNames.has(name)) {
      const known = ['FARGATE', 'FARGATE_SPOT', ...ctx.providerNames];
      const guess = didYouMean(name, known);
      ctx.problem(['capacityProviderStrategy', k, 'capacityProvider'], `no capacity provider "${name}"${guess === undefined ? `; known: ${known.join(', ')} (declare others in ecs.capacityProviders)` : `; did you mean "${guess}"?`}`);
    }
  });
  // ECS's text (ecs-facts S-119, S-128).
  if (input.launchType !== undefined) ctx.problem(['capacityProviderStrategy'], 'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.');
}

/**
 * ECS's texts for placement a launch type or scheduling strategy does not take (ecs-facts
 * S-015, S-129, S-130), each at its field: Fargate takes neither constraints nor strategies;
 * a DAEMON service takes constraints but no strategy.
 */
export function checkPlacementSupported(
  ctx: TimelineContext,
  input: { launchType: LaunchType; schedulingStrategy?: 'REPLICA' | 'DAEMON'; placementConstraints?: readonly unknown[] | undefined; placementStrategy?: readonly unknown[] | undefined },
  taskDefinitionConstraints = 0,
): void {
  const constraints = (input.placementConstraints ?? []).length;
  const strategies = (input.placementStrategy ?? []).length;
  if (input.launchType === 'FARGATE') {
    if (constraints > 0) ctx.problem(['placementConstraints'], 'Placement constraints are not supported with FARGATE launch type.');
    else if (taskDefinitionConstraints > 0) ctx.problem(['taskDefinition'], 'Placement constraints are not supported with FARGATE launch type.');
    if (strategies > 0) ctx.problem(['placementStrategy'], 'Placement strategies are not supported with FARGATE launch type.');
  } else if (input.schedulingStrategy === 'DAEMON' && strategies > 0) {
    ctx.problem(['placementStrategy'], 'The daemon scheduling strategy does not support placement strategies. Remove the placement strategy and try again');
  }
}

/** Builds a placement constraint or strategy to check its type and argument. */
export function checkPlacement(ctx: TimelineContext, build: () => unknown, field: FieldPath, argName: string): void {
  try {
    build();
  } catch (error) {
    if (!(error instanceof PlacementArgumentError)) throw error;
    ctx.problem(error.field === 'type' ? [...field, 'type'] : [...field, argName], error.message);
  }
}

/**
 * Deployment alarms name alarms of the cloudwatch section (ecs-facts S-088); the strategy's
 * cross-field rules and hook functions (deploymentOptionsProblems).
 */
export function checkDeploymentOptions(ctx: TimelineContext, options: DeploymentOptions, base: FieldPath, hasAdvancedLoadBalancer: boolean): void {
  const functions = Object.keys(ctx.spec.ecs?.lambdaFunctions ?? {});
  for (const [path, message] of deploymentOptionsProblems(options, functions, hasAdvancedLoadBalancer)) ctx.problem([...base, ...path], message);
  const alarms = options.alarms;
  // Disabled or empty, they watch nothing (alarm-watcher.ts): describe-services prints
  // `{ alarmNames: [], enable: false, rollback: false }` for most services, and it loads as it is.
  if (alarms === undefined || !alarms.enable || alarms.alarmNames.length === 0) return;
  const defined = (ctx.spec.cloudwatch?.alarms ?? []).map((a) => a.AlarmName);
  if (ctx.spec.cloudwatch === undefined) {
    ctx.problem([...base, 'alarms'], 'deployment alarms watch CloudWatch alarms: add a cloudwatch section defining them (ecs-facts S-088)');
    return;
  }
  alarms.alarmNames.forEach((name, i) => {
    if (defined.includes(name)) return;
    const guess = didYouMean(name, defined);
    // Assumption: ECS's own API error for an unknown alarm name was not found; this names the scenario's alarms.
    ctx.problem([...base, 'alarms', 'alarmNames', i], `no alarm "${name}" in the cloudwatch section${guess === undefined ? `; alarms: ${defined.join(', ') || 'none'}` : `; did you mean "${guess}"?`}`);
  });
}

/** `loadBalancers[].advancedConfiguration` names the scenario's target groups and listener rules (ecs-facts S-101). */
export function checkAdvancedConfiguration(ctx: TimelineContext, loadBalancers: readonly ServiceLoadBalancer[]): void {
  const elb = ctx.spec.elb;
  loadBalancers.forEach((lb, k) => {
    const adv = lb.advancedConfiguration;
    if (adv === undefined) return;
    const path: FieldPath = ['loadBalancers', k, 'advancedConfiguration'];
    if (elb === undefined) {
      ctx.problem(path, 'blue/green traffic shifting needs an elb section with the target groups and listener rules');
      return;
    }
    const names = new Set(elb.targetGroups.map((g) => g.Name));
    if (resolveTargetGroupName(adv.alternateTargetGroupArn, names) === undefined) {
      const guess = didYouMean(adv.alternateTargetGroupArn, [...names]);
      ctx.problem([...path, 'alternateTargetGroupArn'], `no target group "${adv.alternateTargetGroupArn}"${guess === undefined ? `; have ${[...names].join(', ')}` : `; did you mean "${guess}"?`}`);
    } else if (resolveTargetGroupName(adv.alternateTargetGroupArn, names) === resolveTargetGroupName(lb.targetGroupArn, names)) {
      ctx.problem([...path, 'alternateTargetGroupArn'], 'the alternate target group must differ from targetGroupArn (ecs-facts S-101)');
    }
    const rules = listenerRuleReferences(elb, ctx.spec.ecs?.region ?? DEFAULT_REGION, ctx.spec.ecs?.accountId ?? DEFAULT_ACCOUNT_ID);
    for (const field of ['productionListenerRule', 'testListenerRule'] as const) {
      const ref = adv[field];
      if (ref === undefined || rules.has(ref)) continue;
      const short = [...rules].filter((r) => !r.startsWith('arn:'));
      const guess = didYouMean(ref, short);
      ctx.problem([...path, field], `no listener rule "${ref}": give a rule or listener ARN, or "<load balancer>:<port>[:<priority>]"${guess === undefined ? `; have ${short.join(', ')}` : `; did you mean "${guess}"?`}`);
    }
  });
}

/** A CodeDeploy deployment configuration: predefined or the scenario's own (ecs-facts S-091). */
export function knownDeploymentConfig(ecs: EcsSpec | undefined, name: string): boolean {
  return PREDEFINED_DEPLOYMENT_CONFIGS[name] !== undefined || (ecs?.codeDeploy?.deploymentConfigs ?? []).some((c) => c.deploymentConfigName === name);
}

export function unknownConfigMessage(ecs: EcsSpec | undefined, name: string): string {
  const names = [...Object.keys(PREDEFINED_DEPLOYMENT_CONFIGS), ...(ecs?.codeDeploy?.deploymentConfigs ?? []).map((c) => c.deploymentConfigName)];
  const guess = didYouMean(name, names);
  return `no deployment configuration "${name}"${guess === undefined ? `; have ${names.join(', ')}` : `; did you mean "${guess}"?`} (ecs-facts S-091)`;
}

/** ecs-facts S-131: a service's desired count within the tasks-per-service quota, ECS's text (OBS aws/containers-roadmap#768). */
export function checkDesiredCountQuota(ctx: TimelineContext, desiredCount: number | undefined): void {
  const quota = serviceQuotas(ctx.spec.ecs?.serviceQuotas).tasksPerService;
  if (desiredCount !== undefined && desiredCount > quota) ctx.problem(['desiredCount'], `Desired count exceeds limit. ${raiseHint('tasksPerService', quota)}`);
}
