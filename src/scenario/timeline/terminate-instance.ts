import { instanceFault } from './instance-faults.js';

/** The host goes away: ECS notices after hostTerminationDetection, and its tasks stop. */
export const terminateInstance = instanceFault('terminateInstance', (model, instance) => model.controlPlane.terminateInstance(instance));
