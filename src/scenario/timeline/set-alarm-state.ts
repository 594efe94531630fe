import { setAlarmStateSchema } from '../schema/cloudwatch.js';
import type { CloudWatchVerb } from './verb.js';
import type { z } from 'zod';

/** CloudWatch SetAlarmState: needs a cloudwatch section defining the alarm. */
export const setAlarmState: CloudWatchVerb<z.output<typeof setAlarmStateSchema>> = {
  name: 'setAlarmState',
  model: 'cloudwatch',
  schema: setAlarmStateSchema,
  check(input, spec) {
    const alarmNames = (spec.cloudwatch?.alarms ?? []).map((a) => a.AlarmName);
    if (alarmNames.includes(input.AlarmName)) return [];
    return [{ path: ['AlarmName'], message: spec.cloudwatch === undefined ? 'setAlarmState needs a cloudwatch section with the alarm' : `no alarm "${input.AlarmName}" in cloudwatch.alarms${alarmNames.length === 0 ? '' : `; have ${alarmNames.join(', ')}`}` }];
  },
  apply(cw, set) {
    cw.setAlarmState({ AlarmName: set.AlarmName, StateValue: set.StateValue, StateReason: set.StateReason, ...(set.StateReasonData === undefined ? {} : { StateReasonData: set.StateReasonData }) });
  },
};
