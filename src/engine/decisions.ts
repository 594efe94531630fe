import type { TraceSink } from './trace.js';

/**
 * Decision records: what the model decided and why, one JSON line each, kept apart from
 * the event log so that recording them never moves the log hash. Each line is
 * `{"t":ms,"kind":...,...fields}` with the fields in the order the caller built them;
 * callers build them the same way every time, so a line is diff-friendly.
 *
 * Cost: when no sink is attached `on` is false and callers skip building the record
 * (one boolean test per decision).
 */
export class DecisionRecorder {
  /** True when any sink takes decisions; callers test it before building a record. */
  readonly on: boolean;
  records = 0;

  constructor(
    private readonly sinks: readonly TraceSink[],
    private readonly clock: { readonly now: number },
  ) {
    this.on = sinks.length > 0;
  }

  /** Records one decision at the current time. `fields` must not use the keys t or kind. */
  record(kind: string, fields: Readonly<Record<string, unknown>>): void {
    if (!this.on) return;
    const line = JSON.stringify({ t: this.clock.now, kind, ...fields });
    this.records += 1;
    for (const sink of this.sinks) sink.write(line, undefined);
  }

  close(): void {
    for (const sink of this.sinks) sink.close?.();
  }
}

/** Keeps every line in memory (the result's `decisions`, a baseline). */
export class LineSink implements TraceSink {
  readonly lines: string[] = [];

  write(line: string): void {
    this.lines.push(line);
  }
}
