import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/issues/index.js';
import { entryName, loadScenarioVariant, mergeValues } from '../../src/scenario/variants.js';
import { cli, tempDir } from '../support.js';

const BASE = `name: base
seed: 5
until: 20m
ecs:
  instances:
    - name: m5
      count: 2
      instanceType: m5.large
      availabilityZones: [us-east-1a, us-east-1b]
    - name: t3
      count: 2
      instanceType: t3.medium
      availabilityZones: [us-east-1a, us-east-1b]
  taskDefinitions:
    - definition:
        family: worker
        containerDefinitions:
          - { name: worker, image: jobs/worker:3, cpu: 256, memoryReservation: 1024 }
timeline:
  - at: 1m
    createService: { serviceName: web, taskDefinition: worker, desiredCount: 2 }
  - at: 2m
    createService: { serviceName: api, taskDefinition: worker, desiredCount: 1 }
`;

function files(entries: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(entries)) writeFileSync(join(dir, name), text);
  return dir;
}

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('merge rules', () => {
  it('mappings merge key by key, deeply; null removes a key; scalars and unnamed lists are replaced', () => {
    const merged = mergeValues({ a: 1, b: { c: 2, d: 3 }, e: [1, 2, 3], f: 'x' }, { b: { d: 4, g: 5 }, e: [9], f: null });
    expect(merged).toEqual({ a: 1, b: { c: 2, d: 4, g: 5 }, e: [9] });
  });

  it('lists of named entries merge by name: a matching entry merges, a new one is appended, order kept', () => {
    const merged = mergeValues(
      [
        { name: 'm5', count: 2, instanceType: 'm5.large' },
        { name: 't3', count: 2 },
      ],
      [{ name: 't3', count: 0 }, { name: 'c5', count: 1 }],
    );
    expect(merged).toEqual([
      { name: 'm5', count: 2, instanceType: 'm5.large' },
      { name: 't3', count: 0 },
      { name: 'c5', count: 1 },
    ]);
  });

  it('a list is replaced when any overriding entry has no name', () => {
    expect(mergeValues([{ name: 'a', x: 1 }], [{ name: 'a', x: 2 }, { x: 3 }])).toEqual([{ name: 'a', x: 2 }, { x: 3 }]);
  });

  it('entries go by name, Name, serviceName, family, definition.family or createService.serviceName', () => {
    expect(entryName({ name: 'm5' })).toBe('name=m5');
    expect(entryName({ Name: 'tg' })).toBe('Name=tg');
    expect(entryName({ serviceName: 'web' })).toBe('serviceName=web');
    expect(entryName({ definition: { family: 'worker' } })).toBe('family=worker');
    expect(entryName({ at: '1m', createService: { serviceName: 'web' } })).toBe('createService=web');
    expect(entryName({ at: '1m', updateService: { service: 'web' } })).toBeUndefined();
    expect(entryName(3)).toBeUndefined();
  });
});

describe('extends:', () => {
  it('a five-line variant overrides what it names and keeps the rest of its base', () => {
    const dir = files({
      'base.yaml': BASE,
      'bigger.yaml': 'extends: base.yaml\nname: bigger\necs:\n  instances:\n    - { name: m5, count: 9 }\n',
    });
    const { spec } = loadScenarioVariant(join(dir, 'bigger.yaml'));
    expect(spec.name).toBe('bigger');
    expect(spec.seed).toBe(5);
    expect(spec.ecs?.instances?.map((g) => [g.name, g.count, g.instanceType])).toEqual([
      ['m5', 9, 'm5.large'],
      ['t3', 2, 't3.medium'],
    ]);
  });

  it('a service merges by serviceName and a task definition by family', () => {
    const dir = files({
      'base.yaml': BASE,
      'v.yaml': [
        'extends: base.yaml',
        'ecs:',
        '  taskDefinitions:',
        '    - definition: { family: worker, containerDefinitions: [{ name: worker, image: jobs/worker:4, cpu: 512, memoryReservation: 1024 }] }',
        'timeline:',
        '  - createService: { serviceName: api, desiredCount: 5 }',
      ].join('\n'),
    });
    const { spec } = loadScenarioVariant(join(dir, 'v.yaml'));
    const creates = (spec.timeline ?? []).map((e) => (e as { createService?: { serviceName: string; desiredCount?: number } }).createService);
    expect(creates.map((c) => [c?.serviceName, c?.desiredCount])).toEqual([
      ['web', 2],
      ['api', 5],
    ]);
    const def = spec.ecs?.taskDefinitions?.[0] as { definition: { containerDefinitions: { image: string }[] } };
    expect(def.definition.containerDefinitions[0]?.image).toBe('jobs/worker:4');
  });

  it('extends chains: a variant of a variant', () => {
    const dir = files({ 'base.yaml': BASE, 'a.yaml': 'extends: base.yaml\nseed: 6\n', 'b.yaml': 'extends: a.yaml\nuntil: 30m\n' });
    const { spec } = loadScenarioVariant(join(dir, 'b.yaml'));
    expect([spec.seed, spec.name]).toEqual([6, 'base']);
  });

  it('an error in a value the base gave points into the base file; one the variant gave into the variant', () => {
    const dir = files({
      'base.yaml': BASE.replace('count: 2\n      instanceType: t3.medium', 'count: -2\n      instanceType: t3.medium'),
      'v.yaml': 'extends: base.yaml\necs:\n  instances:\n    - { name: m5, count: 99999 }\n',
    });
    expect(issuesOf(() => loadScenarioVariant(join(dir, 'v.yaml')))).toEqual([
      `✖ ${join(dir, 'base.yaml')}:11:14  ecs.instances[1].count: expected an integer from 0 to 5000, got -2`,
      `✖ ${join(dir, 'v.yaml')}:4:26  ecs.instances[0].count: expected an integer from 0 to 5000, got 99999`,
    ]);
  });

  it('a cycle is an error showing the chain, at the extends that closes it', () => {
    const dir = files({ 'a.yaml': 'extends: b.yaml\n', 'b.yaml': 'extends: a.yaml\n' });
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    expect(issuesOf(() => loadScenarioVariant(a))).toEqual([`✖ ${b}:1:10  extends: extends makes a cycle: ${a} → ${b} → ${a}`]);
  });

  it('a missing base is an error at the extends, with the chain', () => {
    const dir = files({ 'base.yaml': 'extends: gone.yaml\n', 'v.yaml': 'extends: base.yaml\n' });
    expect(issuesOf(() => loadScenarioVariant(join(dir, 'v.yaml')))).toEqual([
      `✖ ${join(dir, 'base.yaml')}:1:10  extends: cannot read the base scenario "gone.yaml": no such file (extends chain: ${join(dir, 'v.yaml')} → ${join(dir, 'base.yaml')} → ${join(dir, 'gone.yaml')})`,
    ]);
  });

  it('extends must name a file', () => {
    const dir = files({ 'v.yaml': 'extends: [a, b]\n' });
    expect(issuesOf(() => loadScenarioVariant(join(dir, 'v.yaml')))[0]).toMatch(/v\.yaml:1:10 {2}extends: expected the path of a base scenario file/);
  });

  it('ecs-sim validate and run follow extends', async () => {
    const dir = files({ 'base.yaml': BASE, 'v.yaml': 'extends: base.yaml\nname: the variant\n' });
    const validated = await cli('validate', join(dir, 'v.yaml'));
    expect(validated.out).toContain('valid (the variant)');
    expect(validated.code).toBe(0);
    const ran = await cli('run', join(dir, 'v.yaml'), '--json');
    expect((JSON.parse(ran.out) as { scenario: string }).scenario).toBe('the variant');
  });
});
