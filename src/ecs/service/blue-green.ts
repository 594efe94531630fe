/**
 * Texts for ECS-native blue/green deployments (ecs-facts S-098 to S-108). No public capture
 * of the events or rolloutStateReason of a blue/green deployment failed by a hook was found:
 * these are assumptions, shaped like the observed rolling texts (S-063, S-077). Completion,
 * rollback and the breaker and alarm texts reuse the rolling ones.
 */
export const blueGreenMessages = {
  /** Assumption (no capture found). */
  deploymentFailedHook: (service: string, deploymentId: string): string => `(service ${service}) (deployment ${deploymentId}) deployment failed: lifecycle hook failed.`,
  /** Assumption (no capture found). */
  rolloutHookFailed: (reason: string): string => `ECS deployment lifecycle hook: ${reason}.`,
};
