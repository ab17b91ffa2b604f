"""The physics toy as a command: python3 sim.py X Y writes {"f": ...} to $QUARRY_OUTPUT (or result.json)."""
import json, math, os, sys

x, y = float(sys.argv[1]), float(sys.argv[2])
xsec = 12 * math.exp(-x / 2) + 0.1 * math.cos(10 * y + 1) + 0.2 * math.cos(15 * x)
eff = math.tanh(1.3 * x - y + 1)
stats = (1 - math.tanh(xsec * eff - 5)) / 2
f = 3 * (math.log(stats) - math.log(0.05))
with open(os.environ.get("QUARRY_OUTPUT", "result.json"), "w") as out:
    json.dump({"f": f}, out)
