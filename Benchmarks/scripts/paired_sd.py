#!/usr/bin/env python3
"""Paired difference of a metric between two migration strategies, over seeds.

Runs `synkti simulate --json` for each seed under strategy A and B, and prints
the mean and standard deviation of the per-seed difference B - A (and the
number of seeds where the two runs differ at all). This is the figure the
common-random-numbers work is judged by: the smaller the paired SD, the fewer
replicates a comparison needs.

  python3 Benchmarks/scripts/paired_sd.py --scenario Experiments/heterogeneous.yaml \
      --a naive --b optimal --seeds 30 [--metric total_cost] [--synkti PATH]
"""
import argparse, json, statistics, subprocess

p = argparse.ArgumentParser()
p.add_argument("--scenario", required=True)
p.add_argument("--a", default="naive")
p.add_argument("--b", default="optimal")
p.add_argument("--seeds", type=int, default=30)
p.add_argument("--metric", default="total_cost")
p.add_argument("--synkti", default=".build/release/synkti")
p.add_argument("--set", action="append", default=[])
args = p.parse_args()

def run(strategy, seed):
    cmd = [args.synkti, "simulate", "--scenario", args.scenario, "--migration", strategy,
           "--seed", str(seed), "--json"]
    for s in args.set:
        cmd += ["--set", s]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)[args.metric]

diffs = []
for seed in range(1, args.seeds + 1):
    diffs.append(run(args.b, seed) - run(args.a, seed))
differ = sum(1 for d in diffs if d != 0)
print(f"{args.metric}: {args.b} - {args.a} over {args.seeds} seeds: "
      f"mean {statistics.mean(diffs):.4f}, paired SD {statistics.stdev(diffs):.4f}, "
      f"differ in {differ}/{args.seeds} seeds")
