import { Simulation, createStation, mmcMeanWait } from '../../src/public/engine.js';

// An M/M/2 queue on the engine: arrivals every 600 ms on average, 1 s service.
const sim = new Simulation({ seed: 1 });
const desk = createStation(sim, {
  name: 'desk',
  servers: 2,
  interarrival: { exponential: { mean: 600 } },
  service: { exponential: { mean: 1000 } },
  warmupMs: 60_000,
});
sim.run({ until: 7 * 86_400_000 }); // a simulated week

const r = desk.result();
const theory = mmcMeanWait(2, 600, 1000);
console.log(`served ${r.served}, mean wait ${r.meanWaitMs.toFixed(0)} ms (Erlang C ${theory.toFixed(0)} ms)`);
