import type { RunResult } from '../../../src/scenario/runner.js';
import { refusal, runYaml } from '../model/support.js';

/**
 * Cluster auto scaling specs: one instance group in an Auto Scaling group behind a
 * capacity provider with managed scaling, and a service of 1-vCPU tasks (two fit on a
 * c5.large). Timeline entries and provider settings vary per spec.
 */
export interface CasOptions {
  readonly seed?: number;
  readonly until?: string;
  readonly count?: number;
  readonly minSize?: number;
  readonly maxSize?: number;
  /** Inline YAML for managedScaling's fields besides status. */
  readonly managedScaling?: string;
  readonly managedTerminationProtection?: 'ENABLED' | 'DISABLED';
  readonly managedDraining?: 'ENABLED' | 'DISABLED';
  readonly desiredCount?: number;
  /** Inline YAML for the service's deploymentConfiguration. */
  readonly deploymentConfiguration?: string;
  /** Extra timeline entries (YAML list items, indented by 2). */
  readonly timeline?: string;
}

export function casYaml(o: CasOptions = {}): string {
  return `
name: cas
seed: ${o.seed ?? 7}
until: ${o.until ?? '20m'}
ecs:
  instances:
    - name: asg
      count: ${o.count ?? 1}
      instanceType: c5.large
      availabilityZones: [us-east-1a, us-east-1b]
      autoScalingGroup: { MinSize: ${o.minSize ?? 0}, MaxSize: ${o.maxSize ?? 10} }
  capacityProviders:
    - name: cp
      autoScalingGroupProvider:
        autoScalingGroupArn: asg
        managedScaling: { status: ENABLED${o.managedScaling === undefined ? '' : `, ${o.managedScaling}`} }
        managedTerminationProtection: ${o.managedTerminationProtection ?? 'ENABLED'}
        managedDraining: ${o.managedDraining ?? 'ENABLED'}
  taskDefinitions:
    - definition:
        family: web
        containerDefinitions:
          - { name: web, image: shop/web:1, cpu: 1024, memory: 512 }
timeline:
  - at: 1m
    createService:
      serviceName: web
      taskDefinition: web
      desiredCount: ${o.desiredCount ?? 8}
      capacityProviderStrategy: [{ capacityProvider: cp, weight: 1 }]${o.deploymentConfiguration === undefined ? '' : `\n      deploymentConfiguration: { ${o.deploymentConfiguration} }`}
${o.timeline ?? ''}`;
}

export function runCas(o: CasOptions = {}): RunResult {
  return runYaml(casYaml(o));
}

export function refuseCas(yaml: string): string {
  return refusal(yaml);
}

/** The provider's part of the result (throws when absent, so a spec fails loudly). */
export function cp(r: RunResult) {
  const out = r.clusterAutoScaling?.capacityProviders['cp'];
  if (out === undefined) throw new Error(`no cluster auto scaling result${r.error === undefined ? '' : `: ${JSON.stringify(r.error)}`}`);
  return out;
}
