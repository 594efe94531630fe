// Erlang C: the exact steady-state mean wait in queue of an M/M/c system.

/**
 * Probability that an arriving customer waits, C(c, a), for c servers and offered load
 * a = lambda / mu (requires a < c). Uses the Erlang B recursion, which stays stable for
 * large c, then C = c B / (c - a (1 - B)).
 */
export function erlangC(servers, offeredLoad) {
  if (!(offeredLoad < servers)) throw new RangeError(`unstable queue: offered load ${offeredLoad} >= ${servers} servers`);
  let b = 1;
  for (let k = 1; k <= servers; k += 1) b = (offeredLoad * b) / (k + offeredLoad * b);
  return (servers * b) / (servers - offeredLoad * (1 - b));
}

/** Mean wait in queue, Wq = C(c, a) / (c mu - lambda), in the time unit of the means. */
export function erlangCMeanWait(servers, arrivalMean, serviceMean) {
  const lambda = 1 / arrivalMean;
  const mu = 1 / serviceMean;
  return erlangC(servers, lambda / mu) / (servers * mu - lambda);
}
