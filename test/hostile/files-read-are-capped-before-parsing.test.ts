import { describe, expect, it } from 'vitest';
import { cli } from '../support.js';
import { refused, SMALL, write } from './support.js';

/** Issue 19: no file read can fill memory or take minutes to parse. */
describe('file size limits', () => {
  it('refuses a 22 MB scenario before parsing it', async () => {
    const file = write('huge.yaml', `${SMALL}x: "${'a'.repeat(22 * 1024 * 1024)}"\n`);
    const started = Date.now();
    await refused(file, /cannot read the scenario: 23068\d+ bytes, more than the 8 MiB a file may have/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a YAML document over 2 MiB without parsing it', async () => {
    await refused(write('big.yaml', `${SMALL}x: "${'a'.repeat(3 * 1024 * 1024)}"\n`), /a YAML document may have at most 2097152 characters \(2 MiB\); this one has 3145\d+/);
  });

  it('refuses a trace file that is /dev/zero, reading at most 8 MiB of it', async () => {
    const file = write(
      'zero-trace.yaml',
      `name: z\nuntil: 1m\nelb:\n  targetGroups: [{ Name: web, Protocol: HTTP, Port: 80, TargetType: ip }]\n  loadBalancers:\n    - Name: shop\n      AvailabilityZones: [us-east-1a, us-east-1b]\n      Listeners: [{ Port: 80, Protocol: HTTP, DefaultActions: [{ Type: forward, TargetGroupArn: web }] }]\nworkloads:\n  - name: w\n    target: shop\n    arrivals: { trace: { file: /dev/zero, format: timestamps } }\n`,
    );
    const err = await refused(file, /cannot read the trace: more than that, more than the 8 MiB a file may have/);
    expect(err).toMatch(/workloads\[0\]\.arrivals\.trace\.file/);
  });

  it('prints at most 50 problems, then how many more', async () => {
    const stations = Array.from({ length: 3_000 }, (_, i) => `  - { name: s${i}, servers: -1, interarrival: 1s, service: 1s }`).join('\n');
    const { code, err } = await cli('validate', write('many.yaml', `name: m\nuntil: 1m\nqueueing:\n${stations}\n`));
    expect(code).toBe(2);
    const lines = err.trim().split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[49]).toMatch(/queueing\[49\]\.servers: expected an integer from 1 to 100000, got -1/);
    // A large document is checked until 1,000 problems are found (issue 19: bounded memory).
    expect(lines[50]).toBe('… and at least 950 more problems; checking stopped after the first 1000');
  });

  it('below the cap, the count is exact', async () => {
    const stations = Array.from({ length: 600 }, (_, i) => `  - { name: s${i}, servers: -1, interarrival: 1s, service: 1s }`).join('\n');
    const { code, err } = await cli('validate', write('some.yaml', `name: m\nuntil: 1m\nqueueing:\n${stations}\n`));
    expect(code).toBe(2);
    expect(err.trim().split('\n')[50]).toBe('… and 550 more problems (600 in all)');
  });
});
