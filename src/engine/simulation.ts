import { RandomStreams, type RandomStream } from './random.js';
import { Tracer, type TraceSink } from './trace.js';
import { DecisionRecorder } from './decisions.js';
import { Probe } from './probe.js';
import { Process, SimEvent, Signal, timeout, type ProcessBody } from './process.js';
import { TimerHeap } from './timer-heap.js';

/** Marks a timer that has fired (it is out of the queue). */
function done(): void {}

/** Marks a cancelled timer: still in the queue until it comes up or a compaction drops it. */
function cancelled(): void {}

/**
 * A scheduled callback. Entries are ordered by (t, seq): equal times run
 * first-scheduled-first. Four fields only: the heap moves these on every event, and each
 * extra field was measured to cost several percent per event (bench/README.md).
 */
export class Timer {
  t: number;
  seq: number;
  /** The callback; replaced by a sentinel once the timer fires or is cancelled. */
  fn: (arg: never) => void;
  arg: unknown;
  constructor(t: number, seq: number, fn: (arg: never) => void, arg: unknown) {
    this.t = t;
    this.seq = seq;
    this.fn = fn;
    this.arg = arg;
  }

  /** Still to run: neither fired nor cancelled. */
  get pending(): boolean {
    return this.fn !== done && this.fn !== cancelled;
  }
}

/**
 * The actor a failing callback belongs to: its argument's `name` when the argument is an
 * actor object (a station, a process, an agent), else the function's name.
 */
function actorOf(timer: Timer | undefined, fn: (arg: never) => void): string | undefined {
  const arg = timer?.arg as { readonly name?: unknown } | null | undefined;
  if (arg !== null && typeof arg === 'object' && typeof arg.name === 'string') return arg.name;
  return fn.name === '' || fn === done || fn === cancelled ? undefined : fn.name;
}

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
  /** Decision sinks (decisions.ts): kept apart from the trace, so never in the log hash. */
  readonly decisionSinks?: readonly TraceSink[];
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

/** Keys of `placeAtInstantStart` and `placeFirst`: below 2^19. */
const INSTANT_KEYS = 2 ** 19;
/** Bases below 2^33 (8.6 billion timers) keep the places exact in a double (33 + 20 bits). */
const MAX_PLACED_BASE = 2 ** 33;

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
  /** The sequence number of the event running now (-1 before the first). With `now` it is the event's place in the order. */
  seqNow = -1;
  readonly seed: string | number;
  readonly trace: Tracer;
  /** What the model decided and why; off (and free) unless a decision sink is attached. */
  readonly decisions: DecisionRecorder;
  private readonly queue = new TimerHeap<Timer>();
  private readonly streams: RandomStreams;
  private readonly probes = new Map<string, Probe>();
  private seq = 0;
  private dead = 0;
  private stopRequested = false;
  // Instant starts (see `seqAtInstant`): the sequence counter when the clock first reached
  // each instant, for the instants of the last `instantRetainMs` (a ring of two arrays).
  private instantT = Number.NEGATIVE_INFINITY;
  private instantSeq = 0;
  private instantRetainMs = 0;
  private instantTs = new Float64Array(0);
  private instantSeqs = new Float64Array(0);
  private instantHead = 0;
  private instantCount = 0;
  /** No instant before this one is known (the history starts when it is first asked for). */
  private instantKnownFrom = 0;

  constructor(options: SimulationOptions = {}) {
    this.seed = options.seed ?? 0;
    this.streams = new RandomStreams(this.seed);
    this.trace = new Tracer(options.sinks ?? [], this);
    this.decisions = new DecisionRecorder(options.decisionSinks ?? [], this);
  }

  /**
   * Runs `fn(arg)` after `delayMs`. Passing `arg` instead of capturing it in a closure
   * keeps hot paths free of allocations; an actor object as `arg` also names the actor if
   * the callback throws.
   * @throws SimulationError for a negative, fractional or non-finite delay.
   */
  schedule<A>(delayMs: number, fn: (arg: A) => void, arg: A): Timer;
  schedule(delayMs: number, fn: () => void): Timer;
  schedule(delayMs: number, fn: (arg: never) => void, arg?: unknown): Timer {
    if (!(Number.isInteger(delayMs) && delayMs >= 0)) this.misuse(`delay must be a non-negative integer number of ms, got ${delayMs}`);
    const timer = new Timer(this.now + delayMs, this.seq++, fn, arg);
    this.queue.add(timer);
    return timer;
  }

  /**
   * Runs `fn(arg)` at the absolute time `timeMs`.
   * @throws SimulationError for a time in the past or not an integer.
   */
  at<A>(timeMs: number, fn: (arg: A) => void, arg: A): Timer;
  at(timeMs: number, fn: () => void): Timer;
  at(timeMs: number, fn: (arg: never) => void, arg?: unknown): Timer {
    if (!Number.isInteger(timeMs)) this.misuse(`time must be an integer number of ms, got ${timeMs}`);
    if (timeMs < this.now) this.misuse(`cannot schedule at ${timeMs} ms, in the past (now is ${this.now} ms)`);
    const timer = new Timer(timeMs, this.seq++, fn, arg);
    this.queue.add(timer);
    return timer;
  }

  /**
   * Takes the sequence number a timer scheduled now would get, without scheduling one. A
   * model that accounts for an event without running it (a health check that cannot
   * change anything) keeps its place in the order this way: `atReserved` can still put
   * the event in the queue later, exactly where it would have been.
   */
  reserveSeq(): number {
    return this.seq++;
  }

  /**
   * Keeps the starts of the instants of at least the last `ms` milliseconds, for
   * `seqAtInstant`. Retention only grows; instants before the first call are not known.
   */
  keepInstants(ms: number): void {
    if (!(ms >= 0 && Number.isFinite(ms))) this.misuse(`instant retention must be a finite number of ms >= 0, got ${ms}`);
    if (ms <= this.instantRetainMs) return;
    if (this.instantRetainMs === 0) {
      this.instantKnownFrom = this.now;
      this.instantTs = new Float64Array(64);
      this.instantSeqs = new Float64Array(64);
      this.instantHead = 0;
      this.instantCount = 0;
      // The instant running now (if any) is the first one known.
      if (this.instantT === this.now) this.pushInstant(this.now, this.instantSeq);
    }
    this.instantRetainMs = ms;
  }

  /**
   * The sequence counter's value when the clock first reached `timeMs` or a later time:
   * every timer scheduled before that instant began has a smaller number, every timer
   * scheduled during it or later a number at least this. With `placeAtInstantStart` a
   * model orders a timer as if it had been scheduled when that instant began, though
   * nothing ran then (a health check accounted for without its event).
   * @throws SimulationError for a time after now, or older than `keepInstants` keeps.
   */
  seqAtInstant(timeMs: number): number {
    if (timeMs > this.now) this.misuse(`cannot tell the start of instant ${timeMs} ms: it is after now (${this.now} ms)`);
    if (timeMs > this.instantT) return this.seq;
    if (timeMs === this.instantT) return this.instantSeq;
    if (this.instantRetainMs === 0 || timeMs < this.instantKnownFrom || timeMs < this.now - this.instantRetainMs) {
      this.misuse(`cannot tell the start of instant ${timeMs} ms: instants are kept from ${Math.max(this.instantKnownFrom, this.now - this.instantRetainMs)} ms (keepInstants)`);
    }
    // The first kept instant at or after timeMs (the newest is instantT, after it).
    const ts = this.instantTs;
    const mask = ts.length - 1;
    let lo = 0;
    let hi = this.instantCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ts[(this.instantHead + mid) & mask] as number) >= timeMs) hi = mid;
      else lo = mid + 1;
    }
    return this.instantSeqs[(this.instantHead + lo) & mask] as number;
  }

  /**
   * A place in the order for a timer at any time (use it with `atReserved`): as if it had
   * been scheduled when instant `base` began (`base` from `seqAtInstant`), after every
   * timer scheduled before that and before every timer scheduled since; timers placed
   * so with the same base order by `key` (a whole number below 2^19, unique per base).
   */
  placeAtInstantStart(base: number, key: number): number {
    if (!(Number.isInteger(key) && key >= 0 && key < INSTANT_KEYS)) this.misuse(`an instant-start key must be a whole number from 0 to ${INSTANT_KEYS - 1}, got ${key}`);
    if (!(Number.isInteger(base) && base >= 0 && base < MAX_PLACED_BASE)) this.misuse(`cannot place after ${base} sequence numbers (places are exact up to ${MAX_PLACED_BASE})`);
    return base - 1 + (key + 1) / (2 * INSTANT_KEYS);
  }

  /**
   * A place before every timer placed otherwise at the same time (use it with
   * `atReserved`); such timers order by `key` (a whole number below 2^19, unique per time).
   */
  placeFirst(key: number): number {
    if (!(Number.isInteger(key) && key >= 0 && key < INSTANT_KEYS)) this.misuse(`a first-place key must be a whole number from 0 to ${INSTANT_KEYS - 1}, got ${key}`);
    return key - INSTANT_KEYS - 1;
  }

  /**
   * Runs `fn(arg)` at `timeMs` in the place of sequence number `seq` (from `reserveSeq`,
   * `placeAtInstantStart` or `placeFirst`).
   * @throws SimulationError when that place is not after the event running now.
   */
  atReserved<A>(timeMs: number, seq: number, fn: (arg: A) => void, arg: A): Timer {
    if (!Number.isInteger(timeMs) || !(timeMs > this.now || (timeMs === this.now && seq > this.seqNow)) || !(seq < this.seq)) {
      this.misuse(`cannot schedule at ${timeMs} ms with sequence number ${seq}: not after the event running now (${this.now} ms, ${this.seqNow}) or not reserved`);
    }
    const timer = new Timer(timeMs, seq, fn as (arg: never) => void, arg);
    this.queue.add(timer);
    return timer;
  }

  /**
   * Schedules a timer that has fired again, reusing its object: `fn(arg)` at `timeMs`,
   * in the place a new timer would get. For an actor that keeps one timer and re-arms it
   * from its own callback (a workload's next arrival, a worker's next completion): one
   * allocation less per event. The timer counts as new: it runs after every timer
   * scheduled before this call at the same time (or, with `place`, in that place, as
   * `atReserved`).
   * @throws SimulationError for a timer still pending or cancelled (it may still be in the queue), or a bad time.
   */
  rearmAt<A>(timer: Timer, timeMs: number, fn: (arg: A) => void, arg: A, place?: number): Timer {
    if (timer.fn !== done) this.misuse('only a timer that has fired can be re-armed');
    if (!Number.isInteger(timeMs)) this.misuse(`time must be an integer number of ms, got ${timeMs}`);
    if (timeMs < this.now) this.misuse(`cannot schedule at ${timeMs} ms, in the past (now is ${this.now} ms)`);
    if (place !== undefined && !((timeMs > this.now || place > this.seqNow) && place < this.seq)) this.misuse(`cannot re-arm at ${timeMs} ms in place ${place}: not after the event running now or not reserved`);
    timer.t = timeMs;
    timer.seq = place ?? this.seq++;
    timer.fn = fn as (arg: never) => void;
    timer.arg = arg;
    this.queue.add(timer);
    return timer;
  }

  /** Cancels a pending timer in O(1); cancelling a fired or cancelled timer does nothing. */
  cancel(timer: Timer | undefined): void {
    if (timer === undefined || timer.fn === done || timer.fn === cancelled) return;
    timer.fn = cancelled;
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
    const fn = timer.fn;
    try {
      this.fire(timer);
    } catch (error) {
      throw this.wrap(error, timer, fn);
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
    const reason = options.maxEvents === undefined && options.stopWhen === undefined ? this.runFast(until) : this.runChecked(until, options);
    if (reason === 'until' || (reason === 'empty' && until !== Number.POSITIVE_INFINITY)) {
      // The clock reaches `until`: that instant begins (what is scheduled from now on is during it).
      if (until > this.instantT) this.beginInstant(until);
      this.now = until;
      // Every event at `until` has run: any place at this instant is in the past.
      this.seqNow = Number.POSITIVE_INFINITY;
    }
    return reason === 'empty' && until !== Number.POSITIVE_INFINITY ? 'until' : reason;
  }

  /** The hot loop: no per-event checks beyond what ordering and cancelling need. */
  private runFast(until: number): StopReason {
    const queue = this.queue;
    let timer: Timer | undefined;
    let fn: (arg: never) => void = done;
    try {
      // The first entry's time is read from the heap's key array: an entry past `until` stays put.
      while (queue.size > 0) {
        if (queue.peekT() > until) {
          // A dead entry past `until` is left for later: dropping it changes nothing observable.
          return 'until';
        }
        timer = queue.poll() as Timer;
        fn = timer.fn;
        if (fn === cancelled) {
          this.dead -= 1;
          continue;
        }
        timer.fn = done;
        const t = timer.t;
        if (t > this.instantT) this.beginInstant(t);
        this.now = t;
        this.seqNow = timer.seq;
        this.eventsProcessed += 1;
        fn(timer.arg as never);
        if (this.stopRequested) return 'stopped';
      }
    } catch (error) {
      throw this.wrap(error, timer, fn);
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
      const fn = timer.fn;
      try {
        this.fire(timer);
      } catch (error) {
        throw this.wrap(error, timer, fn);
      }
      ran += 1;
      if (this.stopRequested) return 'stopped';
      if (stopWhen?.() === true) return 'stopWhen';
    }
  }

  private fire(timer: Timer): void {
    const fn = timer.fn;
    timer.fn = done;
    if (timer.t > this.instantT) this.beginInstant(timer.t);
    this.now = timer.t;
    this.seqNow = timer.seq;
    this.eventsProcessed += 1;
    fn(timer.arg as never);
  }

  /** The clock reaches a new instant: its start is the counter now. */
  private beginInstant(t: number): void {
    this.instantT = t;
    this.instantSeq = this.seq;
    if (this.instantRetainMs > 0) this.pushInstant(t, this.seq);
  }

  private pushInstant(t: number, seq: number): void {
    let ts = this.instantTs;
    let mask = ts.length - 1;
    // Drop the instants older than the retention (the newest is always kept).
    const oldest = t - this.instantRetainMs;
    while (this.instantCount > 1 && (ts[this.instantHead] as number) < oldest && (ts[(this.instantHead + 1) & mask] as number) <= oldest) {
      this.instantHead = (this.instantHead + 1) & mask;
      this.instantCount -= 1;
    }
    if (this.instantCount === ts.length) {
      const n = ts.length * 2;
      const nts = new Float64Array(n);
      const nseqs = new Float64Array(n);
      for (let k = 0; k < this.instantCount; k += 1) {
        nts[k] = ts[(this.instantHead + k) & mask] as number;
        nseqs[k] = this.instantSeqs[(this.instantHead + k) & mask] as number;
      }
      this.instantTs = ts = nts;
      this.instantSeqs = nseqs;
      this.instantHead = 0;
      mask = n - 1;
    }
    const i = (this.instantHead + this.instantCount) & mask;
    ts[i] = t;
    this.instantSeqs[i] = seq;
    this.instantCount += 1;
  }

  private dropDeadHead(): void {
    let head: Timer | undefined;
    while ((head = this.queue.peek()) !== undefined && head.fn === cancelled) {
      this.queue.poll();
      this.dead -= 1;
    }
  }

  /** Rebuilds the heap from live entries only: O(n), amortised over the cancels that caused it. */
  private compact(): void {
    const heap = this.queue;
    const live: Timer[] = [];
    for (let i = 0; i < heap.size; i += 1) {
      const timer = heap.at(i);
      if (timer.fn !== cancelled) live.push(timer);
    }
    heap.heapify(live);
    this.dead = 0;
  }

  /** Wraps what a callback threw, naming the timer that was running (`fn` is its callback). */
  private wrap(error: unknown, timer: Timer | undefined, fn: (arg: never) => void): SimulationError {
    const actor = actorOf(timer, fn);
    const seq = timer?.seq ?? -1;
    if (error instanceof SimulationError) {
      // Kernel misuse from inside a callback: the callback is the culprit.
      return error.seq === -1 ? new SimulationError(error.message, error.t, seq, actor, { cause: error.cause }) : error;
    }
    const what = error instanceof Error ? error.message : String(error);
    return new SimulationError(`callback failed at t=${this.now} ms${actor === undefined ? '' : ` in ${actor}`}: ${what}`, this.now, seq, actor, { cause: error });
  }

  /** Misuse is reported as it happens; a callback that caused it is named by `wrap`. */
  private misuse(message: string): never {
    throw new SimulationError(message, this.now, -1, undefined);
  }
}
