import { describe, expect, it } from 'vitest';
import { refusal } from '../model/support.js';

// STYLE.md §7: everything the file can get wrong is found before the run starts, and
// reported at once with its place and a did-you-mean.
const head = `name: timeline typos
until: 30m
ecs:
  instances:
    - { name: pool, count: 2, instanceType: c5.large, availabilityZones: [us-east-1a] }
  taskDefinitions:
    - definition:
        family: api
        containerDefinitions:
          - { name: api, image: "shop/api:5", memory: 512 }
timeline:
`;

describe('a timeline that names things the scenario lacks', () => {
  it('is refused for an unknown task definition', () => {
    expect(refusal(`${head}  - at: 1m\n    runTask: { taskDefinition: apii, label: web }\n`)).toMatchInlineSnapshot(`"✖ <dir>/scenario.yaml:13:32  timeline[0].runTask.taskDefinition: no task definition "apii" in this scenario; did you mean "api"?"`);
  });

  it('is refused for an unknown instance group, and for an index past the group', () => {
    expect(refusal(`${head}  - at: 1m\n    terminateInstance: poool/0\n  - at: 2m\n    disconnectAgent: pool/2\n`)).toMatchInlineSnapshot(`
      "✖ <dir>/scenario.yaml:13:24  timeline[0].terminateInstance: no instance group "poool"; did you mean "pool"?
      ✖ <dir>/scenario.yaml:15:22  timeline[1].disconnectAgent: group "pool" has 2 instances (0 to 1), got 2"
    `);
  });

  it('is refused for a label no earlier runTask has', () => {
    expect(
      refusal(`${head}  - at: 1m\n    runTask: { taskDefinition: api, label: web }\n  - at: 2m\n    stopTask: { label: wbe }\n  - at: 30s\n    killTask: { label: web }\n`),
    ).toMatchInlineSnapshot(`
      "✖ <dir>/scenario.yaml:15:24  timeline[1].stopTask.label: no earlier runTask label or service "wbe"; did you mean "web"?
      ✖ <dir>/scenario.yaml:17:24  timeline[2].killTask.label: no earlier runTask label or service "web""
    `);
  });

  it('reports every problem of the timeline at once', () => {
    const message = refusal(`${head}  - at: 1m\n    runTask: { taskDefinition: apii, label: web }\n  - at: 2m\n    reconnectAgent: poool/0\n  - at: 3m\n    stopTask: { label: wbe }\n`);
    expect(message.split('\n')).toHaveLength(3);
  });
});
