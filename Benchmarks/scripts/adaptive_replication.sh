#!/usr/bin/env bash
# Runs adaptive replication saves or adds against the paper's fixed counts.
#
# For each fleet spec of Experiments/paper (the deadline-job specs are
# deterministic per window: one replicate is exact), runs a copy whose
# `replicates:` is the rule RULE, in a copy of the results database, so
# every run the fixed-count sweep already computed is reused from the cache
# and only the extra replicates are computed. Prints, per spec, the fixed
# runs, the adaptive runs, the range of n, and the cells that met the target.
#
# Usage: Benchmarks/scripts/adaptive_replication.sh [DB] [SYNKTI] [RULE]
#   DB      results database with the paper sweeps (default Results/synkti.sqlite)
#   RULE    default {min: 10, max: 200, target: {metric: total_cost, halfwidth_percent: 1, vs: baseline}}
set -euo pipefail
DB=${1:-Results/synkti.sqlite}
S=${2:-.build/release/synkti}
RULE=${3:-"{min: 10, max: 200, target: {metric: total_cost, halfwidth_percent: 1, vs: baseline}}"}
repo=$(pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$DB" "$dir/copy.sqlite"
printf '%-14s %8s %8s %10s %12s %s\n' spec fixed adaptive change "n range" "cells met"
total_fixed=0
total_adaptive=0
for name in headline five-axis checkpointing; do
  spec="$repo/Experiments/paper/$name.yaml"
  copy="$dir/$name-adaptive.yaml"
  # The rule replaces the fixed count; paths resolve from the paper
  # directory; a new name keeps the paper's own experiment untouched.
  sed -e "s|^replicates: .*|replicates: $RULE|" -e "s|^name: .*|name: $name-adaptive|" \
    -e "s|^scenario: \.\./|scenario: $repo/Experiments/|" "$spec" >"$copy"
  fixed=$("$S" sweep "$spec" --dry-run | sed -n 's/.*runs \([0-9]*\)$/\1/p')
  "$S" sweep "$copy" --db "$dir/copy.sqlite" >"$dir/$name.log" 2>&1
  "$S" report --db "$dir/copy.sqlite" --experiment "$name-adaptive" --spec "$copy" \
    --out "$dir/reports" >/dev/null 2>&1
  row=$(grep '^| runs |' "$dir/reports/$name-adaptive/README.md")
  adaptive=$(echo "$row" | sed -n 's/^| runs | \([0-9]*\) over.*/\1/p')
  range=$(echo "$row" | sed -n 's/.*n = \([0-9]*…[0-9]*\).*/\1/p')
  met=$(echo "$row" | sed -n 's/.*; \([0-9]* of [0-9]*\) cells met.*/\1/p')
  printf '%-14s %8d %8d %+10d %12s %s\n' "$name" "$fixed" "$adaptive" $((adaptive - fixed)) \
    "$range" "$met"
  total_fixed=$((total_fixed + fixed))
  total_adaptive=$((total_adaptive + adaptive))
done
printf '%-14s %8d %8d %+10d\n' all "$total_fixed" "$total_adaptive" \
  $((total_adaptive - total_fixed))
echo "rule: $RULE"
