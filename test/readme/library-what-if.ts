import { simulate } from '../../src/index.js';

// The same service under two placement strategies, and what losing an AZ does to each.
const scenario = (strategy: { type: string; field: string }) => ({
  name: `web under ${strategy.type}`,
  seed: 7,
  until: '30m',
  ecs: {
    instances: [{ name: 'pool', count: 4, instanceType: 'm5.large', availabilityZones: ['us-east-1a', 'us-east-1b'] }],
    taskDefinitions: [{ definition: { family: 'web', containerDefinitions: [{ name: 'web', image: 'web:1', cpu: 512, memory: 1024 }] } }],
  },
  timeline: [
    { at: '1m', createService: { serviceName: 'web', taskDefinition: 'web', desiredCount: 4, placementStrategy: [strategy] } },
    { at: '15m', loseAvailabilityZone: 'us-east-1a' },
  ],
});

for (const strategy of [{ type: 'binpack', field: 'memory' }, { type: 'spread', field: 'attribute:ecs.availability-zone' }]) {
  const result = await simulate(scenario(strategy));
  const tasks = result.ecs?.tasksByLabel['web'] ?? [];
  const lost = tasks.filter((t) => t.stopCode === 'TerminationNotice' && t.startedAt !== undefined);
  console.log(`${strategy.type}: losing us-east-1a stopped ${lost.length} of 4 running tasks; ${result.ecs?.services['web']?.runningCount} running at the end`);
}
