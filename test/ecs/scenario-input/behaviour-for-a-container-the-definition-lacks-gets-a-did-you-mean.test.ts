import { describe, expect, it } from 'vitest';
import { refusal } from '../model/support.js';

// STYLE.md §7: a name that matches nothing gets the closest real one.
describe('a behaviour entry naming a container the task definition lacks', () => {
  it('is refused with a did-you-mean for the closest container name', () => {
    expect(
      refusal(`name: behaviour typo
until: 5m
ecs:
  instances:
    - { name: pool, count: 1, instanceType: c5.large, availabilityZones: [us-east-1a] }
  taskDefinitions:
    - definition:
        family: worker
        containerDefinitions:
          - { name: app, image: "worker:7", memory: 512 }
          - { name: log-router, image: "fluent-bit:2", memory: 128, essential: false }
      behaviour:
        containers:
          log-ruoter: { shutdown: "1s" }
`),
    ).toMatchInlineSnapshot(`"✖ <dir>/scenario.yaml:14:11  ecs.taskDefinitions[0].behaviour.containers["log-ruoter"]: no container "log-ruoter" in worker; did you mean "log-router"?"`);
  });

  it('lists the containers when no name is close', () => {
    expect(
      refusal(`name: behaviour typo
until: 5m
ecs:
  instances:
    - { name: pool, count: 1, instanceType: c5.large, availabilityZones: [us-east-1a] }
  taskDefinitions:
    - definition:
        family: worker
        containerDefinitions:
          - { name: app, image: "worker:7", memory: 512 }
      behaviour:
        containers:
          database: { shutdown: "1s" }
`),
    ).toMatchInlineSnapshot(`"✖ <dir>/scenario.yaml:13:11  ecs.taskDefinitions[0].behaviour.containers.database: no container "database" in worker; it has app"`);
  });
});
