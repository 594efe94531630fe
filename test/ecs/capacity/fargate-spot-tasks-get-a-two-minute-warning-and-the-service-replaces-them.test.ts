import { describe, expect, it } from 'vitest';
import { runYaml } from '../model/support.js';

// ecs-facts A-031: a two-minute warning (a task state change and SIGTERM), then the
// scheduler launches replacements on Fargate Spot if there is capacity. A-032: the
// interrupted task shows desiredStatus STOPPED while still RUNNING, with stopCode
// TerminationNotice and "Your Spot Task was interrupted.". A-028: replacements follow
// the strategy, so the base stays on FARGATE.
function scenario(opts: { fargateExtra?: string; timeline?: string; until?: string; container?: string; behaviour?: string } = {}): string {
  return `
name: spot
seed: 7
until: ${opts.until ?? '15m'}
ecs:
  fargate:
    availabilityZones: [us-east-1a, us-east-1b]
${opts.fargateExtra ?? ''}
  taskDefinitions:
    - definition:
        family: web
        requiresCompatibilities: [FARGATE]
        networkMode: awsvpc
        cpu: "1024"
        memory: "2048"
        containerDefinitions: [{ name: web, image: web:1, essential: true${opts.container ?? ''} }]
      behaviour: { containers: { web: { startup: 2s, shutdown: ${opts.behaviour ?? '2s'} } } }
timeline:
  - at: 10s
    createService:
      serviceName: web
      taskDefinition: web
      desiredCount: 6
      capacityProviderStrategy:
        - { capacityProvider: FARGATE, base: 2, weight: 0 }
        - { capacityProvider: FARGATE_SPOT, weight: 1 }
${opts.timeline ?? `  - at: 5m
    interruptFargateSpot: { service: web }`}
`;
}

describe('Fargate Spot interruptions (A-031 to A-033)', () => {
  it('marks each interrupted task STOPPED at the notice with Spot\'s code and reason, and the service recovers on Spot', () => {
    const r = runYaml(scenario());
    const tasks = r.ecs?.tasksByLabel['web'] ?? [];
    const interrupted = tasks.filter((t) => t.stopCode === 'TerminationNotice');
    expect(interrupted).toHaveLength(4);
    for (const t of interrupted) {
      expect(t.capacityProviderName).toBe('FARGATE_SPOT');
      expect(t.stoppedReason).toBe('Your Spot Task was interrupted.');
      // The warning itself: a state change at the notice, still RUNNING, desired STOPPED.
      expect(t.history).toContainEqual({ t: 300_000, lastStatus: 'RUNNING', desiredStatus: 'STOPPED' });
      expect(t.stoppingAt).toBe(300_000);
    }
    const notices = (r.ecs?.events ?? []).filter((e) => e.type === 'TaskStateChange' && e['stopCode'] === 'TerminationNotice' && e['lastStatus'] === 'RUNNING');
    expect(notices).toHaveLength(4);
    // Replacements: started right after the notice, on FARGATE_SPOT; the base stays on FARGATE.
    const replacements = tasks.filter((t) => t.createdAt > 300_000);
    expect(replacements).toHaveLength(4);
    expect(replacements.every((t) => t.capacityProviderName === 'FARGATE_SPOT' && t.lastStatus === 'RUNNING')).toBe(true);
    expect(Math.max(...replacements.map((t) => t.createdAt))).toBeLessThan(300_000 + 10_000);
    expect(tasks.filter((t) => t.capacityProviderName === 'FARGATE' && t.lastStatus === 'RUNNING')).toHaveLength(2);
    expect(r.ecs?.services['web']).toMatchObject({ runningCount: 6, pendingCount: 0 });
  });

  it('leaves the service short while Fargate has no Spot capacity for replacements (A-031)', () => {
    // Room for 4 Spot tasks of 1 vCPU in all: the interrupted ones hold theirs until they stop,
    // and the replacements find none until then.
    const r = runYaml(scenario({ fargateExtra: '    spotVcpuCapacityPerAz: { us-east-1a: 2, us-east-1b: 2 }', until: '5m20s' }));
    const tasks = r.ecs?.tasksByLabel['web'] ?? [];
    expect(tasks.filter((t) => t.capacityProviderName === 'FARGATE_SPOT' && t.createdAt < 300_000)).toHaveLength(4);
    const events = (r.ecs?.services['web']?.events ?? []).map((e) => e.message);
    expect(events.some((m) => m.includes('Capacity is unavailable at this time'))).toBe(true);
    // Stopping takes seconds, so 20 s after the notice the replacements have started but not all run.
    expect(r.ecs?.services['web']?.runningCount).toBeLessThan(6);
  });

  it('with no Spot capacity at all, places only the FARGATE base and says why', () => {
    const r = runYaml(scenario({ fargateExtra: '    spotVcpuCapacityPerAz: { us-east-1a: 0, us-east-1b: 0 }', timeline: '', until: '3m' }));
    const tasks = r.ecs?.tasksByLabel['web'] ?? [];
    expect(tasks.map((t) => t.capacityProviderName)).toEqual(['FARGATE', 'FARGATE']);
    expect(r.ecs?.services['web']?.runningCount).toBe(2);
    expect((r.ecs?.services['web']?.events ?? []).map((e) => e.message)).toContain(
      '(service web) was unable to place a task. Reason: Capacity is unavailable at this time. Please try again later or in a different availability zone',
    );
  });

  it('interrupts only Spot tasks, at a seeded rate per task-hour', () => {
    const r = runYaml(scenario({ fargateExtra: '    spotInterruptions: { ratePerTaskHour: 2 }', timeline: '', until: '2h' }));
    const tasks = r.ecs?.tasksByLabel['web'] ?? [];
    const interrupted = tasks.filter((t) => t.stopCode === 'TerminationNotice');
    // 4 Spot tasks for 2 h at 2 per task-hour: about 16 interruptions.
    expect(interrupted.length).toBeGreaterThan(6);
    expect(interrupted.length).toBeLessThan(30);
    expect(interrupted.every((t) => t.capacityProviderName === 'FARGATE_SPOT')).toBe(true);
    expect(tasks.filter((t) => t.capacityProviderName === 'FARGATE').every((t) => t.lastStatus === 'RUNNING')).toBe(true);
    expect(runYaml(scenario({ fargateExtra: '    spotInterruptions: { ratePerTaskHour: 2 }', timeline: '', until: '2h' })).logHash).toBe(r.logHash);
  });

  it('kills a task that outlives the two-minute warning', () => {
    // The container ignores SIGTERM for 5 minutes and its stopTimeout is Fargate's maximum (120 s).
    const r = runYaml(scenario({ container: ', stopTimeout: 120', behaviour: '5m', until: '10m' }));
    const interrupted = (r.ecs?.tasksByLabel['web'] ?? []).filter((t) => t.stopCode === 'TerminationNotice');
    expect(interrupted).toHaveLength(4);
    for (const t of interrupted) {
      expect(t.lastStatus).toBe('STOPPED');
      expect(t.containers[0]?.exitCode).toBe(137);
      // Gone when the two minutes run out (plus the report's way to the control plane), not 120 s after SIGTERM arrived.
      expect(t.executionStoppedAt).toBe(300_000 + 120_000);
      expect((t.stoppedAt ?? 0) - 300_000).toBeLessThan(125_000);
    }
  });
});
