import type { CloudWatch } from '../../cloudwatch/alarm.js';
import type { DeploymentAlarmsLink } from './deployment-alarms.js';

/** ECS reading CloudWatch alarms for deployment failure detection (ecs-facts S-088, S-089). */
export function deploymentAlarmsLink(cw: CloudWatch): DeploymentAlarmsLink {
  return {
    stateOf: (name) => cw.stateOf(name),
    onStateChange: (listener) => cw.onStateChange((change) => listener(change.AlarmName, change.newState)),
    evaluationOf: (name) => {
      const alarm = cw.describeAlarms([name])[0];
      return alarm === undefined ? undefined : { Period: alarm.Period, EvaluationPeriods: alarm.EvaluationPeriods };
    },
  };
}
