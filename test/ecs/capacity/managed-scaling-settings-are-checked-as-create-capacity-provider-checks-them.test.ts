import { describe, expect, it } from 'vitest';
import { casYaml, refuseCas } from './managed-scaling-support.js';

// ecs-facts A-020: targetCapacity 1–100, step sizes 1–10000, warm-up 0–10000 s. A-026:
// managed termination protection needs managed scaling. Managed scaling needs the
// instance group to be an Auto Scaling group.
describe('capacity provider settings', () => {
  it('refuses a targetCapacity of 0, naming the field', () => {
    expect(refuseCas(casYaml({ managedScaling: 'targetCapacity: 0' }))).toMatch(/ecs\.capacityProviders\[0\]\.autoScalingGroupProvider\.managedScaling\.targetCapacity[\s\S]*targetCapacity must be an integer from 1 to 100/);
  });

  it('refuses managed termination protection without managed scaling', () => {
    const yaml = casYaml().replace('managedScaling: { status: ENABLED }', 'managedScaling: { status: DISABLED }');
    expect(refuseCas(yaml)).toMatch(/managedTerminationProtection ENABLED needs managedScaling\.status ENABLED/);
  });

  it('refuses managed scaling on an instance group without an autoScalingGroup', () => {
    const yaml = casYaml().replace('      autoScalingGroup: { MinSize: 0, MaxSize: 10 }\n', '');
    expect(refuseCas(yaml)).toMatch(/autoScalingGroupArn[\s\S]*managed scaling needs instance group "asg" to have an autoScalingGroup/);
  });

  it('refuses an unknown group and a count outside MinSize..MaxSize', () => {
    expect(refuseCas(casYaml().replace('autoScalingGroupArn: asg', 'autoScalingGroupArn: asgg'))).toMatch(/no instance group "asgg"; did you mean "asg"\?/);
    expect(refuseCas(casYaml({ count: 12 }))).toMatch(/ecs\.instances\[0\]\.count[\s\S]*from MinSize \(0\) to MaxSize \(10\), got 12/);
  });
});
