import type { RandomStream } from '../../src/engine/random.js';
import type { Simulation } from '../../src/engine/simulation.js';
import type { HttpEndpoint, HttpRequest, HttpResponse, ServerOutcome } from '../../src/traffic/http.js';
import type { TaskServer } from '../../src/traffic/server.js';

/**
 * Tiny stand-ins for a load balancer, for the traffic specs: the real ELB routing lives
 * in src/elb. Each maps a server's outcome to what a client would see (a reset or a
 * refusal becomes a 502 from the load balancer, ecs-facts L-034).
 */
export function toResponse(outcome: ServerOutcome): HttpResponse {
  return outcome.kind === 'response' ? { status: outcome.status, source: 'target' } : { status: 502, source: 'elb' };
}

/** Every request to one server. */
export function direct(server: TaskServer): HttpEndpoint {
  return { send: (request, respond) => server.serve(request, (o) => respond(toResponse(o))) };
}

/** Each request to a server drawn uniformly at random: each gets a Poisson stream λ/c. */
export function randomSplit(servers: readonly TaskServer[], rng: RandomStream): HttpEndpoint {
  return { send: (request, respond) => servers[rng.int(servers.length)]!.serve(request, (o) => respond(toResponse(o))) };
}

/** Servers in turn: each gets every c-th arrival (Erlang-c interarrivals). */
export function roundRobin(servers: readonly TaskServer[]): HttpEndpoint {
  let next = 0;
  return {
    send: (request, respond) => {
      const server = servers[next]!;
      next = (next + 1) % servers.length;
      server.serve(request, (o) => respond(toResponse(o)));
    },
  };
}

/** The server with the fewest requests outstanding (lowest index on ties), as least outstanding requests does. */
export function leastOutstanding(servers: readonly TaskServer[]): HttpEndpoint {
  const outstanding = servers.map(() => 0);
  return {
    send: (request, respond) => {
      let best = 0;
      for (let i = 1; i < servers.length; i += 1) if (outstanding[i]! < outstanding[best]!) best = i;
      outstanding[best]! += 1;
      const chosen = best;
      servers[chosen]!.serve(request, (o) => {
        outstanding[chosen]! -= 1;
        respond(toResponse(o));
      });
    },
  };
}

/** |a − b| / |b|. */
export function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

/** An endpoint that notes each request and answers 200 from the target after `delayMs`. */
export function recorder(sim: Simulation, delayMs = 0): HttpEndpoint & { readonly requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  return {
    requests,
    send: (request, respond) => {
      requests.push(request);
      sim.schedule(delayMs, () => respond({ status: 200, source: 'target' }));
    },
  };
}

/** Arrival counts per window of `widthMs` from 0 to `untilMs`. */
export function countsPerWindow(requests: readonly HttpRequest[], widthMs: number, untilMs: number): number[] {
  const counts = new Array<number>(Math.ceil(untilMs / widthMs)).fill(0);
  for (const r of requests) {
    const i = Math.floor(r.sentAt / widthMs);
    if (i < counts.length) counts[i]! += 1;
  }
  return counts;
}

/** A request as a load balancer's health checker would send it. */
export function healthCheck(id: number, sentAt: number, path = '/health'): HttpRequest {
  return { id, route: '', method: 'GET', path, sentAt, healthCheck: true };
}

/** A plain request. */
export function request(id: number, sentAt: number, route = 'r', path = '/'): HttpRequest {
  return { id, route, method: 'GET', path, sentAt };
}
