import { Simulation } from '../../src/engine/index.js';
import { ElasticLoadBalancing } from '../../src/elb/elb.js';
import { parseElbSection, type ElbSectionInput } from '../../src/elb/schema.js';
import { Network, nextRequestId, type HttpEndpoint, type HttpRequest, type HttpResponse, type HttpServer, type ServerOutcome } from '../../src/traffic/http.js';

/**
 * Test doubles and builders for the ELB specs: tiny scripted servers (answer a status
 * after a delay, reset, refuse, or never answer), a one-ALB section to vary, and a client
 * that records what each request got and when.
 */

/** What a fake server does with one request: answer `status` after `delayMs`, reset, refuse, or hang. */
export type Script = { readonly status: number; readonly delayMs?: number } | { readonly reset: true; readonly delayMs?: number } | { readonly refuse: true } | { readonly hang: true };

export class FakeServer implements HttpServer {
  readonly requests: HttpRequest[] = [];
  readonly checks: HttpRequest[] = [];
  /** Requests (not checks) in progress now. */
  busy = 0;
  constructor(
    private readonly sim: Simulation,
    /** How to answer requests. */
    public serveScript: (request: HttpRequest) => Script = () => ({ status: 200, delayMs: 10 }),
    /** How to answer health checks. */
    public checkScript: (request: HttpRequest) => Script = () => ({ status: 200, delayMs: 1 }),
  ) {}

  serve(request: HttpRequest, done: (outcome: ServerOutcome) => void): void {
    const check = request.healthCheck === true;
    (check ? this.checks : this.requests).push(request);
    const s = check ? this.checkScript(request) : this.serveScript(request);
    if ('hang' in s) return;
    if (!check) this.busy += 1;
    const outcome: ServerOutcome = 'status' in s ? { kind: 'response', status: s.status } : 'reset' in s ? { kind: 'reset' } : { kind: 'refused' };
    this.sim.schedule('delayMs' in s ? (s.delayMs ?? 0) : 0, () => {
      if (!check) this.busy -= 1;
      done(outcome);
    });
  }
}

/** A section with one ALB (`front`, port 80, two zones) forwarding to target group `web` (HTTP 8080, ip). */
export function albSection(options: { tg?: Record<string, unknown>; lb?: Record<string, unknown>; listener?: Record<string, unknown>; model?: Record<string, unknown> } = {}): ElbSectionInput {
  return {
    targetGroups: [{ Name: 'web', Protocol: 'HTTP', Port: 8080, TargetType: 'ip', HealthCheckPath: '/health', ...options.tg }],
    loadBalancers: [
      {
        Name: 'front',
        Type: 'application',
        AvailabilityZones: ['us-east-1a', 'us-east-1b'],
        ...options.lb,
        Listeners: [{ Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'web' }], ...options.listener }],
      },
    ],
    model: { registrationDelay: { application: '0s', network: '0s' }, firstCheckJitter: '0s', ...options.model },
  } as ElbSectionInput;
}

export interface World {
  readonly sim: Simulation;
  readonly network: Network;
  readonly elb: ElasticLoadBalancing;
}

export function world(section: ElbSectionInput, seed: number | string = 1): World {
  const sim = new Simulation({ seed });
  const network = new Network();
  const elb = new ElasticLoadBalancing(sim, network, parseElbSection(section));
  return { sim, network, elb };
}

/** Starts a fake server at `ip:port` and returns it. */
export function listen(w: World, address: string, server?: FakeServer): FakeServer {
  const s = server ?? new FakeServer(w.sim);
  w.network.listen(address, s);
  return s;
}

export interface Sent {
  readonly request: HttpRequest;
  response?: HttpResponse;
  answeredAt?: number;
  answers: number;
}

/** Sends one request now and records its answer. */
export function send(w: World, endpoint: HttpEndpoint, path = '/', host?: string): Sent {
  const request: HttpRequest = { id: nextRequestId(w.sim), route: 'r', method: 'GET', path, ...(host === undefined ? {} : { host }), sentAt: w.sim.now };
  const sent: Sent = { request, answers: 0 };
  endpoint.send(request, (response) => {
    sent.response = response;
    sent.answeredAt = w.sim.now;
    sent.answers += 1;
  });
  return sent;
}

/** Sends `n` requests, one every `everyMs`, starting now; returns them in order. */
export function sendMany(w: World, endpoint: HttpEndpoint, n: number, everyMs: number, path = '/', host?: string): Sent[] {
  const out: Sent[] = [];
  for (let i = 0; i < n; i += 1) w.sim.schedule(i * everyMs, () => out.push(send(w, endpoint, path, host)));
  return out;
}

/** The state (and reason) of a target now, from DescribeTargetHealth. */
export function stateOf(w: World, tg: string, id: string, port = 8080): string {
  const d = w.elb.describeTargetHealth(tg, [{ Id: id, Port: port }]).TargetHealthDescriptions[0];
  const h = d?.TargetHealth;
  return h === undefined ? '?' : h.Reason === undefined ? h.State : `${h.State} ${h.Reason}`;
}

/** Runs until `t` ms. */
export function runUntil(w: World, t: number): void {
  w.sim.run({ until: t });
}
