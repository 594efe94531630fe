import type { Simulation } from '../engine/simulation.js';
import { MetricStore, PUBLICATION_DELAY_MS_DEFAULT, type Dimension, type MetricStoreOptions, type StatisticSet } from './metric-store.js';

/**
 * The publication delay per namespace (ecs-facts C-019; EF-006): how long after a put a
 * sample becomes visible to queries and alarms. AWS documents only "up to 2 minutes" for a
 * new metric and nothing per service, so a scenario may set it per namespace (AWS/ECS,
 * AWS/ApplicationELB, a custom one) to ask what a faster or slower pipeline changes.
 *
 * Built on the store's public API only: the store's own delay is the smallest of the
 * delays, and a put to a namespace with a longer one reaches the store that much later
 * (an event at put time + the difference, the timestamp unchanged), so its samples become
 * visible exactly its namespace's delay after the put.
 */
export interface PublicationDelays {
  /** Namespaces not listed (default C-019's 2 minutes). */
  readonly defaultMs?: number;
  readonly byNamespace?: ReadonlyMap<string, number>;
}

/** The store's own delay for these delays: the smallest. */
export function baseDelayMs(delays: PublicationDelays): number {
  let base = delays.defaultMs ?? PUBLICATION_DELAY_MS_DEFAULT;
  for (const ms of delays.byNamespace?.values() ?? []) if (ms < base) base = ms;
  return base;
}

export class NamespaceDelayedMetricStore extends MetricStore {
  /** Each listed namespace's delay beyond the store's own (0 for the smallest). */
  private readonly extraMs = new Map<string, number>();
  /** The same for namespaces not listed. */
  private readonly extraDefaultMs: number;

  /** @throws RangeError for a negative or fractional delay. */
  constructor(
    private readonly sim: Simulation,
    delays: PublicationDelays,
    options: Omit<MetricStoreOptions, 'publicationDelayMs'> = {},
  ) {
    super(sim, { ...options, publicationDelayMs: baseDelayMs(delays) });
    for (const [ns, ms] of delays.byNamespace ?? []) {
      if (!(Number.isInteger(ms) && ms >= 0)) throw new RangeError(`the publication delay of ${ns} must be a non-negative integer of ms, got ${ms}`);
      this.extraMs.set(ns, ms - this.publicationDelayMs);
    }
    this.extraDefaultMs = (delays.defaultMs ?? PUBLICATION_DELAY_MS_DEFAULT) - this.publicationDelayMs;
  }

  /** The delay of a namespace's samples, from put to visible. */
  delayOf(namespace: string): number {
    return this.publicationDelayMs + this.extraOf(namespace);
  }

  private extraOf(namespace: string): number {
    return this.extraMs.get(namespace) ?? this.extraDefaultMs;
  }

  override putMetricData(namespace: string, metricName: string, dimensions: readonly Dimension[], value: number, timestampMs: number, unit?: string, storageResolution: 1 | 60 = 60): void {
    const extra = this.extraOf(namespace);
    if (extra === 0) super.putMetricData(namespace, metricName, dimensions, value, timestampMs, unit, storageResolution);
    else this.sim.schedule(extra, () => super.putMetricData(namespace, metricName, dimensions, value, timestampMs, unit, storageResolution));
  }

  override putMetricValues(namespace: string, metricName: string, dimensions: readonly Dimension[], values: readonly number[], timestampMs: number, unit?: string, storageResolution: 1 | 60 = 60): void {
    const extra = this.extraOf(namespace);
    if (extra === 0) super.putMetricValues(namespace, metricName, dimensions, values, timestampMs, unit, storageResolution);
    else {
      const copy = [...values];
      this.sim.schedule(extra, () => super.putMetricValues(namespace, metricName, dimensions, copy, timestampMs, unit, storageResolution));
    }
  }

  override putStatisticSet(namespace: string, metricName: string, dimensions: readonly Dimension[], set: StatisticSet, timestampMs: number, unit?: string, storageResolution: 1 | 60 = 60): void {
    const extra = this.extraOf(namespace);
    if (extra === 0) super.putStatisticSet(namespace, metricName, dimensions, set, timestampMs, unit, storageResolution);
    else this.sim.schedule(extra, () => super.putStatisticSet(namespace, metricName, dimensions, set, timestampMs, unit, storageResolution));
  }
}
