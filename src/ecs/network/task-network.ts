import type { ContainerInstance, Reservation } from '../capacity/container-instance.js';
import type { TaskDefinition } from '../task-definition/types.js';
import { taskId, type TaskRecord } from '../task/task-record.js';
import type { AddressPool } from './addresses.js';
import { containerEndpoints, networkBindings, type ContainerEndpoint, type NetworkBinding } from './bindings.js';

/** Each task's network as the control plane knows it: its ENI or host ports, and where its containers can be reached. */
export class TaskNetwork {
  /** Where each task's container ports can be reached (what its host knows of its network). */
  private readonly endpoints = new Map<string, readonly ContainerEndpoint[]>();

  constructor(private readonly addresses: AddressPool) {}

  /**
   * The task's network as describe-tasks shows it: an ENI attachment with its private IP
   * (awsvpc; ecs-facts T-024), or host-port bindings on the instance (bridge, host).
   */
  connect(record: TaskRecord, def: TaskDefinition, instance: ContainerInstance | undefined, reservation: Reservation | undefined): void {
    let taskAddress: string | undefined;
    if (def.networkMode === 'awsvpc') {
      taskAddress = this.addresses.next(record.availabilityZone);
      const id = taskId(record.taskArn);
      record.attachments = [
        {
          // An attachment id derived from the task id: no random draw, so other ids keep theirs.
          id: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`,
          type: 'ElasticNetworkInterface',
          status: 'PRECREATED',
          details: [{ name: 'privateIPv4Address', value: taskAddress }],
        },
      ];
    }
    const bindings = reservation === undefined || def.networkMode === 'awsvpc' ? new Map<string, NetworkBinding[]>() : networkBindings(def, reservation);
    if (bindings.size > 0) record.containers = record.containers.map((c) => (bindings.has(c.name) ? { ...c, networkBindings: bindings.get(c.name) as NetworkBinding[] } : c));
    const endpoints = containerEndpoints(def, taskAddress, instance?.privateIpAddress, bindings);
    if (endpoints.length > 0) this.endpoints.set(record.taskArn, endpoints);
  }

  /** Where the task's container ports can be reached; empty once it has stopped. */
  endpointsOf(taskArn: string): readonly ContainerEndpoint[] {
    return this.endpoints.get(taskArn) ?? [];
  }

  /** The task stopped: its endpoints are gone. */
  forget(taskArn: string): void {
    this.endpoints.delete(taskArn);
  }
}
