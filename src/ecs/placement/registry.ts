import type { FilterPlugin, PluginFactory, StrategyPlugin } from './framework.js';
import { binpack, distinctInstance, memberOfConstraint, random, spread } from './builtins.js';

/**
 * Placement plug-ins by name. Constraint types build filters; strategy types build
 * rankers. A name can be registered once (Kubernetes' Registry.Register refuses
 * duplicates too), so a user's plug-in never silently replaces a built-in. A plug-in is
 * built once per type and argument and then reused, so it must not keep per-decision state.
 */
export class PlacementRegistry {
  private readonly constraints = new Map<string, PluginFactory<FilterPlugin, unknown>>();
  private readonly strategies = new Map<string, PluginFactory<StrategyPlugin, unknown>>();
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
    if (this.constraints.has(name)) throw new Error(`placement constraint type "${name}" is already registered`);
    this.constraints.set(name, factory as PluginFactory<FilterPlugin, unknown>);
  }

  /** @throws Error when the name is taken. */
  registerStrategy<A>(name: string, factory: PluginFactory<StrategyPlugin, A>): void {
    if (this.strategies.has(name)) throw new Error(`placement strategy type "${name}" is already registered`);
    this.strategies.set(name, factory as PluginFactory<StrategyPlugin, unknown>);
  }

  constraintTypes(): string[] {
    return [...this.constraints.keys()].sort();
  }

  strategyTypes(): string[] {
    return [...this.strategies.keys()].sort();
  }

  /**
   * Builds the filter for a constraint, checking its argument (the expression).
   * @throws PlacementArgumentError for an unknown type or a bad argument.
   */
  constraint(type: string, expression: string | undefined): FilterPlugin {
    const key = JSON.stringify(['constraint', type, expression]);
    let plugin = this.built.get(key) as FilterPlugin | undefined;
    if (plugin === undefined) {
      plugin = build(this.constraints, 'constraint', type, expression, this.constraintTypes());
      this.built.set(key, plugin);
    }
    return plugin;
  }

  /**
   * Builds the ranker for a strategy, checking its argument (the field).
   * @throws PlacementArgumentError for an unknown type or a bad argument.
   */
  strategy(type: string, field: string | undefined): StrategyPlugin {
    const key = JSON.stringify(['strategy', type, field]);
    let plugin = this.built.get(key) as StrategyPlugin | undefined;
    if (plugin === undefined) {
      plugin = build(this.strategies, 'strategy', type, field, this.strategyTypes());
      this.built.set(key, plugin);
    }
    return plugin;
  }
}

/** A placement constraint or strategy the registry cannot build; `field` says which part. */
export class PlacementArgumentError extends Error {
  override readonly name = 'PlacementArgumentError';
  constructor(
    message: string,
    readonly field: 'type' | 'argument',
  ) {
    super(message);
  }
}

function build<P>(map: ReadonlyMap<string, PluginFactory<P, unknown>>, what: string, type: string, arg: string | undefined, known: readonly string[]): P {
  const factory = map.get(type);
  if (factory === undefined) throw new PlacementArgumentError(`unknown placement ${what} type "${type}"; known: ${known.join(', ')}`, 'type');
  const parsed = factory.args.safeParse(arg);
  if (!parsed.success) throw new PlacementArgumentError(parsed.error.issues.map((i) => i.message).join('; '), 'argument');
  try {
    return factory.create(parsed.data);
  } catch (error) {
    throw new PlacementArgumentError(error instanceof Error ? error.message : String(error), 'argument');
  }
}
