// An example placement strategy plug-in for `ecs-sim --plugin examples/least-interference.js`:
// least interference. Among the instances that passed every filter it prefers the one
// running the fewest tasks of the task's own group (a service's tasks, or a family's: the
// neighbours most likely to want the same CPU, memory bandwidth and ports at the same
// moment), then the one running the fewest tasks at all. Name it in a scenario as
//   placementStrategy: [{ type: leastInterference }]
// Like every strategy, only the order of its ranks matters, and a later strategy (or the
// random tie-break) settles its ties.
import { z } from 'zod';

/** Weight of one task of the same group against any number of other tasks (fewer than this per instance). */
const SAME_GROUP = 1000;

/** One rank per candidate: tasks of the request's group count heavily, any other task lightly. */
export function interference(reservations, group) {
  let same = 0;
  let all = 0;
  for (const r of reservations.values()) {
    all += 1;
    if (r.group === group) same += 1;
  }
  return same * SAME_GROUP + all;
}

/** @type {import('ecs-sim/plugins').PluginFactory<import('ecs-sim/plugins').StrategyPlugin, undefined>} */
export const leastInterference = {
  args: z.undefined({ error: 'leastInterference takes no field' }),
  create: () => ({
    name: 'leastInterference',
    // Reads only what an instance's state covers (its tasks' groups), so twins rank alike.
    stateOnly: true,
    rank: (_ctx, request, candidates) => candidates.map((c) => interference(c.instance.reservations, request.group)),
    // Scale-in: the task on the most crowded instance stops first (negated: lower stops first).
    scaleIn: (ctx, task) => {
      const instance = ctx.instanceOf(task);
      return [instance === undefined ? 0 : -instance.reservations.size];
    },
  }),
};

/** @param {import('ecs-sim/plugins').PlacementRegistry} registry */
export function register(registry) {
  registry.registerStrategy('leastInterference', leastInterference);
}
