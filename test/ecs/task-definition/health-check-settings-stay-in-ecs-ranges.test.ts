import { describe, expect, it } from 'vitest';
import { validateTaskDefinition } from '../../../src/ecs/task-definition/index.js';
import { container, fargate, problems } from './builders.js';

// ecs-facts T-039: interval 5-300 s, timeout 2-60 s, retries 1-10, startPeriod 0-300 s.
const checked = (healthCheck: { interval?: number; timeout?: number; retries?: number; startPeriod?: number }) =>
  fargate({ containerDefinitions: [container({ healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], ...healthCheck } })] });

describe('a container health check', () => {
  it('accepts the ends of every range', () => {
    expect(validateTaskDefinition(checked({ interval: 5, timeout: 2, retries: 1, startPeriod: 0 }))).toEqual([]);
    expect(validateTaskDefinition(checked({ interval: 300, timeout: 60, retries: 10, startPeriod: 300 }))).toEqual([]);
  });

  it('refuses values outside them, each at its field', () => {
    expect(problems(checked({ interval: 4, timeout: 61, retries: 0, startPeriod: 301 }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions[0].healthCheck.interval: Invalid 'healthCheck.interval' setting for container 'app'. You may specify between 5 and 300 seconds (got 4).",
        "containerDefinitions[0].healthCheck.timeout: Invalid 'healthCheck.timeout' setting for container 'app'. You may specify between 2 and 60 seconds (got 61).",
        "containerDefinitions[0].healthCheck.retries: Invalid 'healthCheck.retries' setting for container 'app'. You may specify between 1 and 10 retries (got 0).",
        "containerDefinitions[0].healthCheck.startPeriod: Invalid 'healthCheck.startPeriod' setting for container 'app'. You may specify between 0 and 300 seconds (got 301).",
      ]
    `);
  });

  it('needs a command', () => {
    expect(problems(fargate({ containerDefinitions: [container({ healthCheck: { command: [] } })] }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions[0].healthCheck.command: Invalid 'healthCheck' setting for container 'app'. The command must start with CMD or CMD-SHELL, such as ["CMD-SHELL", "curl -f http://localhost/ || exit 1"].",
      ]
    `);
  });
});
