import { InputError } from '../../issues/index.js';
/**
 * Task-level `cpu` and `memory` as ECS reads them, and Fargate's table of valid sizes.
 *
 * ECS takes task cpu as CPU units ("1024") or vCPUs ("1 vCPU", "1 vcpu") and task memory
 * as MiB ("1024") or GB ("1GB", "1 GB"), and stores both as integer strings (ecs-facts
 * T-053). CloudFormation users write plain numbers, so numbers are read as units / MiB.
 */

/** A task `cpu` or `memory` value ECS would not accept: the one input error (src/issues), at the field. */
export class CpuMemoryError extends InputError {
  override readonly name: string = 'CpuMemoryError';
  constructor(field: 'cpu' | 'memory', message: string) {
    super([{ path: [field], message }]);
    // The text ECS gives, as it always read; the issue carries the field.
    this.message = message;
  }
}

const CPU_FORMS = 'CPU units such as "256" or 1024, or vCPUs such as "1 vCPU", "1 vcpu" or "0.25 vCPU"';
const MEMORY_FORMS = 'MiB such as "512" or 2048, or GB such as "1GB", "1 GB" or "0.5 GB"';

/** A non-negative decimal: "2", "0.25", ".5". */
const DECIMAL = String.raw`(\d+(?:\.\d+)?|\.\d+)`;
const VCPU = new RegExp(`^${DECIMAL}\\s*vcpu$`, 'i');
// ECS documents "1GB" and "1 GB". Any letter case is accepted here, as ECS does for "vCPU"/"vcpu" (unverified for GB).
const GB = new RegExp(`^${DECIMAL}\\s*gb$`, 'i');

/**
 * Task cpu in CPU units (1 vCPU = 1024 units).
 * Fractional vCPUs ("0.25 vCPU", ".5 vCPU") must come to a whole number of units;
 * ECS's acceptance of fractions is unverified (ecs-facts T-053).
 * @throws CpuMemoryError naming the accepted forms.
 */
export function parseTaskCpu(value: string | number): number {
  return parseSize(value, 'cpu', 1024, VCPU, CPU_FORMS, 'CPU units');
}

/**
 * Task memory in MiB (1 GB = 1024 MiB, as ECS counts it: "2GB" is 2048).
 * "512 MiB", "1GiB" and "1024MB" are not forms ECS documents, so they are refused.
 * @throws CpuMemoryError naming the accepted forms.
 */
export function parseTaskMemory(value: string | number): number {
  return parseSize(value, 'memory', 1024, GB, MEMORY_FORMS, 'MiB');
}

function parseSize(value: string | number, field: 'cpu' | 'memory', unitsPerBig: number, big: RegExp, forms: string, unit: string): number {
  // ecs-facts T-056: ECS answers any bad task size with "Invalid '<field>' setting for task."
  const fail = (why: string): never => {
    throw new CpuMemoryError(field, `Invalid '${field}' setting for task. ${why}`);
  };
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value <= 0) fail(`Expected a positive whole number of ${unit}; got ${shown}.`);
    return value;
  }
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n <= 0) fail(`Expected a positive number of ${unit}; got ${shown}.`);
    return n;
  }
  const m = big.exec(text);
  if (m === null) return fail(`Expected ${forms}; got ${shown}.`);
  const scaled = Number(m[1]) * unitsPerBig;
  // Round away float noise ("0.1 GB" is 102.4 MiB and stays fractional).
  const rounded = Math.round(scaled);
  if (Math.abs(scaled - rounded) > 1e-9) fail(`${shown} is not a whole number of ${unit} (${String(scaled)}).`);
  if (rounded <= 0) fail(`Expected a positive size; got ${shown}.`);
  return rounded;
}

function steps(from: number, to: number, step: number): readonly number[] {
  const out: number[] = [];
  for (let m = from; m <= to; m += step) out.push(m);
  return out;
}

/**
 * Fargate's valid task sizes: cpu units → memory MiB (ecs-facts T-055; the same table is
 * in the API's RegisterTaskDefinition `memory` documentation).
 */
export const FARGATE_TASK_SIZES: ReadonlyMap<number, readonly number[]> = new Map<number, readonly number[]>([
  [256, [512, 1024, 2048]],
  [512, steps(1024, 4096, 1024)],
  [1024, steps(2048, 8192, 1024)],
  [2048, steps(4096, 16384, 1024)],
  [4096, steps(8192, 30720, 1024)],
  [8192, steps(16384, 61440, 4096)],
  [16384, steps(32768, 122880, 8192)],
]);

/** Fargate cpu values available to Windows containers: 1, 2 and 4 vCPU (ecs-facts T-055). */
export const FARGATE_WINDOWS_CPUS: readonly number[] = [1024, 2048, 4096];

/** The memory sizes Fargate accepts with `cpu` units, or undefined when `cpu` is not a Fargate size. */
export function fargateMemoryOptions(cpu: number): readonly number[] | undefined {
  return FARGATE_TASK_SIZES.get(cpu);
}

/** Whether Fargate runs a task of this size (for Windows, only 1, 2 and 4 vCPU). */
export function isFargateTaskSize(cpu: number, memory: number, windows = false): boolean {
  if (windows && !FARGATE_WINDOWS_CPUS.includes(cpu)) return false;
  return fargateMemoryOptions(cpu)?.includes(memory) === true;
}

/** "512, 1024 or 2048 MiB", or "4096 to 16384 MiB in steps of 1024" for a long row. */
export function describeMemoryOptions(options: readonly number[]): string {
  if (options.length <= 3) return `${joinOr(options)} MiB`;
  const first = options[0] as number;
  const step = (options[1] as number) - first;
  return `${first} to ${String(options[options.length - 1])} MiB in steps of ${step}`;
}

/** "a, b or c" */
export function joinOr(items: readonly (string | number)[]): string {
  return items.length <= 1 ? items.map(String).join('') : `${items.slice(0, -1).join(', ')} or ${String(items[items.length - 1])}`;
}
