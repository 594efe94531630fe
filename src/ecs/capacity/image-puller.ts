import { makeDistribution, type Distribution, type DistributionSpec } from '../../engine/distributions.js';
import type { RandomStream } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';

/**
 * Image pulls on one host: time from the image's size and a bandwidth draw, a per-host
 * cache (EC2 and EXTERNAL; Fargate has none, ecs-facts T-091), concurrent pulls of one
 * image shared, and `ECS_IMAGE_PULL_BEHAVIOR` honoured (ecs-facts T-086).
 */
export type PullBehavior = 'default' | 'always' | 'once' | 'prefer-cached';

export interface PullEnvironment {
  imageSizeMB(image: string): number;
  /** The CannotPullContainerError text if pulls of `image` fail now, else undefined. */
  pullFailure(image: string): string | undefined;
}

export class ImagePuller {
  private readonly cached = new Set<string>();
  private readonly inFlight = new Map<string, ((error: string | undefined) => void)[]>();
  private readonly bandwidth: Distribution;
  pulls = 0;
  cacheHits = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly rng: RandomStream,
    private readonly env: PullEnvironment,
    private readonly overhead: Distribution,
    bandwidthMBps: DistributionSpec,
    private readonly behavior: PullBehavior,
    private readonly caches: boolean,
    /** Called for every pull; `skipped` when the cached image was used without contacting the registry. */
    private readonly onPulled: (image: string, ms: number, fromCache: boolean, error: string | undefined, skipped: boolean) => void,
  ) {
    this.bandwidth = makeDistribution(bandwidthMBps);
  }

  isCached(image: string): boolean {
    return this.cached.has(image);
  }

  pull(image: string, done: (error: string | undefined) => void): void {
    const cached = this.caches && this.cached.has(image);
    if (cached && (this.behavior === 'once' || this.behavior === 'prefer-cached')) {
      this.cacheHits += 1;
      this.onPulled(image, 0, true, undefined, true);
      this.sim.schedule(0, () => done(undefined));
      return;
    }
    const waiting = this.inFlight.get(image);
    if (waiting !== undefined) {
      waiting.push(done);
      return;
    }
    this.inFlight.set(image, [done]);
    this.pulls += 1;
    // With the layers cached, a `docker pull` only checks the manifest.
    const layersMs = cached ? 0 : Math.round((this.env.imageSizeMB(image) / Math.max(0.001, this.bandwidth.sample(this.rng))) * 1000);
    const ms = this.overhead.sampleMs(this.rng) + layersMs;
    this.sim.schedule(ms, () => {
      const failure = this.env.pullFailure(image);
      // `default` falls back to the cached copy when the pull fails (ecs-facts T-086).
      const error = failure !== undefined && !(cached && this.behavior === 'default') ? failure : undefined;
      if (error === undefined && this.caches) this.cached.add(image);
      if (cached) this.cacheHits += 1;
      this.onPulled(image, ms, cached, error, false);
      const callbacks = this.inFlight.get(image) ?? [];
      this.inFlight.delete(image);
      for (const cb of callbacks) cb(error);
    });
  }
}

/** The registry host of an image reference, as the pull error names it. */
export function registryOf(image: string): string {
  const first = image.split('/')[0] ?? '';
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'registry-1.docker.io';
}

/** ecs-facts T-098: the documented text for a registry that cannot be reached. */
export function cannotPullText(image: string): string {
  return `CannotPullContainerError: API error (500): Get https://${registryOf(image)}/v2/: net/http: request canceled while waiting for connection`;
}

