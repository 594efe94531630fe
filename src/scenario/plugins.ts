import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ScalingPolicyRegistry } from '../autoscaling/scaling-policies.js';
import { PlacementRegistry } from '../ecs/placement/registry.js';
import { InputError } from '../issues/index.js';

/** What a plug-in may add to: placement types and scaling policy types. */
export interface PluginRegistries {
  readonly placement: PlacementRegistry;
  readonly scalingPolicies: ScalingPolicyRegistry;
}

/**
 * A plug-in's entry point. `registry` is the `PlacementRegistry` (the form placement
 * plug-ins have always had); `registries` holds it as `placement` and the
 * `ScalingPolicyRegistry` as `scalingPolicies`. It may be async.
 */
export type RegisterPlugins = (registry: PlacementRegistry, registries: PluginRegistries) => unknown;

/** A plug-in: an ES module's path (it exports `register`), or the register function itself. */
export type Plugin = string | RegisterPlugins;

/**
 * ECS's built-in placement types and AWS's scaling policy types, plus what each plug-in
 * registers, in the order given. A module path is resolved from the current directory.
 * @throws InputError naming the module when it cannot be loaded, lacks `register`, or
 *   `register` throws (a duplicate name, say): bad input, exit 2.
 */
export async function loadPlugins(plugins: readonly Plugin[]): Promise<PluginRegistries> {
  const registries: PluginRegistries = { placement: PlacementRegistry.withBuiltins(), scalingPolicies: ScalingPolicyRegistry.withBuiltins() };
  for (const [index, plugin] of plugins.entries()) {
    const name = typeof plugin === 'string' ? plugin : `plugins[${index}]`;
    const fail = (message: string): never => {
      throw new InputError([{ file: name, path: [], message }]);
    };
    const register = typeof plugin === 'string' ? await registerOf(plugin, fail) : plugin;
    try {
      await register(registries.placement, registries);
    } catch (error) {
      fail(`register(registry) failed: ${firstLine(error)}`);
    }
  }
  return registries;
}

async function registerOf(module: string, fail: (message: string) => never): Promise<RegisterPlugins> {
  const file = resolve(process.cwd(), module);
  if (!existsSync(file)) fail('cannot load the placement plug-in: no such file');
  if (statSync(file).isDirectory()) fail('cannot load the placement plug-in: is a directory; give the module file');
  let exports: Record<string, unknown> = {};
  try {
    exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    fail(`cannot load the placement plug-in: ${firstLine(error)}`);
  }
  const register = exports['register'];
  if (typeof register !== 'function') {
    const names = Object.keys(exports).sort();
    fail(`expected an export register(registry), a function; this module ${names.length === 0 ? 'exports nothing' : `exports ${names.join(', ')}`}`);
  }
  return register as RegisterPlugins;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
