// An example scaling policy type plug-in for `ecs-sim --plugin examples/predictive-scaling.js`:
// predictive scaling. The service's desired count follows a known daily profile, set
// LeadMinutes ahead of it, so the tasks are running when the load arrives instead of
// after an alarm noticed it. Name it in a scenario's autoscaling section as
//   PolicyType: PredictiveScaling
//   PredictiveScalingPolicyConfiguration:
//     Profile: [{ At: "00:00", DesiredCount: 2 }, { At: "08:00", DesiredCount: 6 }, { At: "18:00", DesiredCount: 3 }]
//     LeadMinutes: 15
// Times of day count from the start of the run (the run starts at 00:00). Application Auto
// Scaling still applies MinCapacity/MaxCapacity, cooldowns and deployments to its answers.
import { z } from 'zod';

const DAY_MS = 24 * 60 * 60 * 1000;
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'At must be a time of day HH:MM (00:00 to 23:59)' });

const configuration = z
  .strictObject({
    Profile: z
      .array(z.strictObject({ At: clockTime, DesiredCount: z.number().int().min(0, { error: 'DesiredCount must be a whole number of at least 0' }) }))
      .min(1, { error: 'Profile needs at least one { At, DesiredCount }' }),
    LeadMinutes: z.number().int().min(0).max(720).default(15),
    Cooldown: z.number().int().min(0).default(60),
  })
  .refine((c) => c.Profile.every((p, i) => i === 0 || c.Profile[i - 1].At < p.At), { error: 'Profile times must be in increasing order', path: ['Profile'] });

/** ms since midnight of `HH:MM`. */
const msOf = (at) => (Number(at.slice(0, 2)) * 60 + Number(at.slice(3))) * 60_000;

/** The profile's desired count at `timeMs` (a step function over the day; before the first step, the day's last one holds). */
export function profileAt(profile, timeMs) {
  const ofDay = ((timeMs % DAY_MS) + DAY_MS) % DAY_MS;
  let wanted = profile[profile.length - 1].DesiredCount;
  for (const step of profile) if (msOf(step.At) <= ofDay) wanted = step.DesiredCount;
  return wanted;
}

/** @type {import('ecs-sim/plugins').ScalingPolicyType<z.output<typeof configuration>>} */
export const predictiveScaling = {
  args: configuration,
  create: (c) => ({
    scaleOutCooldownSeconds: c.Cooldown,
    scaleInCooldownSeconds: c.Cooldown,
    // A clock, not a metric: an alarm that is always in ALARM (missing data breaches a
    // threshold of 0), so Application Auto Scaling invokes the policy once a minute.
    ownedAlarms: ({ policyArn, resourceId, ids }) => {
      const [, cluster, service] = resourceId.split('/');
      return [
        {
          key: 'Tick',
          alarm: {
            AlarmName: `Predictive-${resourceId}-Tick-${ids[0]}`,
            Namespace: 'AWS/ECS',
            MetricName: 'CPUUtilization',
            Dimensions: [{ Name: 'ClusterName', Value: cluster }, { Name: 'ServiceName', Value: service }],
            Statistic: 'Average',
            Period: 60,
            EvaluationPeriods: 1,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
            Threshold: 0,
            TreatMissingData: 'breaching',
            AlarmActions: [policyArn],
          },
        },
      ];
    },
    decide: (view) => {
      const wanted = profileAt(c.Profile, view.nowMs + c.LeadMinutes * 60_000);
      const reason = `the profile wants ${wanted} tasks ${c.LeadMinutes} minutes from now`;
      if (wanted > view.desiredCount) return { direction: 'out', desired: wanted, reason };
      if (wanted < view.desiredCount) return { direction: 'in', desired: wanted, reason };
      return { direction: 'none', reason };
    },
  }),
};

/**
 * @param {import('ecs-sim/plugins').PlacementRegistry} _placement
 * @param {{ scalingPolicies: import('ecs-sim/plugins').ScalingPolicyRegistry }} registries
 */
export function register(_placement, { scalingPolicies }) {
  scalingPolicies.register('PredictiveScaling', predictiveScaling);
}
