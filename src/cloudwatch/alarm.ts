import { NamespaceDelayedMetricStore } from './namespace-delays.js';
import type { Simulation, Timer } from '../engine/index.js';
import { decideRange, evaluateRange, evaluationRangeOf, stateReasonText, type AlarmStateValue, type RangeEvaluation, type RangePoint } from './evaluation.js';
import { formatIsoTimestamp, formatReasonDataDate } from './format.js';
import { MetricStore, type MetricStoreOptions, type Statistic, type WindowReader } from './metric-store.js';
import { parseMetricAlarm, type MetricAlarmConfig } from './schema.js';

/**
 * CloudWatch metric alarms as an actor on the simulation clock.
 *
 * - **Cadence** (C-022): an alarm with a period of a minute or more is evaluated every
 *   minute, one with a 10 s or 30 s period every 10 s. Evaluations run on multiples of the
 *   cadence in simulated time, the first one after the alarm is put.
 * - **Datapoints.** At evaluation time q, datapoint i (0 = newest) is the statistic over
 *   [q − (i+1)·Period, q − i·Period), stamped with its start: the window slides with the
 *   evaluation ("minutes 1–5, then 2–6", C-022). Only published samples count (the store's
 *   publication delay), so the newest periods are often missing or partial — which is what
 *   the evaluation range is for (C-025).
 * - **Decision**: `evaluateRange` (evaluation.ts, C-024 to C-026). A new alarm starts in
 *   INSUFFICIENT_DATA; an update (PutMetricAlarm on an existing name) keeps the state, as
 *   the API does.
 * - **Low-sample percentiles** (C-028): with `EvaluateLowSampleCountPercentile: ignore`,
 *   an evaluation where any evaluated datapoint has fewer than 10/(1−p) samples (p ≥ 0.5)
 *   or 10/p (p < 0.5) leaves the state unchanged.
 * - **Actions** (C-027) fire on transitions: the ARNs in `AlarmActions`, `OKActions`,
 *   `InsufficientDataActions` call handlers registered with `registerAction`. "Except for
 *   Auto Scaling actions": an action registered with `repeatWhileInAlarm` (the default for
 *   `arn:aws:autoscaling:` ARNs, which Application Auto Scaling policies have) is invoked
 *   again at every evaluation that finds the alarm still in ALARM — once a minute for
 *   alarms of a minute or more. Consumers may also poll `describeAlarms`. State-change
 *   listeners (`onStateChange`) see every transition, with or without actions enabled
 *   (the deployment alarm hook needs no ARN).
 * - **History** (DescribeAlarmHistory): ConfigurationUpdate on create/update, StateUpdate
 *   on each transition (`Alarm updated from OK to ALARM`), Action for each action run on a
 *   transition (repeats are not recorded, to keep the history short).
 * - Each transition is traced as `alarmStateChange` by actor `cloudwatch`.
 */

export interface AlarmStateChange {
  readonly AlarmName: string;
  readonly oldState: AlarmStateValue;
  readonly newState: AlarmStateValue;
  readonly StateReason: string;
  readonly timestampMs: number;
}

export interface AlarmActionInvocation {
  readonly AlarmName: string;
  readonly ActionArn: string;
  readonly StateValue: AlarmStateValue;
  readonly StateReason: string;
  readonly timestampMs: number;
  /** True for a re-invocation while the alarm stays in ALARM (C-027). */
  readonly repeat: boolean;
  /** The datapoints the evaluation that invoked the action evaluated (period start, value), oldest first; absent after SetAlarmState. */
  readonly evaluated?: readonly { readonly timestampMs: number; readonly value: number }[];
}

export type AlarmActionHandler = (invocation: AlarmActionInvocation) => void;

export interface AlarmHistoryItem {
  readonly AlarmName: string;
  readonly AlarmType: 'MetricAlarm';
  readonly Timestamp: string;
  readonly HistoryItemType: 'ConfigurationUpdate' | 'StateUpdate' | 'Action';
  readonly HistorySummary: string;
  readonly HistoryData: string;
}

/** `DescribeAlarms` `MetricAlarms[]` entry. */
export interface MetricAlarmDescription extends Omit<MetricAlarmConfig, 'AlarmDescription' | 'Statistic' | 'ExtendedStatistic' | 'Unit' | 'EvaluateLowSampleCountPercentile'> {
  readonly AlarmDescription?: string;
  readonly Statistic?: string;
  readonly ExtendedStatistic?: string;
  readonly Unit?: string;
  readonly EvaluateLowSampleCountPercentile?: string;
  readonly StateValue: AlarmStateValue;
  readonly StateReason: string;
  readonly StateReasonData?: string;
  readonly StateUpdatedTimestamp: string;
  readonly AlarmConfigurationUpdatedTimestamp: string;
}

export interface CloudWatchOptions extends MetricStoreOptions {
  /** A publication delay per namespace (EF-006); when given, `publicationDelayMs` is the delay of the namespaces it does not list. */
  readonly publicationDelayByNamespace?: ReadonlyMap<string, number>;
  /** Only the evaluation range's size; default N + 2 (C-025 gives 5 for N = 3). */
  readonly evaluationRange?: (evaluationPeriods: number) => number;
}

/** `[observed]` reason of a newly created alarm; not in the facts file. */
export const INITIAL_STATE_REASON = 'Unchecked: Initial alarm creation';
const AUTO_SCALING_ARN_PREFIX = 'arn:aws:autoscaling:';

/** C-022: every minute for periods of a minute or more, else every 10 s. */
export function evaluationCadenceMs(periodSeconds: number): number {
  return periodSeconds >= 60 ? 60_000 : 10_000;
}

class MetricAlarm {
  state: AlarmStateValue = 'INSUFFICIENT_DATA';
  reason = INITIAL_STATE_REASON;
  reasonData: string | undefined;
  /** `reasonData`'s value as JSON.stringify writes it, for the history's JSON (the text itself when the alarm wrote it; SetAlarmState's text may be spaced otherwise). */
  reasonDataJson: string | undefined;
  stateUpdatedMs: number;
  configUpdatedMs: number;
  timer: Timer | undefined;
  /** The store's shared reader of the alarm's metric, period and statistic; cleared when the configuration changes. */
  reader: WindowReader | undefined;
  /** The evaluation range's datapoints, oldest first: one array reused by every evaluation (evaluateRange keeps none of it). */
  range: (RangePoint | undefined)[] = [];
  constructor(
    public config: MetricAlarmConfig,
    now: number,
  ) {
    this.stateUpdatedMs = now;
    this.configUpdatedMs = now;
  }

  get name(): string {
    return this.config.AlarmName;
  }
}

interface ActionRegistration {
  readonly handler: AlarmActionHandler;
  readonly repeatWhileInAlarm: boolean;
}

export class CloudWatch {
  readonly metrics: MetricStore;
  private readonly alarms = new Map<string, MetricAlarm>();
  private readonly history: AlarmHistoryItem[] = [];
  private readonly listeners: ((change: AlarmStateChange) => void)[] = [];
  private readonly actions = new Map<string, ActionRegistration>();
  private readonly rangeOf: (n: number) => number;

  constructor(
    private readonly sim: Simulation,
    options: CloudWatchOptions = {},
  ) {
    const byNamespace = options.publicationDelayByNamespace;
    this.metrics =
      byNamespace === undefined || byNamespace.size === 0
        ? new MetricStore(sim, options)
        : new NamespaceDelayedMetricStore(sim, { byNamespace, ...(options.publicationDelayMs === undefined ? {} : { defaultMs: options.publicationDelayMs }) }, options.epochOriginMs === undefined ? {} : { epochOriginMs: options.epochOriginMs });
    this.rangeOf = options.evaluationRange ?? evaluationRangeOf;
  }

  /**
   * `PutMetricAlarm`: creates the alarm (state INSUFFICIENT_DATA) or replaces the
   * configuration of the one with that name, keeping its state.
   * @throws InputError listing every problem with the input.
   */
  putMetricAlarm(input: unknown): void {
    const config = parseMetricAlarm(input);
    const now = this.sim.now;
    let alarm = this.alarms.get(config.AlarmName);
    const created = alarm === undefined;
    if (alarm === undefined) {
      alarm = new MetricAlarm(config, now);
      this.alarms.set(config.AlarmName, alarm);
    } else {
      this.sim.cancel(alarm.timer);
      alarm.config = config;
      alarm.reader = undefined;
      alarm.configUpdatedMs = now;
    }
    this.record(alarm, 'ConfigurationUpdate', `Alarm "${config.AlarmName}" ${created ? 'created' : 'updated'}`, {
      version: '1.0',
      type: created ? 'Create' : 'Update',
      createdAlarm: created ? this.describe(alarm) : undefined,
      updatedAlarm: created ? undefined : this.describe(alarm),
    });
    // How far back the alarm (and Auto Scaling, reading its range: N + 2 periods) can read, for the store's retention mode.
    this.metrics.need({ Namespace: config.Namespace, MetricName: config.MetricName, Dimensions: config.Dimensions }, Math.max(this.rangeOf(config.EvaluationPeriods), config.EvaluationPeriods + 2) * config.Period * 1000);
    const cadence = evaluationCadenceMs(config.Period);
    alarm.timer = this.sim.at((Math.floor(now / cadence) + 1) * cadence, this.tick, alarm);
  }

  /** `DeleteAlarms`; unknown names are ignored, as the API does. */
  deleteAlarms(names: readonly string[]): void {
    for (const name of names) {
      const alarm = this.alarms.get(name);
      if (alarm === undefined) continue;
      this.sim.cancel(alarm.timer);
      this.alarms.delete(name);
    }
  }

  /** `DescribeAlarms` `MetricAlarms`, by name (all when `names` is absent), sorted by name. */
  describeAlarms(names?: readonly string[]): MetricAlarmDescription[] {
    // By name when names are given: Auto Scaling asks for one alarm at each action.
    const chosen = names === undefined ? [...this.alarms.values()] : [...new Set(names)].flatMap((n) => this.alarms.get(n) ?? []);
    return chosen.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((a) => this.describe(a));
  }

  /** One alarm's configuration as PutMetricAlarm set it (cheaper than DescribeAlarms); undefined for an unknown name. */
  alarmConfig(name: string): MetricAlarmConfig | undefined {
    return this.alarms.get(name)?.config;
  }

  /** The shared reader of what the named alarm evaluates (`readerFor` its configuration); undefined for an unknown name. */
  alarmReader(name: string): WindowReader | undefined {
    const alarm = this.alarms.get(name);
    return alarm === undefined ? undefined : (alarm.reader ??= this.readerFor(alarm.config));
  }

  /** The current state of one alarm; undefined for an unknown name. */
  stateOf(name: string): AlarmStateValue | undefined {
    return this.alarms.get(name)?.state;
  }

  /** `DescribeAlarmHistory`, newest first (the API's default order). */
  describeAlarmHistory(filter: { readonly AlarmName?: string; readonly HistoryItemType?: AlarmHistoryItem['HistoryItemType'] } = {}): { AlarmHistoryItems: AlarmHistoryItem[] } {
    const items = this.history.filter((h) => (filter.AlarmName === undefined || h.AlarmName === filter.AlarmName) && (filter.HistoryItemType === undefined || h.HistoryItemType === filter.HistoryItemType));
    return { AlarmHistoryItems: items.reverse() };
  }

  /** Calls `listener` on every state transition of every alarm. */
  onStateChange(listener: (change: AlarmStateChange) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Binds an action ARN to a handler. `repeatWhileInAlarm` defaults to true for
   * `arn:aws:autoscaling:` ARNs (C-027).
   * @throws Error when the ARN is already bound.
   */
  registerAction(arn: string, handler: AlarmActionHandler, options: { readonly repeatWhileInAlarm?: boolean } = {}): void {
    if (this.actions.has(arn)) throw new Error(`action ${arn} is already registered`);
    this.actions.set(arn, { handler, repeatWhileInAlarm: options.repeatWhileInAlarm ?? arn.startsWith(AUTO_SCALING_ARN_PREFIX) });
  }

  /** Evaluates one alarm now and schedules its next evaluation. */
  private readonly tick = (alarm: MetricAlarm): void => {
    alarm.timer = this.sim.schedule(evaluationCadenceMs(alarm.config.Period), this.tick, alarm);
    this.evaluate(alarm);
  };

  private evaluate(alarm: MetricAlarm): void {
    const c = alarm.config;
    const rangeSize = this.rangeOf(c.EvaluationPeriods);
    // The datapoints come from the reader shared with every alarm and policy on this metric,
    // period and statistic: a window is computed again only when a put or the clock may
    // have changed it (its answer is what summarizing it now would give, to the bit).
    const reader = (alarm.reader ??= this.readerFor(c));
    reader.range(alarm.range, this.sim.now, rangeSize);
    const lowSampleCheck = c.EvaluateLowSampleCountPercentile === 'ignore' && reader.stat.startsWith('p');
    // Most evaluations leave the state as it is with no action to repeat: the decision alone, nothing built.
    const decided = decideRange(alarm.range, c);
    if (!lowSampleCheck && (decided === undefined || decided === alarm.state) && !(alarm.state === 'ALARM' && c.ActionsEnabled)) return;
    const ev = evaluateRange(alarm.range, c);
    let next = ev.state;
    // C-028: with `ignore`, an evaluated percentile datapoint on too few samples leaves the state as it is.
    if (next !== undefined && lowSampleCheck && ev.evaluated.some((p) => isLowSample(reader.stat, reader.sampleCount(p.timestampMs)))) next = undefined;
    if (next !== undefined && next !== alarm.state) this.transition(alarm, next, ev);
    else if (alarm.state === 'ALARM' && c.ActionsEnabled) this.runActions(alarm, c.AlarmActions, true, ev.evaluated);
  }

  /**
   * The metric store's shared reader of what an alarm with this configuration evaluates: its
   * metric and statistic per Period, kept on the alarm's evaluation cadence, for its
   * evaluation range and the N + 2 periods Application Auto Scaling reads (C-025).
   */
  readerFor(c: MetricAlarmConfig): WindowReader {
    const stat = (c.ExtendedStatistic ?? c.Statistic) as Statistic;
    return this.metrics.windowReader(c, c.Period, stat, evaluationCadenceMs(c.Period), Math.max(this.rangeOf(c.EvaluationPeriods), c.EvaluationPeriods + 2));
  }

  /**
   * `SetAlarmState`: puts the alarm in `StateValue` with the caller's reason, as a
   * transition (history, listeners, actions). The next evaluation decides afresh, so the
   * state lasts until then unless the data agree. Setting the state the alarm is already
   * in changes nothing here (no transition to record). `StateReasonData`, when given,
   * must be JSON.
   * @throws Error `ResourceNotFound` for an unknown alarm, or for reason data that is not JSON.
   */
  setAlarmState(input: { readonly AlarmName: string; readonly StateValue: AlarmStateValue; readonly StateReason: string; readonly StateReasonData?: string }): void {
    const alarm = this.alarms.get(input.AlarmName);
    if (alarm === undefined) throw new Error(`ResourceNotFound: Alarm ${input.AlarmName} does not exist`);
    const value: unknown = input.StateReasonData === undefined ? undefined : JSON.parse(input.StateReasonData);
    if (alarm.state === input.StateValue) return;
    this.applyTransition(alarm, input.StateValue, input.StateReason, input.StateReasonData === undefined ? undefined : { text: input.StateReasonData, json: JSON.stringify(value) });
  }

  private transition(alarm: MetricAlarm, to: AlarmStateValue, ev: RangeEvaluation): void {
    const from = alarm.state;
    const reason = stateReasonText(ev, alarm.config, from, to, this.metrics.epochOriginMs);
    const data = to === 'INSUFFICIENT_DATA' && ev.evaluated.length === 0 ? undefined : JSON.stringify(this.reasonData(alarm, ev));
    this.applyTransition(alarm, to, reason, data === undefined ? undefined : { text: data, json: data }, ev.evaluated);
  }

  /**
   * `reasonData`: the reason data's text and its value as JSON.stringify writes it (the same
   * string when the alarm wrote the text). The history item's JSON is put together from
   * these texts, as JSON.stringify would write the item, rather than writing both states'
   * reason data again at every transition.
   */
  private applyTransition(alarm: MetricAlarm, to: AlarmStateValue, reason: string, reasonData: { readonly text: string; readonly json: string } | undefined, evaluated?: readonly RangePoint[]): void {
    const c = alarm.config;
    const now = this.sim.now;
    const from = alarm.state;
    const oldState = stateJson(from, alarm.reason, alarm.reasonData === undefined ? undefined : alarm.reasonDataJson);
    alarm.state = to;
    alarm.reason = reason;
    alarm.reasonData = reasonData?.text;
    alarm.reasonDataJson = reasonData?.json;
    alarm.stateUpdatedMs = now;
    // JSON.stringify({ version: '1.0', oldState, newState }), each state { stateValue, stateReason, stateReasonData? }.
    this.recordJson(alarm, 'StateUpdate', `Alarm updated from ${from} to ${to}`, `{"version":"1.0","oldState":${oldState},"newState":${stateJson(to, reason, reasonData?.json)}}`);
    if (this.sim.trace.on) this.sim.trace.emit('cloudwatch', 'alarmStateChange', { AlarmName: c.AlarmName, oldState: from, newState: to, reason: alarm.reason });
    const change: AlarmStateChange = { AlarmName: c.AlarmName, oldState: from, newState: to, StateReason: alarm.reason, timestampMs: now };
    for (const l of this.listeners) l(change);
    if (c.ActionsEnabled) this.runActions(alarm, to === 'ALARM' ? c.AlarmActions : to === 'OK' ? c.OKActions : c.InsufficientDataActions, false, evaluated);
  }

  private runActions(alarm: MetricAlarm, arns: readonly string[], repeat: boolean, evaluated?: readonly RangePoint[]): void {
    for (const arn of arns) {
      const action = this.actions.get(arn);
      if (action === undefined || (repeat && !action.repeatWhileInAlarm)) continue;
      // The evaluated points are passed as they are (already built): a decision record reads them, nothing else does.
      action.handler({ AlarmName: alarm.name, ActionArn: arn, StateValue: alarm.state, StateReason: alarm.reason, timestampMs: this.sim.now, repeat, ...(evaluated === undefined ? {} : { evaluated }) });
      if (!repeat) this.record(alarm, 'Action', `Successfully executed action ${arn}`, { actionState: 'Succeeded', notificationResource: arn });
    }
  }

  /** `StateReasonData` (C-029: version, queryDate, startDate, statistic, period, recentDatapoints, threshold). */
  private reasonData(alarm: MetricAlarm, ev: RangeEvaluation): Record<string, unknown> {
    const c = alarm.config;
    const origin = this.metrics.epochOriginMs;
    const first = ev.evaluated[0];
    return {
      version: '1.0',
      queryDate: formatReasonDataDate(origin + this.sim.now),
      ...(first === undefined ? {} : { startDate: formatReasonDataDate(origin + first.timestampMs) }),
      ...(c.Statistic === undefined ? { extendedStatistic: c.ExtendedStatistic } : { statistic: c.Statistic }),
      ...(c.Unit === undefined ? {} : { unit: c.Unit }),
      period: c.Period,
      recentDatapoints: ev.evaluated.map((p) => p.value),
      threshold: c.Threshold,
    };
  }

  private record(alarm: MetricAlarm, type: AlarmHistoryItem['HistoryItemType'], summary: string, data: Record<string, unknown>): void {
    this.recordJson(alarm, type, summary, JSON.stringify(data));
  }

  private recordJson(alarm: MetricAlarm, type: AlarmHistoryItem['HistoryItemType'], summary: string, historyData: string): void {
    this.history.push({
      AlarmName: alarm.name,
      AlarmType: 'MetricAlarm',
      Timestamp: formatIsoTimestamp(this.metrics.epochOriginMs + this.sim.now),
      HistoryItemType: type,
      HistorySummary: summary,
      HistoryData: historyData,
    });
  }

  private describe(alarm: MetricAlarm): MetricAlarmDescription {
    const { AlarmDescription, Statistic, ExtendedStatistic, Unit, EvaluateLowSampleCountPercentile, ...rest } = alarm.config;
    const origin = this.metrics.epochOriginMs;
    return {
      ...rest,
      ...(AlarmDescription === undefined ? {} : { AlarmDescription }),
      ...(Statistic === undefined ? {} : { Statistic }),
      ...(ExtendedStatistic === undefined ? {} : { ExtendedStatistic }),
      ...(Unit === undefined ? {} : { Unit }),
      ...(EvaluateLowSampleCountPercentile === undefined ? {} : { EvaluateLowSampleCountPercentile }),
      StateValue: alarm.state,
      StateReason: alarm.reason,
      ...(alarm.reasonData === undefined ? {} : { StateReasonData: alarm.reasonData }),
      StateUpdatedTimestamp: formatIsoTimestamp(origin + alarm.stateUpdatedMs),
      AlarmConfigurationUpdatedTimestamp: formatIsoTimestamp(origin + alarm.configUpdatedMs),
    };
  }
}

/** JSON.stringify({ stateValue, stateReason, stateReasonData }) with the reason data's JSON given (left out when undefined). */
function stateJson(value: AlarmStateValue, reason: string, reasonDataJson: string | undefined): string {
  return `{"stateValue":${JSON.stringify(value)},"stateReason":${JSON.stringify(reason)}${reasonDataJson === undefined ? '' : `,"stateReasonData":${reasonDataJson}`}}`;
}

/** C-028: fewer than 10/(1−p) samples for p ≥ 0.5, 10/p for p < 0.5. */
export function isLowSample(stat: Statistic, sampleCount: number): boolean {
  if (!stat.startsWith('p')) return false;
  const p = Number(stat.slice(1)) / 100;
  const needed = p >= 0.5 ? 10 / (1 - p) : 10 / p;
  return sampleCount < needed;
}
