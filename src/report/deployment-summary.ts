import type { DeploymentPhase, DeploymentRecord } from '../result/index.js';
import { clock, table } from './ecs-summary.js';

/** How each phase reads in the summary, and its letter in the waterfall bar. */
export const PHASE_LABELS: Readonly<Record<DeploymentPhase, { readonly label: string; readonly mark: string }>> = {
  placement: { label: 'waiting for placement', mark: '?' },
  provisioning: { label: 'provisioning', mark: 'p' },
  imagePull: { label: 'image pull', mark: 'i' },
  containerStart: { label: 'container start', mark: 'c' },
  registration: { label: 'registration', mark: 'r' },
  healthChecks: { label: 'health checks', mark: 'h' },
  deregistrationDelay: { label: 'deregistration delay', mark: 'D' },
  stopping: { label: 'stopping', mark: 's' },
  lifecycleHooks: { label: 'lifecycle hooks', mark: 'L' },
  trafficShift: { label: 'traffic shifting', mark: 't' },
  bake: { label: 'bake time', mark: 'b' },
  scheduler: { label: 'scheduler', mark: '.' },
};

const BAR_WIDTH = 40;
const TOP_PHASES = 3;

/** A span for people: 850 → "0.9s", 42_400 → "42s", 300_000 → "5m00s", 3_723_000 → "1h02m03s". */
export function span(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m${String(s).padStart(2, '0')}s`;
  if (m > 0) return `${m}m${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

/** `ecs-svc/9223370564341623665` → `ecs-svc/...623665`. */
export function shortDeploymentId(id: string): string {
  const slash = id.indexOf('/');
  const digits = id.slice(slash + 1);
  return digits.length <= 6 ? id : `${id.slice(0, slash + 1)}...${digits.slice(-6)}`;
}

/**
 * The critical path as one line of BAR_WIDTH marks: each cell shows the phase that holds
 * the middle of its slice of the deployment's time.
 */
export function waterfallBar(record: DeploymentRecord, width = BAR_WIDTH): string {
  if (record.durationMs <= 0 || record.criticalPath.length === 0) return '';
  let out = '';
  let j = 0;
  for (let i = 0; i < width; i += 1) {
    const t = record.startMs + ((i + 0.5) * record.durationMs) / width;
    while (j < record.criticalPath.length - 1 && (record.criticalPath[j]?.endMs ?? 0) <= t) j += 1;
    const phase = record.criticalPath[j]?.phase ?? 'scheduler';
    out += PHASE_LABELS[phase].mark;
  }
  return out;
}

/** A table of the deployments, then per deployment its waterfall bar and its largest critical-path phases. */
export function formatDeployments(records: readonly DeploymentRecord[]): string {
  if (records.length === 0) return 'deployments: none\n';
  const rows = [['service', 'deployment', 'strategy', 'start', 'duration', 'outcome', 'min healthy', 'max running', 'started', 'stopped']];
  for (const r of records) {
    const outcome = r.rolledBackBy !== undefined ? 'FAILED, rolled back' : r.rollbackTo !== undefined ? `${r.outcome} (rollback)` : r.outcome;
    rows.push([
      r.serviceName,
      shortDeploymentId(r.id),
      r.strategy,
      clock(r.startMs),
      span(r.durationMs),
      outcome,
      `${r.minHealthyCount}/${r.healthyFloor}`,
      `${r.maxRunningCount}/${r.runningCeiling}`,
      String(r.tasksStarted),
      String(r.tasksStopped),
    ]);
  }
  const lines = ['deployments (min healthy / floor, max running / ceiling: ecs-facts S-067)', ...table(rows), ''];
  // The legend names only the marks the bars use.
  const used = new Set(records.flatMap((r) => [...waterfallBar(r)]));
  const legend = (Object.keys(PHASE_LABELS) as DeploymentPhase[]).filter((p) => used.has(PHASE_LABELS[p].mark)).map((p) => `${PHASE_LABELS[p].mark} ${PHASE_LABELS[p].label}`).join(', ');
  lines.push(`where the time went (critical path; ${legend})`);
  for (const r of records) {
    lines.push(`  ${r.serviceName} ${shortDeploymentId(r.id)}  [${waterfallBar(r)}]  ${span(r.durationMs)}`);
    const top = r.phases
      .filter((p) => p.criticalPathMs > 0)
      .map((p, order) => ({ p, order }))
      // Largest first; equal ones in the fixed phase order.
      .sort((a, b) => b.p.criticalPathMs - a.p.criticalPathMs || a.order - b.order)
      .slice(0, TOP_PHASES)
      .map(({ p }) => `${PHASE_LABELS[p.name].label} ${span(p.criticalPathMs)} (${Math.round((100 * p.criticalPathMs) / Math.max(1, r.durationMs))}%)`);
    if (top.length > 0) lines.push(`    ${top.join(' · ')}`);
  }
  return `${lines.join('\n')}\n`;
}
