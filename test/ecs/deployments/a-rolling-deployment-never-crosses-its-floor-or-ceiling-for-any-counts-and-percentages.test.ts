import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rollingConfig, runWatched } from './support.js';

// ecs-facts S-067: during a rolling deployment healthy tasks (S-045) stay at or above the
// floor ceil(desired × minimumHealthyPercent / 100), and tasks meant to run stay at or
// below the ceiling floor(desired × maximumPercent / 100). S-069: when the bounds allow
// neither a start nor a stop the deployment sticks — it never crosses a bound to move on.
describe('a rolling deployment for random desired counts and percentages (S-067, S-069)', () => {
  it('never drops below the floor of healthy tasks nor runs more than the ceiling, and completes whenever the bounds let it move', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 100, max: 200 }),
        (desired, minimumHealthyPercent, maximumPercent) => {
          const floor = Math.ceil((desired * minimumHealthyPercent) / 100);
          const ceiling = Math.floor((desired * maximumPercent) / 100);
          const { r, minHealthy, maxLive } = runWatched(rollingConfig(desired, minimumHealthyPercent, maximumPercent));
          expect(minHealthy).toBeGreaterThanOrEqual(floor);
          expect(maxLive).toBeLessThanOrEqual(ceiling);
          // It can move when it may start one task beyond the desired count or stop one below it.
          const canMove = ceiling > desired || floor < desired;
          const primary = r.services['web']?.deployments.find((d) => d.status === 'PRIMARY');
          expect(primary?.rolloutState).toBe(canMove ? 'COMPLETED' : 'IN_PROGRESS');
          if (canMove) expect(primary?.runningCount).toBe(desired);
        },
      ),
      { numRuns: 40, seed: 20261124 },
    );
  });
});
