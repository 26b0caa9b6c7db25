"""Peer timing for the assignment benchmark: scipy.optimize.linear_sum_assignment
on the very matrices the Swift benchmark solved (raw little-endian float64,
row-major, written by synkti-bench). Prints JSON {n: {"ms": best, "total": cost}}.
A benchmark peer only; Synkti never needs Python at run time."""
import json
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment

def main(directory, sizes, repeats):
    out = {}
    for n in sizes:
        m = np.fromfile(f"{directory}/n{n}.f64", dtype="<f8").reshape(n, n)
        best = float("inf")
        total = None
        for _ in range(repeats):
            t0 = time.perf_counter()
            rows, cols = linear_sum_assignment(m)
            best = min(best, time.perf_counter() - t0)
            total = float(m[rows, cols].sum())
        out[str(n)] = {"ms": best * 1000, "total": total}
    print(json.dumps(out))

if __name__ == "__main__":
    main(sys.argv[1], [int(x) for x in sys.argv[2].split(",")], int(sys.argv[3]))
