import { describe, expect, it } from 'vitest';
import { codeDeployYaml } from './codedeploy-support.js';
import { refusal } from '../model/support.js';

describe('CodeDeploy input (ecs-facts S-090 to S-094)', () => {
  it('an unknown deployment configuration is refused with a did-you-mean', () => {
    expect(refusal(codeDeployYaml({ deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minute' }))).toContain(
      'ecs.codeDeploy.deploymentGroups[0].deploymentConfigName: no deployment configuration "CodeDeployDefault.ECSCanary10Percent5Minute"; did you mean "CodeDeployDefault.ECSCanary10Percent5Minutes"? (ecs-facts S-091)',
    );
  });

  it('a hook names a simulated Lambda function', () => {
    expect(refusal(codeDeployYaml({ hooks: ['- BeforeAllowTraffic: smoke'] }))).toContain('timeline[1].createDeployment.revision.Hooks[0].BeforeAllowTraffic: no simulated function "smoke"');
  });

  it('a hook entry names exactly one event', () => {
    const yaml = codeDeployYaml({ hooks: ['- { BeforeAllowTraffic: ok, AfterInstall: ok }'], lambdaFunctions: '    ok: { responses: [{ hookStatus: SUCCEEDED }] }' });
    expect(refusal(yaml)).toContain('each hook names exactly one event (BeforeInstall, AfterInstall, AfterAllowTestTraffic, BeforeAllowTraffic, AfterAllowTraffic)');
  });

  it('the termination wait is at most 2880 minutes', () => {
    expect(refusal(codeDeployYaml({ terminationWaitTimeInMinutes: 3000 }))).toContain('terminationWaitTimeInMinutes must be at most 2880 minutes (ecs-facts S-093)');
  });

  it('the deployment group names a CODE_DEPLOY service', () => {
    const yaml = codeDeployYaml({}).replace('      deploymentController: { type: CODE_DEPLOY }\n', '');
    expect(refusal(yaml)).toContain('ecs.codeDeploy.deploymentGroups[0].ecsServices[0].serviceName: no createService "web" with deploymentController {type: CODE_DEPLOY} in the timeline (ecs-facts S-090)');
  });

  it('a custom TimeBasedCanary needs its timeBasedCanary settings', () => {
    const yaml = codeDeployYaml({ deploymentConfigName: 'Mine', deploymentConfigs: '      - { deploymentConfigName: Mine, trafficRoutingConfig: { type: TimeBasedCanary } }' });
    expect(refusal(yaml)).toContain('type TimeBasedCanary needs timeBasedCanary {canaryPercentage, canaryInterval}');
  });
});
