#!/usr/bin/env bash
# Submit an N-shard array sweep and the merge that waits for it.
#
#   deploy/slurm/submit.sh Experiments/paper/five-axis.yaml 8 [Results/synkti.sqlite]
set -euo pipefail
spec=${1:?usage: deploy/slurm/submit.sh SPEC N [OUT]}
count=${2:?number of shards}
out=${3:-Results/synkti.sqlite}
here=$(dirname "$0")
array=$(sbatch --parsable --array=0-$((count - 1)) "$here/sweep.sbatch" "$spec")
array=${array%%;*}
merge=$(sbatch --parsable --dependency=afterok:"$array" "$here/merge.sbatch" "$spec" "$count" "$out")
echo "array job $array ($count shards), merge job $merge -> $out"
