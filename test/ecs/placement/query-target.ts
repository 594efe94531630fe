import { QueryLanguageError, type QueryTarget } from '../../../src/ecs/placement/query-language.js';

/** One container instance as the query language sees it; every field overridable. */
export function instance(overrides: Partial<QueryTarget> = {}): QueryTarget {
  return {
    attributes: {
      'ecs.instance-type': 't2.small',
      'ecs.availability-zone': 'us-east-1a',
      'ecs.os-type': 'linux',
      'ecs.cpu-architecture': 'x86_64',
      'ecs.ami-id': 'ami-1234abcd',
    },
    ec2InstanceId: 'i-abcd1234',
    agentConnected: true,
    agentVersion: '1.87.0',
    registeredAtMs: 0,
    runningTasksCount: 0,
    taskGroups: new Set(),
    ...overrides,
  };
}

/** The QueryLanguageError `fn` throws, or a failed expectation. */
export function queryError(fn: () => unknown): QueryLanguageError {
  try {
    fn();
  } catch (e) {
    if (e instanceof QueryLanguageError) return e;
    throw e;
  }
  throw new Error('expected a QueryLanguageError');
}
