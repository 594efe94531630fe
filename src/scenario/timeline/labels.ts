import { didYouMean } from '../../issues/index.js';
import type { TimelineContext } from './verb.js';

/** A label names an earlier runTask's tasks, or a service's. */
export function checkLabel(ctx: TimelineContext, label: string): void {
  if (ctx.soFar.labels.has(label) || ctx.soFar.services.has(label)) return;
  const guess = didYouMean(label, [...ctx.soFar.labels, ...ctx.soFar.services]);
  ctx.problem(['label'], `no earlier runTask label or service "${label}"${guess === undefined ? '' : `; did you mean "${guess}"?`}`);
}
