#!/usr/bin/python3
"""Targets against the model: reads a baseline run file and prints, for each calibration target, the target, its
source and the model's value (mean and 95% interval over replicates). docs/calibration.md shows its output.

usage: calibration.py BASELINE.h5 [--check]
With --check, exits 1 if a target with a tolerance is missed (used by the tests).
"""
import argparse
import sys

import numpy as np

import iasim_files as f


def at_day(ds, day):
    t = (ds["time"].values - np.datetime64("2015-01-01")) / np.timedelta64(1, "D")
    return int(np.argmin(np.abs(t - day)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    ds = f.open_run(args.file)
    persons = ds["persons"].sum("county")
    in_services = persons.sel(state=f.IN_SERVICES).sum("state")
    june = at_day(ds, 181)
    year = at_day(ds, 365.25)
    programme = persons.sel(state=["work_trial", "subsidised_job"]).sum("state")
    employers = ds["employers"].isel(time=0).sum("county")
    contact = (ds["employers_with_contact_share"] * ds["employers"]).isel(time=0).sum("county") / employers
    trust0 = (ds["employer_trust_mean"] * ds["employers"]).isel(time=0).sum("county") / employers
    rows = [
        # name, target, tolerance (relative, None = reported only), source, model values over replicates
        ("people under 30 with reduced work capacity, June 2015", 42000, 0.05,
         "SINTEF L2441-2442; data/public_facts.md", in_services.isel(time=june)),
        ("growth of that stock over 2015", 0.06, None, "data/public_facts.md (+6% on the year to June 2015)",
         in_services.isel(time=year) / in_services.isel(time=0) - 1),
        ("under-30s in work trials or subsidised jobs (programme places)", 11300, 0.25,
         "data/public_facts.md: 56,700 places for reduced work capacity (2014) x 42,000/206,000 under 30",
         programme.isel(time=june)),
        ("NAV offices", 457, 0.0, "data/public_facts.md", None),
        ("employer establishments", 194220, 0.01, "data/public_facts.md (Q1 2009)", employers),
        ("share of establishments with a fixed ALS contact (IA firms)", 0.227, 0.05,
         "data/public_facts.md (22.7% of establishments in IA firms)", contact),
        ("mean employer trust in NAV at the start", 0.45, 0.02,
         "SINTEF L7043: half see a controller (0.25), 30% a partner (0.75), the rest neutral (0.5)", trust0),
    ]
    failed = []
    print(f"{'target':64} {'target value':>14} {'model mean [95%]':>30}  source")
    for name, target, tol, source, values in rows:
        if values is None:
            model = "by construction"
            ok = True
        else:
            mean, lo, hi = f.mean_and_interval(values)
            m, l, h = float(mean), float(lo), float(hi)
            fmt = (lambda x: f"{x:.3f}") if abs(target) < 10 else (lambda x: f"{x:,.0f}")
            model = f"{fmt(m)} [{fmt(l)}, {fmt(h)}]"
            ok = tol is None or abs(m - target) <= tol * abs(target) + 1e-12
        print(f"{name:64} {target:>14,} {model:>30}  {source}{'' if ok else '  <-- MISSED'}")
        if not ok:
            failed.append(name)
    if args.check and failed:
        print("missed: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
