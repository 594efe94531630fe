import { Registry, type RegistryFailure } from '../../engine/registry.js';
import { InputError } from '../../issues/index.js';
import type { FilterPlugin, PluginFactory, StrategyPlugin } from './framework.js';
import { binpack, distinctInstance, memberOfConstraint, random, spread } from './builtins.js';

/**
 * Placement plug-ins by name: two instances of the one registry (engine/registry.ts).
 * Constraint types build filters; strategy types build rankers. A name can be registered
 * once, so a user's plug-in never silently replaces a built-in. A plug-in is built once per
 * type and argument and then reused, so it must not keep per-decision state.
 */
export class PlacementRegistry {
  // Sorted listings: the known types in an error read the same whatever the plug-ins' load order.
  private readonly constraints = new Registry<FilterPlugin>({ kind: 'placement constraint type', order: 'sorted' });
  private readonly strategies = new Registry<StrategyPlugin>({ kind: 'placement strategy type', order: 'sorted' });
  /** Built plug-ins by type and argument: a memberOf expression is parsed once per run, not per decision. */
  private readonly built = new Map<string, FilterPlugin | StrategyPlugin>();

  /** A registry with ECS's own types: distinctInstance, memberOf, binpack, spread, random. */
  static withBuiltins(): PlacementRegistry {
    const r = new PlacementRegistry();
    r.registerConstraint('distinctInstance', distinctInstance as PluginFactory<FilterPlugin, unknown>);
    r.registerConstraint('memberOf', memberOfConstraint as PluginFactory<FilterPlugin, unknown>);
    r.registerStrategy('binpack', binpack as PluginFactory<StrategyPlugin, unknown>);
    r.registerStrategy('spread', spread as PluginFactory<StrategyPlugin, unknown>);
    r.registerStrategy('random', random as PluginFactory<StrategyPlugin, unknown>);
    return r;
  }

  /** @throws Error when the name is taken. */
  registerConstraint<A>(name: string, factory: PluginFactory<FilterPlugin, A>): void {
    this.constraints.register(name, factory);
  }

  /** @throws Error when the name is taken. */
  registerStrategy<A>(name: string, factory: PluginFactory<StrategyPlugin, A>): void {
    this.strategies.register(name, factory);
  }

  constraintTypes(): string[] {
    return this.constraints.names();
  }

  strategyTypes(): string[] {
    return this.strategies.names();
  }

  /**
   * Builds the filter for a constraint, checking its argument (the expression).
   * @throws PlacementArgumentError for an unknown type or a bad argument.
   */
  constraint(type: string, expression: string | undefined): FilterPlugin {
    return this.cached(this.constraints, 'constraint', type, expression);
  }

  /**
   * Builds the ranker for a strategy, checking its argument (the field).
   * @throws PlacementArgumentError for an unknown type or a bad argument.
   */
  strategy(type: string, field: string | undefined): StrategyPlugin {
    return this.cached(this.strategies, 'strategy', type, field);
  }

  private cached<P extends FilterPlugin | StrategyPlugin>(registry: Registry<P>, what: string, type: string, arg: string | undefined): P {
    const key = JSON.stringify([what, type, arg]);
    let plugin = this.built.get(key) as P | undefined;
    if (plugin === undefined) {
      const built = registry.build(type, arg);
      if (!built.ok) throw PlacementArgumentError.from(built.failure, what === 'constraint' ? 'expression' : 'field');
      plugin = built.value;
      this.built.set(key, plugin);
    }
    return plugin;
  }
}

/**
 * A placement constraint or strategy the registry cannot build: the one input error
 * (src/issues), its issue's path relative to the constraint or strategy (`type`, or its
 * argument `expression` / `field`); `field` says which part.
 */
export class PlacementArgumentError extends InputError {
  override readonly name: string = 'PlacementArgumentError';
  constructor(
    message: string,
    readonly field: 'type' | 'argument',
    argName: 'expression' | 'field' = 'field',
  ) {
    super([{ path: [field === 'type' ? 'type' : argName], message }]);
    // The bare message, as before: the caller places it at its own path.
    this.message = message;
  }

  /** The registry's failure in placement's words (no did-you-mean: the message lists every known type). */
  static from(failure: RegistryFailure, argName: 'expression' | 'field'): PlacementArgumentError {
    return new PlacementArgumentError(failure.message, failure.field === 'name' ? 'type' : 'argument', argName);
  }
}
