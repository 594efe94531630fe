import fc from 'fast-check';
import { operatorsFor, type Expression, type QueryTarget, type Subject } from '../../../src/ecs/placement/query-language.js';

/**
 * fast-check arbitraries for cluster query language expressions that parse, and for the
 * instances they are tested against.
 */

/** Characters that stress quoting: spaces, quotes (one kind), brackets, commas, && and ||. */
const AWKWARD = fc.constantFrom('a', 'b', 'x', '1', '-', '.', ':', '*', ' ', '\t', "'", '(', ')', ',', '[', ']', '&', '|', '!', '=');
const awkwardString = fc.string({ unit: AWKWARD, maxLength: 8 });
const plainValue = fc.constantFrom('prod', 'dev', 't2.small', 'us-east-1a', 'service:web', 'family:batch', 'i-abcd1234', '10', '9');

const REGEXES = ['t2.*', 'g2\\.[0-9]+xlarge', '(t2|t3)\\.(micro|small)', '[gp]3.*', 'us-east-1[ab]', 'i-[0-9a-f]{8}', '.*', 'service:.*', '\\Qt2.\\Esmall', '(?i)T2.*', '\\p{Alpha}+-.*', 'pro?d'];
const regex = fc.constantFrom(...REGEXES);

const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
const date = fc
  .tuple(fc.integer({ min: 1970, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), two(23), two(59), two(59), fc.constantFrom('', 'Z', '+00:00', '-05:30', 'none'))
  .map(([y, m, d, hh, mm, ss, zone]) => {
    const day = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    return zone === 'none' ? day : `${day}T${hh}:${mm}:${ss}${zone}`;
  });
const version = fc.array(fc.nat(120), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));

/** A value `subject` takes with a non-regex operator. */
function valueFor(subject: Subject, free: fc.Arbitrary<string>): fc.Arbitrary<string> {
  switch (subject) {
    case 'agentConnected':
      return fc.constantFrom('true', 'false');
    case 'agentVersion':
      return version;
    case 'registeredAt':
      return date;
    case 'runningTasksCount':
      return fc.nat(20).map(String);
    default:
      return free;
  }
}

export interface ExpressionPools {
  readonly attributeNames: fc.Arbitrary<string>;
  readonly values: fc.Arbitrary<string>;
}

/** Wide pools for parsing: any attribute name, values with every awkward character. */
export const PARSE_POOLS: ExpressionPools = {
  attributeNames: fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '_', '.', '/', '\\'), minLength: 1, maxLength: 10 }),
  values: fc.oneof(plainValue, awkwardString),
};

/** Narrow pools for evaluation, so that tests often hold. */
export const EVAL_POOLS: ExpressionPools = {
  attributeNames: fc.constantFrom('stack', 'ecs.instance-type', 'rack'),
  values: plainValue,
};

export function testArbitrary(pools: ExpressionPools): fc.Arbitrary<Expression> {
  const subject: fc.Arbitrary<Subject> = fc.oneof(
    fc.constantFrom<Subject>('agentConnected', 'agentVersion', 'ec2InstanceId', 'registeredAt', 'runningTasksCount', 'task:group'),
    pools.attributeNames.map((n): Subject => `attribute:${n}`),
  );
  return subject.chain((s) =>
    fc.constantFrom(...operatorsFor(s)).chain((operator): fc.Arbitrary<Expression> => {
      switch (operator) {
        case 'exists':
        case 'not_exists':
          return fc.constant({ kind: 'existence', subject: s as `attribute:${string}`, operator });
        case 'in':
        case 'not_in':
          return fc.array(valueFor(s, pools.values), { minLength: 1, maxLength: 3 }).map((values) => ({ kind: 'membership', subject: s, operator, values }));
        case 'matches':
        case 'not_matches':
          return regex.map((value) => ({ kind: 'comparison', subject: s, operator, value }));
        default:
          return valueFor(s, pools.values).map((value) => ({ kind: 'comparison', subject: s, operator, value }));
      }
    }),
  );
}

export function expressionArbitrary(pools: ExpressionPools): fc.Arbitrary<Expression> {
  const test = testArbitrary(pools);
  const { expression } = fc.letrec<{ expression: Expression; not: Expression; and: Expression; or: Expression }>((tie) => ({
    expression: fc.oneof({ depthSize: 'small', withCrossShrink: true }, test, tie('not'), tie('and'), tie('or')),
    not: tie('expression').map((operand): Expression => ({ kind: 'not', operand })),
    and: fc.tuple(tie('expression'), tie('expression')).map(([left, right]): Expression => ({ kind: 'and', left, right })),
    or: fc.tuple(tie('expression'), tie('expression')).map(([left, right]): Expression => ({ kind: 'or', left, right })),
  }));
  return expression;
}

export const targetArbitrary: fc.Arbitrary<QueryTarget> = fc.record({
  attributes: fc.dictionary(fc.constantFrom('stack', 'ecs.instance-type', 'rack'), plainValue, { maxKeys: 3 }),
  ec2InstanceId: fc.constantFrom('i-abcd1234', 'i-0123abcd', 'mi-1'),
  agentConnected: fc.boolean(),
  agentVersion: fc.oneof(version, fc.constant('1.87.0-rc1')),
  registeredAtMs: fc.integer({ min: -2_000_000_000_000, max: 3_000_000_000_000 }),
  runningTasksCount: fc.nat(20),
  taskGroups: fc.uniqueArray(fc.constantFrom('service:web', 'family:batch', 'databases'), { maxLength: 3 }).map((g) => new Set(g)),
});
