import { z } from 'zod';
import type { DeploymentCircuitBreaker, TimelineAction } from '../../ecs/config.js';
import { capacityProviderStrategySchema, strategyWithDefaults } from '../../ecs/capacity/capacity-providers.js';
import { codeDeployMessages } from '../../ecs/service/codedeploy.js';
import { pickDeploymentOptions, withDeploymentDefaults } from '../../ecs/service/deployment-strategy.js';
import { definedOnly } from '../defined-only.js';
import { deploymentConfigurationSchema, placementConstraintSchema, placementStrategySchema, serviceName } from '../schema/ecs.js';
import { checkDeploymentOptions, checkDesiredCountQuota, checkPlacement, checkPlacementSupported, checkService, checkStrategyInput, checkTaskDefinition } from './checks.js';
import { awsInput } from '../zod-issues.js';
import type { EcsVerb } from './verb.js';

const anything = z.unknown();

/**
 * UpdateService (ecs-facts S-120): every field of the API. Those in UPDATE_SERVICE_MODELLED
 * act; the others are accepted, checked where ECS checks them (placement: S-129, S-130), and
 * listed in the result's `ignoredFields` and the summary.
 */
const schema = z.strictObject({
  cluster: z.string().optional(),
  service: serviceName,
  desiredCount: z.number().int().min(0).optional(),
  taskDefinition: z.string().min(1).optional(),
  forceNewDeployment: z.boolean().optional(),
  deploymentConfiguration: deploymentConfigurationSchema.optional(),
  availabilityZoneRebalancing: z.enum(['ENABLED', 'DISABLED']).optional(),
  // ecs-facts S-120, S-073: starts no deployment.
  capacityProviderStrategy: capacityProviderStrategySchema.optional(),
  placementConstraints: z.array(placementConstraintSchema).max(10).optional(),
  placementStrategy: z.array(placementStrategySchema).max(5).optional(),
  networkConfiguration: anything.optional(),
  platformVersion: z.string().optional(),
  healthCheckGracePeriodSeconds: z.number().int().min(0).max(2_147_483_647).optional(),
  deploymentController: z.strictObject({ type: z.enum(['ECS', 'CODE_DEPLOY', 'EXTERNAL']) }).optional(),
  enableExecuteCommand: z.boolean().optional(),
  enableECSManagedTags: z.boolean().optional(),
  loadBalancers: anything.optional(),
  propagateTags: z.enum(['TASK_DEFINITION', 'SERVICE', 'NONE']).optional(),
  serviceRegistries: anything.optional(),
  serviceConnectConfiguration: anything.optional(),
  volumeConfigurations: anything.optional(),
  vpcLatticeConfigurations: anything.optional(),
  monitoring: anything.optional(),
});

/** The UpdateService fields the model acts on. */
export const UPDATE_SERVICE_MODELLED = ['cluster', 'service', 'desiredCount', 'taskDefinition', 'forceNewDeployment', 'deploymentConfiguration', 'availabilityZoneRebalancing', 'capacityProviderStrategy'];

type Action = Extract<TimelineAction, { kind: 'updateService' }>;

export const updateService: EcsVerb<z.output<typeof schema>, Action> = {
  name: 'updateService',
  model: 'ecs',
  // Its unknown fields get the AWS CLI's text (ecs-facts S-127).
  schema: awsInput(schema),
  toAction(u, ctx) {
    checkStrategyInput(ctx, u);
    const action: Action = {
      kind: 'updateService',
      atMs: ctx.atMs,
      service: u.service,
      ...(u.desiredCount === undefined ? {} : { desiredCount: u.desiredCount }),
      ...(u.taskDefinition === undefined ? {} : { taskDefinition: u.taskDefinition }),
      ...(u.forceNewDeployment === undefined ? {} : { forceNewDeployment: u.forceNewDeployment }),
      ...(u.deploymentConfiguration?.minimumHealthyPercent === undefined ? {} : { minimumHealthyPercent: u.deploymentConfiguration.minimumHealthyPercent }),
      ...(u.deploymentConfiguration?.maximumPercent === undefined ? {} : { maximumPercent: u.deploymentConfiguration.maximumPercent }),
      ...(u.deploymentConfiguration?.deploymentCircuitBreaker === undefined ? {} : { deploymentCircuitBreaker: definedOnly(u.deploymentConfiguration.deploymentCircuitBreaker) as DeploymentCircuitBreaker }),
      ...(u.availabilityZoneRebalancing === undefined ? {} : { availabilityZoneRebalancing: u.availabilityZoneRebalancing }),
      ...(u.capacityProviderStrategy === undefined ? {} : { capacityProviderStrategy: strategyWithDefaults(u.capacityProviderStrategy) }),
      ...withDeploymentDefaults(u.deploymentConfiguration),
    };
    if (action.taskDefinition !== undefined) checkTaskDefinition(ctx, action.taskDefinition, ['taskDefinition']);
    checkDesiredCountQuota(ctx, u.desiredCount);
    checkDeploymentOptions(ctx, action, ['deploymentConfiguration'], ctx.soFar.advanced.has(action.service));
    checkService(ctx, action.service, ['service']);
    // ECS refuses a strategy for a Fargate or DAEMON service here too; the new placement itself is not modelled.
    const shape = ctx.soFar.shapes.get(action.service);
    if (shape !== undefined && (u.placementStrategy !== undefined || u.placementConstraints !== undefined)) {
      checkPlacementSupported(ctx, { launchType: shape.launchType as Parameters<typeof checkPlacementSupported>[1]['launchType'], schedulingStrategy: shape.schedulingStrategy, placementConstraints: u.placementConstraints, placementStrategy: u.placementStrategy });
    }
    (u.placementConstraints ?? []).forEach((x, k) => checkPlacement(ctx, () => ctx.placement.constraint(x.type, x.expression), ['placementConstraints', k], 'expression'));
    (u.placementStrategy ?? []).forEach((x, k) => checkPlacement(ctx, () => ctx.placement.strategy(x.type, x.field), ['placementStrategy', k], 'field'));
    return action;
  },
  apply(model, action) {
    const cp = model.controlPlane;
    const service = cp.scheduler.services.get(action.service);
    if (service === undefined || service.status === 'INACTIVE') return `ServiceNotFoundException: Service not found.`;
    const registered = action.taskDefinition === undefined ? undefined : cp.resolve(action.taskDefinition);
    if (action.taskDefinition !== undefined && registered === undefined) return `ClientException: TaskDefinition not found: ${action.taskDefinition}`;
    // ecs-facts S-096: under CODE_DEPLOY a new task definition (or a forced deployment) needs CodeDeploy; the whole call is refused.
    if (service.spec.deploymentController?.type === 'CODE_DEPLOY') {
      if (registered !== undefined && registered.definition.taskDefinitionArn !== service.spec.taskDefinition.taskDefinitionArn) return codeDeployMessages.taskDefinitionRefused();
      if (action.forceNewDeployment === true) return codeDeployMessages.forceNewDeploymentRefused();
    }
    if (action.desiredCount !== undefined) cp.scheduler.api.setDesiredCount(service, action.desiredCount);
    // ecs-facts S-073: only a new task definition or forceNewDeployment starts a deployment.
    const others = {
      ...(registered === undefined ? {} : { taskDefinition: registered.definition }),
      ...(action.forceNewDeployment === undefined ? {} : { forceNewDeployment: action.forceNewDeployment }),
      ...(action.minimumHealthyPercent === undefined ? {} : { minimumHealthyPercent: action.minimumHealthyPercent }),
      ...(action.maximumPercent === undefined ? {} : { maximumPercent: action.maximumPercent }),
      ...(action.deploymentCircuitBreaker === undefined ? {} : { deploymentCircuitBreaker: action.deploymentCircuitBreaker }),
      ...(action.availabilityZoneRebalancing === undefined ? {} : { availabilityZoneRebalancing: action.availabilityZoneRebalancing }),
      // ecs-facts S-120, S-073: the new strategy applies to the tasks started from now on; no deployment.
      ...(action.capacityProviderStrategy === undefined ? {} : { capacityProviderStrategy: action.capacityProviderStrategy }),
      ...pickDeploymentOptions(action),
    };
    const deployment = Object.keys(others).length === 0 ? undefined : cp.scheduler.api.update(service, others);
    return `service ${action.service} updated${action.desiredCount === undefined ? '' : `: desiredCount ${action.desiredCount}`}${deployment === undefined ? '' : `; deployment ${deployment} started`}`;
  },
};
