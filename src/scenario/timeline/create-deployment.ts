import { z } from 'zod';
import type { TimelineAction } from '../../ecs/config.js';
import { CODEDEPLOY_HOOK_EVENTS, type CodeDeployHookEvent } from '../../ecs/service/codedeploy.js';
import { lambdaFunctionKey } from '../../ecs/service/deployment-strategy.js';
import { didYouMean, type FieldPath } from '../../issues/index.js';
import { ecsAppSpecSchema } from '../schema/ecs.js';
import { checkTaskDefinition, knownDeploymentConfig, unknownConfigMessage } from './checks.js';
import type { EcsVerb } from './verb.js';

/** CodeDeploy's CreateDeployment (ecs-facts S-090 to S-097); the group may be left out when the scenario has only one. */
const schema = z.strictObject({
  applicationName: z.string().min(1).optional(),
  deploymentGroupName: z.string().min(1).optional(),
  deploymentConfigName: z.string().min(1).optional(),
  description: z.string().optional(),
  revision: ecsAppSpecSchema,
});

type Action = Extract<TimelineAction, { kind: 'createDeployment' }>;

export const createDeployment: EcsVerb<z.output<typeof schema>, Action> = {
  name: 'createDeployment',
  model: 'ecs',
  schema,
  /**
   * Names a deployment group (or the only one), a task definition of the scenario, the
   * service's load-balanced container, and simulated hook functions.
   */
  toAction(d, ctx) {
    const properties = d.revision.Resources[0]?.TargetService.Properties;
    if (properties === undefined) return undefined;
    const request: Action['request'] = {
      applicationName: d.applicationName ?? '',
      deploymentGroupName: d.deploymentGroupName ?? '',
      ...(d.deploymentConfigName === undefined ? {} : { deploymentConfigName: d.deploymentConfigName }),
      revision: {
        taskDefinition: properties.TaskDefinition,
        containerName: properties.LoadBalancerInfo.ContainerName,
        containerPort: properties.LoadBalancerInfo.ContainerPort,
        hooks: (d.revision.Hooks ?? []).flatMap((h) => CODEDEPLOY_HOOK_EVENTS.filter((k) => h[k] !== undefined).map((event: CodeDeployHookEvent) => ({ event, functionName: h[event] as string }))),
      },
    };
    const action: Action = { kind: 'createDeployment', atMs: ctx.atMs, request };
    const ecs = ctx.spec.ecs;
    const groups = ecs?.codeDeploy?.deploymentGroups ?? [];
    let { applicationName, deploymentGroupName } = request;
    if (applicationName === '' || deploymentGroupName === '') {
      const candidates = groups.filter((g) => (applicationName === '' || g.applicationName === applicationName) && (deploymentGroupName === '' || g.deploymentGroupName === deploymentGroupName));
      if (candidates.length === 1 && candidates[0] !== undefined) {
        applicationName = candidates[0].applicationName;
        deploymentGroupName = candidates[0].deploymentGroupName;
      } else {
        ctx.problem([], groups.length === 0 ? 'createDeployment needs a deployment group: add ecs.codeDeploy.deploymentGroups' : `give applicationName and deploymentGroupName; ${candidates.length} deployment groups match`);
        return action;
      }
    }
    const group = groups.find((g) => g.applicationName === applicationName && g.deploymentGroupName === deploymentGroupName);
    if (group === undefined) {
      const guess = didYouMean(deploymentGroupName, groups.map((g) => g.deploymentGroupName));
      ctx.problem(['deploymentGroupName'], `no deployment group "${deploymentGroupName}" in application "${applicationName}"${guess === undefined ? '' : `; did you mean "${guess}"?`}`);
      return action;
    }
    const serviceName = group.ecsServices[0]?.serviceName ?? '';
    const service = ctx.soFar.codeDeployServices.get(serviceName);
    if (service === undefined) ctx.problem(['deploymentGroupName'], `deployment group "${deploymentGroupName}" names service "${serviceName}", which no earlier createService makes with deploymentController {type: CODE_DEPLOY} (ecs-facts S-090)`);
    const revision = request.revision;
    const revisionPath: FieldPath = ['revision', 'Resources', 0, 'TargetService', 'Properties'];
    checkTaskDefinition(ctx, revision.taskDefinition, [...revisionPath, 'TaskDefinition']);
    const lb = service?.loadBalancers?.[0];
    if (lb !== undefined && (lb.containerName !== revision.containerName || lb.containerPort !== revision.containerPort)) {
      ctx.problem([...revisionPath, 'LoadBalancerInfo'], `the service balances container ${lb.containerName} on port ${lb.containerPort}; the AppSpec says ${revision.containerName}:${revision.containerPort}`);
    }
    const functions = Object.keys(ecs?.lambdaFunctions ?? {});
    revision.hooks.forEach((h, k) => {
      if (lambdaFunctionKey(h.functionName, functions) !== undefined) return;
      ctx.problem(['revision', 'Hooks', k, h.event], `no simulated function "${h.functionName}": describe its answers under ecs.lambdaFunctions (by ARN or function name)${functions.length === 0 ? '' : `; have ${functions.join(', ')}`}`);
    });
    const configName = request.deploymentConfigName;
    if (configName !== undefined && !knownDeploymentConfig(ecs, configName)) ctx.problem(['deploymentConfigName'], unknownConfigMessage(ecs, configName));
    return { ...action, request: { ...request, applicationName, deploymentGroupName } };
  },
  apply(model, action) {
    const cp = model.controlPlane;
    // CodeDeploy's CreateDeployment (ecs-facts S-090 to S-097): the AppSpec's task definition, resolved.
    const registered = cp.resolve(action.request.revision.taskDefinition);
    if (registered === undefined) return `InvalidRevisionException: TaskDefinition not found: ${action.request.revision.taskDefinition}`;
    const outcome = cp.scheduler.blueGreen.createCodeDeployment(action.request, registered.definition);
    return outcome.startsWith('d-') ? `CodeDeploy deployment ${outcome} created for ${action.request.applicationName}/${action.request.deploymentGroupName}` : outcome;
  },
};
