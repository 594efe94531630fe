import type { ElasticLoadBalancing } from '../../elb/elb.js';
import type { LoadBalancingLink } from './load-balancers.js';

/** ECS's service-linked role calling the ELB model (ecs-facts L-042). */
export function elbLink(elb: ElasticLoadBalancing): LoadBalancingLink {
  return {
    targetGroup: (ref) => {
      const group = elb.targetGroupByNameOrArn(ref);
      return group === undefined ? undefined : { arn: group.arn, targetType: group.settings.TargetType === 'ip' ? 'ip' : 'instance' };
    },
    registerTargets: (arn, targets) => elb.registerTargets(arn, targets),
    deregisterTargets: (arn, targets) => elb.deregisterTargets(arn, targets),
    onTargetHealthChange: (listener) => {
      elb.onTargetHealthChange((e) =>
        listener({
          targetGroupArn: e.targetGroupArn,
          target: { Id: e.target.Id, Port: e.target.Port },
          state: e.current.State,
          ...(e.current.Reason === undefined ? {} : { reason: e.current.Reason }),
          ...(e.current.Description === undefined ? {} : { description: e.current.Description }),
        }),
      );
    },
    onTargetDeregistered: (listener) => {
      elb.onTargetDeregistered((e) => listener(e.targetGroupArn, { Id: e.target.Id, Port: e.target.Port }));
    },
    listenerRule: (ref) => elb.listenerRule(ref)?.arn,
    setForwardWeights: (ruleRef, weights) => elb.modifyForward(ruleRef, weights.map((w) => ({ TargetGroupArn: w.targetGroupArn, Weight: w.weight }))),
  };
}
