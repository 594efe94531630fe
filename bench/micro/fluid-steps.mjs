// Fluid step micro bench: what one fluid step costs, outside the rest of the model.
//
// The production day's fluid traffic alone: 100 services (4 workers, 40 ms exponential
// service, diurnal 800 req/s with the peak hour staggered, 20 tasks), one step a minute for
// a day, periods of a minute kept (as the time series keeps them). One warm-up day, then
// five timed days; prints the CPU time per step (µs) and a checksum of every period's p99,
// which must not move when the code gets faster (compare with a baseline build's dist).
//
// Run alone:  npm run build && node bench/micro/fluid-steps.mjs [path/to/dist]
import { fileURLToPath } from 'node:url';

const dist = process.argv[2] ?? fileURLToPath(new URL('../../dist', import.meta.url));
const { Simulation } = await import(`${dist}/engine/simulation.js`);
const { FluidService } = await import(`${dist}/traffic/fluid.js`);

const DAY = 86_400_000;
const SERVICES = 100;
const STEPS = 1440;

function day() {
  const sim = new Simulation({ seed: 1 });
  const services = [];
  for (let s = 0; s < SERVICES; s += 1) {
    const f = new FluidService(sim, {
      name: `svc-${s}`,
      arrivals: { diurnal: { mean: 800, amplitude: 0.6, period: DAY, phase: (s % 24) * 3_600_000 } },
      routes: [{ name: 'default', path: '/' }],
      server: { workers: 4, serviceTime: { exponential: { mean: 40 } } },
      tasks: 20,
      stepMs: 60_000,
      keepSteps: false,
    });
    f.keepPeriods(60_000);
    f.start();
    services.push(f);
  }
  sim.run({ until: DAY });
  let checksum = 0;
  for (const f of services) for (const p of f.periodSeries(DAY).p99Ms) checksum += p ?? 0;
  return checksum;
}

day();
const start = process.cpuUsage();
let checksum = 0;
for (let i = 0; i < 5; i += 1) checksum = day();
const used = process.cpuUsage(start);
console.log(JSON.stringify({ dist, checksum, cpuMicrosPerStep: (used.user + used.system) / 5 / (SERVICES * STEPS) }));
