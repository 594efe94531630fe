import { instanceFault } from './instance-faults.js';

/** The agent loses its connection to ECS; after agentDisconnectDetection ECS marks it disconnected. */
export const disconnectAgent = instanceFault('disconnectAgent', (model, instance) => model.controlPlane.disconnectAgent(instance));
