import { describe, expect, it } from 'vitest';
import { parseTimestampMs, taskDefinitionInputSchema } from '../../../src/ecs/task-definition/index.js';
import { ec2 } from './builders.js';

describe('registeredAt and the other read-only timestamps', () => {
  it('read epoch seconds (as the CLI prints with --cli-timestamp-format none) and ISO 8601 (its default)', () => {
    expect(parseTimestampMs(1717171717.123)).toBe(1_717_171_717_123);
    expect(parseTimestampMs('2024-05-31T16:08:37.123000+00:00')).toBe(1_717_171_717_123);
    expect(parseTimestampMs('2024-05-31T18:08:37.123+02:00')).toBe(1_717_171_717_123);
    expect(parseTimestampMs('2024-05-31T16:08:37.123Z')).toBe(1_717_171_717_123);
  });

  it('read a time without an offset as UTC, whatever the host time zone', () => {
    expect(parseTimestampMs('2024-05-31T16:08:37.123')).toBe(1_717_171_717_123);
    expect(parseTimestampMs('2024-05-31 16:08:37')).toBe(1_717_171_717_000);
  });

  it('refuse what is not a time, at the field', () => {
    expect(parseTimestampMs('2024-02-30T00:00:00Z')).toBeUndefined();
    const result = taskDefinitionInputSchema.safeParse(ec2({ registeredAt: 'yesterday' }));
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toMatchInlineSnapshot(`
      [
        "registeredAt: expected epoch seconds (such as 1717171717.123) or an ISO 8601 time (such as "2024-05-31T16:08:37.123000+00:00"), got "yesterday"",
      ]
    `);
  });
});
