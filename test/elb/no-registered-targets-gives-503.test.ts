import { describe, expect, it } from 'vitest';
import { albSection, runUntil, send, world } from './support.js';

describe('a target group with no registered targets', () => {
  it('gets 503 from the ALB itself, counted as HTTPCode_ELB_5XX (ecs-facts L-033)', () => {
    const w = world(albSection());
    const s = send(w, w.elb.listenerEndpoint('front', 80));
    runUntil(w, 1);
    expect(s.response).toEqual({ status: 503, source: 'elb', targetGroupArn: w.elb.targetGroupByNameOrArn('web')?.arn });
    const lb = w.elb.result().loadBalancers[0];
    // ecs-facts C-009, EF-002: no target was chosen, so RequestCount does not count it; HTTPCode_ELB_5XX_Count does (C-013).
    expect(lb?.requests?.counts).toMatchObject({ RequestsReceived: 1, RequestCount: 0, HTTPCode_ELB_5XX_Count: 1, HTTPCode_ELB_503_Count: 1, HTTPCode_Target_5XX_Count: 0 });
    expect(lb?.requests?.errors).toBe(1);
  });

  it('behind an NLB gets its connection reset: status 0 from the load balancer, counted as TCP_ELB_Reset', () => {
    const w = world({
      targetGroups: [{ Name: 'tcp', Protocol: 'TCP', Port: 8080, TargetType: 'ip' }],
      loadBalancers: [{ Name: 'net', Type: 'network', AvailabilityZones: ['us-east-1a'], Listeners: [{ Port: 80, Protocol: 'TCP', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'tcp' }] }] }],
    });
    const s = send(w, w.elb.listenerEndpoint('net', 80));
    runUntil(w, 1);
    expect(s.response).toMatchObject({ status: 0, source: 'elb' });
    const counts = w.elb.result().loadBalancers[0]?.requests;
    expect(counts?.counts.TCP_ELB_Reset_Count).toBe(1);
    expect(counts?.errors).toBe(1);
  });

  it('is answered through the queue, never synchronously', () => {
    const w = world(albSection());
    const s = send(w, w.elb.listenerEndpoint('front', 80));
    expect(s.answers).toBe(0);
    runUntil(w, 0);
    expect(s.answers).toBe(1);
  });
});
