import { z } from 'zod';
import { Registry } from '../engine/registry.js';
import { didYouMeanTail } from '../issues/index.js';
import { resourceId, scalableDimension, serviceNamespace } from './fields.js';
import { configurationField, type ScalingPolicyBehaviour, type ScalingPolicyType } from './policy-type.js';
import { STEP_SCALING, stepScaling } from './step-scaling.js';
import { TARGET_TRACKING_SCALING, targetTrackingScaling } from './target-tracking.js';

/**
 * Scaling policy types by `PolicyType` name: the one registry (engine/registry.ts) holding
 * AWS's TargetTrackingScaling and StepScaling, and whatever a plug-in adds (`--plugin`). A
 * name is taken once. The `PutScalingPolicy` schema is built from what is registered: one
 * optional `<PolicyType>PolicyConfiguration` field per type, checked by the type's schema.
 */
export class ScalingPolicyRegistry {
  // Registration order: AWS's types first, in the order the API reference lists them, then plug-ins.
  private readonly types = new Registry<ScalingPolicyBehaviour>({ kind: 'scaling policy type' });
  private schema: z.ZodType<PutScalingPolicyConfig> | undefined;

  /** AWS's two policy types for ECS services. */
  static withBuiltins(): ScalingPolicyRegistry {
    const r = new ScalingPolicyRegistry();
    r.register(TARGET_TRACKING_SCALING, targetTrackingScaling);
    r.register(STEP_SCALING, stepScaling);
    return r;
  }

  /**
   * Registers a `PolicyType`; scenarios then give its configuration as
   * `<name>PolicyConfiguration`.
   * @throws Error when the name is taken or is not a word of letters and digits.
   */
  register<C>(name: string, type: ScalingPolicyType<C>): void {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`scaling policy type "${name}" must be letters and digits, starting with a letter (its configuration is ${configurationField('<PolicyType>')})`);
    this.types.register(name, type);
    this.schema = undefined;
  }

  /** The registered names, AWS's first, then in registration order. */
  names(): string[] {
    return this.types.names();
  }

  has(name: string): boolean {
    return this.types.has(name);
  }

  /** The behaviour of a policy of `type` with an already checked configuration. */
  create(type: string, configuration: unknown): ScalingPolicyBehaviour {
    const factory = this.types.get(type);
    if (factory === undefined) throw new Error(this.types.unknown(type)?.message);
    return factory.create(configuration);
  }

  /** `PutScalingPolicy` input for the registered types. */
  putScalingPolicySchema(): z.ZodType<PutScalingPolicyConfig> {
    this.schema ??= putScalingPolicySchemaFor(this.types);
    return this.schema;
  }
}

/** `PutScalingPolicy` input, checked: the configuration sits under `<PolicyType>PolicyConfiguration`. */
export interface PutScalingPolicyConfig {
  readonly PolicyName: string;
  readonly ServiceNamespace: 'ecs';
  readonly ResourceId: string;
  readonly ScalableDimension: 'ecs:service:DesiredCount';
  readonly PolicyType: string;
  readonly [configuration: `${string}PolicyConfiguration`]: unknown;
}

function putScalingPolicySchemaFor(types: Registry<ScalingPolicyBehaviour>): z.ZodType<PutScalingPolicyConfig> {
  const names = types.names();
  const allowed = `PolicyType must be one of ${names.join(', ')}`;
  const configurations = Object.fromEntries(names.map((n) => [configurationField(n), (types.get(n)?.args as z.ZodType).optional()]));
  // Built from what is registered, so the did-you-mean on an unknown field knows every type's configuration field.
  return z
    .strictObject({
      PolicyName: z.string({ error: 'PolicyName must be a string' }).min(1, { error: 'PolicyName must be 1 to 256 characters' }).max(256, { error: 'PolicyName must be 1 to 256 characters' }),
      ServiceNamespace: serviceNamespace,
      ResourceId: resourceId,
      ScalableDimension: scalableDimension,
      PolicyType: z.string({ error: allowed }).superRefine((name, ctx) => {
        if (!types.has(name)) ctx.addIssue({ code: 'custom', message: `${allowed}${didYouMeanTail(name, names)}` });
      }),
      ...configurations,
    })
    .superRefine((p, ctx) => {
      if (!types.has(p.PolicyType)) return; // said once, at PolicyType
      const given = p as Record<string, unknown>;
      const field = configurationField(p.PolicyType);
      if (given[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `PolicyType ${p.PolicyType} needs ${field}` });
      for (const other of names) {
        const otherField = configurationField(other);
        if (other !== p.PolicyType && given[otherField] !== undefined) ctx.addIssue({ code: 'custom', path: [otherField], message: `${otherField} is only for PolicyType ${other}` });
      }
    }) as unknown as z.ZodType<PutScalingPolicyConfig>;
}

/** `PutScalingPolicy` input for AWS's own policy types (what a scenario is checked against before plug-ins are known). */
export const builtinScalingPolicies = ScalingPolicyRegistry.withBuiltins();
