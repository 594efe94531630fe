import type { z } from 'zod';
import { didYouMean } from '../issues/index.js';

/**
 * One registry for every extension point: a name maps to a factory and the zod schema of
 * the argument it is built with. A name can be registered once (Kubernetes' scheduler
 * framework refuses duplicates too), so a plug-in never silently replaces a built-in or
 * another plug-in. An unknown name is answered with the known names and the nearest one.
 * Domain-free: what is registered (a placement strategy, a scaling policy type, a routing
 * algorithm) is the caller's business; `kind` only names it in messages.
 */

/** How to build a plug-in: the schema of its argument (checked first) and the factory. */
export interface Factory<P, A = unknown> {
  readonly args: z.ZodType<A>;
  create(args: A): P;
}

/** Why a name could not be built; `field` says whether the name or the argument is at fault. */
export interface RegistryFailure {
  readonly field: 'name' | 'argument';
  readonly message: string;
  /** For an unknown name: the nearest registered one, when it is likely a typo of it. */
  readonly didYouMean?: string | undefined;
}

export type Built<P> = { readonly ok: true; readonly value: P } | { readonly ok: false; readonly failure: RegistryFailure };

export interface RegistryOptions {
  /** What one entry is, for messages: `placement strategy type`. */
  readonly kind: string;
  /**
   * Listing order: `registration` (built-ins first, then plug-ins in load order) or
   * `sorted` (code-unit order). Both depend only on what was registered.
   */
  readonly order?: 'registration' | 'sorted';
}

export class Registry<P> {
  private readonly factories = new Map<string, Factory<P, unknown>>();
  readonly kind: string;
  private readonly order: 'registration' | 'sorted';

  constructor(options: RegistryOptions) {
    this.kind = options.kind;
    this.order = options.order ?? 'registration';
  }

  /** @throws Error `<kind> "<name>" is already registered` when the name is taken. */
  register<A>(name: string, factory: Factory<P, A>): void {
    if (this.factories.has(name)) throw new Error(`${this.kind} "${name}" is already registered`);
    this.factories.set(name, factory as Factory<P, unknown>);
  }

  has(name: string): boolean {
    return this.factories.has(name);
  }

  get(name: string): Factory<P, unknown> | undefined {
    return this.factories.get(name);
  }

  /** Every registered name, in the registry's listing order. */
  names(): string[] {
    const names = [...this.factories.keys()];
    return this.order === 'sorted' ? names.sort(byCodeUnit) : names;
  }

  /** Undefined when the name is registered, else why not: the known names and the nearest one. */
  unknown(name: string): RegistryFailure | undefined {
    if (this.factories.has(name)) return undefined;
    const names = this.names();
    return { field: 'name', message: `unknown ${this.kind} "${name}"; known: ${names.join(', ')}`, didYouMean: didYouMean(name, names) };
  }

  /**
   * Builds the named plug-in: checks the argument with the factory's schema, then creates.
   * A factory that throws is reported as a bad argument, never passed on.
   */
  build(name: string, arg: unknown): Built<P> {
    const factory = this.factories.get(name);
    if (factory === undefined) return { ok: false, failure: this.unknown(name) as RegistryFailure };
    const parsed = factory.args.safeParse(arg);
    if (!parsed.success) return { ok: false, failure: { field: 'argument', message: parsed.error.issues.map((i) => i.message).join('; ') } };
    try {
      return { ok: true, value: factory.create(parsed.data) };
    } catch (error) {
      return { ok: false, failure: { field: 'argument', message: error instanceof Error ? error.message : String(error) } };
    }
  }
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
