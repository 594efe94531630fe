import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/loader.js';
import { checkResultPath } from '../../src/result/index.js';
import { ROOT } from '../support.js';

/**
 * `checkResultPath` judges an expectation path from the result's description alone, so a
 * typo is found before the run. It must accept every path the bundled scenarios use (and
 * every path a real result has), and reject typos with a did-you-mean that is itself good.
 */
const dir = join(ROOT, 'scenarios');
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
const used = files.flatMap((file) =>
  loadScenarioFile(join(dir, file)).spec.expectations.flatMap((e) => [e.that, e.sameAs].filter((p): p is string => p !== undefined).map((path) => ({ file, path }))),
);

describe('checkResultPath', () => {
  it('the bundled scenarios use paths of every kind', () => {
    const kinds = { filter: /\[[^\]=]+=/, length: /\.length$/, index: /\.\d+(\.|$)/, escapedDot: /\\\./ };
    for (const [kind, re] of Object.entries(kinds)) expect(used.some((u) => re.test(u.path)), kind).toBe(true);
    expect(used.length).toBeGreaterThan(100);
  });

  it('accepts every path the bundled scenarios expect things of', () => {
    const rejected = used.map((u) => ({ ...u, check: checkResultPath(u.path) })).filter((u) => !('ok' in u.check));
    expect(rejected).toEqual([]);
  });

  it.each([
    // [path, the error says, did you mean]
    ['ecs.servics.web.runningCount', '"ecs" has no field "servics"', 'ecs.services.web.runningCount'],
    ['ecs.services.web.deploymentz.length', '"ecs.services.web" has no field "deploymentz"', 'ecs.services.web.deployments.length'],
    ['ecs.services.web.deployments.rolloutState', '"ecs.services.web.deployments" is a list: pick an item first', 'ecs.services.web.deployments.0.rolloutState'],
    ['ecs.invariantViolations.lenght', 'is a list: it has no "lenght"', 'ecs.invariantViolations.length'],
    ['ecs.tasksByLabel.web[stopCod=TerminationNotice].length', 'the filter [stopCod=TerminationNotice] on "ecs.tasksByLabel.web" names a field the items do not have', 'ecs.tasksByLabel.web[stopCode=TerminationNotice].length'],
    ['ecs.tasksByLabel.web[stopCode=TerminationNotise].length', 'can match nothing: stopCode is one of', 'ecs.tasksByLabel.web[stopCode=TerminationNotice].length'],
    ['ecs.tasksByLabel.web[lastStatus=RUNING][availabilityZone=us-east-1a].length', 'lastStatus is one of', 'ecs.tasksByLabel.web[lastStatus=RUNNING][availabilityZone=us-east-1a].length'],
    ['elb.targetGroups.0.targets.0.history[State=unhealthy].0.Reasn', 'has no field "Reasn"', 'elb.targetGroups.0.targets.0.history[State=unhealthy].0.Reason'],
    ['cloudwatch.alarms.MetricAlarms[AlarmName=web-cpu-high].0.StateValu', 'has no field "StateValu"', 'cloudwatch.alarms.MetricAlarms[AlarmName=web-cpu-high].0.StateValue'],
    ['traffic.workloads.0.total.p99', 'has no field "p99"', 'traffic.workloads.0.total.latency.p99'],
    ['ecs.events.0.agentConected', '"ecs.events.0" has no field "agentConected"', 'ecs.events.0.agentConnected'],
    ['ecs.events[type=TaskStateChang].length', 'type is one of TaskStateChange, ContainerInstanceStateChange', 'ecs.events[type=TaskStateChange].length'],
    ['cost.total', '"cost" has no field "total"', 'cost.totals'],
    ['Ecs.taskCounts.RUNNING', 'the run result has no field "Ecs"', 'ecs.taskCounts.RUNNING'],
  ])('rejects %s with a did-you-mean', (path, error, didYouMean) => {
    const check = checkResultPath(path);
    expect(check).toMatchObject({ didYouMean });
    expect('error' in check && check.error).toContain(error);
    // The mend is itself a path some result has.
    expect(checkResultPath(didYouMean)).toEqual({ ok: true });
  });

  it.each([
    ['ecs.taskCounts.RUNNING.x', '"ecs.taskCounts.RUNNING" is a number: it has no "x"'],
    ['ecs.invariantViolations.length.x', '"ecs.invariantViolations.length" is a number'],
    ['ecs.clusterArn[status=x]', '"ecs.clusterArn" is not a list'],
    ['ecs.tasksByLabel.web[stopCode=X', 'malformed filter "[stopCode=X"'],
    ['ecs.tasksByLabel.web[stopCode=].length', 'the filter [stopCode=] on "ecs.tasksByLabel.web" has no value: write [stopCode=<the value to match>]'],
    ['logHash.length', '"logHash" is a string'],
    ['zzzzzz', 'the run result has no field "zzzzzz"; it has schemaVersion, scenario, seed'],
  ])('rejects %s, saying why', (path, error) => {
    const check = checkResultPath(path);
    expect(check).not.toHaveProperty('ok');
    expect('error' in check && check.error).toContain(error);
  });

  it('accepts any key of a map (names and labels are the scenario’s) and anything under a free-form value', () => {
    expect(checkResultPath('ecs.services.any-name.runningCount')).toEqual({ ok: true });
    expect(checkResultPath('ecs.containerInstances.0.attributes.ecs\\.capability\\.external')).toEqual({ ok: true });
    expect(checkResultPath('queueing.checkout.theory.meanWaitMs')).toEqual({ ok: true });
    expect(checkResultPath('')).toEqual({ ok: true });
  });
  // That it accepts every path a real result has: test/scenarios/, over every bundled scenario's result.
});
