import { makeDistribution, type Distribution, type DistributionSpec } from '../engine/distributions.js';
import type { Probe } from '../engine/probe.js';
import type { RandomStream } from '../engine/random.js';
import type { Simulation } from '../engine/simulation.js';
import { erlangC } from './erlang.js';

/**
 * A G/G/c queueing station: arrivals from an interarrival distribution, c identical
 * servers, FIFO, an optional waiting-room limit. It is the engine's own example model
 * (the walking skeleton before ECS exists) and the engine's check against theory:
 * with exponential times it is an M/M/c queue, whose mean wait Erlang C gives exactly.
 */
export interface StationConfig {
  readonly name: string;
  readonly servers: number;
  /** Time between arrivals, in ms. */
  readonly interarrival: DistributionSpec;
  /** Service time, in ms. */
  readonly service: DistributionSpec;
  /** Waiting places (not counting customers in service); arrivals beyond it are blocked. */
  readonly queueCapacity?: number | undefined;
  /** Customers arriving before this time are not counted in the statistics. */
  readonly warmupMs?: number | undefined;
}

export interface StationResult {
  readonly servers: number;
  readonly arrivals: number;
  readonly served: number;
  readonly blocked: number;
  /** Customers counted (arrived after warm-up and served). */
  readonly counted: number;
  readonly meanWaitMs: number;
  readonly maxWaitMs: number;
  /** Share of counted customers that waited at all. */
  readonly probabilityOfWaiting: number;
  readonly meanServiceMs: number;
  /** Time-average number waiting, over the measured span. */
  readonly meanQueueLength: number;
  /** Time-average share of busy servers, over the measured span. */
  readonly utilization: number;
  /** Theory, when both distributions are exponential and the queue has no limit. */
  readonly theory?: {
    readonly model: 'M/M/c';
    readonly offeredLoad: number;
    readonly rho: number;
    readonly probabilityOfWaiting: number;
    readonly meanWaitMs: number;
    /** (simulated - theory) / theory. */
    readonly meanWaitRelativeError: number;
  };
}

/** FIFO of arrival times; a growable ring so dequeuing is O(1). */
class ArrivalQueue {
  private buf = new Float64Array(1024);
  private head = 0;
  length = 0;

  push(t: number): void {
    if (this.length === this.buf.length) {
      const bigger = new Float64Array(this.buf.length * 2);
      for (let i = 0; i < this.length; i += 1) bigger[i] = this.buf[(this.head + i) % this.buf.length] as number;
      this.buf = bigger;
      this.head = 0;
    }
    this.buf[(this.head + this.length) % this.buf.length] = t;
    this.length += 1;
  }

  shift(): number {
    const t = this.buf[this.head] as number;
    this.head = (this.head + 1) % this.buf.length;
    this.length -= 1;
    return t;
  }
}

/** The departure callback's argument; `name` names the station if the callback throws. */
interface Server {
  readonly name: string;
  readonly station: Station;
  readonly server: number;
}

function depart(s: Server): void {
  s.station.depart(s.server);
}

export class Station {
  readonly name: string;
  private readonly sim: Simulation;
  private readonly interarrival: Distribution;
  private readonly service: Distribution;
  private readonly arrivalRng: RandomStream;
  private readonly serviceRng: RandomStream;
  private readonly capacity: number;
  private readonly warmupMs: number;
  private readonly waiting = new ArrivalQueue();
  /** Free server numbers, lowest first out, so the trace names who served whom. */
  private readonly freeServers: number[];
  private readonly queueLength: Probe;
  private readonly busyServers: Probe;
  private readonly traceArrivals: boolean;
  private readonly traceStarts: boolean;
  private readonly traceDepartures: boolean;
  /** One object per server, made once, passed to the departure callback: no allocation per customer. */
  private readonly servers_: Server[] = [];

  private arrivals = 0;
  private served = 0;
  private blocked = 0;
  private counted = 0;
  private waitSumMs = 0;
  private waitMaxMs = 0;
  private waitedCount = 0;
  private serviceSumMs = 0;
  // Time integrals of queue length and busy servers since the warm-up ended.
  private areaSince = 0;
  private queueArea = 0;
  private busyArea = 0;
  private busy = 0;

  constructor(sim: Simulation, config: StationConfig) {
    if (!(Number.isInteger(config.servers) && config.servers >= 1)) throw new RangeError(`servers must be an integer >= 1, got ${config.servers}`);
    this.sim = sim;
    this.name = config.name;
    this.interarrival = makeDistribution(config.interarrival);
    this.service = makeDistribution(config.service);
    this.arrivalRng = sim.rng(`queueing/${config.name}/arrivals`);
    this.serviceRng = sim.rng(`queueing/${config.name}/service`);
    this.capacity = config.queueCapacity ?? Number.POSITIVE_INFINITY;
    this.warmupMs = config.warmupMs ?? 0;
    this.areaSince = this.warmupMs;
    this.freeServers = Array.from({ length: config.servers }, (_, i) => config.servers - 1 - i);
    this.queueLength = sim.probe(`queueing.${config.name}.queueLength`);
    this.busyServers = sim.probe(`queueing.${config.name}.busyServers`);
    this.traceArrivals = sim.trace.wants('arrival');
    this.traceStarts = sim.trace.wants('serviceStart');
    this.traceDepartures = sim.trace.wants('departure');
    this.servers = config.servers;
    for (let server = 0; server < config.servers; server += 1) this.servers_.push({ name: config.name, station: this, server });
  }

  readonly servers: number;

  /** Schedules the first arrival. */
  start(): void {
    this.sim.schedule(this.interarrival.sampleMs(this.arrivalRng), this.onArrival, this);
  }

  // Callbacks take the station as their argument so no closure is allocated per event.
  private onArrival(this: void, station: Station): void {
    const sim = station.sim;
    sim.schedule(station.interarrival.sampleMs(station.arrivalRng), station.onArrival, station);
    station.arrivals += 1;
    if (station.traceArrivals) sim.trace.emit(station.name, 'arrival', { customer: station.arrivals });
    if (station.freeServers.length > 0) {
      station.startService(sim.now);
    } else if (station.waiting.length < station.capacity) {
      station.accumulate();
      station.waiting.push(sim.now);
      station.queueLength.set(station.waiting.length);
    } else {
      station.blocked += 1;
    }
  }

  private startService(arrivedAt: number): void {
    const sim = this.sim;
    this.accumulate();
    const server = this.freeServers.pop() as number;
    this.busy += 1;
    this.busyServers.set(this.busy);
    const serviceMs = this.service.sampleMs(this.serviceRng);
    if (arrivedAt >= this.warmupMs) {
      const waitMs = sim.now - arrivedAt;
      this.counted += 1;
      this.waitSumMs += waitMs;
      if (waitMs > this.waitMaxMs) this.waitMaxMs = waitMs;
      if (waitMs > 0) this.waitedCount += 1;
      this.serviceSumMs += serviceMs;
    }
    if (this.traceStarts) sim.trace.emit(this.name, 'serviceStart', { server, waitMs: sim.now - arrivedAt, serviceMs });
    sim.schedule(serviceMs, depart, this.servers_[server] as Server);
  }

  /** @internal */
  depart(server: number): void {
    this.accumulate();
    this.served += 1;
    this.busy -= 1;
    this.freeServers.push(server);
    if (this.traceDepartures) this.sim.trace.emit(this.name, 'departure', { server });
    if (this.waiting.length > 0) {
      const arrivedAt = this.waiting.shift();
      this.queueLength.set(this.waiting.length);
      this.startService(arrivedAt);
    } else {
      this.busyServers.set(this.busy);
    }
  }

  /** Adds the time since the last change to the queue-length and busy-server integrals. */
  private accumulate(): void {
    const now = this.sim.now;
    if (now <= this.areaSince) return;
    const dt = now - this.areaSince;
    this.queueArea += dt * this.waiting.length;
    this.busyArea += dt * this.busy;
    this.areaSince = now;
  }

  result(): StationResult {
    this.accumulate();
    const spanMs = Math.max(0, this.sim.now - this.warmupMs);
    const meanWaitMs = this.counted > 0 ? this.waitSumMs / this.counted : 0;
    const base = {
      servers: this.servers,
      arrivals: this.arrivals,
      served: this.served,
      blocked: this.blocked,
      counted: this.counted,
      meanWaitMs,
      maxWaitMs: this.waitMaxMs,
      probabilityOfWaiting: this.counted > 0 ? this.waitedCount / this.counted : 0,
      meanServiceMs: this.counted > 0 ? this.serviceSumMs / this.counted : 0,
      meanQueueLength: spanMs > 0 ? this.queueArea / spanMs : 0,
      utilization: spanMs > 0 ? this.busyArea / spanMs / this.servers : 0,
    };
    const theory = this.theory();
    if (theory === undefined) return base;
    return {
      ...base,
      theory: { ...theory, meanWaitRelativeError: theory.meanWaitMs > 0 ? (meanWaitMs - theory.meanWaitMs) / theory.meanWaitMs : 0 },
    };
  }

  private theory(): Omit<NonNullable<StationResult['theory']>, 'meanWaitRelativeError'> | undefined {
    const a = this.interarrival.spec;
    const s = this.service.spec;
    if (!('exponential' in a) || !('exponential' in s) || this.capacity !== Number.POSITIVE_INFINITY) return undefined;
    const lambda = 1 / a.exponential.mean;
    const mu = 1 / s.exponential.mean;
    const offeredLoad = lambda / mu;
    const rho = offeredLoad / this.servers;
    if (rho >= 1) return undefined;
    const probabilityOfWaiting = erlangC(this.servers, offeredLoad);
    return { model: 'M/M/c', offeredLoad, rho, probabilityOfWaiting, meanWaitMs: probabilityOfWaiting / (this.servers * mu - lambda) };
  }
}

/** Builds a station and schedules its first arrival. */
export function createStation(sim: Simulation, config: StationConfig): Station {
  const station = new Station(sim, config);
  station.start();
  return station;
}
