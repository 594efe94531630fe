import { describe, expect, it } from 'vitest';
import { container, LATENCY, PULL_MS, startTask, taskDefinition } from './recording-host.js';

// ecs-facts T-097 (secrets are fetched with the execution role), T-100 (Fargate's
// ResourceInitializationError text), T-101 (the EC2 agent's "Fetching secret data ..."
// text, with stopCode TaskFailedToStart).
const ASM = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf';
const SSM = 'arn:aws:ssm:us-east-1:123456789012:parameter/db/password';

function withSecret(valueFrom: string, networkMode: 'bridge' | 'awsvpc') {
  return taskDefinition([container('app', { secrets: [{ name: 'DB_PASSWORD', valueFrom }] }), container('sidecar', { essential: false })], { networkMode });
}

describe('a secret that cannot be fetched', () => {
  it('stops an EC2 task with the agent\'s "Fetching secret data from AWS Secrets Manager" text (T-101)', () => {
    const h = startTask(withSecret(ASM, 'bridge'), undefined, { platform: 'EC2', failingSecrets: [ASM] });
    h.sim.run({ until: 60_000 });
    expect(h.last().stopCode).toBe('TaskFailedToStart');
    expect(h.last().stoppedReason).toMatch(/^Fetching secret data from AWS Secrets Manager in region us-east-1/);
    expect(h.last().stoppedReason).toMatchInlineSnapshot(`"Fetching secret data from AWS Secrets Manager in region us-east-1: secret arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf: AccessDeniedException"`);
    expect(h.everRan('app') || h.everRan('sidecar')).toBe(false);
    expect(h.taskAt('STOPPING')).toBe(PULL_MS + LATENCY.secretsFetch);
  });

  it('names SSM Parameter Store on EC2 for an SSM parameter', () => {
    const h = startTask(withSecret(SSM, 'bridge'), undefined, { platform: 'EC2', failingSecrets: [SSM] });
    h.sim.run({ until: 60_000 });
    expect(h.last().stoppedReason).toMatchInlineSnapshot(`"Fetching secret data from SSM Parameter Store in us-east-1: invalid parameters: arn:aws:ssm:us-east-1:123456789012:parameter/db/password"`);
  });

  it('stops a Fargate task with "ResourceInitializationError: unable to pull secrets or registry auth" (T-100)', () => {
    const h = startTask(withSecret(SSM, 'awsvpc'), undefined, { platform: 'FARGATE', failingSecrets: [SSM] });
    h.sim.run({ until: 60_000 });
    expect(h.last()).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart' });
    expect(h.last().stoppedReason).toMatch(/^ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: /);
    expect(h.last().stoppedReason).toMatchInlineSnapshot(`"ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): AccessDeniedException: User is not authorized to perform: ssm:GetParameters on resource: arn:aws:ssm:us-east-1:123456789012:parameter/db/password"`);
    expect(h.everRan('app')).toBe(false);
  });

  it('uses the Fargate text for Secrets Manager too', () => {
    const h = startTask(withSecret(ASM, 'awsvpc'), undefined, { platform: 'FARGATE', failingSecrets: [ASM] });
    h.sim.run({ until: 60_000 });
    expect(h.last().stoppedReason).toMatch(/^ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: /);
    expect(h.last().stoppedReason).toMatchInlineSnapshot(`"ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf from secrets manager: AccessDeniedException"`);
  });

  it('does not stop a task whose secrets can all be fetched', () => {
    const h = startTask(withSecret(ASM, 'bridge'), undefined, { platform: 'EC2', failingSecrets: [SSM] });
    h.sim.run({ until: 60_000 });
    expect(h.last().lastStatus).toBe('RUNNING');
    expect(h.containerAt('app', 'RUNNING')).toBe(PULL_MS + LATENCY.secretsFetch + LATENCY.containerStart);
  });
});
