import { describe, expect, it } from 'vitest';
import { container, fargate, problems } from './builders.js';

describe('the containers of a task definition', () => {
  it('are at least one', () => {
    expect(problems(fargate({ containerDefinitions: [] }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions: Container list cannot be empty.",
      ]
    `);
  });

  it('are at most ten (ecs-facts T-059)', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => container({ name: `c${i}` }));
    expect(problems(fargate({ containerDefinitions: eleven }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions: Too many containers. A task definition can have at most 10 container definitions (got 11).",
      ]
    `);
  });

  it('include an essential one (ecs-facts T-034)', () => {
    expect(problems(fargate({ containerDefinitions: [container({ essential: false })] }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions: Task definition doesn't have any essential container.",
      ]
    `);
  });

  it('have unique names of letters, digits, "_" and "-" (ecs-facts T-048)', () => {
    expect(problems(fargate({ containerDefinitions: [container(), container({ essential: false }), container({ name: 'my app' }), container({ name: '', image: ' ' })] }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions[1].name: Container names must be unique within a Task Definition. 'app' is also the name of containerDefinitions[0].",
        "containerDefinitions[2].name: Container.name contains invalid characters.",
        "containerDefinitions[3].name: Container.name should not be null or empty.",
        "containerDefinitions[3].image: Container.image should not be null or empty.",
      ]
    `);
  });

  it('a family is named the same way', () => {
    expect(problems(fargate({ family: 'web:v2' }))).toMatchInlineSnapshot(`
      [
        "family: Invalid family "web:v2": up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.",
      ]
    `);
  });
});
