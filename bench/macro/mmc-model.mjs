// A minimal M/M/c queue on the engine's callback tier, standing in for the library's
// model, kept as a reference for the library's. `runMmcOnStation` below adapts the
// library's queueing station (createStation, src/queueing/station.ts) to the same
// contract, so either can be picked by the one import line in ./mmc.mjs. Poisson arrivals, c identical servers,
// exponential service, one FIFO queue. Times are integer ms: every draw goes through
// makeDistribution(...).sampleMs, which rounds to the nearest ms.
//
// The contract the bench relies on (the library's runMmc should offer the same, or get a
// one-line adapter in ./mmc.mjs):
//   runMmc({ seed, servers, arrivalMeanMs, serviceMeanMs, warmupMs, horizonMs })
//     -> { served, meanWaitMs, events }
// where a customer counts if it arrives at or after warmupMs; meanWaitMs is the mean
// time from arrival to start of service over counted customers who started service by
// horizonMs; served is how many counted customers finished service by horizonMs; and
// events is the number of timed model events that fired (arrivals + service ends).
import { createStation } from '../../dist/queueing/index.js';
import { makeDistribution, Simulation } from '../../dist/engine/index.js';

export function runMmc({ seed, servers, arrivalMeanMs, serviceMeanMs, warmupMs, horizonMs }) {
  const sim = new Simulation({ seed });
  const arrivalRng = sim.rng('arrivals');
  const serviceRng = sim.rng('service');
  const interarrival = makeDistribution({ exponential: { mean: arrivalMeanMs } });
  const service = makeDistribution({ exponential: { mean: serviceMeanMs } });

  // FIFO of waiting customers' arrival times: a growable ring buffer.
  let ring = new Float64Array(1024);
  let head = 0;
  let length = 0;
  let busy = 0;
  let waits = 0;
  let waitSumMs = 0;
  let served = 0;

  const startService = (arrivedAt) => {
    if (arrivedAt >= warmupMs) {
      waits += 1;
      waitSumMs += sim.now - arrivedAt;
    }
    sim.schedule(service.sampleMs(serviceRng), finish, arrivedAt);
  };
  const finish = (arrivedAt) => {
    if (arrivedAt >= warmupMs) served += 1;
    if (length > 0) {
      const next = ring[head];
      head = (head + 1) & (ring.length - 1);
      length -= 1;
      startService(next);
    } else {
      busy -= 1;
    }
  };
  const arrive = () => {
    sim.schedule(interarrival.sampleMs(arrivalRng), arrive);
    if (busy < servers) {
      busy += 1;
      startService(sim.now);
      return;
    }
    if (length === ring.length) {
      const bigger = new Float64Array(ring.length * 2);
      for (let i = 0; i < length; i += 1) bigger[i] = ring[(head + i) & (ring.length - 1)];
      ring = bigger;
      head = 0;
    }
    ring[(head + length) & (ring.length - 1)] = sim.now;
    length += 1;
  };

  sim.schedule(interarrival.sampleMs(arrivalRng), arrive);
  sim.run({ until: horizonMs });
  return { served, meanWaitMs: waitSumMs / waits, events: sim.eventsProcessed };
}

/**
 * The same contract on the library's G/G/c station. Its `counted` (customers arrived after
 * the warm-up who started service) stands in for `served`; the station schedules only
 * arrivals and departures, so eventsProcessed counts the same model events.
 */
export function runMmcOnStation({ seed, servers, arrivalMeanMs, serviceMeanMs, warmupMs, horizonMs }) {
  const sim = new Simulation({ seed });
  const station = createStation(sim, {
    name: 'mmc',
    servers,
    interarrival: { exponential: { mean: arrivalMeanMs } },
    service: { exponential: { mean: serviceMeanMs } },
    warmupMs,
  });
  sim.run({ until: horizonMs });
  const result = station.result();
  return { served: result.counted, meanWaitMs: result.meanWaitMs, events: sim.eventsProcessed };
}
