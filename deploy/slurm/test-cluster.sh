#!/usr/bin/env bash
# End-to-end test on a real, single-node SLURM cluster started here:
#   1. install slurm-wlm and munge if missing (root + apt-get);
#   2. start munged, slurmctld and slurmd with a throwaway config under a temp dir;
#   3. run a small spec as one process, then as a 4-shard array + dependent merge;
#   4. check the merged export equals the single-process export row for row;
#   5. delete one shard, check the merge reports it missing, rerun that index,
#      merge again, check equality again;
#   6. stop the daemons it started (by pid) and remove the temp dir.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
synkti=${SYNKTI:-$repo/.build/release/synkti}
spec=deploy/slurm/test-spec.yaml
shards=4

say() { echo "[test-slurm] $*"; }
fail() { echo "[test-slurm] FAIL: $*" >&2; exit 1; }

missing=()
for tool in slurmctld slurmd munged sbatch; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing slurm-wlm and munge"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
  else
    fail "missing ${missing[*]}; install with: sudo apt-get install -y slurm-wlm munge"
  fi
fi
[ -x "$synkti" ] || fail "$synkti not built (make build)"

tmp=$(mktemp -d /tmp/synkti-slurm.XXXXXX)
chmod 755 "$tmp"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -f "$tmp/munge/munged.pid" ]; then kill "$(cat "$tmp/munge/munged.pid")" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# munge: a fresh key owned by munge, mode 400; munged runs as munge.
mkdir -p "$tmp/munge"
dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1 count=1024 status=none
chown -R munge:munge "$tmp/munge"
chmod 700 "$tmp/munge"
chmod 400 "$tmp/munge/munge.key"
runuser -u munge -- /usr/sbin/munged --key-file="$tmp/munge/munge.key" \
  --socket="$tmp/munge/munge.socket" --pid-file="$tmp/munge/munged.pid" \
  --log-file="$tmp/munge/munged.log" --seed-file="$tmp/munge/munged.seed" --force

host=$(hostname -s)
memory=$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/log"
cat >"$tmp/slurm.conf" <<CONF
ClusterName=synkti-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/munge.socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SchedulerType=sched/backfill
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
SlurmctldPort=6917
SlurmdPort=6918
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=$host CPUs=$(nproc) RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$tmp/slurm.conf"
slurmctld -D -f "$SLURM_CONF" >"$tmp/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$tmp/log/slurmd.out" 2>&1 &
pids+=($!)

for _ in $(seq 1 60); do
  sinfo -h -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)' && break
  sleep 1
done
sinfo -h -o '%t' | grep -qE '^(idle|mix|alloc)' || {
  tail -20 "$tmp/log/slurmctld.log" "$tmp/log/slurmd.log" >&2 || true
  fail "the node did not come up"
}
say "cluster up: $(sinfo -h -o '%N %t %c CPUs')"

# The reference: one process, all runs.
"$synkti" sweep "$spec" --db "$tmp/single.sqlite" --jobs 2 2>/dev/null
"$synkti" export --db "$tmp/single.sqlite" --omit-timing >"$tmp/single.csv"

# The array and its dependent merge.
export SYNKTI="$synkti" SYNKTI_SHARDS="$tmp/shards"
array=$(sbatch --parsable --chdir="$repo" --output="$tmp/log/array-%a.out" --cpus-per-task=1 \
  --array=0-$((shards - 1)) deploy/slurm/sweep.sbatch "$spec")
array=${array%%;*}
say "submitted array job $array"
sbatch --wait --parsable --chdir="$repo" --output="$tmp/log/merge.out" \
  --dependency=afterok:"$array" deploy/slurm/merge.sbatch "$spec" "$shards" "$tmp/merged.sqlite" >/dev/null ||
  { cat "$tmp"/log/*.out >&2; fail "the merge job failed"; }
"$synkti" export --db "$tmp/merged.sqlite" --omit-timing >"$tmp/merged.csv"
rows=$(($(wc -l <"$tmp/single.csv") - 1))
diff -q "$tmp/single.csv" "$tmp/merged.csv" >/dev/null ||
  { diff "$tmp/single.csv" "$tmp/merged.csv" | head >&2; fail "merged export differs from the single-process export"; }
say "merged export equals the single-process export ($rows runs)"

# A lost shard is reported, and rerunning its index completes the merge.
rm -f "$tmp/shards/test-spec-2.sqlite"
if "$synkti" merge "$tmp/remerged.sqlite" "$tmp"/shards/test-spec-{0,1,2,3}.sqlite 2>"$tmp/log/remerge.err"; then
  fail "merge with a missing shard succeeded"
fi
grep -q "shard(s) 2" "$tmp/log/remerge.err" || { cat "$tmp/log/remerge.err" >&2; fail "merge did not name shard 2"; }
say "merge reports the missing shard: $(grep incomplete "$tmp/log/remerge.err")"
SYNKTI_SHARD_COUNT=$shards sbatch --wait --chdir="$repo" --output="$tmp/log/rerun.out" --array=2 \
  deploy/slurm/sweep.sbatch "$spec" >/dev/null || { cat "$tmp/log/rerun.out" >&2; fail "rerun of index 2 failed"; }
"$synkti" merge "$tmp/remerged.sqlite" "$tmp"/shards/test-spec-{0,1,2,3}.sqlite >/dev/null
"$synkti" export --db "$tmp/remerged.sqlite" --omit-timing >"$tmp/remerged.csv"
diff -q "$tmp/single.csv" "$tmp/remerged.csv" >/dev/null || fail "re-merged export differs"
say "after rerunning index 2 the merge is complete and equal"
echo "test-slurm: 3 passed, 0 failed"
