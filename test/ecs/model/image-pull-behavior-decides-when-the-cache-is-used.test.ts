import { describe, expect, it } from 'vitest';
import type { InstanceGroup, TimelineAction } from '../../../src/ecs/config.js';
import { buildModel, ec2Definition, ecsConfig, instances, runTaskAt, runYaml } from './support.js';

// ecs-facts T-086 (ECS_IMAGE_PULL_BEHAVIOR), T-087 (EC2 caches pulled images), T-098 (the
// CannotPullContainerError text), T-102 (TaskFailedToStart).
// The image is 1000 MB at 100 MB/s after a 1 s overhead: a full pull takes 11 s, and a
// pull with the layers cached (a manifest check) takes the 1 s overhead.
const FULL_PULL_MS = 11_000;
const MANIFEST_ONLY_MS = 1_000;
const CANNOT_PULL = 'CannotPullContainerError: API error (500): Get https://registry-1.docker.io/v2/: net/http: request canceled while waiting for connection';

function twoTasks(imagePullBehavior: InstanceGroup['imagePullBehavior'], registryDownForSecond: boolean) {
  const timeline: TimelineAction[] = [runTaskAt(60_000, 'api', 'first'), runTaskAt(120_000, 'api', 'second')];
  // From 100 s to 200 s every pull fails; the first pull ended at 71.1 s.
  if (registryDownForSecond) timeline.push({ kind: 'failImagePulls', atMs: 100_000, forMs: 100_000 });
  const m = buildModel(ecsConfig({ instanceGroups: [instances({ imagePullBehavior })], definitions: [ec2Definition('api', { image: 'api:1' })], timeline }));
  const result = m.run(300_000);
  const pullMs = (label: string) => {
    const t = m.task(label);
    return t.pullStoppedAt === undefined || t.pullStartedAt === undefined ? undefined : t.pullStoppedAt - t.pullStartedAt;
  };
  return { m, result, pullMs };
}

describe('ECS_IMAGE_PULL_BEHAVIOR (T-086)', () => {
  it.each(['default', 'always', 'once', 'prefer-cached'] as const)('%s: the first task on an instance pulls the whole image', (behaviour) => {
    const { m, pullMs } = twoTasks(behaviour, false);
    expect(pullMs('first')).toBe(FULL_PULL_MS);
    expect(m.task('first').lastStatus).toBe('RUNNING');
  });

  it.each(['once', 'prefer-cached'] as const)('%s: skips the pull entirely when the image is cached', (behaviour) => {
    const { m, result, pullMs } = twoTasks(behaviour, false);
    expect(pullMs('second')).toBe(0);
    expect(m.task('second').lastStatus).toBe('RUNNING');
    expect(result.images.cacheHits).toBe(1);
  });

  it.each(['once', 'prefer-cached'] as const)('%s: does not contact the registry for a cached image, so a registry outage does not matter', (behaviour) => {
    const { m, pullMs } = twoTasks(behaviour, true);
    expect(pullMs('second')).toBe(0);
    expect(m.task('second').lastStatus).toBe('RUNNING');
  });

  it('default: re-checks the manifest with the layers cached (a short pull)', () => {
    const { m, pullMs } = twoTasks('default', false);
    expect(pullMs('second')).toBe(MANIFEST_ONLY_MS);
    expect(m.task('second').lastStatus).toBe('RUNNING');
  });

  it('default: falls back to the cached image when the registry fails', () => {
    const { m, pullMs } = twoTasks('default', true);
    expect(pullMs('second')).toBe(MANIFEST_ONLY_MS);
    expect(m.task('second').lastStatus).toBe('RUNNING');
    expect(m.task('second').stopCode).toBeUndefined();
  });

  it('always: fails the task when the registry fails, even though the image is cached', () => {
    const { m } = twoTasks('always', true);
    expect(m.task('second')).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart', stoppedReason: CANNOT_PULL });
    expect(m.task('second').containers.every((c) => c.exitCode === undefined)).toBe(true);
  });

  it.each(['default', 'always', 'once', 'prefer-cached'] as const)('%s: fails the task when the registry fails and nothing is cached', (behaviour) => {
    const m = buildModel(
      ecsConfig({
        instanceGroups: [instances({ imagePullBehavior: behaviour })],
        definitions: [ec2Definition('api', { image: 'api:1' })],
        timeline: [{ kind: 'failImagePulls', atMs: 50_000, forMs: 100_000 }, runTaskAt(60_000, 'api', 'first')],
      }),
    );
    m.run(300_000);
    expect(m.task('first')).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart', stoppedReason: CANNOT_PULL });
  });

  it.each([
    ['always', 'STOPPED'],
    ['default', 'RUNNING'],
  ] as const)('reads imagePullBehavior %s from a scenario file', (behaviour, second) => {
    const result = runYaml(`name: pull behaviour
until: 5m
ecs:
  instances:
    - { name: pool, count: 1, instanceType: c5.large, availabilityZones: [us-east-1a], imagePullBehavior: ${behaviour} }
  latencies: { instanceBoot: "30s", agentRegistration: "5s" }
  taskDefinitions:
    - definition:
        family: api
        containerDefinitions:
          - { name: api, image: "shop/api:5", memory: 256 }
timeline:
  - { at: 1m, runTask: { taskDefinition: api, label: first } }
  - { at: 100s, failImagePulls: { for: 2m } }
  - { at: 2m, runTask: { taskDefinition: api, label: second } }
`);
    expect(result.ecs?.tasksByLabel['first']?.[0]?.lastStatus).toBe('RUNNING');
    expect(result.ecs?.tasksByLabel['second']?.[0]?.lastStatus).toBe(second);
  });
});
