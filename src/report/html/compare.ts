import type { RunResult } from '../../result/index.js';
import { htmlPage } from './index.js';

/**
 * `ecs-sim compare A B --report out.html`: the comparison as one self-contained page, with
 * the same safety rules as the run report (index.ts): no network (the CSP allows nothing
 * but this file), ECharts inlined, the data as escaped JSON, every string written with
 * textContent by compare-page.js. It draws the paired differences as a forest plot (each
 * metric's 95% interval of B − A around zero) and one replication of both sides side by side
 * (replication 0, or any other the selector picks), on axes shared by every replication
 * drawn, so a reader sees the two runs behind the numbers.
 *
 * The comparison is taken structurally (reports do not import experiment/).
 */

export interface CompareReportInput {
  readonly a: { readonly source: string; readonly set: readonly string[] };
  readonly b: { readonly source: string; readonly set: readonly string[] };
  readonly seeds: readonly (string | number)[];
  readonly metrics: Readonly<
    Record<
      string,
      {
        readonly a: number;
        readonly b: number;
        readonly difference: { readonly mean: number; readonly ci95: readonly [number, number] | null; readonly n: number };
        readonly excludesZero: boolean;
      }
    >
  >;
}

/** One replication of each side, when there is one to draw (a sweep directory keeps only metrics). */
export interface CompareRuns {
  readonly a: RunResult | null;
  readonly b: RunResult | null;
}

/** How many replications the page draws (each is two whole runs' series). */
export const MAX_DRAWN_REPLICATIONS = 10;

export interface ComparedMetric {
  readonly name: string;
  readonly a: number;
  readonly b: number;
  readonly mean: number;
  readonly ci95: readonly [number, number] | null;
  readonly n: number;
  readonly excludesZero: boolean;
  /**
   * The difference and its interval as % of A's mean, for the forest plot, where metrics of
   * every unit share one axis; null when A's mean is 0 (no relative scale), listed under the plot.
   */
  readonly relative: { readonly mean: number; readonly low: number; readonly high: number } | null;
}

export interface SideRun {
  readonly scenario: string;
  readonly seed: string | number;
  readonly logHash: string;
  readonly simulatedMs: number;
  /** Per load balancer (or, with none, per workload): responses and 5xx per period. */
  readonly requests: readonly { readonly name: string; readonly t: readonly number[]; readonly count: readonly number[]; readonly http5xx: readonly number[] }[];
  /** Per service: its running and desired counts at every change. */
  readonly services: readonly { readonly name: string; readonly t: readonly number[]; readonly running: readonly number[]; readonly desired: readonly (number | null)[] }[];
}

export interface CompareReportData {
  readonly a: { readonly source: string; readonly set: readonly string[]; readonly run: SideRun | null };
  readonly b: { readonly source: string; readonly set: readonly string[]; readonly run: SideRun | null };
  readonly seeds: readonly (string | number)[];
  readonly metrics: readonly ComparedMetric[];
  /** The replications drawn (the first MAX_DRAWN_REPLICATIONS), replication 0 first: the page's selector picks one. */
  readonly replications: readonly { readonly seed: string | number; readonly a: SideRun | null; readonly b: SideRun | null }[];
  /** The axes both sides share, over every replication drawn, so equal heights mean equal values. */
  readonly axes: { readonly endMs: number; readonly requestsMax: number; readonly servicesMax: number };
}

/**
 * The page's data: pure, from the comparison and the runs of each side: replication 0's,
 * or one per replication in seed order (the first MAX_DRAWN_REPLICATIONS are drawn).
 */
export function compareReportData(comparison: CompareReportInput, runs: CompareRuns | readonly CompareRuns[]): CompareReportData {
  const metrics = Object.entries(comparison.metrics).map(([name, m]) => ({
    name,
    a: m.a,
    b: m.b,
    mean: m.difference.mean,
    ci95: m.difference.ci95,
    n: m.difference.n,
    excludesZero: m.excludesZero,
    relative: relativeTo(m.a, m.difference.mean, m.difference.ci95),
  }));
  const list: readonly CompareRuns[] = isRunList(runs) ? runs.slice(0, MAX_DRAWN_REPLICATIONS) : [runs];
  const replications = list.map((r, i) => ({ seed: comparison.seeds[i] ?? i, a: r.a === null ? null : sideRun(r.a), b: r.b === null ? null : sideRun(r.b) }));
  const both = replications.flatMap((r) => [r.a, r.b]).filter((s): s is SideRun => s !== null);
  return {
    a: { source: comparison.a.source, set: [...comparison.a.set], run: replications[0]?.a ?? null },
    b: { source: comparison.b.source, set: [...comparison.b.set], run: replications[0]?.b ?? null },
    seeds: [...comparison.seeds],
    metrics,
    replications,
    axes: {
      endMs: Math.max(0, ...both.map((s) => s.simulatedMs)),
      requestsMax: Math.max(0, ...both.flatMap((s) => s.requests.flatMap((r) => r.count))),
      servicesMax: Math.max(0, ...both.flatMap((s) => s.services.flatMap((x) => [...x.running, ...x.desired.filter((d): d is number => d !== null)]))),
    },
  };
}

function isRunList(runs: CompareRuns | readonly CompareRuns[]): runs is readonly CompareRuns[] {
  return Array.isArray(runs);
}

/** B − A and its interval as % of |A's mean|; none when A's mean is 0. */
export function relativeTo(aMean: number, mean: number, ci: readonly [number, number] | null): ComparedMetric['relative'] {
  if (aMean === 0 || !Number.isFinite(aMean)) return null;
  const pct = (x: number): number => (x / Math.abs(aMean)) * 100;
  const [low, high] = ci ?? [mean, mean];
  return { mean: pct(mean), low: pct(low), high: pct(high) };
}

/** What the side-by-side charts need of one run: its requests and its services' counts over time. */
export function sideRun(result: RunResult): SideRun {
  const ts = result.timeSeries;
  const lbs = (ts?.requests ?? []).filter((r) => r.scope === 'loadBalancer');
  const requests = (lbs.length > 0 ? lbs : (ts?.requests ?? []).filter((r) => r.scope === 'workload')).map((r) => ({ name: r.name, t: r.t, count: r.count, http5xx: r.http5xx }));
  const services = (ts?.services ?? []).map((s) => ({ name: s.serviceName, t: s.t, running: s.runningCount, desired: s.desiredCount }));
  return { scenario: result.scenario, seed: result.seed, logHash: result.logHash, simulatedMs: result.simulatedMs, requests, services };
}

/**
 * The comparison page: `runs` is replication 0 of each side, or one entry per replication in
 * seed order (the page then has a replication selector).
 */
export function renderCompareReport(comparison: CompareReportInput, runs: CompareRuns | readonly CompareRuns[]): string {
  const data = compareReportData(comparison, runs);
  return htmlPage({ title: `ecs-sim compare: ${comparison.a.source} vs ${comparison.b.source}`, noscript: 'This page draws its charts with JavaScript.', dataId: 'compare-data', data, script: 'compare-page.js' });
}
