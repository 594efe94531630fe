import { DESCRIBE_KINDS, describeOutput, type DescribeKind } from '../report/describe-output.js';
import type { RunResult } from '../scenario/runner.js';
import type { ScenarioSpec } from '../scenario/schema/scenario.js';

/** `ecs-sim run --describe KIND`: the end state as the AWS CLI's describe calls print it. */

export const DESCRIBE_HELP = `  --describe KIND     print, instead of the summary, the end state as the AWS CLI prints it:
                      services, tasks, container-instances (aws ecs describe-...) or
                      target-health (aws elbv2 describe-target-health, one document per
                      target group); timestamps are seconds from the start of the run
`;

/** The flag's value, or a problem naming what is allowed. */
export function parseDescribeKind(text: string): DescribeKind | string {
  return (DESCRIBE_KINDS as readonly string[]).includes(text) ? (text as DescribeKind) : `--describe takes ${DESCRIBE_KINDS.join(', ')}; got ${JSON.stringify(text)}`;
}

/** Checked before the run: a scenario without the section has nothing to describe. */
export function describeSectionProblem(spec: ScenarioSpec, kind: DescribeKind): string | undefined {
  if (kind === 'target-health' && spec.elb === undefined) return `--describe ${kind}: this scenario has no elb section, so no target groups`;
  if (kind !== 'target-health' && spec.ecs === undefined) return `--describe ${kind}: this scenario has no ecs section`;
  return undefined;
}

/** The JSON to print (4-space indents, as the AWS CLI's), or a problem. */
export function describeText(result: RunResult, kind: DescribeKind): { text: string } | { problem: string } {
  const docs = describeOutput(result, kind);
  if (typeof docs === 'string') return { problem: `--describe ${kind}: ${docs}` };
  return { text: docs.map((d) => `${JSON.stringify(d, null, 4)}\n`).join('') };
}
