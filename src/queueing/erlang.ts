/**
 * Erlang C: the probability that an arrival waits in an M/M/c queue with `servers`
 * servers and offered load `a` = λ/μ (requires a < servers). Computed through the
 * Erlang B recursion, which is numerically stable for large c.
 */
export function erlangC(servers: number, a: number): number {
  if (!(Number.isInteger(servers) && servers >= 1)) throw new RangeError(`servers must be an integer >= 1, got ${servers}`);
  if (!(a >= 0 && a < servers)) throw new RangeError(`offered load must be in [0, servers), got ${a}`);
  let b = 1; // Erlang B with 0 servers
  for (let k = 1; k <= servers; k += 1) b = (a * b) / (k + a * b);
  const rho = a / servers;
  return b / (1 - rho + rho * b);
}

/** Mean waiting time in queue (Wq) of an M/M/c queue, in the unit of the means given. */
export function mmcMeanWait(servers: number, meanInterarrival: number, meanService: number): number {
  const lambda = 1 / meanInterarrival;
  const mu = 1 / meanService;
  return erlangC(servers, lambda / mu) / (servers * mu - lambda);
}
