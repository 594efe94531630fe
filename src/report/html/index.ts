import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { RunResult } from '../../result/index.js';
import { alarmStates, allTasks, bandDuringDeployments, derivedServiceSeries, inspectorData, lanesOf, markersOf, reportTasks } from './view-model.js';
import type { ReportOptions, ServiceSeries } from './view-model.js';

export type { ReportOptions } from './view-model.js';

/**
 * `ecs-sim run <scenario> --report out.html`: one self-contained HTML file (no network
 * access, opens from disk) that draws a run. The chart library is Apache ECharts, inlined:
 * one maintained library covers every chart the report needs (custom series for the task
 * Gantt, the alarm lanes and the deployment waterfall; lines, stacked bars, mark lines for
 * the markers on the time axis) with tooltips, zoom and a canvas renderer that draws
 * thousands of bars. uPlot is smaller but has no Gantt or bar charts of its own, which
 * would have to be hand-drawn. The cost is size: echarts.min.js is about 1.1 MB.
 *
 * Safety: the page's data is JSON inside <script type="application/json">, with `<`, `>`,
 * `&` and the JS line separators escaped as \uXXXX, so no text from a scenario (a name, a
 * label, `</script>`) can end the element; the page writes every string with textContent
 * and escapes what goes into chart tooltips.
 */
export function renderHtmlReport(result: RunResult, options: ReportOptions = {}): string {
  const data = reportData(result, options);
  return htmlPage({ title: `ecs-sim report: ${result.scenario}`, noscript: 'This report draws its charts with JavaScript.', dataId: 'report-data', data, script: 'page.js' });
}

/** What a self-contained page holds: its title, its data as JSON, and the asset script that draws it. */
export interface HtmlPage {
  readonly title: string;
  readonly noscript: string;
  /** The id of the `<script type="application/json">` the page script reads. */
  readonly dataId: string;
  readonly data: unknown;
  /** The page script, an asset name (`page.js`, `compare-page.js`). */
  readonly script: string;
}

/** One file for a browser: the style, the data, ECharts and the page script inlined, nothing loaded from anywhere. */
export function htmlPage(page: HtmlPage): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network: nothing may load from anywhere but this file.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${asset('page.css')}</style>`,
    '</head><body>',
    `<noscript>${escapeHtml(page.noscript)}</noscript>`,
    `<script type="application/json" id="${page.dataId}">${jsonForScript(page.data)}</script>`,
    `<script>${inlineScript(echartsSource())}</script>`,
    `<script>${inlineScript(asset(page.script))}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

/** The data the page draws: the view model plus the result's own sections, as they are. */
export function reportData(result: RunResult, options: ReportOptions = {}): Record<string, unknown> {
  const endMs = result.simulatedMs;
  const tasks = allTasks(result);
  const rTasks = reportTasks(result, tasks, endMs);
  // The run over time, when the result has it (results without one get the counts rebuilt from task histories).
  const ts = result.timeSeries;
  const services = Object.values(result.ecs?.services ?? {}).map((s) => {
    const fromTs = ts?.services.find((x) => x.serviceName === s.serviceName);
    const series: ServiceSeries =
      fromTs === undefined
        ? derivedServiceSeries(result, s.serviceName, rTasks, endMs)
        : bandDuringDeployments(
            { t: fromTs.t, desired: fromTs.desiredCount, running: fromTs.runningCount, pending: fromTs.pendingCount, healthy: fromTs.healthyCount, floor: fromTs.floor, ceiling: fromTs.ceiling, source: 'timeSeries' },
            (result.deployments ?? []).filter((d) => d.serviceName === s.serviceName),
          );
    return {
      name: s.serviceName,
      desiredCount: s.desiredCount,
      runningCount: s.runningCount,
      taskDefinition: s.taskDefinition.slice(s.taskDefinition.lastIndexOf('/') + 1),
      minimumHealthyPercent: s.deploymentConfiguration.minimumHealthyPercent,
      maximumPercent: s.deploymentConfiguration.maximumPercent,
      strategy: s.deploymentConfiguration.strategy ?? s.deploymentController?.type ?? 'ROLLING',
      series,
      events: [...s.events].reverse(),
      eventCount: s.eventCount,
    };
  });
  const maxPlacements = options.maxPlacements ?? 400;
  const placements = options.placements ?? result.ecs?.placements ?? [];
  const failedFirst = [...placements.filter((p) => p.status !== 'Success'), ...placements.filter((p) => p.status === 'Success')];
  return {
    scenario: result.scenario,
    description: options.description ?? '',
    file: options.file ?? '',
    seed: result.seed,
    logHash: result.logHash,
    untilMs: result.untilMs,
    simulatedMs: result.simulatedMs,
    eventsProcessed: result.eventsProcessed,
    stopReason: result.stopReason,
    partial: result.partial === true,
    error: result.error ?? null,
    taskCounts: result.ecs?.taskCounts ?? null,
    lanes: lanesOf(result, tasks),
    tasks: rTasks,
    services,
    deployments: result.deployments ?? [],
    markers: markersOf(result),
    traffic: {
      series: ts?.requests ?? null,
      periodMs: ts?.periodMs ?? null,
      loadBalancers: (result.elb?.loadBalancers ?? []).map((lb) => ({ name: lb.LoadBalancerName, requests: lb.requests ?? null })),
      workloads: (result.traffic?.workloads ?? []).map((w) => ({ name: w.name, mode: w.mode ?? 'requests', sent: w.sent, total: w.total })),
    },
    scaling: {
      alarms: ts?.alarms !== undefined ? ts.alarms.map((a) => ({ name: a.alarmName, t: a.t, state: a.state })) : null,
      alarmSpans: alarmStates(result, endMs),
      policies: (result.autoscaling?.scalingPolicies ?? []).map((p) => ({
        name: p.PolicyName,
        type: p.PolicyType,
        resourceId: p.ResourceId,
        target: p.TargetTrackingScalingPolicyConfiguration?.TargetValue ?? null,
        metric: p.TargetTrackingScalingPolicyConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType ?? p.TargetTrackingScalingPolicyConfiguration?.CustomizedMetricSpecification?.MetricName ?? null,
        alarms: p.Alarms.map((a) => a.AlarmName),
      })),
      series: result.autoscaling?.series ?? {},
      activities: result.autoscaling?.activities ?? [],
      metricData: result.cloudwatch?.metricData.map((m) => ({ id: m.Id, label: m.Label, t: m.Timestamps.map(isoMs), v: m.Values })) ?? [],
      capacityProviders: result.clusterAutoScaling?.capacityProviders ?? {},
    },
    placements: { total: placements.length, shown: failedFirst.slice(0, maxPlacements) },
    inspector: inspectorData(result, options.decisions ?? result.decisions ?? [], options.maxInspectedPlacements),
    queueing: result.queueing ?? {},
    cost: result.cost ?? null,
    expectations: result.expectations,
  };
}

function isoMs(iso: string): number {
  return Date.parse(iso);
}

/** JSON that is safe inside a <script> element and as JavaScript source. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A script's source inlined: a literal `</script` inside it (in a string) must not end the element. */
export function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** The page's own script and style: src/report/html/assets, copied to dist at build time. */
export function asset(name: string): string {
  return readFileSync(`${HERE}assets/${name}`, 'utf8');
}

let echartsCache: string | undefined;

/** echarts.min.js: copied next to the built module at build time (so the package ships it), or from node_modules in the source tree. */
export function echartsSource(): string {
  if (echartsCache !== undefined) return echartsCache;
  const shipped = `${HERE}assets/vendor/echarts.min.js`;
  const path = existsSync(shipped) ? shipped : createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');
  echartsCache = readFileSync(path, 'utf8');
  return echartsCache;
}
