import { describe, expect, it } from 'vitest';
import { satisfies, regexHazard, MAX_MATCH_SUBJECT } from '../../src/scenario/expectations.js';
import { cli, tempDir } from '../support.js';
import { bundled, refused, SMALL, write } from './support.js';

/** Issue 19: every reference checked, patterns that cannot hang, flags and outputs checked before the run. */
describe('references', () => {
  it("refuses a service's loadBalancers naming a target group that does not exist", async () => {
    const file = write('tg.yaml', bundled('09-alb-web-service.yaml').replace('targetGroupArn: web, containerName', 'targetGroupArn: wbe, containerName'));
    await refused(file, /timeline\[0\]\.createService\.loadBalancers\[0\]\.targetGroupArn: no target group "wbe" in the elb section; did you mean "web"\?/);
  });

  it('refuses loseAvailabilityZone of an AZ the cluster does not have', async () => {
    const file = write('az.yaml', `${bundled('08-az-rebalancing.yaml')}`.replace(/loseAvailabilityZone: (\S+)/, 'loseAvailabilityZone: eu-west-9z'));
    await refused(file, /loseAvailabilityZone: the cluster has no instances or Fargate in Availability Zone "eu-west-9z"/);
  });

  it('refuses timeline actions and workloads after until, with the time', async () => {
    const text = bundled('09-alb-web-service.yaml').replace('  - at: 10m\n', '  - at: 20m\n').replace('start: 30s', 'start: 16m');
    const err = await refused(write('late.yaml', text), /timeline\[1\]\.at: this action is at 20m, after the run ends \(until: 15m\)/);
    expect(err).toMatch(/workloads\[0\]\.start: this workload starts at 16m, after the run ends \(until: 15m\)/);
  });
});

describe('expectation patterns', () => {
  it('refuses a catastrophic pattern before the run, at its field', async () => {
    const file = write('regex.yaml', `${SMALL}expectations:\n  - that: scenario\n    matches: "^(a+)+$"\n`);
    await refused(file, /expectations\[0\]\.matches: the repeated group "\(a\+\)\+" holds a quantifier or an alternation/, '7:14');
  });

  it('tells nested repetition from safe patterns', () => {
    for (const bad of ['(a|aa)*', '(a*)*b', '([a-z]+\\.)+com', '^(\\w+\\s?)*$', '(?:a?)+', '((ab)+c)*']) expect(regexHazard(bad), bad).toBeDefined();
    for (const ok of ['^mi-[0-9a-f]{17}$', '(GET|POST)', '(ab)+', '^\\(service web\\) rolling back to deployment ecs-svc/\\d{19}\\.$', '[(a+)+]', '\\(a+\\)+']) expect(regexHazard(ok), ok).toBeUndefined();
  });

  it('does not try a pattern on a subject longer than the bound', () => {
    const e = { that: 'x', matches: 'a' };
    expect(satisfies(e, 'a'.repeat(MAX_MATCH_SUBJECT))).toBe(true);
    expect(satisfies(e, 'a'.repeat(MAX_MATCH_SUBJECT + 1))).toBe(false);
  });
});

describe('flags and outputs', () => {
  const small = (): string => write('small.yaml', SMALL);

  it('--seed abc exits 2 with our own message', async () => {
    const { code, err } = await cli('run', small(), '--seed', 'abc');
    expect(code).toBe(2);
    expect(err).toMatch(/^ecs-sim: --seed expects an integer from -9007199254740991 to 9007199254740991, got "abc"/);
  });

  it("parseArgs's own texts are replaced: a missing value, an unknown option with a did-you-mean", async () => {
    expect((await cli('run', small(), '--seed')).err).toMatch(/^ecs-sim: --seed needs a value\n/);
    expect((await cli('run', small(), '--seedd', '4')).err).toMatch(/^ecs-sim: unknown option "--seedd"; did you mean "--seed"\?/);
  });

  it('refuses unwritable outputs before the run starts', async () => {
    const file = small();
    const noDir = await cli('run', file, '--trace', '/no/such/dir/x.jsonl');
    expect(noDir.code).toBe(2);
    expect(noDir.err).toMatch(/--trace \/no\/such\/dir\/x\.jsonl: cannot write: no such directory \/no\/such\/dir/);
    expect(noDir.out).toBe('');
    const dir = tempDir();
    expect((await cli('run', file, '--events', dir)).err).toMatch(/--events .*: cannot write: is a directory/);
    expect((await cli('run', file, '--trace', file)).err).toMatch(/that is the scenario file; it would be overwritten/);
    const same = `${dir}/x.jsonl`;
    expect((await cli('run', file, '--trace', same, '--events', same)).err).toMatch(/--events .*: the same file as --trace/);
  });
});
