import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { accountProblem, checkImported, importScenario } from '../scenario/import/index.js';

/** `ecs-sim import`: its own file, so main.ts only dispatches to it. */

export const IMPORT_USAGE = `Usage: ecs-sim import <folder | template> [--out scenario.yaml]

Turns your cluster into a scenario. <folder> holds the JSON outputs of read-only AWS CLI
calls, each recognised by its shape (file names do not matter):
  aws ecs describe-clusters, describe-services, describe-task-definition,
    describe-container-instances, describe-capacity-providers, describe-tasks
  aws autoscaling describe-auto-scaling-groups
  aws ec2 describe-launch-template-versions, describe-subnets (subnet -> Availability Zone)
  aws elbv2 describe-load-balancers, describe-target-groups, describe-listeners, describe-rules,
    describe-target-group-attributes saved as {"TargetGroupArn": ..., "Attributes": [...]},
    describe-load-balancer-attributes saved as {"LoadBalancerArn": ..., "Attributes": [...]}
  aws application-autoscaling describe-scalable-targets, describe-scaling-policies,
    describe-scheduled-actions
  aws cloudwatch describe-alarms
<template> is a CloudFormation template (JSON, or YAML with !Ref, !GetAtt, !Sub, !If ...),
such as a CDK cdk.out/<stack>.template.json.

The scenario starts the services at 0s on the imported capacity, and the standalone tasks
that were running: by StartTask on the instance they ran on, once it has registered, else
by RunTask. Its header says what was read, what was assumed and what was
not imported, and why. It is checked as \`ecs-sim validate\` checks a scenario before it is
written.

Options:
  --out FILE          write the scenario there (default: print it)
  --region R          the region the stack runs in (default us-east-1; a template does not
                      say, CLI outputs' ARNs do and win over it)
  --account-id A      the 12-digit account id (default 123456789012; likewise)
  -h, --help          show this help
`;

export interface ImportIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export class ImportUsageError extends Error {}

/**
 * @throws InputError for bad input (exit 2), ImportUsageError for bad arguments.
 */
export function importCommand(args: readonly string[], io: ImportIo): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { help: { type: 'boolean', short: 'h' }, out: { type: 'string', short: 'o' }, region: { type: 'string' }, 'account-id': { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ImportUsageError(error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.out(IMPORT_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new ImportUsageError(positionals.length === 0 ? 'import needs a folder of AWS CLI outputs or a CloudFormation template' : `import takes one folder or template, got ${positionals.length}`);
  const input = positionals[0] as string;
  const out = values.out;
  const account = { region: values.region, accountId: values['account-id'] };
  const problem = accountProblem(account);
  if (problem !== undefined) throw new ImportUsageError(problem);
  const { yaml, inventory } = importScenario(input, account);
  // What import writes must run: checked as validate checks it, problems located in the written
  // file (written all the same, so that they can be fixed there).
  if (out !== undefined) writeFileSync(out, yaml);
  checkImported(yaml, out ?? '<stdout>');
  if (out === undefined) {
    io.out(yaml);
  } else {
    const services = inventory.services.length;
    io.out(`✔ ${out}  ${services} service${services === 1 ? '' : 's'} from ${inventory.read.length} input${inventory.read.length === 1 ? '' : 's'}; ${inventory.assumed.length} assumed, ${inventory.ignored.length} not imported (see its header)\n`);
  }
  return 0;
}
