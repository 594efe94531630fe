import type { Simulation } from '../../engine/simulation.js';
import type { Network } from '../../traffic/http.js';
import { TaskServer, type TaskServerConfig } from '../../traffic/server.js';
import type { ContainerEndpoint } from './bindings.js';

/** A container's request model: the task server's settings, and which port it serves (default: each mapped port). */
export type HttpBehaviour = Omit<TaskServerConfig, 'name'> & { readonly containerPort?: number };

/**
 * The servers of running containers: when a container's application is ready, a
 * `TaskServer` listens at each of its endpoints; when the container stops, the server
 * closes (its requests are reset) and the address goes quiet. Which endpoints a task has
 * is what its host knows of its network (bindings and ENI), asked of `endpointsOf`.
 */
export class TaskServers {
  private readonly open = new Map<string, { readonly taskArn: string; readonly containerName: string; readonly containerPort: number; readonly server: TaskServer }>();

  constructor(
    private readonly sim: Simulation,
    readonly network: Network,
    private readonly endpointsOf: (taskArn: string) => readonly ContainerEndpoint[],
  ) {}

  /** Starts serving `containerName`'s ports; returns what stops them, or undefined when it serves nothing. */
  serve(taskArn: string, containerName: string, http: HttpBehaviour | undefined): (() => void) | undefined {
    if (http === undefined) return undefined;
    const endpoints = this.endpointsOf(taskArn).filter((e) => e.containerName === containerName && e.protocol === 'tcp' && (http.containerPort === undefined || e.containerPort === http.containerPort));
    if (endpoints.length === 0) return undefined;
    const taskId = taskArn.slice(taskArn.lastIndexOf('/') + 1);
    const addresses: string[] = [];
    for (const e of endpoints) {
      const server = new TaskServer(this.sim, { ...http, name: `${taskId}/${containerName}:${e.containerPort}` });
      this.network.listen(e.address, server);
      this.open.set(e.address, { taskArn, containerName, containerPort: e.containerPort, server });
      addresses.push(e.address);
    }
    return () => {
      for (const address of addresses) {
        const entry = this.open.get(address);
        if (entry === undefined) continue;
        this.open.delete(address);
        this.network.close(address);
        entry.server.close();
      }
    };
  }

  /** The servers listening now, by address (for load-following metrics). */
  listening(): ReadonlyMap<string, { readonly taskArn: string; readonly containerName: string; readonly containerPort: number; readonly server: TaskServer }> {
    return this.open;
  }
}
