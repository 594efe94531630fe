import type { Simulation } from '../../engine/simulation.js';
import type { Network } from '../../traffic/http.js';
import { TaskServer, type TaskServerConfig } from '../../traffic/server.js';
import type { ContainerEndpoint } from './bindings.js';

/** A container's request model: the task server's settings, and which port it serves (default: each mapped port). */
export type HttpBehaviour = Omit<TaskServerConfig, 'name'> & { readonly containerPort?: number };

/** A server listening at an address, and whose container it is. */
export interface ListeningServer {
  readonly taskArn: string;
  readonly containerName: string;
  readonly containerPort: number;
  readonly server: TaskServer;
}

/**
 * Told of every server as it starts and stops listening, in that order (so a watcher can
 * keep its own list in the order of `listening()` without scanning it). A server opened at
 * an address that already had one replaces it in place: the old one is `closed` first, and
 * the new one is `opened` with `replaced` true, as its position in `listening()` is then
 * the old one's, not the last.
 */
export interface ServerWatcher {
  opened(address: string, entry: ListeningServer, replaced: boolean): void;
  closed(address: string, entry: ListeningServer): void;
}

/**
 * The servers of running containers: when a container's application is ready, a
 * `TaskServer` listens at each of its endpoints; when the container stops, the server
 * closes (its requests are reset) and the address goes quiet. Which endpoints a task has
 * is what its host knows of its network (bindings and ENI), asked of `endpointsOf`.
 */
export class TaskServers {
  private readonly open = new Map<string, ListeningServer>();
  private readonly watchers: ServerWatcher[] = [];

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
      const entry: ListeningServer = { taskArn, containerName, containerPort: e.containerPort, server };
      const replaced = this.open.get(e.address);
      this.open.set(e.address, entry);
      for (const w of this.watchers) {
        if (replaced !== undefined) w.closed(e.address, replaced);
        w.opened(e.address, entry, replaced !== undefined);
      }
      addresses.push(e.address);
    }
    return () => {
      for (const address of addresses) {
        const entry = this.open.get(address);
        if (entry === undefined) continue;
        this.open.delete(address);
        this.network.close(address);
        entry.server.close();
        for (const w of this.watchers) w.closed(address, entry);
      }
    };
  }

  /** The servers listening now, by address (for load-following metrics). */
  listening(): ReadonlyMap<string, ListeningServer> {
    return this.open;
  }

  /** Tells `watcher` of every server that starts or stops listening from now on (the ones listening now are in `listening()`). */
  watch(watcher: ServerWatcher): void {
    this.watchers.push(watcher);
  }
}
