import { describe, expect, it } from 'vitest';
import { refusal } from '../ecs/model/support.js';

// A fluid workload steps against a service's RUNNING tasks with its container's server
// model; a name that matches no service, or a service that serves nothing, is refused
// before the run at its line.
const head = (server: string): string => `name: fluid typos
until: 1h
ecs:
  instances:
    - { name: pool, count: 1, instanceType: c5.large, availabilityZones: [us-east-1a] }
  taskDefinitions:
    - definition:
        family: api
        containerDefinitions:
          - { name: api, image: "shop/api:5", memory: 512, portMappings: [{ containerPort: 8080 }] }
${server}
timeline:
  - at: 1m
    createService: { serviceName: api, taskDefinition: api, desiredCount: 1 }
workloads:
`;
const serving = '      behaviour: { containers: { api: { server: { workers: 2, serviceTime: 20ms } } } }';

describe('a fluid workload', () => {
  it('names a service the timeline creates, with a did-you-mean', () => {
    expect(refusal(`${head(serving)}  - { name: users, arrivals: { constant: 10/s }, fluid: { service: apii } }\n`)).toMatch(/workloads\[0\]\.fluid\.service: no createService named "apii" in the timeline; did you mean "api"\?/);
  });

  it('needs the service to have a container that serves requests', () => {
    expect(refusal(`${head('')}  - { name: users, arrivals: { constant: 10/s }, fluid: { service: api } }\n`)).toMatch(/service "api" runs api, whose containers have no server behaviour/);
  });

  it('needs a rate, not a trace of timestamps', () => {
    expect(refusal(`${head(serving)}  - { name: users, arrivals: { timestamps: [1s, 2s] }, fluid: { service: api } }\n`)).toMatch(/the fluid mode needs a rate/);
  });
});
