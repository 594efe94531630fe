import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import { accountProblem, importScenario } from '../../src/scenario/import/index.js';
import { cli, FIXTURES } from '../support.js';

/**
 * A template does not say where its stack runs: `ecs-sim import --region R --account-id A`
 * says so instead of the defaults (us-east-1, 123456789012), checked before anything is read
 * (issue 18).
 */
const TEMPLATE = join(FIXTURES, 'import', 'cdk.out', 'ShopStack.template.json');

describe('ecs-sim import --region --account-id', () => {
  it('puts the stack in the given region and account: ARNs, zones, the ecs section, and the run', () => {
    const { yaml } = importScenario(TEMPLATE, { region: 'eu-west-3', accountId: '444455556666' });
    const scenario = parseScenario(yaml, 'imported.yaml');
    expect(scenario.spec.ecs).toMatchObject({ region: 'eu-west-3', accountId: '444455556666' });
    expect(scenario.spec.ecs?.fargate?.availabilityZones).toEqual(['eu-west-3a', 'eu-west-3b']);
    const create = (scenario.spec.timeline?.[0] as { createService: { taskDefinition: string; loadBalancers: { targetGroupArn: string }[] } }).createService;
    expect(create.taskDefinition).toBe('arn:aws:ecs:eu-west-3:444455556666:task-definition/ShopStackServiceTaskDef9F8E4B2C:1');
    expect(create.loadBalancers[0]?.targetGroupArn).toMatch(/^arn:aws:elasticloadbalancing:eu-west-3:444455556666:targetgroup\//);
    expect(yaml).not.toContain('123456789012');
    expect(yaml).not.toContain('us-east-1');
    // Given, so not an assumption any more.
    expect(yaml).not.toContain('the stack runs in');
    const result = runScenario(scenario).result;
    expect(result.error).toBeUndefined();
    expect(result.ecs?.services['Service9571FDD8']?.runningCount).toBe(3);
  });

  it('keeps the default of the one not given, and says it is assumed', () => {
    const { yaml } = importScenario(TEMPLATE, { region: 'ap-southeast-2' });
    expect(yaml).toContain('the stack runs in ap-southeast-2, account 123456789012');
  });

  it('from the command line, and rejects a bad region or account id with what is allowed (exit 2)', async () => {
    const ok = await cli('import', TEMPLATE, '--region', 'us-gov-west-1', '--account-id', '000011112222');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('accountId: "000011112222"');
    expect(ok.out).toContain('region: us-gov-west-1');
    const region = await cli('import', TEMPLATE, '--region', 'Europe');
    expect(region.code).toBe(2);
    expect(region.err).toContain('--region "Europe" is not an AWS region name; expected one such as us-east-1');
    const account = await cli('import', TEMPLATE, '--account-id', '1234');
    expect(account.code).toBe(2);
    expect(account.err).toContain('--account-id "1234" is not an AWS account id; expected 12 digits');
    expect(account.err).not.toMatch(/\n\s+at /);
  });

  it.each(['us-east-1', 'eu-central-2', 'cn-north-1', 'us-gov-east-1', 'il-central-1'])('accepts the region %s', (region) => {
    expect(accountProblem({ region })).toBeUndefined();
  });

  it.each(['', 'us-east', 'US-EAST-1', 'us_east_1', 'us-east-1a'])('rejects the region "%s"', (region) => {
    expect(accountProblem({ region })).toMatch(/is not an AWS region name/);
  });

  it.each(['12345678901', '1234567890123', '12345678901a'])('rejects the account id "%s"', (accountId) => {
    expect(accountProblem({ accountId })).toMatch(/expected 12 digits/);
  });
});
