#!/usr/bin/env bash
# Kill/resume and concurrent-writer trials, more than CI runs (CITests does 3
# and 1). Usage: Benchmarks/scripts/robustness_trials.sh [SYNKTI] [KILLS] [PAIRS]
# Prints one line per trial and a summary; exits 1 if any trial failed.
set -u
S=${1:-.build/debug/synkti}
KILLS=${2:-10}
PAIRS=${3:-5}
SPEC=Experiments/paper/headline.yaml
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$S" sweep $SPEC --db "$dir/whole.sqlite" --jobs 2 >/dev/null 2>&1 || exit 1
"$S" export --db "$dir/whole.sqlite" --omit-timing >"$dir/whole.csv" 2>/dev/null
ok=0
for i in $(seq 1 "$KILLS"); do
  delay=$(awk -v i="$i" -v n="$KILLS" 'BEGIN { printf "%.2f", 0.1 + 1.6 * (i - 1) / (n > 1 ? n - 1 : 1) }')
  db="$dir/k$i.sqlite"
  "$S" sweep $SPEC --db "$db" --jobs 2 >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from runs').fetchone()[0])" "$db" 2>/dev/null || echo 0)
  "$S" sweep $SPEC --db "$db" --jobs 2 --resume >/dev/null 2>&1
  rc=$?
  "$S" export --db "$db" --omit-timing >"$dir/k$i.csv" 2>/dev/null
  if [ $rc -eq 0 ] && cmp -s "$dir/whole.csv" "$dir/k$i.csv"; then r=equal; ok=$((ok + 1)); else r=DIFFERENT; fi
  echo "kill trial $i: kill -9 after ${delay}s with $stored runs stored, resume exit $rc, export $r"
done
pairs=0
for i in $(seq 1 "$PAIRS"); do
  db="$dir/c$i.sqlite"
  "$S" sweep $SPEC --db "$db" --jobs 2 >/dev/null 2>&1 &
  pid=$!
  sleep 0.4
  "$S" sweep $SPEC --db "$db" --resume >/dev/null 2>"$dir/second.err"
  second=$?
  wait "$pid"
  first=$?
  rows=$("$S" export --db "$db" 2>/dev/null | tail -n +2 | wc -l)
  if [ $first -eq 0 ] && [ $second -eq 2 ] && [ "$rows" -eq 360 ]; then pairs=$((pairs + 1)); fi
  echo "writer trial $i: first exit $first with $rows/360 runs, second exit $second: $(head -c 90 "$dir/second.err")"
done
echo "kill/resume: $ok/$KILLS equal to the uninterrupted sweep; concurrent writers: $pairs/$PAIRS refused with the first intact"
[ $ok -eq "$KILLS" ] && [ $pairs -eq "$PAIRS" ]
