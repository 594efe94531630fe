import { describe, expect, it } from 'vitest';
import { InstanceTypeError, resolveInstanceType } from '../../../src/ecs/capacity/instance-types.js';
import { parseExpression, QueryLanguageError } from '../../../src/ecs/placement/query-language.js';
import { CpuMemoryError, parseTaskCpu } from '../../../src/ecs/task-definition/cpu-memory.js';
import { TaskDefinitionError, TaskDefinitionRegistry } from '../../../src/ecs/task-definition/index.js';
import { InputError } from '../../../src/issues/index.js';

/**
 * One error model (issue 13, item 4): every bad ECS input throws the one input error of
 * src/issues, with its issues in the one shape (path as an array, message, did-you-mean),
 * while each keeps its own name and its message text as ECS users know it.
 */
function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('ECS input errors', () => {
  it('a task cpu ECS would not accept: CpuMemoryError at the field cpu', () => {
    const e = thrown(() => parseTaskCpu('2 cores'));
    expect(e).toBeInstanceOf(CpuMemoryError);
    expect(e.name).toBe('CpuMemoryError');
    expect(e.issues).toEqual([{ path: ['cpu'], message: e.message }]);
    expect(e.message).toMatch(/^Invalid 'cpu' setting for task\. /);
  });

  it('a task definition ECS would refuse: TaskDefinitionError, one issue per problem, paths as arrays', () => {
    const e = thrown(() => new TaskDefinitionRegistry().register({ family: 'web', containerDefinitions: [] }));
    expect(e).toBeInstanceOf(TaskDefinitionError);
    expect(e.issues.length).toBeGreaterThan(0);
    for (const issue of e.issues) expect(Array.isArray(issue.path)).toBe(true);
    expect(e.message.split('\n')).toHaveLength(e.issues.length);
  });

  it('a cluster query language typo: QueryLanguageError, its suggestion as the did-you-mean', () => {
    const e = thrown(() => parseExpression('attribut:ecs.instance-type == t2.small'));
    expect(e).toBeInstanceOf(QueryLanguageError);
    expect(e.issues).toEqual([{ path: [], message: e.message, didYouMean: 'attribute:ecs.instance-type' }]);
    expect(e.message).toContain('did you mean "attribute:ecs.instance-type"?');
  });

  it('an unknown instance type: InstanceTypeError, its nearest name as the did-you-mean', () => {
    const e = thrown(() => resolveInstanceType('m5.larg'));
    expect(e).toBeInstanceOf(InstanceTypeError);
    expect(e.issues).toEqual([{ path: [], message: e.message, didYouMean: 'm5.large' }]);
  });
});
