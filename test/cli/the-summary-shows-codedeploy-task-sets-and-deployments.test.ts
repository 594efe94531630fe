import { describe, expect, it } from 'vitest';
import { cli } from '../support.js';

// ecs-facts S-090, S-092, S-097: a CODE_DEPLOY service's summary shows its task sets as
// describe-services has them, and each CodeDeploy deployment with its lifecycle events and
// the production weights over time.
describe('ecs-sim run on a CodeDeploy scenario', () => {
  it('prints the task sets and the deployment’s lifecycle', async () => {
    const { code, out } = await cli('run', 'scenarios/19-codedeploy-canary.yaml');
    expect(code).toBe(0);
    expect(out).toMatch(/^ {2}web {6}ecs-svc\/\d{19} {2}PRIMARY {2}web:2 +100% +3 +3 +STEADY_STATE$/m);
    expect(out).toMatch(/^CodeDeploy d-[A-Z0-9]{9} \(CodeDeployDefault\.ECSCanary10Percent5Minutes\) for web: Succeeded, 6:00\.0 → /m);
    expect(out).toContain('traffic (original/replacement %): 6:57.3 90/10, 11:57.3 0/100');
  });
});
