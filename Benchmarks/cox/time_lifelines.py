#!/usr/bin/env python3
"""Times Python lifelines' CoxPHFitter on one data file; only the fit call is timed (data already in memory).

  python3 Benchmarks/cox/time_lifelines.py DATA.csv REPS MODELS

MODELS is a comma list of efron (CoxPHFitter().fit(df, "time", "event"); lifelines handles ties by Efron's
method) and cluster (the same with cluster_col="school": robust sandwich variance by school). Prints one JSON
object per line, like time_r.R: {"model", "tool": "lifelines", "walls", "cpus", "loglik" (log partial
likelihood, log_likelihood_), "coefficients", "std_errors", "warnings", "error"}. When lifelines cannot be
imported, prints one line {"unavailable": "..."} and exits 0.
"""
import json
import sys
import time
import warnings

try:
    import pandas as pd
    from lifelines import CoxPHFitter
    import lifelines
except Exception as e:  # noqa: BLE001 - any import problem means "not available"
    print(json.dumps({"unavailable": f"lifelines not importable: {type(e).__name__}: {e}"}))
    sys.exit(0)


def main():
    path, reps = sys.argv[1], int(sys.argv[2])
    models = (sys.argv[3] if len(sys.argv) > 3 else "efron").split(",")
    d = pd.read_csv(path, dtype={"school": str})
    covs = [f"x{k}" for k in range(1, 11)]
    for m in models:
        cols = ["time", "event"] + covs + (["school"] if m == "cluster" else [])
        df = d[cols]
        kwargs = {"cluster_col": "school"} if m == "cluster" else {}
        walls, cpus, err, warns, fit = [], [], None, [], None
        for _ in range(reps):
            try:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    w0, c0 = time.perf_counter(), time.process_time()
                    fit = CoxPHFitter().fit(df, duration_col="time", event_col="event", **kwargs)
                    w1, c1 = time.perf_counter(), time.process_time()
                for w in caught:
                    msg = str(w.message).strip().splitlines()[0] if str(w.message).strip() else type(w.message).__name__
                    if msg not in warns:
                        warns.append(msg)
            except Exception as e:  # noqa: BLE001 - recorded in the result row
                err = f"{type(e).__name__}: {e}"
                break
            walls.append(round(w1 - w0, 3))
            cpus.append(round(c1 - c0, 3))
        out = {"model": m, "tool": "lifelines", "version": lifelines.__version__, "n": len(df),
               "walls": walls, "cpus": cpus, "error": err}
        if err is None and fit is not None:
            out["loglik"] = float(fit.log_likelihood_)
            out["coefficients"] = {k: float(v) for k, v in fit.params_.items()}
            out["std_errors"] = {k: float(v) for k, v in fit.standard_errors_.items()}
            out["warnings"] = warns
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
