#!/usr/bin/env python3
"""How the vendored traces' spot outages end: a cross-check of the value
policy's outage belief (docs/model.md, "Where it falls short").

For each zone of the AWS V100 and GCP H100 traces under
Experiments/data/traces, prints the outages seen whole (a run on both sides;
the first and last stretch of a trace are left out, their length unknown),
their mean, and the share that ended within 10 minutes and within half an
hour, beside what an exponential of the same mean gives: 1 - exp(-t / mean).
A share far above the exponential's is a heavy tail from the start: most
outages end in their first minutes, and the ones that do not last long.
Lengths are measured on the traces' own timestamps (AWS: each sample's time;
GCP: `metadata.gap_seconds` per sample), not on a simulation's ticks.

Usage: python3 Benchmarks/scripts/outage_lengths.py [TRACES_DIR]
  TRACES_DIR  default Experiments/data/traces; exit 2 when it holds no trace
"""
import csv
import glob
import json
import math
import os
import sys
from datetime import datetime


def outages(samples):
    """Lengths (hours) of the outages seen whole in (hour, up) samples."""
    lengths, start, state = [], None, None
    for hour, up in samples:
        if state is None:
            state = up
            continue
        if up != state:
            if up and start is not None:
                lengths.append(hour - start)
            start = hour if not up else None
            state = up
    return lengths


def aws(path):
    with open(path) as f:
        rows = list(csv.reader(f))[1:]
    t0 = datetime.fromisoformat(rows[0][0])
    return [((datetime.fromisoformat(t) - t0).total_seconds() / 3600, a == "1") for t, a in rows]


def gcp(path):
    with open(path) as f:
        d = json.load(f)
    gap = d["metadata"]["gap_seconds"] / 3600
    # GCP traces mark a preempted sample 1.
    return [(i * gap, x == 0) for i, x in enumerate(d["data"])]


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "Experiments/data/traces"
    files = sorted(glob.glob(os.path.join(root, "*", "*_v100_*.csv"))) + sorted(
        glob.glob(os.path.join(root, "*", "*_h100_*.json"))
    )
    if not files:
        print(f"outage_lengths.py: no *_v100_*.csv or *_h100_*.json traces under {root}",
              file=sys.stderr)
        sys.exit(2)
    print(f"{'trace':22} {'zone':18} {'n':>4} {'mean h':>7}  "
          f"{'<=10 min':>8} {'(exp)':>6}  {'<=0.5 h':>8} {'(exp)':>6}")
    for path in files:
        try:
            samples = aws(path) if path.endswith(".csv") else gcp(path)
        except (OSError, ValueError, KeyError, IndexError, TypeError) as error:
            print(f"outage_lengths.py: {path}: not a readable trace ({error})", file=sys.stderr)
            sys.exit(2)
        lengths = outages(samples)
        zone = os.path.basename(path).split("_")[0]
        trace = os.path.basename(os.path.dirname(path))
        if not lengths:
            print(f"{trace:22} {zone:18} {0:>4}")
            continue
        mean = sum(lengths) / len(lengths)

        def share(t):
            return sum(1 for x in lengths if x <= t + 1e-9) / len(lengths)

        print(f"{trace:22} {zone:18} {len(lengths):>4} {mean:>7.2f}  "
              f"{share(1 / 6):>8.2f} {1 - math.exp(-1 / 6 / mean):>6.2f}  "
              f"{share(0.5):>8.2f} {1 - math.exp(-0.5 / mean):>6.2f}")


if __name__ == "__main__":
    main()
