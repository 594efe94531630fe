import { describe, expect, it } from 'vitest';
import { ofType, runWithEvents } from './run-events.js';

describe('ECS Deployment State Change for a rolling deployment (ecs-facts S-116, S-077)', () => {
  const { events } = runWithEvents('13-rolling-deployment.yaml');
  const deployments = ofType(events, 'ECS Deployment State Change');

  it('every deployment goes IN_PROGRESS then COMPLETED, with ECS\'s rolloutStateReason texts', () => {
    const ids = [...new Set(deployments.map((e) => e.detail['deploymentId'] as string))];
    expect(ids.length).toBeGreaterThanOrEqual(2); // CreateService's and UpdateService's
    for (const id of ids) {
      const mine = deployments.filter((e) => e.detail['deploymentId'] === id);
      expect(mine.map((e) => e.detail['eventName'])).toEqual(['SERVICE_DEPLOYMENT_IN_PROGRESS', 'SERVICE_DEPLOYMENT_COMPLETED']);
      expect(mine.map((e) => e.detail['reason'])).toEqual([`ECS deployment ${id} in progress.`, `ECS deployment ${id} completed.`]);
      expect(mine.map((e) => e.detail['eventType'])).toEqual(['INFO', 'INFO']);
    }
  });

  it('the detail has the documented keys in the sample\'s order, and the service as resource', () => {
    const e = deployments[0]!;
    expect(Object.keys(e.detail)).toEqual(['eventType', 'eventName', 'deploymentId', 'updatedAt', 'reason']);
    expect(e.detail['deploymentId']).toMatch(/^ecs-svc\/\d{19}$/);
    expect(e.detail['updatedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(e.resources).toHaveLength(1);
    expect(e.resources[0]).toMatch(/^arn:aws:ecs:[^:]+:\d+:service\//);
  });
});
