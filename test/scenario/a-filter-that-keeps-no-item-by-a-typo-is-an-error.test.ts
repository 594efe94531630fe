import { describe, expect, it } from 'vitest';
import { evaluateAtEnd, valueAt } from '../../src/scenario/expectations.js';

// A result shaped like a run's: three tasks, stopped for two documented reasons (ecs-facts T-012).
const result = {
  ecs: {
    tasksByLabel: {
      web: [
        { stopCode: 'TaskFailedToStart', instanceRef: 'pool/0' },
        { stopCode: 'ServiceSchedulerInitiated', instanceRef: 'pool/0' },
        { stopCode: 'TaskFailedToStart', instanceRef: 'pool/1' },
      ],
    },
  },
};

describe('a [field=value] filter in an expectation path', () => {
  it('keeps the matching items', () => {
    expect(valueAt(result, 'ecs.tasksByLabel.web[stopCode=TaskFailedToStart].length')).toEqual({ value: 2 });
  });

  it('with an empty value is an error, not an empty list that "equals: 0" passes', () => {
    const r = evaluateAtEnd(0, { that: 'ecs.tasksByLabel.web[stopCode=].length', equals: 0 } as never, result);
    expect(r.status).toBe('failed');
    expect(r.message).toContain('the filter [stopCode=] on "ecs.tasksByLabel.web" has no value: write [stopCode=value]');
    expect(r.message).toContain('"TaskFailedToStart", "ServiceSchedulerInitiated"');
  });

  it('with a misspelt value is an error with a did-you-mean', () => {
    const r = evaluateAtEnd(0, { that: 'ecs.tasksByLabel.web[stopCode=TaskFailedToStrat].length', equals: 0 } as never, result);
    expect(r.status).toBe('failed');
    expect(r.message).toBe('the filter [stopCode=TaskFailedToStrat] on "ecs.tasksByLabel.web" matches none of its 3 items; did you mean [stopCode=TaskFailedToStart]?');
  });

  it('with a value no item is near stays a claim that none matches', () => {
    expect(valueAt(result, 'ecs.tasksByLabel.web[stopCode=SpotInterruption].length')).toEqual({ value: 0 });
    // Another instance's id is another item, not a typo of pool/0, nor is a short one such as t3/0.
    expect(valueAt(result, 'ecs.tasksByLabel.web[instanceRef=pool/2].length')).toEqual({ value: 0 });
    expect(valueAt(result, 'ecs.tasksByLabel.web[instanceRef=pxxl/0].length')).toEqual({ value: 0 });
  });
});
