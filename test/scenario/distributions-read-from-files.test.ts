import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';

function station(interarrival: string) {
  const s = parseScenario(`name: x\nuntil: 1h\nqueueing:\n  - { name: a, servers: 1, interarrival: ${interarrival}, service: "1s" }\n`, 'x.yaml');
  return s.spec.queueing?.[0]?.interarrival;
}

describe('distributions in scenario files', () => {
  it('read a plain duration as a constant', () => {
    expect(station('"250ms"')).toEqual({ constant: 250 });
  });
  it('read a rate as the mean time between events', () => {
    expect(station('{ exponential: { rate: "2.4/s" } }')).toEqual({ exponential: { mean: 1000 / 2.4 } });
    expect(station('{ exponential: { rate: "150/m" } }')).toEqual({ exponential: { mean: 400 } });
  });
  it('allow fractional milliseconds in parameters', () => {
    expect(station('{ exponential: { mean: "416.5ms" } }')).toEqual({ exponential: { mean: 416.5 } });
  });
  it('read lognormal by median and p99 or by mu and sigma', () => {
    expect(station('{ lognormal: { median: "25s", p99: "70s" } }')).toEqual({ lognormal: { median: 25_000, p99: 70_000 } });
    expect(station('{ lognormal: { mu: 7, sigma: 0.5 } }')).toEqual({ lognormal: { mu: 7, sigma: 0.5 } });
  });
  it('read uniform, normal and empirical with durations', () => {
    expect(station('{ uniform: { min: "1s", max: "3s" } }')).toEqual({ uniform: { min: 1000, max: 3000 } });
    expect(station('{ normal: { mean: "2s", stddev: "200ms" } }')).toEqual({ normal: { mean: 2000, stddev: 200 } });
    expect(station('{ empirical: { samples: ["1s", "2s", "4s"] } }')).toEqual({ empirical: { samples: [1000, 2000, 4000] } });
  });
});
