"""Hold model with N processes in SimPy 2.3.1, the peer of the process-tier hold in
bench/peers/simpy.mjs.

Usage: /usr/bin/python3 simpy_hold.py '{"seed": 1, "processes": 1000, "meanMs": 1000,
       "horizonMs": 1e6}'

Prints one JSON line: {"events", "wallSec", "simpy"}.

Model events, counted the same way in both simulators: every hold that fires (counted
in the process right after its `yield hold` returns). Process starts are not counted.
Each of the N processes loops `yield hold, self, round(expovariate(1 / mean))`; events
at exactly the horizon still run, as in ecs-sim's run({ until }). Only simulate() is
timed.
"""
import json
import random
import sys
import time

import SimPy
from SimPy.Simulation import Process, activate, hold, initialize, simulate

cfg = json.loads(sys.argv[1])
N = int(cfg["processes"])
RATE = 1.0 / float(cfg["meanMs"])
HORIZON = float(cfg["horizonMs"])

rng = random.Random(cfg["seed"])
stats = {"events": 0}


class Holder(Process):
    def run(self):
        expovariate = rng.expovariate
        while True:
            yield hold, self, round(expovariate(RATE))
            stats["events"] += 1


initialize()
for i in range(N):
    holder = Holder(name="holder")
    activate(holder, holder.run())
t0 = time.perf_counter()
simulate(until=HORIZON)
wall = time.perf_counter() - t0
print(json.dumps({"events": stats["events"], "wallSec": wall, "simpy": SimPy.__version__}))
