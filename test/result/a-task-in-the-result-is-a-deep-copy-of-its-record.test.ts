import { describe, expect, it } from 'vitest';
import { clonePlain } from '../../src/ecs/result.js';

describe('a task record copied into the result', () => {
  it('equals what structuredClone makes of it: the same keys in the same order, undefined kept, nothing shared', () => {
    const record = {
      taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/default/abc',
      lastStatus: 'STOPPED',
      stopCode: undefined,
      version: 3,
      connectivity: null,
      containers: [{ name: 'app', lastStatus: 'STOPPED', networkBindings: [{ hostPort: 49153 }], exitCode: 0 }],
      history: [
        { t: 0, lastStatus: 'PENDING', desiredStatus: 'RUNNING' },
        { t: 5, lastStatus: 'STOPPED', desiredStatus: 'STOPPED' },
      ],
    };
    const copy = clonePlain(record);
    const reference = structuredClone(record);
    expect(copy).toStrictEqual(reference);
    expect(Object.keys(copy)).toEqual(Object.keys(reference));
    expect('stopCode' in copy).toBe(true);
    expect(copy.containers).not.toBe(record.containers);
    expect(copy.containers[0]?.networkBindings).not.toBe(record.containers[0]?.networkBindings);
    expect(copy.history[1]).not.toBe(record.history[1]);
  });
});
