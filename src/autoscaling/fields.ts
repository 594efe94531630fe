import { z } from 'zod';

/**
 * The field schemas Application Auto Scaling's inputs share, in the API's words: each
 * message names the field and what is allowed. A leaf, so a policy type's own file can use
 * them without reaching back into the service.
 */

export const oneOf = <T extends readonly [string, ...string[]]>(values: T, field: string) => z.enum(values, { error: `${field} must be one of ${values.join(', ')}` });
export const nonNegativeInt = (field: string) => z.number({ error: `${field} must be a whole number of at least 0` }).int({ error: `${field} must be a whole number of at least 0` }).min(0, { error: `${field} must be a whole number of at least 0` });
export const finite = (field: string) => z.number({ error: `${field} must be a number` }).refine(Number.isFinite, { error: `${field} must be a finite number` });

export const ECS_RESOURCE_ID = /^service\/[^/]+\/[^/]+$/;
export const serviceNamespace = z.literal('ecs', { error: 'ServiceNamespace must be "ecs" (only ECS services are modelled)' });
export const scalableDimension = z.literal('ecs:service:DesiredCount', { error: 'ScalableDimension must be "ecs:service:DesiredCount"' });
export const resourceId = z.string({ error: 'ResourceId must be a string' }).regex(ECS_RESOURCE_ID, { error: 'ResourceId must be service/<cluster-name>/<service-name>' });
