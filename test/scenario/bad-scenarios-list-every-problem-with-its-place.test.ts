import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { InputError } from '../../src/issues/index.js';

function problems(yaml: string, file = 'scenarios/x.yaml'): string {
  try {
    parseScenario(yaml, file);
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('a bad scenario file', () => {
  it('names file, line, column, field path, what is allowed and what was given', () => {
    expect(
      problems(`name: x
until: 1h
queueing:
  - name: a
    servers: -1
    interarrival: "1s"
    service: "1s"
`),
    ).toMatchInlineSnapshot(`"✖ scenarios/x.yaml:5:14  queueing[0].servers: expected an integer from 1 to 100000, got -1"`);
  });

  it('suggests the closest key for an unknown one, and does not also call it missing', () => {
    expect(
      problems(`name: x
until: 1h
queueing:
  - name: a
    servers: 1
    interarival: "1s"
    service: "1s"
`),
    ).toMatchInlineSnapshot(`
      "✖ scenarios/x.yaml:4:5  queueing[0].interarrival: expected a duration such as "5s" or a distribution such as { exponential: { mean: "2s" } }, got nothing
      ✖ scenarios/x.yaml:6:5  queueing[0].interarival: unknown field; did you mean "interarrival"?"
    `);
  });

  it('lists allowed keys when nothing is close', () => {
    expect(problems(`name: x\nuntil: 1h\nzzz: 1\n`)).toMatchInlineSnapshot(
      `"✖ scenarios/x.yaml:3:1  zzz: unknown field; allowed: name, description, seed, until, queueing, ecs, elb, workloads, timeline, cloudwatch, autoscaling, cost, checkInvariants, expectations"`,
    );
  });

  it('reports every problem at once, in file order', () => {
    expect(
      problems(`name: x
until: 10x
queueing:
  - name: a
    servers: 1.5
    interarrival: { exponental: { mean: "1s" } }
    service: { exponential: { mean: "1s", rate: "2/s" } }
expectations:
  - that: queueing.a.served
    approximately: 3
`),
    ).toMatchInlineSnapshot(`
      "✖ scenarios/x.yaml:2:8  until: expected a duration such as "250ms", "30s", "5m", "1h30m" or "2d", got "10x"
      ✖ scenarios/x.yaml:5:14  queueing[0].servers: expected an integer, got 1.5
      ✖ scenarios/x.yaml:6:21  queueing[0].interarrival.exponental: unknown field; did you mean "exponential"?
      ✖ scenarios/x.yaml:7:29  queueing[0].service.exponential: expected exactly one of mean (a duration) or rate (such as "2.4/s")
      ✖ scenarios/x.yaml:9:5  expectations[0].within: approximately needs a tolerance, e.g. within: "5%""
    `);
  });

  it('says a required field is missing at the object that lacks it', () => {
    expect(problems(`name: x\n`)).toMatchInlineSnapshot(`"✖ scenarios/x.yaml:1:1  until: required field is missing (expected a duration such as "250ms", "30s", "5m", "1h30m" or "2d")"`);
  });

  it('rejects a bare number where a duration needs a unit', () => {
    expect(problems(`name: x\nuntil: 30\n`)).toMatchInlineSnapshot(
      `"✖ scenarios/x.yaml:2:8  until: expected a duration such as "250ms", "30s", "5m", "1h30m" or "2d", got 30"`,
    );
  });

  it('explains a value of the wrong shape for a distribution', () => {
    expect(problems(`name: x\nuntil: 1h\nqueueing:\n  - { name: a, servers: 1, interarrival: 5, service: "1s" }\n`)).toMatchInlineSnapshot(
      `"✖ scenarios/x.yaml:4:42  queueing[0].interarrival: expected a duration such as "5s" or a distribution such as { exponential: { mean: "2s" } }, got 5"`,
    );
  });

  it('catches distribution parameters outside their domain', () => {
    expect(problems(`name: x\nuntil: 1h\nqueueing:\n  - { name: a, servers: 1, interarrival: "1s", service: { uniform: { min: "2s", max: "1s" } } }\n`)).toMatchInlineSnapshot(
      `"✖ scenarios/x.yaml:4:68  queueing[0].service.uniform: uniform needs min <= max, got min 2000, max 1000"`,
    );
  });

  it('points at YAML syntax errors', () => {
    expect(problems(`name: x\nuntil: [1h\n`)).toContain('scenarios/x.yaml:3:1');
    expect(problems(`name: x\nname: y\nuntil: 1h\n`)).toMatch(/^✖ scenarios\/x\.yaml:2:1 {2}not valid YAML: Map keys must be unique/);
  });

  it('reads JSON with positions too', () => {
    expect(problems(`{\n  "name": "x",\n  "until": "1h",\n  "sed": 3\n}\n`, 'scenarios/x.json')).toMatchInlineSnapshot(
      `"✖ scenarios/x.json:4:3  sed: unknown field; did you mean "seed"?"`,
    );
  });

  it('rejects duplicate station names', () => {
    expect(problems(`name: x\nuntil: 1h\nqueueing:\n  - { name: a, servers: 1, interarrival: "1s", service: "1s" }\n  - { name: a, servers: 1, interarrival: "1s", service: "1s" }\n`)).toMatchInlineSnapshot(
      `"✖ scenarios/x.yaml:5:13  queueing[1].name: duplicate station name "a" (first used at queueing[0])"`,
    );
  });
});
