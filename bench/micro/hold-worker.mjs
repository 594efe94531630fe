// One hold contender in its own worker thread. A worker is a separate V8 isolate, so the
// two contenders never share JIT feedback: in one isolate fastpriorityqueue's add/poll
// see both comparators and both entry shapes, turn polymorphic, and both run about half
// as fast, which hides the cost we mean to measure.
import { parentPort, workerData } from 'node:worker_threads';
import { Bench } from 'tinybench';
import { collectGarbage } from '../lib/common.mjs';
import { CONTENDERS } from './hold-contenders.mjs';

const { contender: name, size, batch } = workerData;
const contender = CONTENDERS[name](size);
let ops = 0;

parentPort.on('message', (message) => {
  if (message.type === 'state') {
    parentPort.postMessage({ ops, state: contender.state() });
    return;
  }
  // One round: a fixed number of ops (time budgets 0), so both contenders end every
  // round having fired the same events and their states can be compared.
  collectGarbage();
  const bench = new Bench({
    iterations: message.iterations,
    time: 0,
    warmup: message.warmup > 0,
    warmupIterations: message.warmup,
    warmupTime: 0,
    throws: true,
  });
  // async: false, or tinybench calls the function once more to find out.
  bench.add(
    name,
    () => {
      contender.advance(batch);
      ops += 1;
    },
    { async: false },
  );
  bench.runSync();
  const result = bench.getTask(name).result;
  if (result.state !== 'completed') throw new Error(`${name} ended ${result.state}`);
  parentPort.postMessage({ ops, p50Ms: result.latency.p50, meanMs: result.latency.mean, state: contender.state() });
});
parentPort.postMessage({ ready: true, state: contender.state() });
