import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import { perfettoTrace, type TraceEvent } from '../../src/report/perfetto.js';
import { csvField, dimensionsText, METRICS_CSV_HEADER } from '../../src/report/metrics-csv.js';
import { terminalSafe } from '../../src/report/format.js';
import { cli, ROOT, tempDir } from '../support.js';

/**
 * `ecs-sim run` writes what people look at a run with: `--metrics out.csv` (every
 * CloudWatch metric the run published, per minute, long format) and `--perfetto out.json`
 * (Chrome trace events); `--until` ends the run early; bad flag values and unwritable
 * paths exit 2 before the run; scenario text reaches the terminal without control characters.
 */
const scenario = (name: string): string => join(ROOT, 'scenarios', name);

/** RFC 4180: fields, quoted fields with doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  expect(field).toBe('');
  return rows;
}

describe('--metrics out.csv', () => {
  it('holds every metric the run published, per minute, and parses back to the sums the result has', async () => {
    const dir = tempDir();
    const csv = join(dir, 'metrics.csv');
    const { code } = await cli('run', scenario('20-cloudwatch-cpu-alarm.yaml'), '--metrics', csv, '--json');
    expect(code).toBe(0);
    const rows = parseCsv(readFileSync(csv, 'utf8'));
    expect(rows[0]!.join(',')).toBe(METRICS_CSV_HEADER);
    const data = rows.slice(1);
    for (const r of data) {
      expect(r).toHaveLength(6);
      expect(r[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/);
      expect(['SampleCount', 'Sum', 'Minimum', 'Maximum', 'Average']).toContain(r[4]);
      expect(Number.isFinite(Number(r[5]))).toBe(true);
    }
    // ECS's and the ALB's metrics are all there, dimensions sorted by name.
    const names = new Set(data.map((r) => `${r[1]} ${r[2]}`));
    for (const m of ['AWS/ECS CPUUtilization', 'AWS/ECS MemoryUtilization', 'AWS/ApplicationELB RequestCount', 'AWS/ApplicationELB HealthyHostCount']) expect(names).toContain(m);
    expect(data.some((r) => r[3] === 'LoadBalancer=app/shop/6fef5fdc3f50e815;TargetGroup=targetgroup/web/9e0c715f19c26235')).toBe(true);
    // RequestCount per LoadBalancer, summed over the minutes = what the load balancer counted (C-009: the ELB's own 503s are not counted).
    const result = runScenario(loadScenarioFile(scenario('20-cloudwatch-cpu-alarm.yaml'))).result;
    const csvSum = data.filter((r) => r[2] === 'RequestCount' && r[3] === 'LoadBalancer=app/shop/6fef5fdc3f50e815' && r[4] === 'Sum').reduce((n, r) => n + Number(r[5]), 0);
    const counts = result.elb!.loadBalancers[0]!.requests!.counts;
    expect(csvSum).toBe(counts.RequestCount);
    // And every Sum the result's own query returned (the visible ones) is a row of the CSV.
    const query = result.cloudwatch!.metricData.find((m) => m.Id === 'requests')!;
    query.Timestamps.forEach((t, i) => {
      const row = data.find((r) => r[0] === t && r[2] === 'RequestCount' && r[3] === 'LoadBalancer=app/shop/6fef5fdc3f50e815' && r[4] === 'Sum');
      expect(Number(row![5])).toBe(query.Values[i]);
    });
    // Average = Sum / SampleCount, row by row.
    const key = (r: string[]) => `${r[0]}|${r[1]}|${r[2]}|${r[3]}`;
    const byKey = new Map<string, Record<string, number>>();
    for (const r of data) byKey.set(key(r), { ...byKey.get(key(r)), [r[4]!]: Number(r[5]) });
    for (const s of byKey.values()) expect(s['Average']).toBeCloseTo(s['Sum']! / s['SampleCount']!, 9);
  });

  it('quotes fields as RFC 4180 says, and sorts dimensions by name', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"\nthere')).toBe('"say ""hi""\nthere"');
    expect(dimensionsText([{ Name: 'ServiceName', Value: 'web' }, { Name: 'ClusterName', Value: 'default' }])).toBe('ClusterName=default;ServiceName=web');
    const text = `${METRICS_CSV_HEADER}\r\n1970-01-01T00:00:00.000Z,Custom,${csvField('odd, "name"')},,Sum,1\r\n`;
    expect(parseCsv(text)[1]).toEqual(['1970-01-01T00:00:00.000Z', 'Custom', 'odd, "name"', '', 'Sum', '1']);
  });

  it('a run that publishes no metric writes the header and says why', async () => {
    const dir = tempDir();
    const csv = join(dir, 'metrics.csv');
    const { code, err } = await cli('run', scenario('13-rolling-deployment.yaml'), '--metrics', csv);
    expect(code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toBe(`${METRICS_CSV_HEADER}\r\n`);
    expect(err).toContain('this run published no CloudWatch metrics');
  });
});

/** Checks the trace's structure: metadata names, B/E pairs per track, time order per track, flow ids. */
function checkTrace(events: readonly TraceEvent[]): void {
  const named = new Set(events.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => e.pid));
  const lastTs = new Map<string, number>();
  const open = new Map<string, string[]>();
  const flows = new Map<number, string[]>();
  for (const e of events) {
    expect(Number.isInteger(e.ts) && e.ts >= 0).toBe(true);
    if (e.ph === 'M') continue;
    expect(named.has(e.pid)).toBe(true);
    const track = e.ph === 'C' ? `${e.pid}/C/${e.name}` : `${e.pid}/${e.tid}`;
    expect(e.ts).toBeGreaterThanOrEqual(lastTs.get(track) ?? 0);
    lastTs.set(track, e.ts);
    const stack = open.get(track) ?? [];
    if (e.ph === 'B') stack.push(e.name);
    if (e.ph === 'E') expect(stack.pop()).toBe(e.name);
    open.set(track, stack);
    if (e.ph === 's' || e.ph === 'f') flows.set(e.id!, [...(flows.get(e.id!) ?? []), e.ph]);
  }
  for (const stack of open.values()) expect(stack).toEqual([]);
  for (const phases of flows.values()) expect(phases).toEqual(['s', 'f']);
}

describe('--perfetto out.json', () => {
  it('13-rolling-deployment: instances as processes, a slice per task state, deployments flowing to the tasks they started', async () => {
    const dir = tempDir();
    const out = join(dir, 'trace.json');
    const { code } = await cli('run', scenario('13-rolling-deployment.yaml'), '--perfetto', out);
    expect(code).toBe(0);
    const trace = JSON.parse(readFileSync(out, 'utf8')) as { traceEvents: TraceEvent[]; displayTimeUnit: string };
    expect(trace.displayTimeUnit).toBe('ms');
    const events = trace.traceEvents;
    checkTrace(events);
    const result = runScenario(loadScenarioFile(scenario('13-rolling-deployment.yaml'))).result;
    const processes = events.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => e.args!['name'] as string);
    for (const i of result.ecs!.containerInstances) expect(processes).toContain(`${i.ec2InstanceId} (${i.availabilityZone})`);
    const tasks = Object.values(result.ecs!.tasksByLabel).flat();
    const threads = events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => e.args!['name'] as string);
    for (const t of tasks) expect(threads.some((n) => n.endsWith(t.taskArn.slice(t.taskArn.lastIndexOf('/') + 1)))).toBe(true);
    // A RUNNING slice per task that ran; slices start at the history's times (µs).
    const running = events.filter((e) => e.ph === 'B' && e.name === 'RUNNING');
    expect(running.length).toBe(tasks.filter((t) => t.startedAt !== undefined).length);
    expect(running.map((e) => e.ts).sort((a, b) => a - b)).toEqual(tasks.flatMap((t) => (t.startedAt === undefined ? [] : [t.startedAt * 1000])).sort((a, b) => a - b));
    // One flow per task a deployment started.
    const flowStarts = events.filter((e) => e.ph === 's');
    expect(flowStarts.length).toBe(tasks.filter((t) => result.deployments!.some((d) => d.id === t.startedBy)).length);
    expect(flowStarts.length).toBeGreaterThan(4);
    // Counters for the service and the load balancer's requests.
    expect(events.some((e) => e.ph === 'C' && e.name === 'service web' && typeof e.args!['healthy'] === 'number')).toBe(true);
    expect(events.some((e) => e.ph === 'C' && e.name === 'load balancer shop requests/s')).toBe(true);
  });

  it('26-instance-and-agent-faults: faults are instants of category fault; the trace of every bundled kind holds together', () => {
    for (const name of ['26-instance-and-agent-faults.yaml', '24-fargate-spot-interruptions.yaml', '15-circuit-breaker-rollback.yaml']) {
      const result = runScenario(loadScenarioFile(scenario(name))).result;
      const { traceEvents } = perfettoTrace(result);
      checkTrace(traceEvents);
      if (name.startsWith('26')) expect(traceEvents.filter((e) => e.ph === 'i' && e.cat === 'fault').map((e) => e.name)).toEqual(expect.arrayContaining(['terminateInstance', 'disconnectAgent']));
      if (name.startsWith('24')) expect(traceEvents.some((e) => e.ph === 'M' && String(e.args?.['name']).startsWith('Fargate ('))).toBe(true);
    }
  });
});

describe('run flags', () => {
  it('--until ends the run early, keeping the log a prefix of the full run’s', async () => {
    const dir = tempDir();
    const short = join(dir, 'short.jsonl');
    const full = join(dir, 'full.jsonl');
    const a = await cli('run', scenario('13-rolling-deployment.yaml'), '--until', '5m', '--json', '--trace', short);
    await cli('run', scenario('13-rolling-deployment.yaml'), '--trace', full);
    // Cut before the deployment ends, its expectations fail (exit 1): the run itself went fine.
    expect(a.code).toBe(1);
    const result = JSON.parse(a.out) as { untilMs: number; simulatedMs: number };
    expect(result.untilMs).toBe(300_000);
    expect(result.simulatedMs).toBeLessThanOrEqual(300_000);
    expect(readFileSync(full, 'utf8').startsWith(readFileSync(short, 'utf8'))).toBe(true);
  });

  it.each([
    [['--until', '1x'], '--until: expected a duration such as "250ms", "30s", "5m", "1h30m" or "2d", got "1x"'],
    [['--until', '0s'], '--until expects a duration longer than 0, got "0s"'],
    [['--seed', 'abc'], '--seed expects an integer'],
    [['--metrics', '/no/such/dir/m.csv'], '--metrics /no/such/dir/m.csv: cannot write: no such directory /no/such/dir'],
    [['--perfetto', '/no/such/dir/p.json'], '--perfetto /no/such/dir/p.json: cannot write: no such directory /no/such/dir'],
  ])('%j exits 2 with our own message, before the run', async (flags, message) => {
    const { code, out, err } = await cli('run', scenario('13-rolling-deployment.yaml'), ...flags);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(`ecs-sim: ${message}`);
  });

  it('the terminal summary strips control characters from the scenario’s text', async () => {
    const dir = tempDir();
    const file = join(dir, 'hostile.yaml');
    const text = readFileSync(scenario('13-rolling-deployment.yaml'), 'utf8').replace(/^name: .*$/m, 'name: "evil\\e[2J\\e]0;pwned\\u0007 name\\u0008\\r"');
    writeFileSync(file, text);
    const { code, out } = await cli('run', file);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^evil name {2}\(/);
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });

  it('terminalSafe keeps newlines and tabs and drops escape sequences', () => {
    expect(terminalSafe('a\x1b[31mred\x1b[0m\tb\nc\x1b]0;title\x07d\x9be')).toBe('ared\tb\ncde');
  });
});
