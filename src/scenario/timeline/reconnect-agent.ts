import { instanceFault } from './instance-faults.js';

/** The agent connects again and reports its tasks. */
export const reconnectAgent = instanceFault('reconnectAgent', (model, instance) => model.controlPlane.reconnectAgent(instance));
