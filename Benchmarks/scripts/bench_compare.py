#!/usr/bin/env python3
"""Times Synkti's whole process against another command on the same scenario.

Runs `synkti simulate --scenario SCENARIO --json` (ours: start-up, parsing,
the simulation and its on-demand baseline, the JSON out) and CMD (yours:
any shell command, e.g. your simulator on the same workload), interleaved
round by round so both see the same machine, and prints each one's median,
minimum and maximum wall time over ROUNDS, their ratio, and the machine's
load before and after (`uptime`). A command that fails stops the
comparison with its exit code and stderr.

    python3 Benchmarks/scripts/bench_compare.py --cmd "./my-sim --tasks 50000" \\
        [--scenario Experiments/scale.yaml] [--rounds 5] [--synkti .build/release/synkti]

`make bench-compare CMD="…" [SCENARIO=…] [ROUNDS=…]` builds the release
binary first and runs this.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time


def timed(argv, shell):
    start = time.perf_counter()
    done = subprocess.run(
        argv, shell=shell, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        what = argv if shell else " ".join(argv)
        sys.exit(f"bench-compare: `{what}` exited {done.returncode}:\n{done.stderr.strip()}")
    return elapsed


def load():
    return os.getloadavg()[0]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cmd", required=True, help="the command to hold Synkti against (a shell line)")
    p.add_argument("--scenario", default="Experiments/scale.yaml")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--synkti", default=".build/release/synkti")
    args = p.parse_args()
    if args.rounds < 1:
        sys.exit("bench-compare: --rounds must be at least 1")
    if not os.access(args.synkti, os.X_OK):
        sys.exit(f"bench-compare: {args.synkti} is not an executable (build with `make build`)")
    ours = [args.synkti, "simulate", "--scenario", args.scenario, "--json"]
    before = load()
    times = {"synkti": [], "cmd": []}
    for r in range(args.rounds):
        # Alternate which goes first, so neither always gets a warm cache.
        order = ["synkti", "cmd"] if r % 2 == 0 else ["cmd", "synkti"]
        for who in order:
            times[who].append(timed(ours, False) if who == "synkti" else timed(args.cmd, True))
        print(
            f"round {r + 1}/{args.rounds}: synkti {times['synkti'][-1]:.3f} s, "
            f"cmd {times['cmd'][-1]:.3f} s",
            file=sys.stderr,
        )
    after = load()
    print(f"scenario: {args.scenario}")
    print(f"synkti:   {' '.join(ours)}")
    print(f"cmd:      {args.cmd}")
    print(f"rounds:   {args.rounds}, interleaved; load (1 min) {before:.2f} before, {after:.2f} after")
    print(f"{'':8} {'median s':>9} {'min s':>8} {'max s':>8}")
    for who in ["synkti", "cmd"]:
        t = times[who]
        print(f"{who:8} {statistics.median(t):9.3f} {min(t):8.3f} {max(t):8.3f}")
    ratio = statistics.median(times["cmd"]) / statistics.median(times["synkti"])
    print(f"cmd ÷ synkti (medians): {ratio:.2f}")


if __name__ == "__main__":
    main()
