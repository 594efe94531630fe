import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * The event log. Models emit structured records `{ t, actor, kind, ...fields }`; sinks
 * receive them. The tracer serialises each record once, to the exact JSONL line that a
 * file sink writes and the hash sink digests, so the log hash is the SHA-256 of the
 * JSONL file.
 *
 * Cost: models ask `wants(kind)` once and skip building records nobody wants, so a
 * run with no sinks pays one boolean test per potential record.
 */
export interface TraceRecord {
  readonly t: number;
  readonly actor: string;
  readonly kind: string;
  readonly [field: string]: unknown;
}

export interface TraceSink {
  /** The record kinds this sink takes; all kinds when absent. */
  readonly kinds?: ReadonlySet<string> | undefined;
  /** Whether the sink needs the parsed record (the memory sink) rather than the line only. */
  readonly wantsRecords?: boolean;
  write(line: string, record: TraceRecord | undefined): void;
  /** Flushes and releases; called once at the end of the run, also after a failure. */
  close?(): void;
}

export class Tracer {
  private readonly sinks: readonly TraceSink[];
  private readonly wanted = new Map<string, boolean>();
  private readonly needRecords: boolean;
  private readonly heads = new Map<string, Map<string, string>>();
  private readonly keys = new Map<string, string>();
  /** True when any sink is attached at all. */
  readonly on: boolean;
  records = 0;

  constructor(sinks: readonly TraceSink[], private readonly clock: { readonly now: number }) {
    this.sinks = sinks;
    this.on = sinks.length > 0;
    this.needRecords = sinks.some((s) => s.wantsRecords === true);
  }

  /** Whether any sink takes records of this kind. Cheap; callers may also cache it. */
  wants(kind: string): boolean {
    let w = this.wanted.get(kind);
    if (w === undefined) {
      w = this.sinks.some((s) => s.kinds === undefined || s.kinds.has(kind));
      this.wanted.set(kind, w);
    }
    return w;
  }

  /**
   * Emits one record at the current time. `fields` must not use the keys t, actor or kind;
   * its key order is the order written, so build it the same way every time.
   */
  emit(actor: string, kind: string, fields?: Readonly<Record<string, unknown>>): void {
    if (!this.wants(kind)) return;
    const t = this.clock.now;
    let line = `{"t":${t},${this.head(actor, kind)}`;
    if (fields !== undefined) {
      // Equal to JSON.stringify's output, but flat fields (numbers, strings, booleans)
      // are written directly: on Node 20, JSON.stringify of a small object costs more
      // than the simulation event that emits it.
      for (const key in fields) {
        const value = fields[key];
        if (value === undefined) continue;
        const name = this.keys.get(key) ?? this.keyJson(key);
        if (typeof value === 'number') line += Number.isFinite(value) ? `,${name}${value}` : `,${name}null`;
        else if (typeof value === 'boolean') line += `,${name}${value}`;
        else if (typeof value === 'string') line += `,${name}${jsonString(value)}`;
        else {
          const json = JSON.stringify(value) as string | undefined;
          if (json !== undefined) line += `,${name}${json}`;
        }
      }
    }
    line += '}';
    const record = this.needRecords ? ({ t, actor, kind, ...fields } as TraceRecord) : undefined;
    this.records += 1;
    for (const sink of this.sinks) {
      if (sink.kinds === undefined || sink.kinds.has(kind)) sink.write(line, record);
    }
  }

  close(): void {
    for (const sink of this.sinks) sink.close?.();
  }

  /** `"key":`, serialised once per key. */
  private keyJson(key: string): string {
    const json = `${JSON.stringify(key)}:`;
    this.keys.set(key, json);
    return json;
  }

  /** `"actor":"...","kind":"..."`, serialised once per pair. */
  private head(actor: string, kind: string): string {
    let byKind = this.heads.get(actor);
    if (byKind === undefined) {
      byKind = new Map();
      this.heads.set(actor, byKind);
    }
    let head = byKind.get(kind);
    if (head === undefined) {
      head = `"actor":${JSON.stringify(actor)},"kind":${JSON.stringify(kind)}`;
      byKind.set(kind, head);
    }
    return head;
  }
}

/** The characters JSON.stringify escapes in a string: controls, `"`, `\`, and (when lone) surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * `JSON.stringify(value)` for a string: quoted as it is when nothing in it needs escaping
 * (most log strings: ids, ARNs, states, ECS's messages), which costs half a native call.
 */
export function jsonString(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/** Keeps the last `capacity` records in memory (a ring buffer). */
export class MemorySink implements TraceSink {
  readonly wantsRecords = true;
  private readonly buffer: TraceRecord[] = [];
  private start = 0;
  /** Records dropped because the buffer was full. */
  dropped = 0;

  constructor(
    readonly capacity = 100_000,
    readonly kinds?: ReadonlySet<string>,
  ) {
    if (!(Number.isInteger(capacity) && capacity > 0)) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  write(_line: string, record: TraceRecord | undefined): void {
    if (record === undefined) return;
    if (this.buffer.length < this.capacity) {
      this.buffer.push(record);
    } else {
      this.buffer[this.start] = record;
      this.start = (this.start + 1) % this.capacity;
      this.dropped += 1;
    }
  }

  /** The kept records, oldest first. */
  records(): TraceRecord[] {
    return [...this.buffer.slice(this.start), ...this.buffer.slice(0, this.start)];
  }
}

/** The running SHA-256 of the JSONL log: the run's determinism fingerprint. */
export class HashSink implements TraceSink {
  private readonly hash: Hash = createHash('sha256');
  private result: string | undefined;
  // Lines are joined and hashed in 64 KiB batches: one native call per record costs
  // more than the record itself.
  private pending = '';

  write(line: string): void {
    this.pending += `${line}\n`;
    if (this.pending.length >= 65_536) {
      this.hash.update(this.pending);
      this.pending = '';
    }
  }

  /** The hex digest; reading it ends the hash. */
  digest(): string {
    if (this.result === undefined) {
      this.hash.update(this.pending);
      this.pending = '';
      this.result = this.hash.digest('hex');
    }
    return this.result;
  }
}

/** Writes JSONL to a file through a 64 KiB buffer; `close` flushes what is left. */
export class JsonlFileSink implements TraceSink {
  private fd: number | undefined;
  private chunks: string[] = [];
  private buffered = 0;

  constructor(
    readonly path: string,
    readonly kinds?: ReadonlySet<string>,
  ) {
    this.fd = openSync(path, 'w');
  }

  write(line: string): void {
    this.chunks.push(line, '\n');
    this.buffered += line.length + 1;
    if (this.buffered >= 65_536) this.flush();
  }

  flush(): void {
    if (this.fd === undefined || this.chunks.length === 0) return;
    writeSync(this.fd, this.chunks.join(''));
    this.chunks = [];
    this.buffered = 0;
  }

  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    closeSync(this.fd);
    this.fd = undefined;
  }
}
