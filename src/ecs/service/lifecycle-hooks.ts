import { makeDistribution } from '../../engine/distributions.js';
import type { RandomStream } from '../../engine/random.js';
import type { Simulation, Timer } from '../../engine/simulation.js';
import { DEFAULT_CALLBACK_DELAY_MS, lambdaFunctionKey, type DeploymentLifecycleHook, type HookStage, type LambdaFunctionBehaviour } from './deployment-strategy.js';

/**
 * Deployment lifecycle hooks (ecs-facts S-102, S-105, S-107): the hooks of one stage run
 * one after another (assumption: AWS does not say whether a stage's hooks run in parallel).
 * A Lambda hook is invoked, takes its simulated duration, and answers from its script:
 * SUCCEEDED goes on, FAILED rolls back, IN_PROGRESS is invoked again after callBackDelay
 * (30 s by default). A PAUSE hook waits for ContinueServiceDeployment. Either kind hits
 * its timeoutConfiguration: ROLLBACK (default) or CONTINUE.
 */

export type HookOutcome = { readonly status: 'SUCCEEDED' } | { readonly status: 'FAILED'; readonly reason: string };

/** The PAUSE hook a stage waits on (ecs-facts S-107: status AWAITING_ACTION). */
export interface AwaitingHook {
  readonly hookId: string;
  readonly stage: HookStage;
}

/** One stage's hooks in progress. */
export class StageHooks {
  private index = -1;
  private timers: Timer[] = [];
  private finished = false;
  /** The PAUSE hook waiting for an action, if any. */
  awaiting: AwaitingHook | undefined;

  constructor(
    private readonly sim: Simulation,
    private readonly ids: RandomStream,
    private readonly functions: Readonly<Record<string, LambdaFunctionBehaviour>>,
    private readonly hooks: readonly DeploymentLifecycleHook[],
    private readonly stage: HookStage,
    private readonly label: { readonly service: string; readonly deployment: string },
    private readonly done: (outcome: HookOutcome) => void,
    private readonly invocations: Map<DeploymentLifecycleHook, number>,
  ) {}

  start(): void {
    this.next();
  }

  /** Stops everything pending (a rollback elsewhere). */
  cancel(): void {
    this.finished = true;
    this.clearTimers();
    this.awaiting = undefined;
  }

  /** ContinueServiceDeployment for the awaiting PAUSE hook (ecs-facts S-107). Whether one was waiting. */
  resume(action: 'CONTINUE' | 'ROLLBACK'): boolean {
    const awaiting = this.awaiting;
    if (awaiting === undefined || this.finished) return false;
    this.awaiting = undefined;
    this.trace('hookStatus', { hookId: awaiting.hookId, status: action === 'CONTINUE' ? 'SUCCEEDED' : 'FAILED', action });
    this.clearTimers();
    if (action === 'CONTINUE') this.next();
    else this.finish({ status: 'FAILED', reason: `hook ${awaiting.hookId} was continued with ROLLBACK` });
    return true;
  }

  private next(): void {
    if (this.finished) return;
    this.clearTimers();
    this.index += 1;
    const hook = this.hooks[this.index];
    if (hook === undefined) {
      this.finish({ status: 'SUCCEEDED' });
      return;
    }
    const timeoutMs = hook.timeoutConfiguration.timeoutInMinutes * 60_000;
    const index = this.index;
    this.timers.push(this.sim.schedule(timeoutMs, () => this.timedOut(hook, index)));
    if (hook.targetType === 'PAUSE') {
      // ecs-facts S-107: ECS makes a hookId `ecs-pause-…` and waits (HOOK_AWAITING_ACTION).
      let hex = '';
      while (hex.length < 16) hex += Math.floor(this.ids.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
      this.awaiting = { hookId: `ecs-pause-${hex}`, stage: this.stage };
      this.trace('hookStatus', { hookId: this.awaiting.hookId, status: 'AWAITING_ACTION' });
      return;
    }
    this.invoke(hook, index);
  }

  private invoke(hook: DeploymentLifecycleHook, index: number): void {
    const key = lambdaFunctionKey(hook.hookTargetArn ?? '', Object.keys(this.functions));
    const fn = key === undefined ? undefined : this.functions[key];
    const n = this.invocations.get(hook) ?? 0;
    this.invocations.set(hook, n + 1);
    this.trace('hookInvoked', { function: hook.hookTargetArn ?? '', invocation: n + 1 });
    if (fn === undefined) {
      // The scenario loader refuses this; as a library call ECS would see a function error (S-105: roll back).
      this.finish({ status: 'FAILED', reason: `no such function ${hook.hookTargetArn ?? ''}` });
      return;
    }
    const durationMs = fn.duration === undefined ? 0 : Math.max(0, Math.round(makeDistribution(fn.duration).sampleMs(this.ids)));
    this.timers.push(
      this.sim.schedule(durationMs, () => {
        if (this.finished || this.index !== index) return;
        const response = fn.responses[Math.min(n, fn.responses.length - 1)];
        const status = response?.hookStatus;
        this.trace('hookStatus', { function: hook.hookTargetArn ?? '', status: status ?? 'INVALID' });
        if (status === 'SUCCEEDED') this.next();
        else if (status === 'IN_PROGRESS') {
          const delayMs = response?.callBackDelay === undefined ? DEFAULT_CALLBACK_DELAY_MS : response.callBackDelay * 1000;
          this.timers.push(this.sim.schedule(delayMs, () => !this.finished && this.index === index && this.invoke(hook, index)));
        } else this.finish({ status: 'FAILED', reason: `hook ${hook.hookTargetArn ?? ''} returned ${status ?? 'no status'}` });
      }),
    );
  }

  /** ecs-facts S-102, S-107: the timeout's action decides (TIMED_OUT). */
  private timedOut(hook: DeploymentLifecycleHook, index: number): void {
    if (this.finished || this.index !== index) return;
    this.trace('hookStatus', { hook: hook.hookTargetArn ?? this.awaiting?.hookId ?? 'PAUSE', status: 'TIMED_OUT', action: hook.timeoutConfiguration.action });
    this.awaiting = undefined;
    if (hook.timeoutConfiguration.action === 'CONTINUE') this.next();
    else this.finish({ status: 'FAILED', reason: `hook ${hook.hookTargetArn ?? 'PAUSE'} timed out` });
  }

  private finish(outcome: HookOutcome): void {
    if (this.finished) return;
    this.finished = true;
    this.clearTimers();
    this.done(outcome);
  }

  private clearTimers(): void {
    for (const t of this.timers) this.sim.cancel(t);
    this.timers = [];
  }

  private trace(kind: string, fields: Record<string, string | number>): void {
    this.sim.trace.emit('ecs', kind, { service: this.label.service, deployment: this.label.deployment, stage: this.stage, ...fields });
  }
}
