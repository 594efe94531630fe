import type { EcsResult, PlacementRecord } from '../result/index.js';
import { clock } from './ecs-summary.js';

/**
 * `ecs-sim explain`: for each placement decision, every instance's verdict — the filter
 * that rejected it and why, or its rank under each strategy — and the choice. Real ECS
 * says only which instance came closest; this says why each one lost.
 */
export function selectPlacements(ecs: EcsResult, task: string | undefined): readonly PlacementRecord[] {
  const all = ecs.placements;
  if (task === undefined) {
    const failed = all.filter((p) => p.status !== 'Success');
    return failed.length > 0 ? failed : all;
  }
  return all.filter((p) => p.label === task || (p.taskArn !== undefined && p.taskArn.slice(p.taskArn.lastIndexOf('/') + 1).startsWith(task)));
}

export function formatExplanation(ecs: EcsResult, records: readonly PlacementRecord[]): string {
  const refOf = new Map(ecs.containerInstances.map((i) => [i.containerInstanceArn, i.ref]));
  const lines: string[] = [];
  for (const p of records) {
    const task = p.taskArn === undefined ? '' : ` task ${p.taskArn.slice(p.taskArn.lastIndexOf('/') + 1, p.taskArn.lastIndexOf('/') + 9)}`;
    lines.push(`${clock(p.t)}  RunTask ${p.label}${task}  group ${p.group}  strategies: ${p.strategies.join(', ') || 'none'}`);
    if (p.status === 'Success' && p.chosen !== undefined) lines.push(`  placed on ${refOf.get(p.chosen) ?? p.chosen}`);
    else lines.push(`  not placed (${p.status})${p.closest === undefined ? '' : `: the closest match, ${refOf.get(p.closest.containerInstanceArn) ?? p.closest.containerInstanceArn}, failed ${p.closest.reason} (${p.closest.detail})`}`);
    for (const c of p.candidates ?? []) {
      const ref = (refOf.get(c.containerInstanceArn) ?? '').padEnd(10);
      if (c.rejectedBy !== undefined) {
        lines.push(`    ${ref} ${c.ec2InstanceId}  ✖ ${c.rejectedBy.padEnd(16)} ${c.reason ?? ''}: ${c.detail ?? ''}`);
      } else {
        const ranks = (c.ranks ?? []).map((r, i) => `${p.strategies[i] ?? '?'}=${Number.isInteger(r) ? r : r.toFixed(4)}`).join('  ');
        const mark = c.containerInstanceArn === p.chosen ? '  ← chosen' : '';
        lines.push(`    ${ref} ${c.ec2InstanceId}  ✔ passed filters   ${ranks}${mark}`);
      }
    }
  }
  if (records.length === 0) lines.push('no placement decisions matched');
  return lines.join('\n');
}
