import type { DistributionSpec } from '../engine/distributions.js';
import type { Latencies } from './config.js';

/**
 * Default latencies, each a distribution (ms) a scenario can override under `latencies`.
 * AWS documents few of these; each says what it rests on. "Assumption" marks a value
 * chosen to be plausible where nothing was found, so users know to set their own.
 */
export const DEFAULT_LATENCIES: Latencies = {
  // Assumption: an ECS-optimised AMI boots to a running agent in well under two minutes.
  instanceBoot: { lognormal: { median: 45_000, p99: 120_000 } },
  // Assumption: the agent registers seconds after it starts.
  agentRegistration: { lognormal: { median: 4_000, p99: 15_000 } },
  // Assumption: one way over the agent's websocket (ACS/TCS), sub-second.
  agentMessage: { lognormal: { median: 150, p99: 800 } },
  // ecs-facts T-023 (one real task: connectivityAt +4.1 s, pullStartedAt +11.9 s after createdAt),
  // T-096 (no documented figure): median 10 s to capacity and ENI.
  fargateProvisioning: { lognormal: { median: 10_000, p99: 40_000 } },
  // ecs-facts T-023: 25 s from executionStoppedAt to stoppedAt in one real Fargate task.
  fargateDeprovisioning: { lognormal: { median: 20_000, p99: 60_000 } },
  // Assumption: attaching a task ENI on EC2 (awsvpc) takes a few seconds.
  eniAttach: { lognormal: { median: 3_000, p99: 12_000 } },
  // ecs-facts T-023: a real Fargate task spent 25 s between executionStoppedAt and stoppedAt;
  // EC2 detaches are assumed faster. Fargate uses fargateDeprovisioning below.
  eniDetach: { lognormal: { median: 3_000, p99: 12_000 } },
  // Assumption: registry auth and manifest before the layers.
  pullOverhead: { lognormal: { median: 800, p99: 3_000 } },
  // Assumption: one Secrets Manager / SSM round trip per task.
  secretsFetch: { lognormal: { median: 300, p99: 1_500 } },
  // Assumption: docker create + start.
  containerStart: { lognormal: { median: 700, p99: 3_000 } },
  // Assumption: ECS learns of a terminated instance through EC2 state change events within a minute or so.
  hostTerminationDetection: { lognormal: { median: 30_000, p99: 120_000 } },
  // ecs-facts T-084: the agent's ACS heartbeat timeout is 1 min plus up to 1 min of jitter.
  agentDisconnectDetection: { uniform: { min: 60_000, max: 120_000 } },
  // Assumption: ECS does not document how soon the scheduler acts on a change (ecs-facts S-056).
  serviceScheduler: { lognormal: { median: 1_000, p99: 5_000 } },
};

/**
 * Image pull bandwidth in MB/s. ecs-facts T-087: "a large image can take 10–20 s to pull"
 * on EC2; 40 MB/s pulls 500 MB in about 13 s. Fargate is assumed somewhat slower (T-023
 * shows 14.4 s for one real pull of unknown size).
 */
export const DEFAULT_EC2_PULL_BANDWIDTH_MBPS: DistributionSpec = { lognormal: { median: 40, p99: 120 } };
export const DEFAULT_FARGATE_PULL_BANDWIDTH_MBPS: DistributionSpec = { lognormal: { median: 30, p99: 90 } };

/** Assumption: an image the scenario does not size is a typical 200 MB application image. */
export const DEFAULT_IMAGE_SIZE_MB = 200;
