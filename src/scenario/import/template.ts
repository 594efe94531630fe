import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { InputError, type FieldPath } from '../../issues/index.js';
import { MAX_DOCUMENT_CHARS, type PositionedDocument } from '../loader.js';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../../ecs/task-definition/normalize.js';
import { mixedOverrides } from './cli-outputs.js';
import { andList, isObject, list, objects, str, withoutNulls, type Inventory, type ItemMaker, type Json } from './inventory.js';

/**
 * A CloudFormation template (JSON, or YAML with the short forms !Ref, !GetAtt, !Sub …; a
 * CDK `cdk.out/*.template.json` is the common case) → the inventory, in the APIs' shapes.
 * Intrinsic functions are resolved where they can be: `Ref`, `Fn::GetAtt`, `Fn::Sub`,
 * `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::GetAZs`, `Fn::FindInMap`, `Fn::If` (its
 * `Conditions` evaluated: `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition`),
 * parameters' defaults and the pseudo parameters; `AWS::NoValue` removes the property, and a
 * resource whose `Condition` is false is not created. What cannot be resolved
 * (`Fn::ImportValue`, a parameter without a default) is left out and named.
 */

export function isTemplate(data: unknown): boolean {
  return isObject(data) && isObject(data['Resources']) && Object.values(data['Resources']).some((r) => isObject(r) && typeof r['Type'] === 'string' && r['Type'].startsWith('AWS::'));
}

/**
 * Parses a YAML template, turning CloudFormation's short-form tags into their long forms.
 * @throws InputError for a YAML syntax error, at its line and column.
 */
export function parseTemplateText(text: string, file: string): PositionedDocument {
  if (text.length > MAX_DOCUMENT_CHARS) throw new InputError([{ file, path: [], message: `a template may have at most ${MAX_DOCUMENT_CHARS} characters (2 MiB); this one has ${text.length}` }]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  // Unknown tags (!Ref …) are warnings to yaml; they are read below.
  const errors = doc.errors;
  if (errors.length > 0) throw new InputError(errors.map((e) => ({ file, ...lineCounter.linePos(e.pos[0]), path: [], message: `not valid YAML: ${e.message.split('\n')[0] ?? ''}` })));
  const data = toJs(doc.contents as Node | null, file, lineCounter);
  const locate = (path: FieldPath): { line: number; col: number } | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
      if (node?.range !== undefined && node.range !== null) return lineCounter.linePos(node.range[0]);
    }
    return undefined;
  };
  return { data, locate, issue: (path, message) => ({ file, ...locate(path), path, message }) };
}

const SHORT_FORMS = new Set(['Ref', 'Condition']);

function toJs(node: Node | null, file: string, lines: LineCounter, depth = 0): unknown {
  if (node === null) return null;
  if (depth > 64) throw new InputError([{ file, path: [], message: 'the template nests more than 64 levels deep' }]);
  let value: unknown;
  if (isMap(node)) {
    const out: Json = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      out[key] = toJs(pair.value as Node | null, file, lines, depth + 1);
    }
    value = out;
  } else if (isSeq(node)) {
    value = node.items.map((i) => toJs(i as Node | null, file, lines, depth + 1));
  } else if (isScalar(node)) {
    value = node.value;
  } else {
    const at = node.range === undefined || node.range === null ? {} : lines.linePos(node.range[0]);
    throw new InputError([{ file, ...at, path: [], message: 'aliases are not read in templates' }]);
  }
  const tag = node.tag;
  if (tag === undefined || !tag.startsWith('!')) return value;
  const name = tag.slice(1);
  if (name === 'GetAtt' && typeof value === 'string') return { 'Fn::GetAtt': value.split(/\.(.*)/s).slice(0, 2) };
  return { [SHORT_FORMS.has(name) ? name : `Fn::${name}`]: value };
}

// ---------------------------------------------------------------------------------------------

/** A short, stable hex id for a resource (its ARN's last part), from its logical id. */
function hexId(text: string, length = 16): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b ^ text.charCodeAt(i), 0x5bd1e995) >>> 0;
  }
  return (a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')).slice(0, length);
}

/** Unresolvable: left out, and named in the report. */
const UNRESOLVED = Symbol('unresolved');

/** The region and account the stack runs in (`import --region --account-id`); a template does not say. */
export interface TemplateAccount {
  readonly region?: string | undefined;
  readonly accountId?: string | undefined;
}

interface Resource {
  readonly Type: string;
  readonly Properties: Json;
}

class Resolver {
  readonly region: string;
  readonly accountId: string;
  readonly unresolved: string[] = [];
  private readonly resources: Record<string, Resource>;
  private readonly parameters: Json;
  private readonly mappings: Json;
  private readonly conditions: Json;
  private readonly conditionValues = new Map<string, boolean | typeof UNRESOLVED>();
  /** Resources a false condition leaves out of the stack: logical id → condition. */
  readonly notCreated = new Map<string, string>();
  private readonly names = new Map<string, unknown>();
  private depth = 0;

  constructor(template: Json, readonly inv: Inventory, account: TemplateAccount = {}) {
    this.resources = {};
    for (const [id, r] of Object.entries(isObject(template['Resources']) ? template['Resources'] : {})) {
      if (isObject(r) && typeof r['Type'] === 'string') this.resources[id] = { Type: r['Type'], Properties: isObject(r['Properties']) ? r['Properties'] : {} };
    }
    this.parameters = isObject(template['Parameters']) ? template['Parameters'] : {};
    this.mappings = isObject(template['Mappings']) ? template['Mappings'] : {};
    this.conditions = isObject(template['Conditions']) ? template['Conditions'] : {};
    this.region = account.region ?? DEFAULT_REGION;
    this.accountId = account.accountId ?? DEFAULT_ACCOUNT_ID;
    // A resource whose Condition is false is not created (ecs-facts I-015); one whose condition cannot be evaluated is kept.
    const raw = isObject(template['Resources']) ? template['Resources'] : {};
    for (const [id, r] of Object.entries(raw)) {
      if (!isObject(r) || typeof r['Condition'] !== 'string' || this.resources[id] === undefined) continue;
      if (this.condition(r['Condition'], `${id}.Condition`) === false) {
        this.notCreated.set(id, r['Condition']);
        delete this.resources[id];
      }
    }
  }

  /**
   * A named condition's value, from parameter defaults and pseudo parameters (ecs-facts I-015);
   * UNRESOLVED (and named) when it cannot be evaluated.
   */
  condition(name: string, where: string): boolean | typeof UNRESOLVED {
    const known = this.conditionValues.get(name);
    if (known !== undefined) return known;
    const definition = this.conditions[name];
    if (definition === undefined) return this.fail(where, `Condition ${name} (no such condition)`);
    // A condition that refers back to itself stays unresolved.
    this.conditionValues.set(name, UNRESOLVED);
    const value = this.evaluate(definition, `Conditions.${name}`);
    this.conditionValues.set(name, value);
    return value;
  }

  /** Fn::Equals, Fn::And, Fn::Or, Fn::Not and Condition references. */
  private evaluate(value: unknown, where: string): boolean | typeof UNRESOLVED {
    const keys = isObject(value) ? Object.keys(value) : [];
    if (!isObject(value) || keys.length !== 1) return this.fail(where, 'a condition that is not Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition');
    const fn = keys[0] as string;
    const arg = value[fn];
    switch (fn) {
      case 'Condition':
        return this.condition(String(arg), where);
      case 'Fn::Equals': {
        const [a, b] = list(arg).map((x) => this.resolve(x, where));
        if (a === UNRESOLVED || b === UNRESOLVED || a === undefined || b === undefined) return UNRESOLVED;
        // Parameters are strings to CloudFormation: a Number parameter's default 2 equals "2".
        const text = (x: unknown): string => (typeof x === 'object' ? JSON.stringify(x) : String(x));
        return text(a) === text(b);
      }
      case 'Fn::Not': {
        const c = this.evaluate(list(arg)[0], where);
        return c === UNRESOLVED ? c : !c;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const values = list(arg).map((c) => this.evaluate(c, where));
        const decisive = fn === 'Fn::And' ? false : true;
        if (values.includes(decisive)) return decisive;
        return values.includes(UNRESOLVED) ? UNRESOLVED : !decisive;
      }
      default:
        return this.fail(where, `${fn} in a condition`);
    }
  }

  get all(): [string, Resource][] {
    return Object.entries(this.resources);
  }

  /** `value` with every intrinsic function resolved; UNRESOLVED where one cannot be. */
  resolve(value: unknown, where: string): unknown {
    if (++this.depth > 200) {
      this.depth--;
      return this.fail(where, 'references that loop');
    }
    try {
      return this.resolveInner(value, where);
    } finally {
      this.depth--;
    }
  }

  private resolveInner(value: unknown, where: string): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v, where)).filter((v) => v !== NO_VALUE && v !== UNRESOLVED);
    if (!isObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const fn = keys[0] as string;
      const arg = value[fn];
      switch (fn) {
        case 'Ref':
          return this.ref(String(arg), where);
        case 'Fn::GetAtt': {
          const [id, attr] = typeof arg === 'string' ? arg.split(/\.(.*)/s) : (list(arg) as unknown[]).map((a) => this.resolve(a, where));
          return this.getAtt(String(id), String(attr), where);
        }
        case 'Fn::Sub':
          return this.sub(arg, where);
        case 'Fn::Join': {
          const [delimiter, items] = list(arg);
          const parts = this.resolve(items, where);
          if (!Array.isArray(parts) || parts.some((p) => typeof p === 'object')) return this.fail(where, 'Fn::Join');
          return parts.join(String(delimiter ?? ''));
        }
        case 'Fn::Select': {
          const [index, items] = list(arg);
          const from = this.resolve(items, where);
          const i = Number(this.resolve(index, where));
          return Array.isArray(from) && from[i] !== undefined ? from[i] : this.fail(where, 'Fn::Select');
        }
        case 'Fn::Split': {
          const [delimiter, source] = list(arg);
          const text = this.resolve(source, where);
          return typeof text === 'string' ? text.split(String(delimiter)) : this.fail(where, 'Fn::Split');
        }
        case 'Fn::GetAZs': {
          const region = this.resolve(arg, where);
          const r = typeof region === 'string' && region !== '' ? region : this.region;
          if (!this.inv.assumed.some((a) => a.startsWith('Fn::GetAZs'))) this.inv.assumed.push(`Fn::GetAZs gives ${r}a, ${r}b and ${r}c (the zones an account sees are its own)`);
          return [`${r}a`, `${r}b`, `${r}c`];
        }
        case 'Fn::If': {
          const [name, whenTrue, whenFalse] = list(arg);
          const c = this.condition(String(name), where);
          if (c === UNRESOLVED) return this.fail(where, `Fn::If ${String(name)}`);
          return this.resolve(c ? whenTrue : whenFalse, where);
        }
        case 'Fn::FindInMap': {
          const [map, top, second] = list(arg).map((a) => this.resolve(a, where));
          const found = (this.mappings[String(map)] as Json | undefined)?.[String(top)];
          return isObject(found) && found[String(second)] !== undefined ? found[String(second)] : this.fail(where, 'Fn::FindInMap');
        }
        default:
          if (fn.startsWith('Fn::') || fn === 'Condition') return this.fail(where, fn);
      }
    }
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      const r = this.resolve(v, `${where}.${k}`);
      if (r !== NO_VALUE && r !== UNRESOLVED) out[k] = r;
    }
    return out;
  }

  private fail(where: string, what: string): typeof UNRESOLVED {
    this.unresolved.push(`${where}: ${what} could not be resolved; left out`);
    return UNRESOLVED;
  }

  /** What `Ref` gives for each resource type (ecs-facts I-009). */
  ref(name: string, where: string): unknown {
    switch (name) {
      case 'AWS::Region':
        return this.region;
      case 'AWS::AccountId':
        return this.accountId;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return 'stack';
      case 'AWS::NoValue':
        return NO_VALUE;
    }
    const param = this.parameters[name];
    if (isObject(param)) return param['Default'] !== undefined ? param['Default'] : this.fail(where, `parameter ${name} (it has no Default)`);
    const r = this.resources[name];
    if (r === undefined) return this.fail(where, `Ref ${name} (no such parameter or resource)`);
    const arn = (service: string, rest: string): string => `arn:aws:${service}:${this.region}:${this.accountId}:${rest}`;
    switch (r.Type) {
      case 'AWS::ECS::Cluster':
      case 'AWS::ECS::CapacityProvider':
        return this.nameOf(name);
      case 'AWS::ECS::TaskDefinition':
        return arn('ecs', `task-definition/${String(this.nameOf(name))}:1`);
      case 'AWS::ECS::Service':
        return arn('ecs', `service/${String(this.clusterOf(name))}/${String(this.nameOf(name))}`);
      case 'AWS::ElasticLoadBalancingV2::TargetGroup':
        return arn('elasticloadbalancing', `targetgroup/${String(this.nameOf(name))}/${hexId(name)}`);
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
        return arn('elasticloadbalancing', `loadbalancer/${this.lbFullName(name)}`);
      case 'AWS::ElasticLoadBalancingV2::Listener': {
        const lb = this.resolve(r.Properties['LoadBalancerArn'], `${name}.LoadBalancerArn`);
        return typeof lb === 'string' ? `${lb.replace(':loadbalancer/', ':listener/')}/${hexId(name)}` : this.fail(where, `Ref ${name}`);
      }
      case 'AWS::ElasticLoadBalancingV2::ListenerRule': {
        const l = this.resolve(r.Properties['ListenerArn'], `${name}.ListenerArn`);
        return typeof l === 'string' ? `${l.replace(':listener/', ':listener-rule/')}/${hexId(name)}` : this.fail(where, `Ref ${name}`);
      }
      case 'AWS::EC2::Subnet':
        return `subnet-${hexId(name, 17)}`;
      case 'AWS::EC2::VPC':
        return `vpc-${hexId(name, 17)}`;
      case 'AWS::EC2::SecurityGroup':
        return `sg-${hexId(name, 17)}`;
      default:
        return name;
    }
  }

  getAtt(id: string, attr: string, where: string): unknown {
    const r = this.resources[id];
    if (r === undefined) return this.fail(where, `Fn::GetAtt ${id}.${attr} (no such resource)`);
    switch (`${r.Type}.${attr}`) {
      case 'AWS::ECS::Cluster.Arn':
        return `arn:aws:ecs:${this.region}:${this.accountId}:cluster/${String(this.nameOf(id))}`;
      case 'AWS::ECS::Service.Name':
        return this.nameOf(id);
      case 'AWS::ECS::Service.ServiceArn':
      case 'AWS::ECS::TaskDefinition.TaskDefinitionArn':
      case 'AWS::ElasticLoadBalancingV2::TargetGroup.TargetGroupArn':
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer.LoadBalancerArn':
      case 'AWS::ElasticLoadBalancingV2::Listener.ListenerArn':
      case 'AWS::ElasticLoadBalancingV2::ListenerRule.RuleArn':
        return this.ref(id, where);
      case 'AWS::ElasticLoadBalancingV2::TargetGroup.TargetGroupName':
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer.LoadBalancerName':
        return this.nameOf(id);
      case 'AWS::ElasticLoadBalancingV2::TargetGroup.TargetGroupFullName':
        return `targetgroup/${String(this.nameOf(id))}/${hexId(id)}`;
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer.LoadBalancerFullName':
        return this.lbFullName(id);
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer.DNSName':
        return `${String(this.nameOf(id))}-${hexId(id, 8)}.${this.region}.elb.amazonaws.com`;
      case 'AWS::EC2::SecurityGroup.GroupId':
        return this.ref(id, where);
      case 'AWS::IAM::Role.Arn':
        return `arn:aws:iam::${this.accountId}:role/${id}`;
      default:
        return this.fail(where, `Fn::GetAtt ${id}.${attr}`);
    }
  }

  private sub(arg: unknown, where: string): unknown {
    const [text, vars] = typeof arg === 'string' ? [arg, {}] : (list(arg) as [unknown, unknown]);
    if (typeof text !== 'string') return this.fail(where, 'Fn::Sub');
    const variables = isObject(vars) ? vars : {};
    let failed = false;
    const out = text.replace(/\$\{(!?)([^}]+)\}/g, (whole: string, bang: string, name: string) => {
      if (bang === '!') return `\${${name}}`;
      const v = name in variables ? this.resolve(variables[name], where) : name.includes('.') && !name.startsWith('AWS::') ? this.getAtt(name.split('.')[0] as string, name.split('.').slice(1).join('.'), where) : this.ref(name, where);
      if (typeof v !== 'string' && typeof v !== 'number') {
        failed = true;
        return whole;
      }
      return String(v);
    });
    return failed ? UNRESOLVED : out;
  }

  /** The resource's physical name: its name property, else one made from its logical id. */
  nameOf(id: string): unknown {
    const known = this.names.get(id);
    if (known !== undefined) return known;
    const r = this.resources[id];
    const prop = { 'AWS::ECS::Cluster': 'ClusterName', 'AWS::ECS::Service': 'ServiceName', 'AWS::ECS::TaskDefinition': 'Family', 'AWS::ECS::CapacityProvider': 'Name', 'AWS::ElasticLoadBalancingV2::TargetGroup': 'Name', 'AWS::ElasticLoadBalancingV2::LoadBalancer': 'Name', 'AWS::CloudWatch::Alarm': 'AlarmName' }[r?.Type ?? ''];
    let name: unknown = prop === undefined || r?.Properties[prop] === undefined ? undefined : this.resolve(r.Properties[prop], `${id}.${prop}`);
    if (typeof name !== 'string') {
      // CloudFormation makes a name from the stack and the logical id; ELB names are 32 characters at most.
      const elb = r?.Type.startsWith('AWS::ElasticLoadBalancingV2::') === true;
      name = elb ? id.replace(/[^A-Za-z0-9-]/g, '').slice(0, 32) : id;
      if (prop !== undefined) this.inv.assumed.push(`${id} has no ${prop}: named "${String(name)}" after its logical id`);
    }
    this.names.set(id, name);
    return name;
  }

  private clusterOf(serviceId: string): unknown {
    const c = this.resources[serviceId]?.Properties['Cluster'];
    return c === undefined ? 'default' : this.resolve(c, `${serviceId}.Cluster`);
  }

  private lbFullName(id: string): string {
    const type = this.resources[id]?.Properties['Type'] === 'network' ? 'net' : 'app';
    return `${type}/${String(this.nameOf(id))}/${hexId(id)}`;
  }
}

const NO_VALUE = Symbol('AWS::NoValue');

/** CloudFormation's property names → the API's: `ContainerDefinitions` → `containerDefinitions`, `EFSVolumeConfiguration` → `efsVolumeConfiguration`. */
export function camel(key: string): string {
  const m = /^([A-Z]+)(?=[A-Z][a-z])/.exec(key);
  if (m !== null && (m[1] as string).length > 1) return (m[1] as string).toLowerCase() + key.slice((m[1] as string).length);
  if (/^[A-Z0-9]+$/.test(key)) return key.toLowerCase();
  return key.charAt(0).toLowerCase() + key.slice(1);
}

/** Maps whose keys are the user's (log driver options, labels): their keys stay as written. */
const FREE_FORM = new Set(['Options', 'DockerLabels', 'Labels', 'DriverOpts', 'SecretOptions']);
/** Where CloudFormation's name is not the API's with a lower-case first letter. */
const RENAMED: Readonly<Record<string, string>> = { PlacementStrategies: 'placementStrategy', EnableECSManagedTags: 'enableECSManagedTags' };

function toApi(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toApi);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) out[RENAMED[k] ?? camel(k)] = FREE_FORM.has(k) && isObject(v) ? v : toApi(v);
  return out;
}

const HANDLED = new Set([
  'AWS::ECS::Cluster', 'AWS::ECS::ClusterCapacityProviderAssociations', 'AWS::ECS::TaskDefinition', 'AWS::ECS::Service', 'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::ListenerRule', 'AWS::ApplicationAutoScaling::ScalableTarget',
  'AWS::ApplicationAutoScaling::ScalingPolicy', 'AWS::CloudWatch::Alarm', 'AWS::EC2::Subnet', 'AWS::AutoScaling::AutoScalingGroup', 'AWS::ECS::CapacityProvider',
  'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration',
]);

/** Reads a template's resources into the inventory. */
export function readTemplate(inv: Inventory, doc: PositionedDocument, file: string, from: string, account: TemplateAccount = {}): void {
  const template = doc.data as Json;
  const r = new Resolver(template, inv, account);
  inv.region ??= r.region;
  inv.accountId ??= r.accountId;
  // Only what was not given is an assumption.
  if (account.region === undefined || account.accountId === undefined) {
    inv.assumed.push(`the stack runs in ${r.region}, account ${r.accountId} (a template does not say; AWS::Region and AWS::AccountId resolve to these)`);
  }
  // CloudFormation refuses a template whose resources use one a false condition leaves out (ecs-facts I-016).
  const dangling = danglingDependencies(template, r);
  if (dangling.length > 0) {
    throw new InputError(
      dangling.map((d) =>
        doc.issue(
          d.path,
          `Template format error: Unresolved resource dependencies [${d.missing.join(', ')}] in the Resources block of the template (CloudFormation's validation error: ${andList(d.missing.map((m) => `${m} is left out by its condition ${r.notCreated.get(m) ?? '?'}, false with the parameters' defaults`))}; give ${d.id} the same condition, or choose with Fn::If)`,
        ),
      ),
    );
  }
  const item = (id: string): ItemMaker => (value, at) => ({ value, from: `${from}: ${id}`, issue: (path, message) => doc.issue([...at, ...path], message) });
  const props = (id: string, res: Resource): Json => withoutNulls(r.resolve(res.Properties, id)) as Json;
  const counts = new Map<string, number>();
  const skipped = new Map<string, number>();
  // Subnets first: services and load balancers need their zones.
  const ordered = r.all.sort(([, a], [, b]) => Number(b.Type === 'AWS::EC2::Subnet') - Number(a.Type === 'AWS::EC2::Subnet'));
  const policies: [string, Json][] = [];
  for (const [id, res] of ordered) {
    if (!HANDLED.has(res.Type)) {
      skipped.set(res.Type, (skipped.get(res.Type) ?? 0) + 1);
      continue;
    }
    counts.set(res.Type, (counts.get(res.Type) ?? 0) + 1);
    const p = props(id, res);
    const mk = item(id);
    const at = ['Resources', id, 'Properties'];
    switch (res.Type) {
      case 'AWS::EC2::Subnet': {
        const az = str(p['AvailabilityZone']);
        const subnet = r.ref(id, id);
        if (az !== undefined && typeof subnet === 'string') inv.subnets.set(subnet, az);
        break;
      }
      case 'AWS::ECS::Cluster': {
        const insights = objects(p['ClusterSettings']).find((s) => s['Name'] === 'containerInsights');
        inv.clusters.push(mk({ name: String(r.nameOf(id)), containerInsights: str(insights?.['Value']), capacityProviders: list(p['CapacityProviders']).map(String), defaultCapacityProviderStrategy: objects(toApi(p['DefaultCapacityProviderStrategy'])) }, at));
        break;
      }
      case 'AWS::ECS::ClusterCapacityProviderAssociations': {
        const strategy = objects(toApi(p['DefaultCapacityProviderStrategy']));
        const c = inv.clusters.find((x) => x.value.name === p['Cluster']);
        if (c !== undefined) inv.clusters[inv.clusters.indexOf(c)] = { ...c, value: { ...c.value, defaultCapacityProviderStrategy: strategy, capacityProviders: list(p['CapacityProviders']).map(String) } };
        else inv.ignored.push(`${from}: ${id}: its cluster ${String(p['Cluster'])} is not in the template`);
        break;
      }
      case 'AWS::ECS::TaskDefinition': {
        const td = toApi(p) as Json;
        td['family'] = r.nameOf(id);
        td['revision'] = 1;
        inv.taskDefinitions.push(mk(td, at));
        break;
      }
      case 'AWS::ECS::Service': {
        const s = toApi(p) as Json;
        const cluster = String(s['cluster'] ?? 'default');
        delete s['cluster'];
        s['serviceName'] = r.nameOf(id);
        // A cluster the template does not create (a parameter, an import): the service names it.
        if (!r.all.some(([cid, c]) => c.Type === 'AWS::ECS::Cluster' && r.nameOf(cid) === cluster) && !inv.clusters.some((c) => c.value.name === cluster)) {
          inv.clusters.push(mk({ name: cluster, containerInsights: undefined, capacityProviders: [], defaultCapacityProviderStrategy: [] }, [...at, 'Cluster']));
        }
        inv.services.push(mk(s, at));
        break;
      }
      case 'AWS::ElasticLoadBalancingV2::TargetGroup': {
        const { TargetGroupAttributes, Targets, Name, Tags, ...rest } = p;
        void Name;
        void Tags;
        if (Targets !== undefined) inv.ignored.push(`${from}: ${id}: Targets (ECS registers the service's tasks)`);
        inv.targetGroups.push(mk({ TargetGroupArn: r.ref(id, id), TargetGroupName: r.nameOf(id), ...rest, ...(TargetGroupAttributes === undefined ? {} : { Attributes: TargetGroupAttributes }) }, at));
        break;
      }
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
        const subnets = [...list(p['Subnets']), ...objects(p['SubnetMappings']).map((m) => m['SubnetId'])].map(String);
        const zones = subnets.map((s) => ({ SubnetId: s, ZoneName: inv.subnets.get(s) })).filter((z) => z.ZoneName !== undefined);
        if (zones.length < subnets.length) inv.assumed.push(`${id}: the zones of its subnets are not all in the template`);
        inv.loadBalancers.push(
          mk(
            {
              LoadBalancerArn: r.ref(id, id),
              LoadBalancerName: r.nameOf(id),
              Type: p['Type'] ?? 'application',
              Scheme: p['Scheme'] ?? 'internet-facing',
              AvailabilityZones: zones,
              ...(p['SecurityGroups'] === undefined ? {} : { SecurityGroups: p['SecurityGroups'] }),
              ...(p['LoadBalancerAttributes'] === undefined ? {} : { Attributes: p['LoadBalancerAttributes'] }),
            },
            at,
          ),
        );
        break;
      }
      case 'AWS::ElasticLoadBalancingV2::Listener':
        inv.listeners.push(mk({ ListenerArn: r.ref(id, id), ...p }, at));
        break;
      case 'AWS::ElasticLoadBalancingV2::ListenerRule':
        inv.rules.push(mk({ RuleArn: r.ref(id, id), ...p }, at));
        break;
      case 'AWS::ApplicationAutoScaling::ScalableTarget': {
        const { ScheduledActions, ...target } = p;
        // ecs-facts I-014: a target's ScheduledActions are PutScheduledAction's fields, the target's own added.
        objects(ScheduledActions).forEach((a, i) =>
          inv.scheduledActions.push(mk({ ServiceNamespace: target['ServiceNamespace'], ResourceId: target['ResourceId'], ScalableDimension: target['ScalableDimension'], ...a }, [...at, 'ScheduledActions', i])),
        );
        inv.scalableTargets.push(mk({ ...target, _id: id }, at));
        break;
      }
      case 'AWS::ApplicationAutoScaling::ScalingPolicy':
        policies.push([id, p]);
        break;
      case 'AWS::CloudWatch::Alarm':
        inv.alarms.push(mk({ ...p, AlarmName: r.nameOf(id) }, at));
        break;
      case 'AWS::AutoScaling::AutoScalingGroup': {
        const zones = [...new Set(list(p['VPCZoneIdentifier']).map((s) => inv.subnets.get(String(s))).filter((z): z is string => z !== undefined)), ...list(p['AvailabilityZones']).map(String)];
        inv.autoScalingGroups.push(
          mk({ name: String(r.ref(id, id)), instanceType: instanceTypeOf(r, res.Properties), overrides: mixedOverrides(objects(isObject(p['MixedInstancesPolicy']) && isObject(p['MixedInstancesPolicy']['LaunchTemplate']) ? p['MixedInstancesPolicy']['LaunchTemplate']['Overrides'] : [])), availabilityZones: [...new Set(zones)].sort(), minSize: Number(p['MinSize'] ?? 0), maxSize: Number(p['MaxSize'] ?? 0), desiredCapacity: p['DesiredCapacity'] === undefined ? undefined : Number(p['DesiredCapacity']) }, at),
        );
        break;
      }
      case 'AWS::ECS::CapacityProvider':
        inv.capacityProviders.push(mk({ ...(toApi(p) as Json), name: r.nameOf(id) }, at));
        break;
      case 'AWS::EC2::LaunchTemplate':
      case 'AWS::AutoScaling::LaunchConfiguration':
        break;
    }
  }
  // A policy names its target by ScalingTargetId (the target's Ref) or by ResourceId.
  for (const [id, p] of policies) {
    const { ScalingTargetId, ...policy } = p;
    const target = inv.scalableTargets.find((t) => t.value['_id'] === ScalingTargetId)?.value;
    const fields = target === undefined ? {} : { ServiceNamespace: target['ServiceNamespace'], ResourceId: target['ResourceId'], ScalableDimension: target['ScalableDimension'] };
    inv.scalingPolicies.push(item(id)({ ...fields, ...policy }, ['Resources', id, 'Properties']));
  }
  for (const t of inv.scalableTargets) delete (t.value as Json)['_id'];
  for (const [id, condition] of r.notCreated) inv.ignored.push(`${from}: ${id} (its condition ${condition} is false with the parameters' defaults, so the stack does not create it)`);
  inv.ignored.push(...r.unresolved.map((u) => `${from}: ${u}`));
  if (skipped.size > 0) inv.ignored.push(`${from}: ${[...skipped].map(([type, n]) => `${n} ${type}`).join(', ')} (not part of what ecs-sim simulates)`);
  inv.read.push({ from: file === from ? from : from, kind: `CloudFormation template (${[...counts].map(([type, n]) => `${n} ${type.replace(/^AWS::/, '')}`).join(', ') || 'no resources ecs-sim reads'})`, count: [...counts.values()].reduce((a, b) => a + b, 0) });
}

/**
 * Resources (kept by their own condition) that name, by DependsOn, Ref, Fn::GetAtt or
 * Fn::Sub, one a false condition leaves out: CloudFormation refuses such a template
 * (ecs-facts I-016). An Fn::If branch that the condition does not choose is not looked at.
 */
export function danglingDependencies(template: Json, r: Resolver): { id: string; path: FieldPath; missing: string[] }[] {
  if (r.notCreated.size === 0) return [];
  const out: { id: string; path: FieldPath; missing: string[] }[] = [];
  const raw = isObject(template['Resources']) ? template['Resources'] : {};
  for (const [id, res] of Object.entries(raw)) {
    if (!isObject(res) || r.notCreated.has(id)) continue;
    const missing: string[] = [];
    let first: FieldPath | undefined;
    const found = (name: string, path: FieldPath): void => {
      if (!r.notCreated.has(name) || missing.includes(name)) return;
      missing.push(name);
      first ??= path;
    };
    for (const [k, dep] of (typeof res['DependsOn'] === 'string' ? [res['DependsOn']] : list(res['DependsOn'])).entries()) if (typeof dep === 'string') found(dep, ['Resources', id, 'DependsOn', ...(Array.isArray(res['DependsOn']) ? [k] : [])]);
    const walk = (v: unknown, path: FieldPath, shadowed: ReadonlySet<string>): void => {
      if (Array.isArray(v)) return v.forEach((x, i) => walk(x, [...path, i], shadowed));
      if (!isObject(v)) return;
      const keys = Object.keys(v);
      if (keys.length === 1) {
        const fn = keys[0] as string;
        const arg = v[fn];
        if (fn === 'Ref' && typeof arg === 'string') return found(arg, path);
        if (fn === 'Fn::GetAtt') {
          const target = typeof arg === 'string' ? arg.split('.')[0] : list(arg)[0];
          if (typeof target === 'string') found(target, path);
          return;
        }
        if (fn === 'Fn::Sub') {
          const [text, vars] = typeof arg === 'string' ? [arg, {}] : list(arg);
          const own = new Set([...shadowed, ...Object.keys(isObject(vars) ? vars : {})]);
          if (typeof text === 'string') for (const m of text.matchAll(/\$\{([^!}][^}.]*)(?:\.[^}]*)?\}/g)) if (!own.has(m[1] as string)) found(m[1] as string, path);
          if (isObject(vars)) walk(vars, [...path, fn, 1], shadowed);
          return;
        }
        if (fn === 'Fn::If') {
          const [name, whenTrue, whenFalse] = list(arg);
          const c = r.condition(String(name), `${id}.Fn::If`);
          if (c === true) walk(whenTrue, [...path, fn, 1], shadowed);
          else if (c === false) walk(whenFalse, [...path, fn, 2], shadowed);
          return;
        }
      }
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k], shadowed);
    };
    walk(res['Properties'], ['Resources', id, 'Properties'], new Set());
    if (missing.length > 0) out.push({ id, path: first ?? ['Resources', id], missing });
  }
  return out;
}

/** The instance type an Auto Scaling group launches: from its launch template or launch configuration (raw properties: the ids are logical ids). */
function instanceTypeOf(r: Resolver, asg: Json): string | undefined {
  const refOf = (v: unknown): string | undefined => (isObject(v) && typeof v['Ref'] === 'string' ? v['Ref'] : undefined);
  // A mixed instances policy's overrides list the types it launches; the first is its preferred one (ecs-facts I-011).
  const mixed = isObject(asg['MixedInstancesPolicy']) && isObject(asg['MixedInstancesPolicy']['LaunchTemplate']) ? asg['MixedInstancesPolicy']['LaunchTemplate'] : undefined;
  const override = mixed === undefined ? undefined : objects(mixed['Overrides']).map((o) => str(r.resolve(o['InstanceType'], 'MixedInstancesPolicy'))).find((t) => t !== undefined);
  if (override !== undefined) return override;
  const spec = mixed !== undefined && isObject(mixed['LaunchTemplateSpecification']) ? mixed['LaunchTemplateSpecification'] : isObject(asg['LaunchTemplate']) ? asg['LaunchTemplate'] : undefined;
  const lt = spec === undefined ? undefined : refOf(spec['LaunchTemplateId']) ?? refOf(spec['LaunchTemplateName']);
  const lc = refOf(asg['LaunchConfigurationName']);
  for (const [id, res] of r.all) {
    if (id === lt && isObject(res.Properties['LaunchTemplateData'])) return str(r.resolve(res.Properties['LaunchTemplateData']['InstanceType'], id));
    if (id === lc) return str(r.resolve(res.Properties['InstanceType'], id));
  }
  return undefined;
}
