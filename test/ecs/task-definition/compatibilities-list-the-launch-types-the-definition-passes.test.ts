import { describe, expect, it } from 'vitest';
import { compatibilitiesOf, normalizeTaskDefinition } from '../../../src/ecs/task-definition/index.js';
import { container, ec2, fargate } from './builders.js';

// ecs-facts T-061 is UNVERIFIED: ecs-sim lists each launch type whose checks pass, in the
// order public describe outputs show (["EXTERNAL", "EC2"], ["EC2", "FARGATE"]).
describe('compatibilities', () => {
  it('a bridge definition runs on EC2 and external instances, whatever it requires', () => {
    expect(compatibilitiesOf(ec2())).toEqual(['EXTERNAL', 'EC2']);
    expect(compatibilitiesOf(ec2({ requiresCompatibilities: ['EC2'], networkMode: 'none' }))).toEqual(['EXTERNAL', 'EC2']);
  });

  it('an awsvpc definition of a Fargate size runs on EC2 and Fargate, even without requiring Fargate', () => {
    expect(compatibilitiesOf(fargate())).toEqual(['EC2', 'FARGATE']);
    expect(compatibilitiesOf(fargate({ requiresCompatibilities: null }))).toEqual(['EC2', 'FARGATE']);
  });

  it('an awsvpc definition Fargate would refuse runs on EC2 only', () => {
    expect(compatibilitiesOf(ec2({ networkMode: 'awsvpc', containerDefinitions: [container({ memory: 256, privileged: true })] }))).toEqual(['EC2']);
  });

  it('a pasted compatibilities list is recomputed, not trusted', () => {
    expect(normalizeTaskDefinition(ec2({ compatibilities: ['FARGATE'] })).compatibilities).toEqual(['EXTERNAL', 'EC2']);
  });
});
