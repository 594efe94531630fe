import type { CostResult } from '../result/index.js';
import { table } from './ecs-summary.js';
import { grouped } from './format.js';

/** USD for display: cents, or 4 decimals under a dollar (a short run costs fractions of a cent). */
function usd(x: number): string {
  return `$${grouped(x, Math.abs(x) < 1 ? 4 : 2)}`;
}

function quantity(x: number): string {
  return Number.isInteger(x) ? grouped(x) : grouped(x, x < 10 ? 3 : 1);
}

/** The cost lines, totals and what is left out, for `ecs-sim run`'s summary. */
export function costSummaryLines(cost: CostResult): string[] {
  const lines: string[] = [];
  const perHour = cost.perHour === null ? '' : `, ${usd(cost.perHour)} per simulated hour`;
  lines.push(`cost  ${usd(cost.totals.total)} ${cost.currency} over ${quantity(cost.hours)} h${perHour}  (${cost.region}; prices ${cost.verified ? 'verified' : 'unverified'}, as of ${cost.asOf})`);
  if (cost.lines.length > 0) {
    const rows: string[][] = [['item', 'quantity', 'unit', 'unit price', 'cost']];
    for (const l of cost.lines) rows.push([l.item, quantity(l.quantity), l.unit, `$${String(Number(l.unitPrice.toPrecision(6)))}`, usd(l.cost)]);
    lines.push(...table(rows));
  }
  for (const u of cost.unpriced) lines.push(`  unpriced: ${u.item} (${quantity(u.quantity)} ${u.unit}): ${u.message}`);
  for (const n of cost.notMetered) lines.push(`  not metered: ${n}`);
  return lines;
}

/** The cost summary as one block of text. */
export function formatCostSummary(cost: CostResult): string {
  return costSummaryLines(cost).join('\n');
}
