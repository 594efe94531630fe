/**
 * EC2 instance types as ECS sees them: what a container instance of a given type registers
 * (CPU, MEMORY, reserved PORTS; ecs-facts T-068..T-071), its `ecs.cpu-architecture` (T-083) and
 * how many `awsvpc` tasks its network interfaces allow, with and without awsvpcTrunking (T-081,
 * T-082).
 *
 * The built-in table is in instance-types-data.ts, which names the source of every column. A
 * scenario can add types or override fields of built-in ones through `resolveInstanceType`.
 */
import { distance } from 'fastest-levenshtein';
import { InputError } from '../../issues/index.js';
import { GPUS, INSTANCE_TYPE_ROWS, MEM_TOTAL_OBSERVED, type Hypervisor, type InstanceCpuArchitecture } from './instance-types-data.js';

// The row types live with the data (a leaf), so that the data never imports this file.
export type { Hypervisor, InstanceCpuArchitecture };
/** The values of the ECS attribute `ecs.os-type` (ecs-facts T-083). */
export type OsType = 'linux' | 'windows';

/** MemTotal (MiB) per operating system, as the agent reads it at registration. */
export interface MemTotalByOs {
  readonly linux?: number;
  readonly windows?: number;
}

/** One EC2 instance type. The comments name the EC2 DescribeInstanceTypes field behind each. */
export interface InstanceTypeSpec {
  /** The EC2 name (`InstanceType`), the value of the ECS attribute `ecs.instance-type` (ecs-facts T-083). */
  readonly name: string;
  /** `VCpuInfo.DefaultVCpus`. The agent registers CPU = vCPUs × 1024 (ecs-facts T-068). */
  readonly vcpus: number;
  /** `MemoryInfo.SizeInMiB`: the advertised memory. The agent registers less (ecs-facts T-070). */
  readonly memoryMiB: number;
  /** The value of `ecs.cpu-architecture` (ecs-facts T-083); `ProcessorInfo.SupportedArchitectures`. */
  readonly cpuArchitecture: InstanceCpuArchitecture;
  /** `Hypervisor`. */
  readonly hypervisor: Hypervisor;
  /** `NetworkInfo.MaximumNetworkInterfaces`, the primary ENI included (ecs-facts T-081). */
  readonly maxEnis: number;
  /**
   * The ENI limit with awsvpcTrunking: primary + trunk + one branch ENI per task (ecs-facts
   * T-081: c5.large has 12). Absent where ECS does not support trunking on the type.
   */
  readonly trunkingEnis?: number;
  /**
   * MiB of `memoryMiB` that a Linux kernel leaves out of MemTotal. For built-in types it is
   * an estimate from a measurement (see "Registered memory" below); absent: the fitted model.
   */
  readonly linuxOverheadMiB?: number;
  /** MemTotal observed on real container instances. It replaces the model for that OS. */
  readonly memTotalMiB?: MemTotalByOs;
  /** `GpuInfo.Gpus[].Count`: the GPUs the agent registers (ecs-facts T-115, T-116); absent for none. */
  readonly gpus?: number;
}

/** A scenario's extension of the table: all fields of a new type, or any fields of a built-in one. */
export type InstanceTypeOverride = Partial<Omit<InstanceTypeSpec, 'name'>>;

// ---------------------------------------------------------------------------------------------
// Registered memory
//
// The agent registers MEMORY = floor(MemTotal / MiB) − ECS_RESERVED_MEMORY, and refuses to
// register if that is negative (ecs-facts T-068, T-069; aws/amazon-ecs-agent
// ecs-agent/api/ecs/client/ecs_client.go `getResources`, `getHostMemoryInMiB`
// @088654faee1b4092e9fb723171be88d3ade5aa42). MemTotal is the advertised memory less what
// firmware and the kernel keep (T-070). AWS publishes MemTotal for one type only (m4.large), so
// the rest is a model, fitted to these public data points:
//
// (A) ECS-optimized Amazon Linux (2016–2018), Xen types, registered MEMORY with no reserved memory
//     (Sentia Labs, "Cost efficiency while using the containers", 2018-05-25,
//     https://www.sentialabs.io/2018/05/25/ecs-calculator.html), advertised → registered MiB:
//       t2.micro 1024 → 993      t2.small 2048 → 2001     t2.medium 4096 → 3952
//       t2.large, m4.large 8192 → 7984 (the ECS docs say 7985 for m4.large, T-070)
//       m4.xlarge 16384 → 16048  m4.2xlarge 32768 → 32176  m4.4xlarge 65536 → 64417
//       m4.10xlarge 163840 → 161185                         m4.16xlarge 262144 → 257953
//       c4.large 3840 → 3765     c4.xlarge 7680 → 7480     c4.2xlarge 15360 → 15040
//       c4.4xlarge 30720 → 30145 c4.8xlarge 61440 → 60385
//       r4.large 15616 → 15292   r4.xlarge 31232 → 30664   r4.2xlarge 62464 → 61408
//       r4.4xlarge 124928 → 122881  r4.8xlarge 249856 → 245857  r4.16xlarge 499712 → 491809
//     and c4.2xlarge 15043 → 15042 after an AMI update (aws/amazon-ecs-agent#399, 2016).
//     Fit: overhead = advertised / 64 + 15 MiB below 4 GiB, + 80 MiB from 4 GiB up. It is exact
//     for 13 of these 21 points and 15 MiB short of the overhead for the other 8 (all 30 GiB or
//     more); r3, not listed, registers 7–124 MiB more than the fit. Our reading: 1/64 is the
//     kernel's 64-byte page descriptor per 4 KiB page, and the 65 MiB step matches the 64 MiB
//     bounce buffer x86 kernels set aside once memory reaches past 4 GiB.
// (B) Nitro types: no ECS figures per type were found. Karpenter measured MemTotal for every
//     type on Bottlerocket (the BR column of instance-types-data.ts). Nitro keeps more than Xen:
//     about 28–36 MiB per GiB rather than 16.
// (C) Bottlerocket vs Amazon Linux. On Xen types, Karpenter's Bottlerocket overhead exceeds (A)
//     by 47–58 MiB up to 8 GiB (t2.micro 47, t2.small 49, t2.medium 52, c4.large 52, m4.large 58)
//     and by 70–153 MiB from 16 to 64 GiB. On Nitro, two ECS observations on Amazon Linux:
//       inf1.xlarge (8 GiB, 4 vCPU) `free -m` total 7679 (aws/amazon-ecs-agent#3331, 2022);
//         Bottlerocket on c5.xlarge, the same size and CPU generation, gives 7632: 47 MiB less.
//       m6i.large placed two tasks of 3910 MiB but not two of 3954 MiB
//         (thewca/worldcubeassociation.org#9974, 2024), so it registered 7820–7907 MiB;
//         Bottlerocket gives 7787: 33–120 MiB less.
//     So built-in Nitro types use Bottlerocket's overhead less BOTTLEROCKET_EXTRA_OVERHEAD_MIB.
//     For large types, where the Xen comparison shows 70–150 MiB, this registers a little less
//     than Amazon Linux would: the safe side for placement. With it, m6i.large registers 7837
//     MiB and c5.xlarge 7682.
// (D) Types with no measurement (m7i, t4g.nano, custom types) use a fit to the (C) values of the
//     70 built-in Nitro types Karpenter measured directly: overhead = 30 MiB per GiB + 20 MiB below 4 GiB or
//     150 MiB from 4 GiB up (x86_64); 36 MiB per GiB + 80 MiB (arm64). Median error 44 MiB
//     (0.34 % of memory); worst m5.4xlarge 598 MiB (0.9 %), m5.24xlarge 1147 MiB (0.3 %),
//     t4g.micro 63 MiB (6 %).
// Windows: the one data point (m4.large 8589524992 bytes, T-070) loses 400 KiB, so the model is
// advertised − 1 MiB. UNVERIFIED for any other type.
// ---------------------------------------------------------------------------------------------

/** What Bottlerocket's kernel keeps beyond Amazon Linux's (data point (C) above). */
export const BOTTLEROCKET_EXTRA_OVERHEAD_MIB = 50;
const MIB = 1024 * 1024;
const WINDOWS_OVERHEAD_MIB = 1;

/**
 * The fitted Linux overhead (MiB of advertised memory missing from MemTotal) for a type with no
 * measurement: data points (A) for Xen and (D) for Nitro in the comment above.
 */
export function linuxOverheadModelMiB(spec: Pick<InstanceTypeSpec, 'memoryMiB' | 'cpuArchitecture' | 'hypervisor'>): number {
  const mib = spec.memoryMiB;
  const atLeast4GiB = mib >= 4096;
  if (spec.hypervisor === 'xen') return Math.ceil(mib / 64) + (atLeast4GiB ? 80 : 15);
  if (spec.cpuArchitecture === 'arm64') return 80 + Math.ceil((36 * mib) / 1024);
  return (atLeast4GiB ? 150 : 20) + Math.ceil((30 * mib) / 1024);
}

/**
 * MemTotal in whole MiB, as the agent reads it: the observed value for the OS if known, else the
 * advertised memory less the type's overhead (see "Registered memory" above).
 * @throws {InstanceTypeError} for an unknown built-in name.
 */
export function memTotalMiB(type: InstanceTypeSpec | string, os: OsType = 'linux'): number {
  const spec = specOf(type);
  const observed = spec.memTotalMiB?.[os];
  if (observed !== undefined) return observed;
  if (os === 'windows') return spec.memoryMiB - WINDOWS_OVERHEAD_MIB;
  return spec.memoryMiB - (spec.linuxOverheadMiB ?? linuxOverheadModelMiB(spec));
}

export interface RegisteredMemoryOptions {
  /** `ECS_RESERVED_MEMORY`; defaults to 0 on Linux and Windows (ecs-facts T-069). */
  readonly reservedMemoryMiB?: number;
  readonly os?: OsType;
}

/**
 * The MEMORY resource the agent registers: MemTotal in MiB minus `ECS_RESERVED_MEMORY`
 * (ecs-facts T-068, T-069, T-070).
 * @throws {RangeError} if reservedMemoryMiB is not a whole number ≥ 0, or exceeds MemTotal (the
 *   agent then fails to register).
 * @throws {InstanceTypeError} for an unknown built-in name.
 */
export function registeredMemoryMiB(type: InstanceTypeSpec | string, options: RegisteredMemoryOptions = {}): number {
  const reserved = options.reservedMemoryMiB ?? 0;
  if (!Number.isSafeInteger(reserved) || reserved < 0) {
    throw new RangeError(`ECS_RESERVED_MEMORY must be a whole number of MiB ≥ 0 (got ${String(reserved)})`);
  }
  const spec = specOf(type);
  const total = memTotalMiB(spec, options.os ?? 'linux');
  if (reserved > total) {
    throw new RangeError(
      `${spec.name}: reserved memory is higher than available memory on the host, total memory: ${total}, reserved: ${reserved}`,
    );
  }
  return total - reserved;
}

/**
 * The CPU resource the agent registers: vCPUs × 1024 (ecs-facts T-068).
 * @throws {InstanceTypeError} for an unknown built-in name.
 */
export function registeredCpu(type: InstanceTypeSpec | string): number {
  return specOf(type).vcpus * 1024;
}

export interface AwsvpcOptions {
  /**
   * True when the instance has a trunk ENI: awsvpcTrunking was on when it launched, it runs
   * Linux with agent ≥ 1.28.1 (ecs-facts T-082). Ignored for types that do not support trunking.
   */
  readonly trunking: boolean;
}

/**
 * How many `awsvpc` tasks fit by ENIs: one ENI per task, the primary ENI counted, and with
 * trunking the trunk ENI too (ecs-facts T-081: c5.large 2, or 10 with trunking).
 * @throws {InstanceTypeError} for an unknown built-in name.
 */
export function maxAwsvpcTasks(type: InstanceTypeSpec | string, options: AwsvpcOptions): number {
  const spec = specOf(type);
  if (options.trunking && spec.trunkingEnis !== undefined) return spec.trunkingEnis - 2;
  return spec.maxEnis - 1;
}

// ---------------------------------------------------------------------------------------------
// Reserved ports (ecs-facts T-071): the agent registers these as PORTS / PORTS_UDP.
// ---------------------------------------------------------------------------------------------

/** Default `ECS_RESERVED_PORTS` on Linux. */
export const DEFAULT_RESERVED_PORTS_LINUX: readonly number[] = Object.freeze([22, 2375, 2376, 51678, 51679]);
/** Default `ECS_RESERVED_PORTS` on Windows. */
export const DEFAULT_RESERVED_PORTS_WINDOWS: readonly number[] = Object.freeze([
  53, 135, 139, 445, 2375, 2376, 3389, 5985, 5986, 51678, 51679,
]);
/** Default `ECS_RESERVED_PORTS_UDP`, on both. */
export const DEFAULT_RESERVED_PORTS_UDP: readonly number[] = Object.freeze([]);

/** Default `ECS_RESERVED_PORTS` by `ecs.os-type`. */
export const DEFAULT_RESERVED_PORTS: Readonly<Record<OsType, readonly number[]>> = Object.freeze({
  linux: DEFAULT_RESERVED_PORTS_LINUX,
  windows: DEFAULT_RESERVED_PORTS_WINDOWS,
});

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

const BUILT_IN: ReadonlyMap<string, InstanceTypeSpec> = new Map(
  INSTANCE_TYPE_ROWS.map(([name, vcpus, mib, arch, hypervisor, enis, trunkTasks, brBytes]) => {
    const observed = MEM_TOTAL_OBSERVED[name];
    const spec: InstanceTypeSpec = {
      name,
      vcpus,
      memoryMiB: mib,
      cpuArchitecture: arch,
      hypervisor,
      maxEnis: enis,
      // The ECS table gives tasks; the ENI limit adds the primary and the trunk ENI.
      ...(trunkTasks !== null && { trunkingEnis: trunkTasks + 2 }),
      ...(brBytes !== null && { linuxOverheadMiB: Math.ceil(brBytes / MIB) - BOTTLEROCKET_EXTRA_OVERHEAD_MIB }),
      ...(observed !== undefined && { memTotalMiB: Object.freeze({ ...observed }) }),
      ...(GPUS[name] !== undefined && { gpus: GPUS[name] }),
    };
    return [name, Object.freeze(spec)] as const;
  }),
);

/** The built-in instance type names, sorted. */
export const INSTANCE_TYPE_NAMES: readonly string[] = Object.freeze([...BUILT_IN.keys()].sort());

/** The built-in record for an EC2 instance type name, or undefined. */
export function instanceType(name: string): InstanceTypeSpec | undefined {
  return BUILT_IN.get(name);
}

// ---------------------------------------------------------------------------------------------
// Custom types and errors
// ---------------------------------------------------------------------------------------------

export type InstanceTypeIssue =
  | { readonly code: 'unknown_instance_type'; readonly suggestions: readonly string[] }
  | { readonly code: 'missing_field'; readonly field: string }
  | { readonly code: 'unknown_field'; readonly field: string; readonly suggestion?: string }
  | { readonly code: 'invalid_value'; readonly field: string; readonly expected: string; readonly received: unknown };

/**
 * Bad instance type input: an unknown name, or a custom spec that is incomplete or invalid.
 * The one input error (src/issues): `issues` in the one shape (the field as the path, the
 * first suggestion as the did-you-mean), `problems` as coded data.
 */
export class InstanceTypeError extends InputError {
  override readonly name: string = 'InstanceTypeError';
  constructor(
    readonly instanceType: string,
    readonly problems: readonly InstanceTypeIssue[],
  ) {
    super(problems.map((p) => ({ path: 'field' in p ? [p.field] : [], message: describeIssue(JSON.stringify(instanceType), p), didYouMean: p.code === 'unknown_instance_type' ? p.suggestions[0] : p.code === 'unknown_field' ? p.suggestion : undefined })));
    this.message = formatInstanceTypeIssues(instanceType, problems);
  }
}

/** One message for all issues of one instance type, a line per issue. */
export function formatInstanceTypeIssues(name: string, issues: readonly InstanceTypeIssue[]): string {
  return issues.map((issue) => describeIssue(JSON.stringify(name), issue)).join('\n');
}

function describeIssue(name: string, issue: InstanceTypeIssue): string {
  switch (issue.code) {
    case 'unknown_instance_type':
      return issue.suggestions.length > 0
        ? `unknown instance type ${name}; did you mean ${orList(issue.suggestions)}?`
        : `unknown instance type ${name}: it is not built in (families: ${FAMILIES.join(', ')}) and no custom spec defines it`;
    case 'missing_field':
      return `instance type ${name}: ${issue.field} is required for a type that is not built in`;
    case 'unknown_field': {
      const hint = issue.suggestion !== undefined ? `; did you mean ${JSON.stringify(issue.suggestion)}?` : '';
      return `instance type ${name}: ${issue.field}: unknown field${hint}`;
    }
    case 'invalid_value':
      return `instance type ${name}: ${issue.field} must be ${issue.expected} (got ${describeValue(issue.received)})`;
  }
}

const FAMILIES: readonly string[] = Object.freeze([...new Set(INSTANCE_TYPE_NAMES.map((n) => n.slice(0, n.indexOf('.'))))]);

function orList(names: readonly string[]): string {
  const quoted = names.map((n) => JSON.stringify(n));
  return quoted.length === 1 ? (quoted[0] as string) : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1] as string}`;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

/**
 * The names nearest to `name` (case ignored) if they are a typo away (edit distance ≤ 2), at
 * most three; ties are ordered by code units, never by locale.
 */
export function closeInstanceTypeNames(name: string, candidates: readonly string[]): string[] {
  const wanted = name.toLowerCase();
  const scored = candidates.map((candidate) => ({ candidate, d: distance(wanted, candidate.toLowerCase()) }));
  const nearest = Math.min(...scored.map((s) => s.d));
  if (nearest > MAX_SUGGESTION_DISTANCE) return [];
  return scored
    .filter((s) => s.d === nearest)
    .map((s) => s.candidate)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, 3);
}
const MAX_SUGGESTION_DISTANCE = 2;

const OVERRIDE_FIELDS = [
  'vcpus',
  'memoryMiB',
  'cpuArchitecture',
  'hypervisor',
  'maxEnis',
  'trunkingEnis',
  'linuxOverheadMiB',
  'memTotalMiB',
  'gpus',
] as const satisfies readonly (keyof InstanceTypeOverride)[];
const REQUIRED_FIELDS = ['vcpus', 'memoryMiB', 'maxEnis'] as const;
/** A new type without `cpuArchitecture` is x86_64, like most EC2 types. */
const DEFAULT_CPU_ARCHITECTURE: InstanceCpuArchitecture = 'x86_64';
/** A new type without `hypervisor` is Nitro, like every current-generation type. */
const DEFAULT_HYPERVISOR: Hypervisor = 'nitro';

/**
 * The spec for an instance type: a custom one from `custom` (merged over the built-in record
 * when the name is built in), else the built-in record.
 * @throws {InstanceTypeError} for an unknown name (with close names, custom ones included), or
 *   a custom spec that misses a required field, has an unknown field or an invalid value.
 */
export function resolveInstanceType(name: string, custom?: Readonly<Record<string, InstanceTypeOverride>>): InstanceTypeSpec {
  const builtIn = BUILT_IN.get(name);
  const override = custom !== undefined && Object.hasOwn(custom, name) ? (custom[name] as unknown) : undefined;
  if (override === undefined) {
    if (builtIn !== undefined) return builtIn;
    const candidates = [...INSTANCE_TYPE_NAMES, ...(custom === undefined ? [] : Object.keys(custom))];
    throw new InstanceTypeError(name, [{ code: 'unknown_instance_type', suggestions: closeInstanceTypeNames(name, candidates) }]);
  }
  if (override === null || typeof override !== 'object' || Array.isArray(override)) {
    throw new InstanceTypeError(name, [{ code: 'invalid_value', field: '(spec)', expected: 'an object of instance type fields', received: override }]);
  }
  const fields = override as Record<string, unknown>;
  const issues: InstanceTypeIssue[] = [];
  for (const key of Object.keys(fields)) {
    if ((OVERRIDE_FIELDS as readonly string[]).includes(key)) continue;
    const [suggestion] = closeInstanceTypeNames(key, OVERRIDE_FIELDS);
    issues.push({ code: 'unknown_field', field: key, ...(suggestion !== undefined && { suggestion }) });
  }
  if (builtIn === undefined) {
    for (const field of REQUIRED_FIELDS) if (fields[field] === undefined) issues.push({ code: 'missing_field', field });
  }
  const merged: Record<string, unknown> = { cpuArchitecture: DEFAULT_CPU_ARCHITECTURE, hypervisor: DEFAULT_HYPERVISOR, ...builtIn, name };
  if (builtIn !== undefined && fields['memoryMiB'] !== undefined && fields['memoryMiB'] !== builtIn.memoryMiB) {
    // The built-in memory figures belong to the real size; other memory gets the model.
    delete merged['linuxOverheadMiB'];
    delete merged['memTotalMiB'];
  }
  for (const field of OVERRIDE_FIELDS) if (fields[field] !== undefined) merged[field] = fields[field];
  if (issues.length === 0) issues.push(...checkSpec(merged));
  if (issues.length > 0) throw new InstanceTypeError(name, issues);
  const spec = merged as unknown as InstanceTypeSpec;
  return Object.freeze({ ...spec, ...(spec.memTotalMiB !== undefined && { memTotalMiB: Object.freeze({ ...spec.memTotalMiB }) }) });
}

function checkSpec(spec: Record<string, unknown>): InstanceTypeIssue[] {
  const issues: InstanceTypeIssue[] = [];
  const wholeAtLeast = (field: string, min: number): void => {
    const value = spec[field];
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      issues.push({ code: 'invalid_value', field, expected: `a whole number ≥ ${min}`, received: value });
    }
  };
  const oneOf = (field: string, allowed: readonly string[]): void => {
    const value = spec[field];
    if (typeof value !== 'string' || !allowed.includes(value)) {
      issues.push({ code: 'invalid_value', field, expected: `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, received: value });
    }
  };
  wholeAtLeast('vcpus', 1);
  wholeAtLeast('memoryMiB', 1);
  wholeAtLeast('maxEnis', 1);
  // The primary and the trunk ENI come first (ecs-facts T-081).
  wholeAtLeast('trunkingEnis', 2);
  wholeAtLeast('linuxOverheadMiB', 0);
  wholeAtLeast('gpus', 0);
  oneOf('cpuArchitecture', ['x86_64', 'arm64']);
  oneOf('hypervisor', ['nitro', 'xen']);
  const memTotal = spec['memTotalMiB'];
  if (memTotal !== undefined) {
    if (memTotal === null || typeof memTotal !== 'object' || Array.isArray(memTotal)) {
      issues.push({ code: 'invalid_value', field: 'memTotalMiB', expected: 'an object with linux and/or windows', received: memTotal });
    } else {
      for (const key of Object.keys(memTotal)) {
        if (key !== 'linux' && key !== 'windows') issues.push({ code: 'unknown_field', field: `memTotalMiB.${key}` });
      }
    }
  }
  if (issues.length > 0) return issues;
  // Cross-field checks, once every field has the right type.
  const mib = spec['memoryMiB'] as number;
  const byOs = (memTotal ?? {}) as Record<string, unknown>;
  for (const os of ['linux', 'windows'] as const) {
    const value = byOs[os];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > mib) {
      issues.push({ code: 'invalid_value', field: `memTotalMiB.${os}`, expected: `a whole number from 1 to memoryMiB (${mib})`, received: value });
    }
  }
  if (byOs['linux'] === undefined) {
    const overhead = (spec['linuxOverheadMiB'] as number | undefined) ?? linuxOverheadModelMiB(spec as unknown as InstanceTypeSpec);
    if (overhead >= mib) {
      const field = spec['linuxOverheadMiB'] === undefined ? 'memoryMiB' : 'linuxOverheadMiB';
      const expected =
        field === 'memoryMiB'
          ? `more than the modelled Linux overhead of ${overhead} MiB (or give memTotalMiB.linux)`
          : `less than memoryMiB (${mib})`;
      issues.push({ code: 'invalid_value', field, expected, received: spec[field] });
    }
  }
  return issues;
}

function specOf(type: InstanceTypeSpec | string): InstanceTypeSpec {
  return typeof type === 'string' ? resolveInstanceType(type) : type;
}
