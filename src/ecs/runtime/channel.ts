import type { Distribution } from '../../engine/distributions.js';
import type { RandomStream } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';

/**
 * A one-way message channel with a latency, FIFO like the agent's websocket: a message
 * never overtakes the one sent before it. While the channel is down, messages are lost,
 * which is all a disconnected agent is (ecs-facts T-074, T-076).
 */
export class Channel {
  up = true;
  private lastDeliveryMs = 0;
  sent = 0;
  lost = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly latency: Distribution,
    private readonly rng: RandomStream,
    readonly name: string,
  ) {}

  send(deliver: () => void): void {
    this.sent += 1;
    if (!this.up) {
      this.lost += 1;
      return;
    }
    const at = Math.max(this.sim.now + this.latency.sampleMs(this.rng), this.lastDeliveryMs);
    this.lastDeliveryMs = at;
    this.sim.at(at, () => {
      // A message in flight when the link drops is lost too.
      if (this.up) deliver();
      else this.lost += 1;
    });
  }
}
