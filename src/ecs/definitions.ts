import type { TaskBehaviour } from './config.js';
import type { TaskDefinition } from './task-definition/types.js';
import type { Registered } from './types.js';

/**
 * The task definitions the control plane can run, with their simulated behaviour, by the
 * references RunTask and CreateService accept: the family (its latest revision),
 * `family:revision`, or the ARN.
 */
export class RunnableDefinitions {
  private readonly byReference = new Map<string, Registered>();

  register(definition: TaskDefinition, behaviour: TaskBehaviour): void {
    const entry = { definition, behaviour };
    this.byReference.set(`${definition.family}:${definition.revision}`, entry);
    this.byReference.set(definition.taskDefinitionArn, entry);
    const latest = this.byReference.get(definition.family);
    if (latest === undefined || latest.definition.revision < definition.revision) this.byReference.set(definition.family, entry);
  }

  resolve(reference: string): Registered | undefined {
    return this.byReference.get(reference);
  }
}
