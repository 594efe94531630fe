"""M/M/c in SimPy 2.3.1 (Debian's python3-simpy), the peer of bench/macro/mmc-model.mjs.

Usage: /usr/bin/python3 simpy_mmc.py '{"seed": 1, "servers": 3, "arrivalMeanMs": 416.67,
       "serviceMeanMs": 1000, "warmupMs": 1e7, "horizonMs": 1e8}'

Prints one JSON line: {"events", "wallSec", "served", "meanWaitMs", "simpy"}.

Model events, counted the same way in both simulators: every timed wait that fires,
here each interarrival hold (one per arrival) and each service hold (one per service
end). Kernel-internal wake-ups are not counted: the zero-delay reactivation SimPy posts
when a request is granted, and process starts. Like the ecs-sim model, draws are
rounded to whole ms, customers count if they arrive at or after the warm-up, the mean
wait is taken over counted customers who started service by the horizon, and `served`
counts those who finished by then. Only simulate() is timed.
"""
import json
import random
import sys
import time

import SimPy
from SimPy.Simulation import Process, Resource, activate, hold, initialize, now, release, request, simulate

cfg = json.loads(sys.argv[1])
SERVERS = int(cfg["servers"])
ARRIVAL_MEAN = float(cfg["arrivalMeanMs"])
SERVICE_MEAN = float(cfg["serviceMeanMs"])
WARMUP = float(cfg["warmupMs"])
HORIZON = float(cfg["horizonMs"])

rng = random.Random(cfg["seed"])
stats = {"events": 0, "waits": 0, "waitSum": 0.0, "served": 0}


def draw_ms(mean):
    # Whole ms, as ecs-sim's sampleMs does.
    return round(rng.expovariate(1.0 / mean))


class Customer(Process):
    def visit(self, servers):
        arrived = now()
        yield request, self, servers
        if arrived >= WARMUP:
            stats["waits"] += 1
            stats["waitSum"] += now() - arrived
        yield hold, self, draw_ms(SERVICE_MEAN)
        stats["events"] += 1
        yield release, self, servers
        if arrived >= WARMUP:
            stats["served"] += 1


class Source(Process):
    def generate(self, servers):
        while True:
            yield hold, self, draw_ms(ARRIVAL_MEAN)
            stats["events"] += 1
            customer = Customer(name="customer")
            activate(customer, customer.visit(servers))


initialize()
servers = Resource(capacity=SERVERS, name="servers", monitored=False)
source = Source(name="source")
activate(source, source.generate(servers))
t0 = time.perf_counter()
simulate(until=HORIZON)
wall = time.perf_counter() - t0
print(json.dumps({
    "events": stats["events"],
    "wallSec": wall,
    "served": stats["served"],
    "meanWaitMs": stats["waitSum"] / stats["waits"],
    "simpy": SimPy.__version__,
}))
