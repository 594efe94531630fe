import type { SweepSummary } from './sweep.js';
import type { Comparison } from './compare.js';

/** The sweep as JSON: keys in a fixed order, numbers as JavaScript prints them: the same bytes every time. */
export function sweepJson(summary: SweepSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

/** The sweep as a table per combination: metric, mean, 95% CI, n, min, max. */
export function formatSweep(summary: SweepSummary): string {
  const blocks = summary.combinations.map((c) => {
    const title = Object.entries(c.values).map(([path, v]) => `${path}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join('  ') || '(the scenario as it is)';
    const rows = [['metric', 'mean', '95% CI', 'n', 'min', 'max']];
    for (const [name, m] of Object.entries(c.metrics)) {
      rows.push([name, num(m.mean), m.ci95 === null ? '-' : `${num(m.ci95[0])} .. ${num(m.ci95[1])}`, String(m.n), num(m.min), num(m.max)]);
    }
    return `${title}  (${c.runs} run${c.runs === 1 ? '' : 's'})\n${table(rows)}`;
  });
  const precision = summary.precision;
  if (precision !== undefined) {
    const target = `${num(precision.target * 100)}%`;
    blocks.push(
      precision.reached
        ? `Every 95% CI is within ${target} of its mean after ${precision.replications} replications.`
        : `⚠ The target precision (${target}) was not reached: the cap of ${precision.maxReplications} replications was hit; widest: ${precision.widest ?? '-'}.`,
    );
  }
  return blocks.join('\n\n');
}

/** Up to 4 decimals, trailing zeros dropped: readable and host-independent. */
function num(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toFixed(Math.abs(x) >= 100 ? 1 : 4)));
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => `  ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')}`).join('\n');
}

/** The comparison as JSON: `{ a, b, seeds, metrics: { <name>: { a, b, difference, excludesZero } } }`. */
export function comparisonJson(comparison: Comparison): string {
  return `${JSON.stringify(comparison, null, 2)}\n`;
}

/** The comparison as a table: both means, B − A with its 95% CI, n, and "yes" where the interval excludes zero. */
export function formatComparison(comparison: Comparison): string {
  const side = (s: Comparison['a']): string => [s.source, ...s.set.map((x) => `--set ${x}`)].join(' ');
  const n = comparison.seeds.length;
  const head = `A: ${side(comparison.a)}\nB: ${side(comparison.b)}\n${n} paired replication${n === 1 ? '' : 's'} (replication r of A and B with the same seed)`;
  const rows = [['metric', 'A mean', 'B mean', 'B − A', '95% CI', 'n', 'excludes 0']];
  for (const [name, m] of Object.entries(comparison.metrics)) {
    const ci = m.difference.ci95;
    rows.push([name, num(m.a), num(m.b), num(m.difference.mean), ci === null ? '-' : `${num(ci[0])} .. ${num(ci[1])}`, String(m.difference.n), ci === null ? '-' : m.excludesZero ? 'yes' : 'no']);
  }
  if (rows.length === 1) return `${head}\n  (no metric to compare: these runs have none of the default metrics; name some with --metric PATH)`;
  return `${head}\n${table(rows)}`;
}
