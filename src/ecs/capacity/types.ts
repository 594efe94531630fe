/**
 * Capacity providers' settings as the rest of the model sees them: plain types in a leaf
 * module, so that the scenario input (config.ts) can name them without importing the
 * capacity actors (which import the control plane).
 */

/** ManagedScaling with the API's defaults applied (ecs-facts A-020). */
export interface ManagedScalingSettings {
  readonly status: 'ENABLED' | 'DISABLED';
  readonly targetCapacity: number;
  readonly minimumScalingStepSize: number;
  readonly maximumScalingStepSize: number;
  readonly instanceWarmupPeriod: number;
}

export interface AutoScalingGroupProvider {
  readonly autoScalingGroupArn: string;
  readonly managedScaling: ManagedScalingSettings;
  readonly managedTerminationProtection: 'ENABLED' | 'DISABLED';
  readonly managedDraining: 'ENABLED' | 'DISABLED';
}

/**
 * A scenario-declared provider standing for an Auto Scaling group capacity provider:
 * tasks it runs are placed only on the named instance group's instances. (Managed
 * scaling is a later issue.)
 */
export interface CapacityProviderDefinition {
  readonly name: string;
  readonly instanceGroup: string;
  /** CreateCapacityProvider's settings, defaults applied (managed-scaling.ts; ecs-facts ). */
  readonly autoScalingGroupProvider?: AutoScalingGroupProvider;
}
