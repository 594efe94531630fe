import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importScenario } from '../../src/scenario/import/index.js';
import { ROOT } from '../support.js';

/**
 * The bundled imported scenarios (run with their golden hashes by test/scenarios) are what
 * `ecs-sim import` writes today from the fixtures, so they cannot drift from the importer.
 * Regenerate with `ecs-sim import <input> --out scenarios/<file>` from the repository root.
 */
describe('the bundled imported scenarios', () => {
  it.each([
    ['30-imported-from-cli-outputs.yaml', 'test/fixtures/import/cli'],
    ['31-imported-from-cdk-template.yaml', 'test/fixtures/import/cdk.out/ShopStack.template.json'],
    ['36-imported-ec2-cluster.yaml', 'test/fixtures/import/cli-ec2'],
  ])('%s is what ecs-sim import %s writes', (file, input) => {
    const { yaml } = importScenario(join(ROOT, input), { source: input });
    expect(readFileSync(join(ROOT, 'scenarios', file), 'utf8')).toBe(yaml);
  });

  it('36 starts the standalone task that was running again on the instance it ran on, the moment that instance registers', async () => {
    const { simulate } = await import('../../src/index.js');
    const r = await simulate(join(ROOT, 'scenarios', '36-imported-ec2-cluster.yaml'));
    // tasks.json: report-job ran on container instance 53ac7152…, the group's us-east-1a instance.
    const [job] = r.ecs?.tasksByLabel['report-job'] ?? [];
    const instance = r.ecs?.containerInstances.find((i) => i.ref === job?.instanceRef);
    expect([job?.instanceRef, job?.availabilityZone, job?.lastStatus, job?.createdAt === instance?.registeredAt]).toEqual(['orders-asg/0', 'us-east-1a', 'RUNNING', true]);
  });
});
