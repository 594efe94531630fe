/**
 * A registered task definition as the model uses it: AWS's field names, with values
 * normalised (cpu in units, memory in MiB, health-check times in ms, defaults applied).
 * The raw API shapes (register input, describe output) live in schema.ts; normalize.ts
 * turns them into this.
 */

export type NetworkMode = 'awsvpc' | 'bridge' | 'host' | 'none' | 'default';
export type Compatibility = 'EC2' | 'FARGATE' | 'EXTERNAL';
export type CpuArchitecture = 'X86_64' | 'ARM64';
export type OperatingSystemFamily =
  | 'LINUX'
  | 'WINDOWS_SERVER_2019_FULL'
  | 'WINDOWS_SERVER_2019_CORE'
  | 'WINDOWS_SERVER_2022_FULL'
  | 'WINDOWS_SERVER_2022_CORE'
  | 'WINDOWS_SERVER_2004_CORE'
  | 'WINDOWS_SERVER_20H2_CORE'
  | 'WINDOWS_SERVER_2025_FULL'
  | 'WINDOWS_SERVER_2025_CORE';
export type DependencyCondition = 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY';

export interface PortMapping {
  readonly containerPort: number;
  /** Absent or 0 in bridge mode means a dynamic host port (ecs-facts T-051). */
  readonly hostPort?: number;
  readonly protocol: 'tcp' | 'udp';
  readonly name?: string;
}

/** ecs-facts T-039: defaults interval 30 s, timeout 5 s, retries 3, startPeriod off. */
export interface HealthCheck {
  readonly command: readonly string[];
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly startPeriodMs: number;
}

export interface ContainerDependency {
  readonly containerName: string;
  readonly condition: DependencyCondition;
}

export interface Secret {
  readonly name: string;
  readonly valueFrom: string;
}

export interface ContainerDefinition {
  readonly name: string;
  readonly image: string;
  /** CPU units; 0 when unset (ecs-facts T-027, T-038). */
  readonly cpu: number;
  /** Hard limit in MiB (ecs-facts T-057). */
  readonly memory?: number;
  /** Soft limit in MiB (ecs-facts T-057). */
  readonly memoryReservation?: number;
  /** Defaults to true (ecs-facts T-034). */
  readonly essential: boolean;
  readonly portMappings: readonly PortMapping[];
  readonly healthCheck?: HealthCheck;
  readonly dependsOn: readonly ContainerDependency[];
  readonly startTimeoutMs?: number;
  readonly stopTimeoutMs?: number;
  readonly secrets: readonly Secret[];
  readonly environment: readonly { readonly name: string; readonly value: string }[];
  /** `logConfiguration.logDriver`, e.g. "awslogs" (needs the execution role on Fargate, ecs-facts T-097). */
  readonly logDriver?: string;
  /** `repositoryCredentials.credentialsParameter`: private-registry auth through Secrets Manager. */
  readonly repositoryCredentialsParameter?: string;
  /** `resourceRequirements` of type GPU: GPUs the container reserves (ecs-facts T-116). */
  readonly gpus?: number;
}

export interface TaskDefinition {
  readonly family: string;
  readonly revision: number;
  readonly taskDefinitionArn: string;
  readonly status: 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';
  readonly networkMode: NetworkMode;
  readonly requiresCompatibilities: readonly Compatibility[];
  readonly compatibilities: readonly Compatibility[];
  readonly runtimePlatform: { readonly cpuArchitecture: CpuArchitecture; readonly operatingSystemFamily: OperatingSystemFamily };
  /** Task-level CPU units, when given (ecs-facts T-053). */
  readonly cpu?: number;
  /** Task-level memory in MiB, when given (ecs-facts T-053). */
  readonly memory?: number;
  readonly executionRoleArn?: string;
  readonly taskRoleArn?: string;
  readonly containerDefinitions: readonly ContainerDefinition[];
  readonly placementConstraints: readonly { readonly type: 'memberOf'; readonly expression: string }[];
  /** Fargate ephemeral storage in GiB (ecs-facts T-064: default 20). */
  readonly ephemeralStorageGiB: number;
  /** Fields the input had that the simulator accepts but does not model, by path. */
  readonly ignoredFields: readonly string[];
}
