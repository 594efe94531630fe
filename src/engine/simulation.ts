import FastPriorityQueue from 'fastpriorityqueue';
import { RandomStreams, type RandomStream } from './random.js';
import { Tracer, type TraceSink } from './trace.js';
import { Probe } from './probe.js';
import { Process, SimEvent, Signal, timeout, type ProcessBody } from './process.js';

/**
 * A scheduled callback. Entries are ordered by (t, seq): equal times run
 * first-scheduled-first. `pending` is cleared when the entry fires or is cancelled.
 */
export class Timer {
  pending = true;
  constructor(
    readonly t: number,
    readonly seq: number,
    readonly fn: (arg: never) => void,
    readonly arg: unknown,
    readonly label: string | undefined,
  ) {}
}

const runsFirst = (a: Timer, b: Timer): boolean => a.t < b.t || (a.t === b.t && a.seq < b.seq);

/** A thrown callback or a misuse of the kernel. The run stops; what it produced is kept. */
export class SimulationError extends Error {
  override readonly name = 'SimulationError';
  constructor(
    message: string,
    readonly t: number,
    readonly seq: number,
    readonly actor: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface SimulationOptions {
  /** The run seed; every random stream is derived from it and a stream name. */
  readonly seed?: string | number;
  /** Trace sinks, fixed for the run so models can cache `trace.wants(kind)`. */
  readonly sinks?: readonly TraceSink[];
}

export interface RunOptions {
  /** Stop before the first event later than this time; the clock then reads `until`. */
  readonly until?: number;
  /** Stop after this many events have run (in this call). */
  readonly maxEvents?: number;
  /** Checked after each event; the run stops when it returns true. */
  readonly stopWhen?: () => boolean;
}

export type StopReason = 'empty' | 'until' | 'maxEvents' | 'stopWhen' | 'stopped';

/** Dead (cancelled) entries are purged when they outnumber live ones and exceed this. */
const COMPACT_MIN_DEAD = 1024;

/**
 * The discrete-event kernel: a clock in integer milliseconds, one event queue, named
 * random streams, probes and a tracer. It knows nothing of what it simulates.
 */
export class Simulation {
  /** Current simulated time in ms; never goes backwards. */
  now = 0;
  /** Events run so far (cancelled entries are not counted). */
  eventsProcessed = 0;
  readonly seed: string | number;
  readonly trace: Tracer;
  private readonly queue = new FastPriorityQueue<Timer>(runsFirst);
  private readonly streams: RandomStreams;
  private readonly probes = new Map<string, Probe>();
  private seq = 0;
  private dead = 0;
  private stopRequested = false;
  private current: Timer | undefined;

  constructor(options: SimulationOptions = {}) {
    this.seed = options.seed ?? 0;
    this.streams = new RandomStreams(this.seed);
    this.trace = new Tracer(options.sinks ?? [], this);
  }

  /**
   * Runs `fn(arg)` after `delayMs`. Passing `arg` instead of capturing it in a closure
   * keeps hot paths free of allocations.
   * @throws SimulationError for a negative, fractional or non-finite delay.
   */
  schedule<A>(delayMs: number, fn: (arg: A) => void, arg: A, label?: string): Timer;
  schedule(delayMs: number, fn: () => void): Timer;
  schedule(delayMs: number, fn: (arg: never) => void, arg?: unknown, label?: string): Timer {
    if (!(Number.isInteger(delayMs) && delayMs >= 0)) this.misuse(`delay must be a non-negative integer number of ms, got ${delayMs}`);
    const timer = new Timer(this.now + delayMs, this.seq++, fn, arg, label);
    this.queue.add(timer);
    return timer;
  }

  /**
   * Runs `fn(arg)` at the absolute time `timeMs`.
   * @throws SimulationError for a time in the past or not an integer.
   */
  at<A>(timeMs: number, fn: (arg: A) => void, arg: A, label?: string): Timer;
  at(timeMs: number, fn: () => void): Timer;
  at(timeMs: number, fn: (arg: never) => void, arg?: unknown, label?: string): Timer {
    if (!Number.isInteger(timeMs)) this.misuse(`time must be an integer number of ms, got ${timeMs}`);
    if (timeMs < this.now) this.misuse(`cannot schedule at ${timeMs} ms, in the past (now is ${this.now} ms)`);
    const timer = new Timer(timeMs, this.seq++, fn, arg, label);
    this.queue.add(timer);
    return timer;
  }

  /** Cancels a pending timer in O(1); cancelling a fired or cancelled timer does nothing. */
  cancel(timer: Timer | undefined): void {
    if (timer === undefined || !timer.pending) return;
    timer.pending = false;
    this.dead += 1;
    if (this.dead > COMPACT_MIN_DEAD && this.dead * 2 > this.queue.size) this.compact();
  }

  /** Entries still to run (cancelled ones excluded). */
  get pendingCount(): number {
    return this.queue.size - this.dead;
  }

  /** Time of the next live event, or undefined when none is left. */
  peekTime(): number | undefined {
    this.dropDeadHead();
    return this.queue.peek()?.t;
  }

  /** Asks the run loop to stop after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  /** The named random stream; the same name always gives the same stream. */
  rng(name: string): RandomStream {
    return this.streams.get(name);
  }

  /** Names of the random streams used so far, sorted. */
  streamNames(): string[] {
    return this.streams.names();
  }

  /** Starts a generator process now (its first step runs from the queue). */
  process<R>(body: ProcessBody<R> | (() => ProcessBody<R>), name?: string): Process<R> {
    return new Process(this, typeof body === 'function' ? body() : body, name);
  }

  /** A one-shot event to succeed or fail later. */
  event<T = void>(name?: string): SimEvent<T> {
    return new SimEvent<T>(this, name);
  }

  /** A repeatable broadcast signal. */
  signal<T = void>(name?: string): Signal<T> {
    return new Signal<T>(this, name);
  }

  /** An event that succeeds after `delayMs`. */
  timeout(delayMs: number): SimEvent<void> {
    return timeout(this, delayMs);
  }

  /** The named probe: a numeric value whose changes observers can watch. */
  probe(name: string): Probe {
    let probe = this.probes.get(name);
    if (probe === undefined) {
      probe = new Probe(name, this);
      this.probes.set(name, probe);
    }
    return probe;
  }

  probeNames(): string[] {
    return [...this.probes.keys()].sort();
  }

  /**
   * Runs the next live event.
   * @returns false when the queue is empty.
   */
  step(): boolean {
    this.dropDeadHead();
    const timer = this.queue.poll();
    if (timer === undefined) return false;
    try {
      this.fire(timer);
    } catch (error) {
      throw this.wrap(error);
    } finally {
      this.current = undefined;
    }
    return true;
  }

  /**
   * Runs events in (t, seq) order until the queue empties, `until` is reached, a stop
   * condition holds or `stop()` is called.
   * @throws SimulationError wrapping any error thrown by a callback.
   */
  run(options: RunOptions = {}): StopReason {
    const until = options.until ?? Number.POSITIVE_INFINITY;
    if (!(Number.isInteger(until) || until === Number.POSITIVE_INFINITY) || until < this.now) {
      this.misuse(`until must be a whole number of ms, not before now (${this.now} ms), got ${until}`);
    }
    this.stopRequested = false;
    let reason: StopReason;
    try {
      reason = options.maxEvents === undefined && options.stopWhen === undefined ? this.runFast(until) : this.runChecked(until, options);
    } finally {
      // Misuse after the run must not be blamed on the last callback that ran.
      this.current = undefined;
    }
    if (reason === 'until' || (reason === 'empty' && until !== Number.POSITIVE_INFINITY)) this.now = until;
    return reason === 'empty' && until !== Number.POSITIVE_INFINITY ? 'until' : reason;
  }

  /** The hot loop: no per-event checks beyond what ordering and cancelling need. */
  private runFast(until: number): StopReason {
    const queue = this.queue;
    let timer: Timer | undefined;
    try {
      while ((timer = queue.poll()) !== undefined) {
        if (!timer.pending) {
          this.dead -= 1;
          continue;
        }
        if (timer.t > until) {
          queue.add(timer);
          return 'until';
        }
        timer.pending = false;
        this.now = timer.t;
        this.current = timer;
        this.eventsProcessed += 1;
        timer.fn(timer.arg as never);
        if (this.stopRequested) return 'stopped';
      }
    } catch (error) {
      throw this.wrap(error);
    }
    return 'empty';
  }

  private runChecked(until: number, options: RunOptions): StopReason {
    const maxEvents = options.maxEvents ?? Number.POSITIVE_INFINITY;
    const stopWhen = options.stopWhen;
    let ran = 0;
    for (;;) {
      if (ran >= maxEvents) return 'maxEvents';
      this.dropDeadHead();
      const timer = this.queue.peek();
      if (timer === undefined) return 'empty';
      if (timer.t > until) return 'until';
      this.queue.poll();
      try {
        this.fire(timer);
      } catch (error) {
        throw this.wrap(error);
      }
      ran += 1;
      if (this.stopRequested) return 'stopped';
      if (stopWhen?.() === true) return 'stopWhen';
    }
  }

  private fire(timer: Timer): void {
    timer.pending = false;
    this.now = timer.t;
    this.current = timer;
    this.eventsProcessed += 1;
    timer.fn(timer.arg as never);
  }

  private dropDeadHead(): void {
    let head: Timer | undefined;
    while ((head = this.queue.peek()) !== undefined && !head.pending) {
      this.queue.poll();
      this.dead -= 1;
    }
  }

  /** Rebuilds the heap from live entries only: O(n), amortised over the cancels that caused it. */
  private compact(): void {
    // FastPriorityQueue keeps its heap in `array` (first `size` slots); its forEach pops a
    // copy in order, O(n log n), so the array is read directly.
    const heap = this.queue as unknown as { readonly array: readonly Timer[]; readonly size: number };
    const live: Timer[] = [];
    for (let i = 0; i < heap.size; i += 1) {
      const timer = heap.array[i] as Timer;
      if (timer.pending) live.push(timer);
    }
    this.queue.heapify(live);
    this.dead = 0;
  }

  private wrap(error: unknown): SimulationError {
    if (error instanceof SimulationError) return error;
    const timer = this.current;
    const actor = timer?.label ?? (timer?.fn.name || undefined);
    const what = error instanceof Error ? error.message : String(error);
    return new SimulationError(`callback failed at t=${this.now} ms${actor === undefined ? '' : ` in ${actor}`}: ${what}`, this.now, timer?.seq ?? -1, actor, { cause: error });
  }

  private misuse(message: string): never {
    const timer = this.current;
    throw new SimulationError(message, this.now, timer?.seq ?? -1, timer?.label);
  }
}
