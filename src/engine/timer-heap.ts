/**
 * The event queue: a binary min-heap of timers ordered by (t, seq). The keys are kept in
 * two Float64Arrays beside the timer references, so a comparison reads two contiguous
 * arrays and never dereferences a timer: on the request-level bench (issue 14) this took
 * the run loop from about 32% to about 22% of the profile (bench/macro/request-level.mjs).
 * (t, seq) pairs are unique (seq is), so the order of `poll` is a total order whatever
 * the heap's inner layout: determinism does not depend on how entries are arranged.
 */
export interface HeapEntry {
  readonly t: number;
  readonly seq: number;
}

export class TimerHeap<T extends HeapEntry> {
  private ts: Float64Array;
  private seqs: Float64Array;
  private items: (T | undefined)[];
  size = 0;

  constructor(capacity = 256) {
    this.ts = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.items = new Array<T | undefined>(capacity).fill(undefined);
  }

  /** The first entry without removing it. */
  peek(): T | undefined {
    return this.size === 0 ? undefined : this.items[0];
  }

  /** The first entry's time; +Infinity when empty. */
  peekT(): number {
    return this.size === 0 ? Number.POSITIVE_INFINITY : (this.ts[0] as number);
  }

  add(item: T): void {
    let i = this.size;
    if (i === this.ts.length) this.grow();
    this.size = i + 1;
    const ts = this.ts;
    const seqs = this.seqs;
    const items = this.items;
    const t = item.t;
    const seq = item.seq;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = ts[p] as number;
      if (pt < t || (pt === t && (seqs[p] as number) < seq)) break;
      ts[i] = pt;
      seqs[i] = seqs[p] as number;
      items[i] = items[p];
      i = p;
    }
    ts[i] = t;
    seqs[i] = seq;
    items[i] = item;
  }

  /** Removes and returns the first entry. */
  poll(): T | undefined {
    const n = this.size;
    if (n === 0) return undefined;
    const items = this.items;
    const top = items[0];
    const last = n - 1;
    this.size = last;
    if (last > 0) this.siftDown(0, this.ts[last] as number, this.seqs[last] as number, items[last] as T, last);
    items[last] = undefined;
    return top;
  }

  /** Replaces the content with `entries` (any order): O(n). */
  heapify(entries: readonly T[]): void {
    const n = entries.length;
    while (this.ts.length < n) this.grow();
    for (let i = n; i < this.size; i += 1) this.items[i] = undefined;
    this.size = n;
    for (let i = 0; i < n; i += 1) {
      const e = entries[i] as T;
      this.ts[i] = e.t;
      this.seqs[i] = e.seq;
      this.items[i] = e;
    }
    for (let i = (n >> 1) - 1; i >= 0; i -= 1) this.siftDown(i, this.ts[i] as number, this.seqs[i] as number, this.items[i] as T, n);
  }

  /** Entry i of the heap's array (0 <= i < size), in no particular order. */
  at(i: number): T {
    return this.items[i] as T;
  }

  /** Puts (t, seq, item) at `i` or below, among the first `n` slots. */
  private siftDown(i: number, t: number, seq: number, item: T, n: number): void {
    const ts = this.ts;
    const seqs = this.seqs;
    const items = this.items;
    const half = n >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      let ct = ts[c] as number;
      let cs = seqs[c] as number;
      const r = c + 1;
      if (r < n) {
        const rt = ts[r] as number;
        if (rt < ct || (rt === ct && (seqs[r] as number) < cs)) {
          c = r;
          ct = rt;
          cs = seqs[r] as number;
        }
      }
      if (t < ct || (t === ct && seq < cs)) break;
      ts[i] = ct;
      seqs[i] = cs;
      items[i] = items[c];
      i = c;
    }
    ts[i] = t;
    seqs[i] = seq;
    items[i] = item;
  }

  private grow(): void {
    const n = this.ts.length * 2;
    const ts = new Float64Array(n);
    ts.set(this.ts);
    const seqs = new Float64Array(n);
    seqs.set(this.seqs);
    this.ts = ts;
    this.seqs = seqs;
    const items = this.items;
    for (let i = items.length; i < n; i += 1) items.push(undefined);
  }
}
