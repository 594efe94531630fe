// The two hold-model contenders. Each `advance(n)` fires exactly n events; `state()`
// returns what must agree between them: events fired, the clock, the sum of fired
// times and the queue size.
//
// Both draw from the same generator kind with the same seed (the engine's stream 'hold'
// and a RandomStream built the same way), so they fire the same times in the same order
// and the difference in cost is what the engine adds per event.
import FastPriorityQueue from 'fastpriorityqueue';
import { RandomStream, Simulation } from '../../dist/engine/index.js';
import { MismatchError } from '../lib/common.mjs';

export const MEAN_MS = 1000;
export const SEED = 'bench-hold';

const runsFirst = (a, b) => a.t < b.t || (a.t === b.t && a.seq < b.seq);
const delay = (rng) => Math.round(rng.exponential(MEAN_MS));

/** Contender A: the engine's plain-callback tier; the callback reschedules itself. */
export function engineHold(size, seed = SEED) {
  const sim = new Simulation({ seed });
  const rng = sim.rng('hold');
  let left = 0;
  let sum = 0;
  const hold = () => {
    sum += sim.now;
    sim.schedule(delay(rng), hold);
    if (--left === 0) sim.stop();
  };
  for (let i = 0; i < size; i += 1) sim.schedule(delay(rng), hold);
  return {
    advance(n) {
      left = n;
      sim.run();
    },
    state: () => ({ fired: sim.eventsProcessed, now: sim.now, sum, pending: sim.pendingCount }),
  };
}

/** Contender B: the same steps in a plain loop over the bare queue with {t, seq} entries. */
export function bareHold(size, seed = SEED) {
  const rng = new RandomStream(seed, 'hold');
  const queue = new FastPriorityQueue(runsFirst);
  let seq = 0;
  let now = 0;
  let sum = 0;
  let fired = 0;
  for (let i = 0; i < size; i += 1) queue.add({ t: delay(rng), seq: seq++ });
  return {
    advance(n) {
      for (let i = 0; i < n; i += 1) {
        const entry = queue.poll();
        now = entry.t;
        sum += now;
        queue.add({ t: now + delay(rng), seq: seq++ });
      }
      fired += n;
    },
    state: () => ({ fired, now, sum, pending: queue.size }),
  };
}

export const CONTENDERS = { engine: engineHold, bare: bareHold };

export function assertSameState(sa, sb, when) {
  for (const key of Object.keys(sa)) {
    if (sa[key] !== sb[key]) throw new MismatchError(`hold ${when}: engine ${key}=${sa[key]} but bare ${key}=${sb[key]}`);
  }
}

/** Fires `events` one at a time on both contenders and compares every fired time. */
export function verifySameSequence(size = 1000, events = 20_000) {
  const a = engineHold(size);
  const b = bareHold(size);
  for (let i = 0; i < events; i += 1) {
    a.advance(1);
    b.advance(1);
    const ta = a.state().now;
    const tb = b.state().now;
    if (ta !== tb) throw new MismatchError(`hold: event ${i} fired at ${ta} ms on the engine but ${tb} ms on the bare queue`);
  }
  assertSameState(a.state(), b.state(), `after ${events} single steps`);
  return { size, events };
}
