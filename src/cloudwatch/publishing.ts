import type { Simulation, Timer } from '../engine/simulation.js';

/** AWS services publish their metrics once a minute, for the minute just ended (ecs-facts C-001, C-008). */
export const PUBLISHING_PERIOD_MS = 60_000;

/**
 * Calls `publish(minuteStart)` at every minute boundary from the next one on, for the
 * minute that just ended. Shared by the services that publish to CloudWatch (ECS, ELB).
 */
export class MinutePublisher {
  private timer: Timer | undefined;

  constructor(
    private readonly sim: Simulation,
    private readonly publish: (minuteStartMs: number) => void,
  ) {}

  start(): void {
    this.timer = this.sim.at((Math.floor(this.sim.now / PUBLISHING_PERIOD_MS) + 1) * PUBLISHING_PERIOD_MS, this.tick);
  }

  stop(): void {
    this.sim.cancel(this.timer);
    this.timer = undefined;
  }

  private readonly tick = (): void => {
    this.timer = this.sim.schedule(PUBLISHING_PERIOD_MS, this.tick);
    this.publish(this.sim.now - PUBLISHING_PERIOD_MS);
  };
}
