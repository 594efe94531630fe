/**
 * A named numeric value a model publishes (a queue length, a running count) so observers
 * (expectations, collectors) can watch it without reaching into the model. Observers are
 * told of each change with the time; they cannot change control flow.
 */
export type ProbeObserver = (t: number, value: number, probe: Probe) => void;

export class Probe {
  value = 0;
  private observers: ProbeObserver[] = [];

  constructor(
    readonly name: string,
    private readonly clock: { readonly now: number },
  ) {}

  set(value: number): void {
    if (value === this.value) return;
    this.value = value;
    const observers = this.observers;
    for (let i = 0; i < observers.length; i += 1) (observers[i] as ProbeObserver)(this.clock.now, value, this);
  }

  add(delta: number): void {
    this.set(this.value + delta);
  }

  /** Calls `observer` now with the current value and on every change after. */
  observe(observer: ProbeObserver): void {
    this.observers.push(observer);
    observer(this.clock.now, this.value, this);
  }
}
