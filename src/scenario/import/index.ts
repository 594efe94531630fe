import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { InputError, type FieldPath, type Issue } from '../../issues/index.js';
import { assemble } from '../assemble.js';
import { parseScenario, parseWithPositions, readText } from '../loader.js';
import { buildScenario } from './build-scenario.js';
import { recogniseCliOutput } from './cli-outputs.js';
import { emptyInventory, isObject, type Inventory, type ItemMaker } from './inventory.js';
import { isTemplate, parseTemplateText, readTemplate, type TemplateAccount } from './template.js';
import { scenarioYaml } from './write-yaml.js';

/**
 * `ecs-sim import`: a folder of AWS CLI JSON outputs, or a CloudFormation template (a CDK
 * `cdk.out/*.template.json` included), → a scenario YAML that reproduces the cluster.
 */

export interface ImportResult {
  /** The scenario file's text: a header comment, then the scenario. */
  readonly yaml: string;
  readonly inventory: Inventory;
}

const INPUT_EXTENSIONS = new Set(['.json', '.yaml', '.yml', '.template']);

/**
 * Reads `input` (a folder or a file) and builds the scenario. The scenario is checked as
 * `ecs-sim validate` would check it, so what `import` writes runs.
 * @throws InputError naming the file, line and field of every problem.
 */
export function importScenario(input: string, options: { readonly source?: string; readonly region?: string | undefined; readonly accountId?: string | undefined } = {}): ImportResult {
  const account: TemplateAccount = { region: options.region, accountId: options.accountId };
  const problem = accountProblem(account);
  if (problem !== undefined) throw new InputError([{ file: input, path: [], message: problem }]);
  const inv = emptyInventory();
  let kind: string;
  let stat;
  try {
    stat = statSync(input);
  } catch {
    throw new InputError([{ file: input, path: [], message: 'no such file or folder; expected a folder of AWS CLI JSON outputs or a CloudFormation template' }]);
  }
  if (stat.isDirectory()) {
    const files = readdirSync(input)
      .filter((f) => INPUT_EXTENSIONS.has(extname(f).toLowerCase()))
      .sort();
    if (files.length === 0) throw new InputError([{ file: input, path: [], message: 'the folder has no .json files; expected AWS CLI outputs such as `aws ecs describe-services ... > services.json`' }]);
    const issues: Issue[] = [];
    for (const f of files) {
      try {
        readOne(inv, join(input, f), f, account);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        issues.push(...error.issues);
      }
    }
    if (issues.length > 0) throw new InputError(issues);
    kind = 'folder';
  } else {
    readOne(inv, input, basename(input), account);
    kind = 'file';
  }
  // CLI outputs' ARNs say where the cluster runs; the options stand in where nothing did.
  inv.region ??= account.region;
  inv.accountId ??= account.accountId;
  if (inv.services.length === 0 && inv.read.length > 0) {
    throw new InputError([{ file: input, path: [], message: `no ECS services found${kind === 'folder' ? ' in the folder' : ''}: expected the output of \`aws ecs describe-services\` or AWS::ECS::Service resources` }]);
  }
  const source = options.source ?? input;
  const built = buildScenario(inv, `Imported from ${basename(input)}`);
  if (built.problems.length > 0) throw new InputError(built.problems);
  const yaml = scenarioYaml(built.scenario, built.comments, inv, source);
  return { yaml, inventory: inv };
}

/**
 * Checks an imported scenario's text as `validate` does.
 * @throws InputError located in `file` (the scenario written).
 */
export function checkImported(yaml: string, file: string): void {
  assemble(parseScenario(yaml, file));
}

/** AWS region names: `us-east-1`, `us-gov-west-1`, `cn-north-1`, `eu-central-2`. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** What is wrong with a given region or account id, or undefined. */
export function accountProblem(account: TemplateAccount): string | undefined {
  if (account.region !== undefined && !REGION_PATTERN.test(account.region)) return `--region "${account.region}" is not an AWS region name; expected one such as us-east-1, eu-west-3 or us-gov-west-1`;
  if (account.accountId !== undefined && !/^\d{12}$/.test(account.accountId)) return `--account-id "${account.accountId}" is not an AWS account id; expected 12 digits, such as 123456789012`;
  return undefined;
}

function readOne(inv: Inventory, file: string, from: string, account: TemplateAccount): void {
  const ext = extname(file).toLowerCase();
  const text = readText(file, 'the file');
  if (ext !== '.json' && isTemplateText(text)) {
    readTemplate(inv, parseTemplateText(text, file), file, from, account);
    return;
  }
  const doc = parseWithPositions(text, file);
  if (isTemplate(doc.data)) {
    readTemplate(inv, doc, file, from, account);
    return;
  }
  const recognised = recogniseCliOutput(doc.data);
  if (recognised === undefined) {
    const keys = isObject(doc.data) ? Object.keys(doc.data).slice(0, 5).join(', ') : Array.isArray(doc.data) ? 'a list' : typeof doc.data;
    inv.ignored.push(`${from}: not an output ecs-sim recognises (top level: ${keys || 'empty'}; \`ecs-sim import --help\` lists those it reads)`);
    inv.read.push({ from, kind: 'not recognised', count: 0 });
    return;
  }
  const item: ItemMaker = (value, at) => ({ value, from, issue: (path: FieldPath, message: string) => doc.issue([...at, ...path], message) });
  const count = recognised.add(inv, doc.data as Record<string, unknown>, from, item);
  inv.read.push({ from, kind: recognised.command, count });
}

/** A YAML template is read with CloudFormation's short forms (!Ref, !GetAtt, !Sub …). */
function isTemplateText(text: string): boolean {
  return /^\s*(AWSTemplateFormatVersion|Resources)\s*:/m.test(text);
}
