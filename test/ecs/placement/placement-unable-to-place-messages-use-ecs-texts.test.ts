import { describe, expect, it } from 'vitest';
import { unableToPlaceMessage } from '../../../src/ecs/placement/place.js';
import { containerInstance, decideOn, request } from './placement-fixtures.js';

/**
 * ecs-facts S-029 to S-031: the service event when a task cannot be placed. S-030 gives
 * AWS's own example frame — "(service <name>) was unable to place a task because no
 * container instance met all of its requirements. The closest matching (container-instance
 * <id>) <what it lacks>. For more information, see the Troubleshooting section of the
 * Amazon ECS Developer Guide." — S-031 the CPU, memory and attribute variants and the
 * no-instance form; S-029 the AGENT form.
 */
function messageFor(instance: ReturnType<typeof containerInstance>, overrides: Parameters<typeof request>[0] = {}): string {
  const decision = decideOn([instance], request(overrides));
  expect(decision.status).toBe('Unplaceable');
  return unableToPlaceMessage('web', decision, 1);
}

describe("ECS's unable-to-place message", () => {
  it('insufficient CPU (S-031)', () => {
    expect(messageFor(containerInstance(1, { registered: { cpu: 128 } }))).toMatchInlineSnapshot(`"(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance c0ffee00000000000000000000000001) has insufficient CPU units available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide."`);
  });

  it('insufficient memory (S-031)', () => {
    expect(messageFor(containerInstance(2, { registered: { memory: 256 } }))).toMatchInlineSnapshot(`"(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance c0ffee00000000000000000000000002) has insufficient memory available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide."`);
  });

  it('a port already in use (S-030, AWS example)', () => {
    expect(messageFor(containerInstance(3, { tasks: [{ group: 'family:other', ports: ['tcp/80'] }] }), { needs: { staticPorts: ['tcp/80'] } })).toMatchInlineSnapshot(`"(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance c0ffee00000000000000000000000003) is already using a port required by your task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide."`);
  });

  it('a missing attribute (S-031)', () => {
    expect(messageFor(containerInstance(4), { constraints: [{ type: 'memberOf', expression: 'attribute:tier == fast' }] })).toMatchInlineSnapshot(`"(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance c0ffee00000000000000000000000004) is missing an attribute required by your task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide."`);
  });

  it('a disconnected agent (S-029)', () => {
    expect(messageFor(containerInstance(5, { agentConnected: false }))).toMatchInlineSnapshot(`"(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance c0ffee00000000000000000000000005) encountered error "AGENT". For more information, see the Troubleshooting section of the Amazon ECS Developer Guide."`);
  });

  it('no free ENI: ecs-sim wording in the same frame (no ECS text found, S-032 names the cause)', () => {
    expect(messageFor(containerInstance(6, { registered: { eni: 0 } }), { needs: { eni: 1 } })).toMatchInlineSnapshot(`"(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance c0ffee00000000000000000000000006) encountered error "RESOURCE:ENI". For more information, see the Troubleshooting section of the Amazon ECS Developer Guide."`);
  });

  it('no container instance at all (S-031)', () => {
    const decision = decideOn([], request());
    expect(unableToPlaceMessage('web', decision, 0)).toMatchInlineSnapshot(`"(service web) was unable to place a task. Reason: No Container Instances were found in your cluster."`);
  });

  it('instances, but none ACTIVE, so no closest match to name', () => {
    const decision = decideOn([containerInstance(7, { status: 'DRAINING' })], request());
    expect(unableToPlaceMessage('web', decision, 1)).toMatchInlineSnapshot(`"(service web) was unable to place a task because no container instance met all of its requirements. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide."`);
  });
});
