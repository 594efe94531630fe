import type { CreateServiceAction, DeploymentCircuitBreaker, TimelineAction } from '../../ecs/config.js';
import type { PlacementConstraint, PlacementStrategy } from '../../ecs/placement/framework.js';
import { defaultAvailabilityZoneRebalancing } from '../../ecs/service/az-rebalancing.js';
import { withDeploymentDefaults } from '../../ecs/service/deployment-strategy.js';
import type { ServiceLoadBalancer } from '../../ecs/service/load-balancers.js';
import { didYouMean } from '../../issues/index.js';
import { serviceQuotas, raiseHint } from '../../ecs/service-quotas.js';
import { definedOnly } from '../defined-only.js';
import { createServiceSchema } from '../schema/ecs.js';
import { checkAdvancedConfiguration, checkDeploymentOptions, checkDesiredCountQuota, checkPlacement, checkPlacementSupported, checkStrategyInput, checkTaskDefinition, launch } from './checks.js';
import { awsInput } from '../zod-issues.js';
import type { EcsVerb } from './verb.js';
import type { z } from 'zod';

/** CreateService (ecs-facts S-119, S-121), every field of the API accepted; defaults applied (S-050, S-037, S-025). */
type Action = Extract<TimelineAction, { kind: 'createService' }>;

/** The CreateService fields the model acts on; the others are accepted and listed as ignored. */
export const MODELLED = ['cluster', 'serviceName', 'taskDefinition', 'desiredCount', 'launchType', 'schedulingStrategy', 'placementConstraints', 'placementStrategy', 'deploymentConfiguration', 'healthCheckGracePeriodSeconds', 'loadBalancers', 'capacityProviderStrategy', 'availabilityZoneRebalancing'];

export const createService: EcsVerb<z.output<typeof createServiceSchema>, Action> = {
  name: 'createService',
  model: 'ecs',
  // Its unknown fields get the AWS CLI's text (ecs-facts S-127).
  schema: awsInput(createServiceSchema),
  toAction(c, ctx) {
    checkStrategyInput(ctx, c);
    const built = serviceAction(c, ctx.defaultStrategy, (reference) => ctx.taskDefinitions.find(reference)?.placementConstraints ?? []);
    // Without an elb section the target groups are outside the model: the service runs without
    // them (named as not modelled, with a warning) rather than wait forever on targets no load
    // balancer checks, as a pasted describe-services output of a service behind a load balancer would.
    const outside = ctx.spec.elb === undefined && built.loadBalancers !== undefined && c.deploymentController?.type !== 'CODE_DEPLOY';
    const s: typeof built = outside ? (({ loadBalancers: _lbs, ...rest }) => ({ ...rest, ignoredFields: [...rest.ignoredFields, 'loadBalancers'] }))(built) : built;
    checkTaskDefinition(ctx, s.taskDefinition, ['taskDefinition']);
    if (s.schedulingStrategy === 'REPLICA' && c.desiredCount === undefined) ctx.problem(['desiredCount'], 'a REPLICA service needs desiredCount (ecs-facts S-038)');
    // ecs-facts S-035: no DAEMON on Fargate; S-037: a DAEMON's maximumPercent is 100.
    if (s.schedulingStrategy === 'DAEMON' && s.launchType === 'FARGATE') ctx.problem(['schedulingStrategy'], 'The daemon scheduling strategy does not support the Fargate launch type (ecs-facts S-035)');
    if (s.schedulingStrategy === 'DAEMON' && s.maximumPercent !== 100) ctx.problem(['deploymentConfiguration', 'maximumPercent'], "a DAEMON service's maximumPercent must be 100 (ecs-facts S-037)");
    if (s.launchType === 'FARGATE' && !ctx.hasFargate && s.capacityProviderStrategy === undefined) ctx.problem(['launchType'], 'FARGATE needs an ecs.fargate section');
    checkPlacementSupported(ctx, s);
    const def = ctx.taskDefinitions.find(s.taskDefinition);
    // ECS checks the container and port whether or not the scenario models the target group.
    (built.loadBalancers ?? []).forEach((lb, k) => {
      const container = def?.containerDefinitions.find((x) => x.name === lb.containerName);
      if (def === undefined) return;
      if (container === undefined) {
        const names = def.containerDefinitions.map((x) => x.name);
        const guess = didYouMean(lb.containerName, names);
        ctx.problem(['loadBalancers', k, 'containerName'], `no container "${lb.containerName}" in ${def.family}${guess === undefined ? `; it has ${names.join(', ')}` : `; did you mean "${guess}"?`}`);
      } else if (!container.portMappings.some((p) => p.containerPort === lb.containerPort)) {
        // The API's own text for this case.
        ctx.problem(['loadBalancers', k, 'containerPort'], `The container ${lb.containerName} did not have a container port ${lb.containerPort} defined (it maps ${container.portMappings.map((p) => p.containerPort).join(', ') || 'no ports'}).`);
      }
    });
    const advanced = (built.loadBalancers ?? []).some((lb) => lb.advancedConfiguration !== undefined);
    checkDeploymentOptions(ctx, s, ['deploymentConfiguration'], advanced);
    checkAdvancedConfiguration(ctx, built.loadBalancers ?? []);
    if (s.deploymentController?.type === 'CODE_DEPLOY') {
      // ecs-facts S-090: an ALB or NLB target group; S-035: REPLICA only.
      if ((s.loadBalancers ?? []).length === 0) ctx.problem(['loadBalancers'], 'a CODE_DEPLOY service needs a load balancer target group (ecs-facts S-090)');
      if (s.schedulingStrategy !== 'REPLICA') ctx.problem(['schedulingStrategy'], 'the CODE_DEPLOY deployment controller requires the REPLICA scheduling strategy (ecs-facts S-035)');
      if (s.strategy !== undefined && s.strategy !== 'ROLLING') ctx.problem(['deploymentConfiguration', 'strategy'], `strategy ${s.strategy} is for the ECS deployment controller; CODE_DEPLOY takes its traffic shifting from the CodeDeploy deployment configuration (ecs-facts S-091)`);
      ctx.soFar.codeDeployServices.set(s.serviceName, s);
    }
    s.placementConstraints.forEach((x, k) => checkPlacement(ctx, () => ctx.placement.constraint(x.type, x.expression), ['placementConstraints', k], 'expression'));
    s.placementStrategy.forEach((x, k) => checkPlacement(ctx, () => ctx.placement.strategy(x.type, x.field), ['placementStrategy', k], 'field'));
    // ecs-facts S-131: services per cluster and tasks per service.
    checkDesiredCountQuota(ctx, c.desiredCount);
    const servicesQuota = serviceQuotas(ctx.spec.ecs?.serviceQuotas).servicesPerCluster;
    if (!ctx.soFar.services.has(s.serviceName) && ctx.soFar.services.size >= servicesQuota) ctx.problem(['serviceName'], `the cluster already has ${ctx.soFar.services.size} services ${raiseHint('servicesPerCluster', servicesQuota)}`);
    ctx.soFar.services.add(s.serviceName);
    ctx.soFar.shapes.set(s.serviceName, { launchType: s.launchType, schedulingStrategy: s.schedulingStrategy });
    if (advanced) ctx.soFar.advanced.add(s.serviceName);
    return { kind: 'createService', atMs: ctx.atMs, service: s };
  },
  prepare(model, action) {
    // A service's probes exist from the start, so `throughout` expectations can name them.
    for (const field of ['runningCount', 'desiredCount', 'healthyCount', 'deploymentHealthyShortfall']) model.sim.probe(`ecs.services.${action.service.serviceName}.${field}`);
  },
  apply(model, action) {
    const cp = model.controlPlane;
    const s = action.service;
    const registered = cp.resolve(s.taskDefinition);
    if (registered === undefined) return `ClientException: TaskDefinition not found: ${s.taskDefinition}`;
    const existing = cp.scheduler.services.get(s.serviceName);
    // ecs-facts S-040.
    if (existing?.status === 'ACTIVE') return `InvalidParameterException: Creation of service was not idempotent.`;
    // Seen in real ECS output (ewilde/faas-fargate#13, spinnaker/spinnaker#5476).
    if (existing?.status === 'DRAINING') return 'InvalidParameterException: Unable to Start a service that is still Draining.';
    cp.scheduler.api.create({ ...s, taskDefinition: registered.definition });
    return `service ${s.serviceName} created with desiredCount ${s.desiredCount}`;
  },
};

/** `taskDefinitionConstraints` gives a task definition's own placement constraints (for the AZ rebalancing default). */
function serviceAction(
  c: z.output<typeof createServiceSchema>,
  defaultStrategy: Parameters<typeof launch>[1],
  taskDefinitionConstraints: (reference: string) => readonly PlacementConstraint[],
): CreateServiceAction {
  const modelled = new Set(MODELLED);
  // ecs-facts S-090: ECS and CODE_DEPLOY are modelled; EXTERNAL (S-109) is listed as ignored.
  if (c.deploymentController !== undefined && c.deploymentController.type !== 'EXTERNAL') modelled.add('deploymentController');
  const daemon = c.schedulingStrategy === 'DAEMON';
  const shape = {
    launchType: launch(c, defaultStrategy).launchType,
    schedulingStrategy: c.schedulingStrategy ?? 'REPLICA',
    placementConstraints: (c.placementConstraints ?? []).map((x) => definedOnly(x) as PlacementConstraint),
    placementStrategy: (c.placementStrategy ?? []).map((x) => definedOnly(x) as PlacementStrategy),
    // ecs-facts S-050 (REPLICA 100/200), S-037 (DAEMON 0/100 through the API).
    maximumPercent: c.deploymentConfiguration?.maximumPercent ?? (daemon ? 100 : 200),
  } as const;
  const strategy = launch(c, defaultStrategy).capacityProviderStrategy;
  return {
    serviceName: c.serviceName,
    taskDefinition: c.taskDefinition,
    // ecs-facts S-038: DAEMON needs no desiredCount.
    desiredCount: c.desiredCount ?? 0,
    ...shape,
    minimumHealthyPercent: c.deploymentConfiguration?.minimumHealthyPercent ?? (daemon ? 0 : 100),
    ...(c.deploymentConfiguration?.deploymentCircuitBreaker === undefined ? {} : { deploymentCircuitBreaker: definedOnly(c.deploymentConfiguration.deploymentCircuitBreaker) as DeploymentCircuitBreaker }),
    ...withDeploymentDefaults(c.deploymentConfiguration),
    healthCheckGracePeriodMs: (c.healthCheckGracePeriodSeconds ?? 0) * 1000,
    // ecs-facts S-025, S-026: omitted on CreateService, ENABLED for a compatible service
    // and DISABLED for one ECS cannot rebalance (the task definition's constraints are
    // checked again when the scheduler acts).
    availabilityZoneRebalancing: c.availabilityZoneRebalancing ?? defaultAvailabilityZoneRebalancing(shape, taskDefinitionConstraints(c.taskDefinition)),
    ...(c.loadBalancers === undefined || c.loadBalancers.length === 0 ? {} : { loadBalancers: c.loadBalancers.map((lb) => definedOnly(lb) as ServiceLoadBalancer) }),
    ...(strategy === undefined ? {} : { capacityProviderStrategy: strategy }),
    ...(c.deploymentController === undefined || c.deploymentController.type === 'EXTERNAL' ? {} : { deploymentController: { type: c.deploymentController.type } }),
    ignoredFields: Object.keys(c).filter((k) => !modelled.has(k) && (c as Record<string, unknown>)[k] !== undefined),
  };
}
