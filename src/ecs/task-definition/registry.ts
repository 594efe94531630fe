import type { z } from 'zod';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, normalizeTaskDefinition, parseTaskDefinitionArn } from './normalize.js';
import { taskDefinitionInputSchema, unwrapTaskDefinitionInput, type TaskDefinitionInput } from './schema.js';
import type { TaskDefinition } from './types.js';
import { TaskDefinitionError, validateTaskDefinition, type TaskDefinitionIssue } from './validate.js';

export interface TaskDefinitionRegistryOptions {
  /** For ARNs of definitions registered here; default "us-east-1". */
  readonly region?: string;
  /** For ARNs of definitions registered here; default "123456789012". */
  readonly accountId?: string;
}

interface Family {
  /** The highest revision this family has had, deregistered or not (ecs-facts T-048). */
  highest: number;
  readonly revisions: Map<number, TaskDefinition>;
}

/**
 * The account's task definitions: RegisterTaskDefinition, DescribeTaskDefinition's lookup
 * and DeregisterTaskDefinition.
 *
 * Revisions. A registration without a revision gets the family's highest revision so far
 * plus one, starting at 1 and counting deregistered revisions (ecs-facts T-048). A pasted
 * describe output (or a document with `revision`) keeps its own revision, so references
 * such as "web:42" copied from a real account still resolve; later registrations of the
 * family continue above the highest revision seen. A paste may fill a gap below it, but
 * never reuse a taken revision. A pasted `status` (INACTIVE) and `taskDefinitionArn` are
 * kept as well.
 */
export class TaskDefinitionRegistry {
  readonly region: string;
  readonly accountId: string;
  private readonly families = new Map<string, Family>();
  private readonly byArn = new Map<string, TaskDefinition>();

  constructor(options: TaskDefinitionRegistryOptions = {}) {
    this.region = options.region ?? DEFAULT_REGION;
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  }

  /**
   * RegisterTaskDefinition, from either shape (register input or describe output).
   * Issue paths are relative to the input given (so under `taskDefinition` for a describe output).
   * @throws TaskDefinitionError listing every problem: the schema's, then ECS's registration checks.
   */
  register(input: TaskDefinitionInput): TaskDefinition {
    const parsed = taskDefinitionInputSchema.safeParse(input);
    if (!parsed.success) throw new TaskDefinitionError(issuesFromZod(parsed.error.issues));
    const { document, path } = unwrapTaskDefinitionInput(parsed.data);
    const issues = validateTaskDefinition(parsed.data);
    if (issues.length > 0) throw new TaskDefinitionError(issues.map((i) => ({ path: [...path, ...i.path], message: i.message })));

    const family = this.families.get(document.family) ?? { highest: 0, revisions: new Map<number, TaskDefinition>() };
    if (document.revision != null && family.revisions.has(document.revision)) {
      throw new TaskDefinitionError([{ path: [...path, 'revision'], message: `Revision ${document.revision} of family '${document.family}' is already registered.` }]);
    }
    const definition = normalizeTaskDefinition(parsed.data, { region: this.region, accountId: this.accountId, revision: family.highest + 1 });
    if (this.byArn.has(definition.taskDefinitionArn)) {
      throw new TaskDefinitionError([{ path: [...path, 'taskDefinitionArn'], message: `${definition.taskDefinitionArn} is already registered.` }]);
    }
    family.revisions.set(definition.revision, definition);
    family.highest = Math.max(family.highest, definition.revision);
    this.families.set(document.family, family);
    this.byArn.set(definition.taskDefinitionArn, definition);
    return definition;
  }

  /**
   * DescribeTaskDefinition's lookup: "family" is the latest ACTIVE revision (ecs-facts
   * T-067), "family:3" that revision whatever its status, or a full ARN. INACTIVE
   * revisions stay discoverable (ecs-facts T-063); callers refuse them for new tasks.
   * @throws TaskDefinitionError "Unable to describe task definition." when nothing matches.
   */
  resolve(ref: string): TaskDefinition {
    const found = this.find(ref);
    // ECS text: DescribeTaskDefinition's ClientException (getmoto/moto#5910 quotes the AWS CLI).
    if (found === undefined) throw new TaskDefinitionError([{ path: [], message: `Unable to describe task definition. (${JSON.stringify(ref)} matches no ${/:\d+$/.test(ref) ? 'revision' : 'ACTIVE revision'})` }]);
    return found;
  }

  /** `resolve` without the throw. */
  find(ref: string): TaskDefinition | undefined {
    if (ref.startsWith('arn:')) {
      const exact = this.byArn.get(ref);
      if (exact !== undefined) return exact;
      const arn = parseTaskDefinitionArn(ref);
      // An ARN without a revision names the family's latest ACTIVE revision, in this registry's account and region.
      if (arn === undefined || arn.revision !== undefined || arn.region !== this.region || arn.accountId !== this.accountId) return undefined;
      return this.latestActive(arn.family);
    }
    const m = /^([^:]+):(\d+)$/.exec(ref);
    if (m !== null) return this.families.get(m[1] as string)?.revisions.get(Number(m[2]));
    return this.latestActive(ref);
  }

  /**
   * DeregisterTaskDefinition: the revision becomes INACTIVE (ecs-facts T-063). It needs a
   * revision ("family:3" or an ARN). Deregistering an INACTIVE revision again is a no-op.
   * @throws TaskDefinitionError when `ref` has no revision or matches nothing.
   */
  deregister(ref: string): TaskDefinition {
    if (!ref.startsWith('arn:') && !/:\d+$/.test(ref)) {
      throw new TaskDefinitionError([{ path: [], message: `A revision is required: deregister takes "family:revision" or a full ARN (got ${JSON.stringify(ref)}).` }]);
    }
    const current = this.resolve(ref);
    if (current.status !== 'ACTIVE') return current;
    const inactive: TaskDefinition = { ...current, status: 'INACTIVE' };
    this.families.get(current.family)?.revisions.set(current.revision, inactive);
    this.byArn.set(current.taskDefinitionArn, inactive);
    return inactive;
  }

  /** Every registered revision, by family (code-unit order) then revision. */
  list(): TaskDefinition[] {
    const families = [...this.families.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return families.flatMap((name) => [...(this.families.get(name) as Family).revisions.values()].sort((a, b) => a.revision - b.revision));
  }

  private latestActive(familyName: string): TaskDefinition | undefined {
    const family = this.families.get(familyName);
    if (family === undefined) return undefined;
    let best: TaskDefinition | undefined;
    for (const td of family.revisions.values()) if (td.status === 'ACTIVE' && (best === undefined || td.revision > best.revision)) best = td;
    return best;
  }
}

/** zod's issues as plain issues; the scenario loader has its own, richer wording for the same schema. */
function issuesFromZod(issues: readonly z.core.$ZodIssue[]): TaskDefinitionIssue[] {
  return issues.flatMap((issue): TaskDefinitionIssue[] => {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key], message: 'unknown field' }));
    return [{ path, message: issue.message }];
  });
}
