// `ecs-sim/plugins`: what a plug-in author needs. A plug-in module exports
// `register(registry, { placement, scalingPolicies })`; `ecs-sim run --plugin FILE` and
// `simulate(scenario, { plugins })` load it. Named exports only.
export { PlacementRegistry } from '../ecs/placement/registry.js';
export type {
  FilterPlugin,
  StrategyPlugin,
  PluginFactory,
  Candidate,
  PlacementContext,
  PlacementRequest,
  PlacementDecision,
  PlacementConstraint,
  PlacementStrategy,
  Rejection,
} from '../ecs/placement/framework.js';
export { ScalingPolicyRegistry } from '../autoscaling/scaling-policies.js';
export type { ScalingPolicyType, ScalingPolicyBehaviour, ScalingView, PolicyView, AlarmView, ScalingDecision, OwnedAlarm, OwnedAlarmContext } from '../autoscaling/policy-type.js';
export { Registry } from '../engine/registry.js';
export type { Factory, RegistryFailure } from '../engine/registry.js';
export { loadPlugins } from '../scenario/plugins.js';
export type { Plugin, RegisterPlugins, PluginRegistries } from '../scenario/plugins.js';
