import { z } from 'zod';
import { parseScenario, simulate } from '../../src/index.js';
import type { RegisterPlugins } from '../../src/public/plugins.js';

// A placement strategy of your own: the cheapest instance first, by a custom attribute.
const cheapestFirst: RegisterPlugins = (registry) =>
  registry.registerStrategy('cheapestFirst', {
    args: z.string({ error: 'cheapestFirst takes the price attribute as its field' }),
    create: (attribute) => ({
      name: `cheapestFirst(${attribute})`,
      // Lower ranks win; ties go to the next strategy, then to the seeded stream.
      rank: (_ctx, _task, candidates) => candidates.map((c) => Number(c.instance.attributes[attribute] ?? 1e9)),
    }),
  });

const scenario = parseScenario(
  `
name: cheapest first
until: 10m
ecs:
  instances:
    - { name: spot, count: 2, instanceType: m5.large, availabilityZones: [us-east-1a], attributes: { price: "0.035" } }
    - { name: ondemand, count: 2, instanceType: m5.large, availabilityZones: [us-east-1a], attributes: { price: "0.096" } }
  taskDefinitions:
    - definition: { family: job, containerDefinitions: [{ name: job, image: job:1, cpu: 1024, memory: 2048 }] }
timeline:
  - at: 2m
    runTask: { taskDefinition: job, count: 6, label: jobs, placementStrategy: [{ type: cheapestFirst, field: price }, { type: binpack, field: memory }] }
`,
  'cheapest-first.yaml',
);
const result = await simulate(scenario, { plugins: [cheapestFirst] });
console.log((result.ecs?.tasksByLabel['jobs'] ?? []).map((t) => t.instanceRef).join(' '));
