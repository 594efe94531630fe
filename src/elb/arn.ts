/**
 * Deterministic ELB ARNs. The 16-hex id is the FNV-1a 64-bit hash of the resource's kind
 * and name, so an ARN depends on neither the run seed nor creation order: the same
 * scenario names give the same ARNs in every run and every what-if, and results from two
 * seeds can be compared by ARN.
 */
export function idHex(kind: string, name: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(`${kind}\u0000${name}`)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/** `arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<16 hex>` */
export function targetGroupArn(region: string, accountId: string, name: string): string {
  return `arn:aws:elasticloadbalancing:${region}:${accountId}:targetgroup/${name}/${idHex('targetgroup', name)}`;
}

/** `arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app|net/<name>/<16 hex>` */
export function loadBalancerArn(region: string, accountId: string, type: 'application' | 'network', name: string): string {
  const kind = type === 'application' ? 'app' : 'net';
  return `arn:aws:elasticloadbalancing:${region}:${accountId}:loadbalancer/${kind}/${name}/${idHex(`loadbalancer/${kind}`, name)}`;
}

/** `arn:aws:elasticloadbalancing:<region>:<account>:listener/app|net/<lb name>/<lb id>/<16 hex>` */
export function listenerArn(loadBalancerArnValue: string, port: number): string {
  return `${loadBalancerArnValue.replace(':loadbalancer/', ':listener/')}/${idHex('listener', `${loadBalancerArnValue}:${port}`)}`;
}

/**
 * `arn:aws:elasticloadbalancing:<region>:<account>:listener-rule/app|net/<lb name>/<lb id>/<listener id>/<16 hex>`;
 * `priority` is the rule's priority, or "default" for the listener's default rule.
 */
export function listenerRuleArn(listenerArnValue: string, priority: number | 'default'): string {
  return `${listenerArnValue.replace(':listener/', ':listener-rule/')}/${idHex('listener-rule', `${listenerArnValue}:${priority}`)}`;
}
