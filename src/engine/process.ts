import { parseDuration } from './duration.js';

/**
 * What processes need of the simulation: to schedule and cancel callbacks. Kept to these two
 * methods so that this file does not import the simulation, which imports it (no circle).
 */
export interface ProcessScheduler {
  schedule<A>(delayMs: number, fn: (arg: A) => void, arg: A): object;
  schedule(delayMs: number, fn: () => void): object;
  cancel(timer: object | undefined): void;
}

/**
 * Events and generator processes: the readable tier above plain callbacks, in SimPy's
 * shape. A process is a generator that yields what it waits for:
 *
 *   sim.process(function* () {        // a generator function, or a generator object
 *     yield sleep('5s');               // a duration
 *     const v = yield ready.wait();    // a signal's next firing
 *     yield anyOf(sim, [done, sim.timeout(30_000)]);
 *   });
 *
 * Callbacks of a triggered event run from the queue, not re-entrantly, so the order of
 * wake-ups is the (t, seq) order like everything else.
 */
export class SimEvent<T = unknown> {
  private state: 'pending' | 'ok' | 'failed' = 'pending';
  private result: unknown;
  // Typed loosely so SimEvent<T> stays covariant in T (a SimEvent<number> is a SimEvent<unknown>).
  // Each entry is scheduled as fn(arg) when the event triggers.
  private callbacks: { readonly fn: (arg: never) => void; readonly arg: unknown }[] | undefined = [];

  constructor(
    protected readonly sim: ProcessScheduler,
    readonly name?: string,
  ) {}

  get triggered(): boolean {
    return this.state !== 'pending';
  }

  get ok(): boolean {
    return this.state === 'ok';
  }

  /** The value (or failure reason) once triggered. */
  get value(): T {
    if (this.state === 'pending') throw new Error(`event ${this.name ?? ''} has not been triggered`.replace('  ', ' '));
    return this.result as T;
  }

  /**
   * Triggers the event with a value.
   * @throws Error when the event was already triggered.
   */
  succeed(value: T): this {
    this.trigger('ok', value);
    return this;
  }

  /**
   * Triggers the event as failed; waiting processes get `reason` thrown at their yield.
   * @throws Error when the event was already triggered.
   */
  fail(reason: unknown): this {
    this.trigger('failed', reason);
    return this;
  }

  /** Calls `callback` once the event is triggered (from the queue, at the trigger time or now). */
  then(callback: (event: SimEvent<T>) => void): void {
    this.notify(callback as (arg: never) => void, this);
  }

  /** @internal Schedules `fn(arg)` when the event triggers; `arg` names the actor if it throws. */
  notify(fn: (arg: never) => void, arg: unknown): void {
    if (this.callbacks !== undefined) {
      this.callbacks.push({ fn, arg });
    } else {
      this.sim.schedule(0, fn as (a: unknown) => void, arg);
    }
  }

  private trigger(state: 'ok' | 'failed', result: unknown): void {
    if (this.state !== 'pending') throw new Error(`event ${this.name ?? ''} triggered twice`.replace('  ', ' '));
    this.state = state;
    this.result = result;
    const callbacks = this.callbacks ?? [];
    this.callbacks = undefined;
    for (const { fn, arg } of callbacks) this.sim.schedule(0, fn as (a: unknown) => void, arg);
  }
}

/** A repeatable broadcast: each `fire` wakes everyone waiting on `wait()` since the last one. */
export class Signal<T = void> {
  private next: SimEvent<T>;
  constructor(
    private readonly sim: ProcessScheduler,
    readonly name?: string,
  ) {
    this.next = new SimEvent<T>(sim, name);
  }

  wait(): SimEvent<T> {
    return this.next;
  }

  fire(value: T): void {
    const current = this.next;
    this.next = new SimEvent<T>(this.sim, this.name);
    current.succeed(value);
  }
}

/** What a process may yield: a sleep, a number of ms to sleep, or any event (including another process). */
export type Waitable = Sleep | number | SimEvent<unknown>;

export class Sleep {
  constructor(readonly delayMs: number) {}
}

/** Waits for a duration: `yield sleep('5s')` or `yield sleep(5000)` (ms). */
export function sleep(duration: number | string): Sleep {
  return new Sleep(typeof duration === 'number' ? duration : parseDuration(duration));
}

/** Thrown into a process's generator by `interrupt()`. */
export class Interrupt extends Error {
  override readonly name = 'Interrupt';
  constructor(override readonly cause: unknown) {
    super(`interrupted: ${String(cause)}`);
  }
}

export type ProcessBody<R> = Generator<Waitable, R, unknown>;

/** A running generator. As an event it succeeds with the generator's return value. */
export class Process<R = unknown> extends SimEvent<R> {
  private waitingOn: SimEvent<unknown> | undefined;
  private sleepTimer: object | undefined;
  /** Incremented on each wake-up so a stale wake-up (after an interrupt) is ignored. */
  private generation = 0;

  constructor(
    sim: ProcessScheduler,
    private readonly body: ProcessBody<R>,
    name?: string,
  ) {
    super(sim, name);
    sim.schedule(0, wakeUp, this);
  }

  get alive(): boolean {
    return !this.triggered;
  }

  /** Throws an `Interrupt` into the generator at its current yield, now (from the queue). */
  interrupt(cause: unknown = 'interrupt'): void {
    if (!this.alive) return;
    this.sim.cancel(this.sleepTimer);
    this.sleepTimer = undefined;
    this.waitingOn = undefined;
    const generation = ++this.generation;
    this.sim.schedule(0, () => this.resume(generation, 'failed', new Interrupt(cause)));
  }

  /** @internal */
  resume(generation: number, how: 'ok' | 'failed', input: unknown): void {
    if (generation !== this.generation || !this.alive) return;
    let step: IteratorResult<Waitable, R>;
    try {
      step = how === 'ok' ? this.body.next(input) : this.body.throw(input);
    } catch (error) {
      // An uncaught error ends the process; one that nobody waits for stops the run.
      if (error instanceof Interrupt) {
        this.fail(error);
        return;
      }
      throw error;
    }
    if (step.done === true) {
      this.succeed(step.value);
      return;
    }
    this.wait(step.value);
  }

  private wait(target: Waitable): void {
    const generation = ++this.generation;
    // Sleeps schedule a module-level function with the process as its argument: no
    // closure per sleep, and interrupt() cancels the timer, so no stale wake-up exists.
    if (typeof target === 'number') {
      this.sleepTimer = this.sim.schedule(target, wakeUp, this);
      return;
    }
    if (target instanceof Sleep) {
      this.sleepTimer = this.sim.schedule(target.delayMs, wakeUp, this);
      return;
    }
    if (!(target instanceof SimEvent)) {
      throw new TypeError(`a process may yield sleep(...), a number of ms or an event, got ${String(target)}`);
    }
    this.waitingOn = target;
    target.notify(wakeOnEvent, { name: this.name, process: this, event: target, generation });
  }

  /** @internal */
  wokenBy(event: SimEvent<unknown>, generation: number): void {
    // A wait from before an interrupt is stale even when the process waits on the same event again.
    if (this.waitingOn !== event || generation !== this.generation) return;
    this.waitingOn = undefined;
    this.resume(generation, event.ok ? 'ok' : 'failed', event.value);
  }

  /** @internal */
  get currentGeneration(): number {
    return this.generation;
  }
}

function wakeUp(process: Process<unknown>): void {
  process.resume(process.currentGeneration, 'ok', undefined);
}

interface Waiter {
  /** The process's name, so an error thrown on this wake-up names it. */
  readonly name: string | undefined;
  readonly process: Process<unknown>;
  readonly event: SimEvent<unknown>;
  readonly generation: number;
}

function wakeOnEvent(w: Waiter): void {
  w.process.wokenBy(w.event, w.generation);
}

/** An event that succeeds after `delayMs`. */
export function timeout(sim: ProcessScheduler, delayMs: number): SimEvent<void> {
  const event = new SimEvent<void>(sim, `timeout(${delayMs})`);
  sim.schedule(delayMs, () => {
    if (!event.triggered) event.succeed();
  });
  return event;
}

/** Succeeds with the index and value of the first of `events` to trigger. */
export function anyOf(sim: ProcessScheduler, events: readonly SimEvent<unknown>[]): SimEvent<{ index: number; value: unknown }> {
  const first = new SimEvent<{ index: number; value: unknown }>(sim, 'anyOf');
  events.forEach((event, index) => {
    event.then((e) => {
      if (!first.triggered) first.succeed({ index, value: e.value });
    });
  });
  return first;
}

/** Succeeds with every event's value once all have triggered. */
export function allOf(sim: ProcessScheduler, events: readonly SimEvent<unknown>[]): SimEvent<unknown[]> {
  const all = new SimEvent<unknown[]>(sim, 'allOf');
  const values: unknown[] = new Array(events.length);
  let left = events.length;
  if (left === 0) all.succeed(values);
  events.forEach((event, index) => {
    event.then((e) => {
      values[index] = e.value;
      left -= 1;
      if (left === 0) all.succeed(values);
    });
  });
  return all;
}
