/**
 * ECS's service quotas (ecs-facts S-131): the documented defaults a scenario is held to, and
 * the scenario's own values where it raises (or lowers) one for a what-if. Pure data and
 * checks; the scenario's timeline and ecs section report what exceeds them.
 */

export interface ServiceQuotas {
  /** Container instances per cluster: 5,000 (not adjustable). */
  readonly containerInstancesPerCluster: number;
  /** Services per cluster: 5,000 (adjustable). */
  readonly servicesPerCluster: number;
  /** Tasks per service, its desired count: 5,000 (adjustable). */
  readonly tasksPerService: number;
  /** Capacity providers per cluster: 20 (not adjustable). */
  readonly capacityProvidersPerCluster: number;
}

export const DEFAULT_SERVICE_QUOTAS: ServiceQuotas = Object.freeze({
  containerInstancesPerCluster: 5000,
  servicesPerCluster: 5000,
  tasksPerService: 5000,
  capacityProvidersPerCluster: 20,
});

/** The quotas in force: the defaults, with the scenario's `ecs.serviceQuotas` over them. */
export function serviceQuotas(overrides: { readonly [K in keyof ServiceQuotas]?: number | undefined } | undefined): ServiceQuotas {
  return { ...DEFAULT_SERVICE_QUOTAS, ...Object.fromEntries(Object.entries(overrides ?? {}).filter(([, v]) => v !== undefined)) };
}

/** The tail every quota message ends with: how to raise it in a scenario. */
export function raiseHint(quota: keyof ServiceQuotas, value: number): string {
  return `(service quota: ${quota} ${value}, ecs-facts S-131; raise it with ecs.serviceQuotas.${quota} for a what-if)`;
}
