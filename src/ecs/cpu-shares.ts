/**
 * How an EC2 container instance's CPU is divided among the tasks on it (ecs-facts EF-003,
 * T-038, C-004).
 *
 * A container's `cpu` is a Docker CPU share, a relative weight that only binds under
 * contention: "Linux containers share unallocated CPU units with other containers on the
 * container instance with the same ratio as their allocated amount", and a task "could
 * float to higher CPU usage if the other container was not using it". So a task may use
 * its reservation plus the instance's unreserved CPU plus what the other tasks leave idle;
 * when the tasks together want more than the instance has, each gets CPU in proportion to
 * its shares, and a task that wants less than its proportion leaves the rest to the others.
 * That is the weighted max-min fair division (the Linux CFS scheduler's, over cgroup
 * shares), computed here by water-filling.
 *
 * A task-level `cpu` is a hard limit (a CFS quota): the caller caps such a task's demand at
 * its limit before sharing.
 */

/** Docker's minimum share: "Null, zero, and CPU values of 1 are passed to Docker as 2" (agent ≥ 1.2.0, T-038). */
export const MIN_CPU_SHARES = 2;

/**
 * The CPU each task gets (same units as `demands`), given the instance's capacity, what each
 * task would use unconstrained, and its CPU shares. Pure; the order of the tasks does not
 * change the answer.
 *
 * - Total demand within capacity: every task gets its demand (cpu-shares do not bind).
 * - Otherwise the tasks still unsatisfied share what is left in proportion to their
 *   shares; a task whose proportional part exceeds its demand gets its demand, and the
 *   surplus goes round again.
 */
export function shareInstanceCpu(capacity: number, demands: readonly number[], shares: readonly number[]): number[] {
  const n = demands.length;
  const given = demands.map((d) => (d > 0 ? d : 0));
  let total = 0;
  for (const d of given) total += d;
  if (total <= capacity) return given;
  const out = new Array<number>(n).fill(0);
  const open = new Set<number>();
  for (let i = 0; i < n; i += 1) if ((given[i] as number) > 0) open.add(i);
  let left = capacity > 0 ? capacity : 0;
  // Each round either satisfies at least one task or hands out everything left: at most n rounds.
  while (open.size > 0 && left > 0) {
    let weight = 0;
    for (const i of open) weight += Math.max(shares[i] ?? 0, MIN_CPU_SHARES);
    const perShare = left / weight;
    const satisfied: number[] = [];
    for (const i of open) if ((given[i] as number) <= perShare * Math.max(shares[i] ?? 0, MIN_CPU_SHARES)) satisfied.push(i);
    if (satisfied.length === 0) {
      for (const i of open) out[i] = perShare * Math.max(shares[i] ?? 0, MIN_CPU_SHARES);
      break;
    }
    for (const i of satisfied) {
      out[i] = given[i] as number;
      left -= given[i] as number;
      open.delete(i);
    }
  }
  return out;
}
