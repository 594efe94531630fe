import { Document, isNode, type Node } from 'yaml';
import type { Json } from './inventory.js';

/**
 * The imported scenario as YAML: a header comment (what was read, what was assumed, what
 * was ignored and why), then the scenario with a comment above each part saying where it
 * came from.
 */
export interface ImportReport {
  /** `what` was read from each input, in the order read. */
  readonly read: readonly { readonly from: string; readonly kind: string; readonly count: number }[];
  readonly assumed: readonly string[];
  readonly ignored: readonly string[];
}

export function scenarioYaml(scenario: Json, comments: ReadonlyMap<string, string>, report: ImportReport, source: string): string {
  const doc = new Document(scenario);
  for (const [path, text] of comments) {
    const node = doc.getIn(path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)), true) as unknown;
    if (isNode(node)) (node as Node).commentBefore = ` ${text}`;
    else {
      // A map's value node takes the comment above its key only through the pair; put it on the key's value.
      const parent = doc.getIn(path.split('.').slice(0, -1), true) as unknown;
      if (isNode(parent)) (parent as Node).commentBefore = ` ${text}`;
    }
  }
  return `${header(report, source)}${doc.toString({ lineWidth: 0, flowCollectionPadding: true })}`;
}

function header(report: ImportReport, source: string): string {
  const lines = [`Imported by \`ecs-sim import ${source}\`.`, '', 'Read:'];
  for (const r of report.read) lines.push(`  ${r.from}: ${r.kind} (${r.count})`);
  if (report.assumed.length > 0) {
    lines.push('', 'Assumed (the inputs do not say):');
    for (const a of report.assumed) lines.push(`  - ${a}`);
  }
  lines.push('', report.ignored.length > 0 ? 'Not imported, and why:' : 'Not imported: nothing.');
  for (const i of report.ignored) lines.push(`  - ${i}`);
  return `${lines.map((l) => (l === '' ? '#' : `# ${l}`)).join('\n')}\n`;
}
