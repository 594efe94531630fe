import { raiseHint, serviceQuotas } from '../ecs/service-quotas.js';
import { ApplicationAutoScaling, type ScalableTargetLink, type ScalingActivity, type ScalableTargetDescription, type ScalingPolicyDescription, type ScheduledActionDescription } from '../autoscaling/application-auto-scaling.js';
import { parseWith } from '../autoscaling/schema.js';
import { ScalingPolicyRegistry } from '../autoscaling/scaling-policies.js';
import { InputError, didYouMean, messageOf } from '../issues/index.js';
import type { CloudWatch } from '../cloudwatch/alarm.js';
import type { Simulation } from '../engine/simulation.js';
import type { EcsConfig } from '../ecs/config.js';
import type { EcsModel } from '../ecs/model.js';
import type { Service } from '../ecs/service/service.js';
import type { ScenarioIssue } from './errors.js';
import type { Scenario } from './loader.js';

/**
 * Service Auto Scaling wired to the ECS model: each scalable target `service/<cluster>/<service>`
 * scales that service's desired count through UpdateService (which starts no deployment,
 * ecs-facts S-038), counted from its RUNNING tasks (A-011).
 */

/** One minute's view of a scalable target: what the result charts as desired vs running. */
export interface ScalingSample {
  readonly t: number;
  readonly desired: number;
  readonly running: number;
}

export interface AutoscalingResult {
  /** DescribeScalableTargets. */
  readonly scalableTargets: readonly ScalableTargetDescription[];
  /** DescribeScalingPolicies (with the alarms target tracking created). */
  readonly scalingPolicies: readonly ScalingPolicyDescription[];
  readonly scheduledActions: readonly ScheduledActionDescription[];
  /** DescribeScalingActivities with IncludeNotScaledActivities, oldest first. */
  readonly activities: readonly ScalingActivity[];
  /** Desired and running count of each target at every minute boundary, by ResourceId. */
  readonly series: Readonly<Record<string, readonly ScalingSample[]>>;
}

const SAMPLE_MS = 60_000;

export class ScenarioAutoScaling {
  private readonly series = new Map<string, ScalingSample[]>();
  private readonly links = new Map<string, ScalableTargetLink>();
  /** The targets sampled each minute, in `links` order, each with its series once sampled (no map lookup per target a minute). */
  private readonly sampled: { readonly id: string; readonly link: ScalableTargetLink; list: ScalingSample[] | undefined }[] = [];

  private constructor(
    private readonly sim: Simulation,
    readonly service: ApplicationAutoScaling,
  ) {}

  /**
   * Registers the scenario's targets, policies and scheduled actions at time 0.
   * @throws InputError for a target that names no service of the scenario, or input the service refuses.
   */
  static start(scenario: Scenario, sim: Simulation, cw: CloudWatch, ecs: EcsModel | undefined, config: EcsConfig | undefined, scalingPolicies: ScalingPolicyRegistry = ScalingPolicyRegistry.withBuiltins()): ScenarioAutoScaling {
    const section = scenario.spec.autoscaling as { scalableTargets?: unknown[]; scalingPolicies?: unknown[]; scheduledActions?: unknown[] } | undefined;
    const aas = new ScenarioAutoScaling(sim, new ApplicationAutoScaling(sim, cw, { region: config?.region ?? 'us-east-1', accountId: config?.accountId ?? '123456789012', scalingPolicies }));
    const issues: ScenarioIssue[] = [];
    const cluster = ecs?.controlPlane.clusterName;
    const services = new Set<string>();
    for (const action of config?.timeline ?? []) if (action.kind === 'createService') services.add(action.service.serviceName);
    const attempt = (path: (string | number)[], call: () => void): void => {
      try {
        call();
      } catch (error) {
        if (error instanceof InputError) for (const i of error.issues) issues.push(scenario.issue([...path, ...i.path], messageOf(i)));
        else if (error instanceof Error) issues.push(scenario.issue(path, error.message));
        else throw error;
      }
    };
    (section?.scalableTargets ?? []).forEach((input, i) => {
      const path = ['autoscaling', 'scalableTargets', i];
      const resourceId = (input as { ResourceId?: unknown }).ResourceId;
      const match = typeof resourceId === 'string' ? /^service\/([^/]+)\/([^/]+)$/.exec(resourceId) : null;
      if (ecs === undefined || match === null || match[1] !== cluster || !services.has(match[2] as string)) {
        const known = [...services].map((s) => `service/${cluster ?? 'default'}/${s}`);
        issues.push(scenario.issue([...path, 'ResourceId'], `expected "service/<cluster>/<service>" naming a service the timeline creates${known.length > 0 ? `: ${known.join(', ')}` : ' (the timeline creates none)'}`));
        return;
      }
      const link = serviceLink(ecs, match[2] as string, serviceQuotas(scenario.spec.ecs?.serviceQuotas).tasksPerService);
      aas.links.set(resourceId as string, link);
      attempt(path, () => aas.service.registerScalableTarget(input, link));
    });
    (section?.scalingPolicies ?? []).forEach((input, i) => attempt(['autoscaling', 'scalingPolicies', i], () => aas.service.putScalingPolicy(input)));
    (section?.scheduledActions ?? []).forEach((input, i) => attempt(['autoscaling', 'scheduledActions', i], () => aas.service.putScheduledAction(input)));
    if (issues.length > 0) throw new InputError(issues);
    for (const [id, link] of aas.links) aas.sampled.push({ id, link, list: undefined });
    if (aas.links.size > 0) sim.schedule(0, aas.sample);
    return aas;
  }

  /**
   * What the scenario's scaling policies get wrong given the registered policy types (a
   * PolicyType only a plug-in knows is checked here, not by the file's schema): what `run`
   * would refuse when it puts them, found without running.
   */
  static policyIssues(scenario: Scenario, scalingPolicies: ScalingPolicyRegistry): ScenarioIssue[] {
    const section = scenario.spec.autoscaling as { scalingPolicies?: unknown[] } | undefined;
    return (section?.scalingPolicies ?? []).flatMap((input, i) => {
      try {
        parseWith(scalingPolicies.putScalingPolicySchema(), input);
        return [];
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        return error.issues.map((issue) => scenario.issue(['autoscaling', 'scalingPolicies', i, ...issue.path], messageOf(issue)));
      }
    });
  }

  private readonly sample = (): void => {
    const t = this.sim.now;
    for (const target of this.sampled) {
      let list = target.list;
      if (list === undefined) {
        list = [];
        target.list = list;
        this.series.set(target.id, list);
      }
      list.push({ t, desired: target.link.desiredCount(), running: target.link.runningCount() });
    }
    this.sim.schedule(SAMPLE_MS, this.sample);
  };

  result(): AutoscalingResult {
    return {
      scalableTargets: this.service.describeScalableTargets().ScalableTargets,
      scalingPolicies: this.service.describeScalingPolicies().ScalingPolicies,
      scheduledActions: this.service.describeScheduledActions().ScheduledActions,
      activities: this.service.describeScalingActivities({ IncludeNotScaledActivities: true }).ScalingActivities,
      series: Object.fromEntries(this.series),
    };
  }
}

/**
 * The ECS side of a scalable target. The service may not exist yet (the timeline creates
 * it later): until then it runs nothing, and a scaling action has nothing to change.
 */
function serviceLink(ecs: EcsModel, serviceName: string, tasksPerService: number): ScalableTargetLink {
  const scheduler = ecs.controlPlane.scheduler;
  const service = (): Service | undefined => scheduler.services.get(serviceName);
  return {
    runningCount: () => {
      const s = service();
      return s === undefined ? 0 : scheduler.counts(s).runningCount;
    },
    desiredCount: () => service()?.desiredCount ?? 0,
    setDesiredCount: (n) => {
      // ecs-facts S-131: UpdateService refuses a desired count past the tasks-per-service quota, with this text.
      if (n > tasksPerService) return `Desired count exceeds limit. ${raiseHint('tasksPerService', tasksPerService)}`;
      const s = service();
      if (s !== undefined && s.status === 'ACTIVE') scheduler.api.setDesiredCount(s, n);
      return undefined;
    },
    // A-007: any deployment not yet COMPLETED (a new service's first one included) is in progress.
    deploymentInProgress: () => service()?.deployments.some((d) => d.status !== 'INACTIVE' && d.rolloutState === 'IN_PROGRESS') ?? false,
  };
}

const ACTION_FIELDS = ['AlarmActions', 'OKActions', 'InsufficientDataActions'] as const;

/** Whether a scenario alarm names a scaling policy by its PolicyName (an action that is not an ARN). */
export function namesPolicyByName(alarm: Readonly<{ readonly [F in (typeof ACTION_FIELDS)[number]]?: readonly string[] | undefined }>): boolean {
  return ACTION_FIELDS.some((f) => (alarm[f] ?? []).some((a) => !a.startsWith('arn:')));
}

function policyNamesOf(scenario: Scenario): string[] {
  const section = scenario.spec.autoscaling as { scalingPolicies?: unknown[] } | undefined;
  return (section?.scalingPolicies ?? []).flatMap((p) => {
    const name = (p as { PolicyName?: unknown }).PolicyName;
    return typeof name === 'string' ? [name] : [];
  });
}

/**
 * An alarm action must be an ARN (ecs-facts EF-001: a step policy is linked by attaching its
 * ARN as the alarm action). A scaling policy's ARN holds an id ecs-sim draws from the seed,
 * so a scenario may name one of its own `autoscaling.scalingPolicies` by PolicyName instead;
 * ecs-sim puts the ARN in its place. Anything else that is not an ARN is refused here.
 */
export function alarmActionIssues(scenario: Scenario): ScenarioIssue[] {
  const names = policyNamesOf(scenario);
  const alarms = (scenario.spec.cloudwatch?.alarms ?? []) as readonly { readonly [F in (typeof ACTION_FIELDS)[number]]?: readonly string[] | undefined }[];
  return alarms.flatMap((alarm, i) =>
    ACTION_FIELDS.flatMap((field) =>
      (alarm[field] ?? []).flatMap((action, j) => {
        if (action.startsWith('arn:')) return [];
        const count = names.filter((n) => n === action).length;
        if (count === 1) return [];
        const path = ['cloudwatch', 'alarms', i, field, j];
        if (count > 1) return [scenario.issue(path, `"${action}" is the PolicyName of ${count} scaling policies: give each policy its own name`)];
        const guess = didYouMean(action, names);
        const known = guess !== undefined ? `; did you mean "${guess}"?` : names.length > 0 ? `; the scaling policies are ${names.join(', ')}` : '; the scenario has no autoscaling.scalingPolicies';
        return [
          scenario.issue(
            path,
            `expected an action ARN (such as arn:aws:autoscaling:<region>:<account>:scalingPolicy:<id>:resource/ecs/service/<cluster>/<service>:policyName/<name>) or the PolicyName of one of autoscaling.scalingPolicies, got "${action}"${known}`,
          ),
        ];
      }),
    ),
  );
}

/** The alarm with each policy name among its actions replaced by that policy's ARN (names checked by alarmActionIssues). */
export function withPolicyArns<A extends { readonly [F in (typeof ACTION_FIELDS)[number]]?: readonly string[] | undefined }>(alarm: A, policies: readonly { readonly PolicyName: string; readonly PolicyARN: string }[]): A {
  const arnOf = (action: string): string => (action.startsWith('arn:') ? action : (policies.find((p) => p.PolicyName === action)?.PolicyARN ?? action));
  const out: Record<string, unknown> = { ...alarm };
  for (const f of ACTION_FIELDS) if (alarm[f] !== undefined) out[f] = (alarm[f] as readonly string[]).map(arnOf);
  return out as A;
}
