import type { LifecycleStage } from './deployment-strategy.js';
import { planStarts, type StartPlan } from './rolling.js';

/**
 * The scaling planner of the blue/green family (ECS-native blue/green, linear and canary,
 * ecs-facts S-098 to S-108, and CodeDeploy's task sets, which run through the same
 * lifecycle, S-090 to S-097): pure decisions the engine (blue-green-engine.ts) applies in
 * order, each table-tested. Green scales to the desired count from SCALE_UP on; blue keeps
 * serving production (a blue task that stopped is replaced on blue's revision) until
 * CLEAN_UP stops it; a rollback stops green. Traffic steps are codedeploy.ts's and
 * deployment-strategy.ts's (trafficSteps, codeDeploySteps).
 */

/** Stages in which green does not scale yet (the service is reconciled, pre-scale-up hooks run). */
export function greenScales(stage: LifecycleStage): boolean {
  return stage !== 'RECONCILE_SERVICE' && stage !== 'PRE_SCALE_UP';
}

/** Green's healthy tasks against the desired count: start the missing (or wait out the throttle, S-041), or scale in the extra. */
export function planGreen(desired: number, healthyGreen: number, throttledForMs: number): StartPlan {
  return planStarts({ desired, keep: desired, maximumPercent: 100, minimumHealthyPercent: 100, daemon: false }, { rest: healthyGreen, replaceRunning: 0, failed: false, throttledForMs });
}

export type BluePlan = { readonly kind: 'none' } | { readonly kind: 'stopAll' } | { readonly kind: 'start'; readonly count: number };

/**
 * Blue during a run: CLEAN_UP stops it; before that a missing blue task is replaced, once
 * green started none in this look and nothing is throttled.
 */
export function planBlue(stage: LifecycleStage, desired: number, blue: number, greenStarted: number, throttled: boolean): BluePlan {
  if (stage === 'CLEAN_UP') return { kind: 'stopAll' };
  if (blue < desired && greenStarted === 0 && !throttled) return { kind: 'start', count: desired - blue };
  return { kind: 'none' };
}

export type StageStep = { readonly kind: 'none' } | { readonly kind: 'enter'; readonly stage: LifecycleStage } | { readonly kind: 'lookAgain' } | { readonly kind: 'complete' };

/**
 * What an active run does next (S-104): SCALE_UP moves on to POST_SCALE_UP once green is
 * the desired count, all RUNNING and healthy (S-045), else looks again; CLEAN_UP completes
 * once no blue task is left.
 */
export function stageStep(stage: LifecycleStage, greenReady: boolean, blueLeft: boolean): StageStep {
  if (stage === 'SCALE_UP') return greenReady ? { kind: 'enter', stage: 'POST_SCALE_UP' } : { kind: 'lookAgain' };
  if (stage === 'CLEAN_UP' && !blueLeft) return { kind: 'complete' };
  return { kind: 'none' };
}
