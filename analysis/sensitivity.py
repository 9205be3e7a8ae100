#!/usr/bin/python3
"""Sobol sensitivity indices from a merged `design: saltelli` sweep (docs/sweeps.md, "Sensitivity analysis").

    /usr/bin/python3 analysis/sensitivity.py MERGED.h5 [--outcome NAME]... [-o DIR] [--bootstrap B]

For each outcome (a scalar per task: e.g. people in an ordinary job at the end of the horizon, summed over the
counties) the replicates of a point are averaged (they share random numbers across points, so the noise left in
the mean is small compared with the parameters' effects), centred, then with the Saltelli layout
(point j*(d+2) = A_j, +1 = B_j, +2+i = AB_i,j; AB_i = A with column i from B):

    V    = Var(f(A) ∪ f(B))
    S_i  = mean(f(B) * (f(AB_i) - f(A))) / V          first order  (Saltelli et al. 2010)
    ST_i = mean((f(A) - f(AB_i))^2) / (2 V)           total order  (Jansen 1999)

with 95% bootstrap intervals over the base samples. Prints a table; with -o DIR writes sobol_indices.csv and a
bar chart sobol_indices.png / .svg.
"""
import argparse
import math
import os
import sys

import numpy as np
import xarray as xr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import iasim_files  # noqa: E402  (the key outcomes' table, read from the file)


def final(x):
    return x.isel(time=-1)


def outcome_names(ds):
    """Every key outcome the file's metric table defines (compare's table), at the end of the horizon: a level
    at the last date, or a count from the start summed to it."""
    return [m["name"] for m in iasim_files.metric_table(ds)]


def outcome(ds, name):
    """(DataArray over (point, replicate), unit) of one key outcome at the end of the horizon."""
    return final(iasim_files.metric(ds, name)), iasim_files.metric_definition(ds, name)["unit"]


DEFAULT = ["ordinary_job", "hires", "assessment_queue", "employer_trust"]


def sobol_indices(y, d):
    """First- and total-order indices from outputs y in Saltelli layout (length N*(d+2)). Returns (S1, ST)."""
    y = np.asarray(y, dtype=float).reshape(-1, d + 2)
    # Centred on the mean of f(A) and f(B): the same expectation, far less variance when the outcome's mean is
    # large against its spread (as for counts of people), which otherwise swamps S1 at small N.
    y = y - np.mean(y[:, :2])
    fa, fb, fab = y[:, 0], y[:, 1], y[:, 2:]
    v = np.var(np.concatenate([fa, fb]))
    if not v > 0:
        return np.full(d, np.nan), np.full(d, np.nan)
    s1 = np.mean(fb[:, None] * (fab - fa[:, None]), axis=0) / v
    st = 0.5 * np.mean((fa[:, None] - fab) ** 2, axis=0) / v
    return s1, st


def bootstrap(y, d, b, seed=0):
    """95% percentile intervals of S1 and ST, resampling base samples. Returns (lo1, hi1, loT, hiT)."""
    rows = np.asarray(y, dtype=float).reshape(-1, d + 2)
    rng = np.random.default_rng(seed)
    s1s, sts = [], []
    for _ in range(b):
        r = rows[rng.integers(0, len(rows), len(rows))]
        s1, st = sobol_indices(r.ravel(), d)
        s1s.append(s1)
        sts.append(st)
    q = lambda a, p: np.nanpercentile(np.array(a), p, axis=0)  # noqa: E731
    return q(s1s, 2.5), q(s1s, 97.5), q(sts, 2.5), q(sts, 97.5)


def load(path):
    ds = xr.open_dataset(path, engine="h5netcdf")
    if ds.attrs.get("design") != "saltelli":
        sys.exit(f"{path}: design is {ds.attrs.get('design')!r}; Sobol indices need a sweep with design: saltelli "
                 "(docs/sweeps.md)")
    names = str(ds.attrs["parameters"]).split()
    d = len(names)
    if ds.sizes["point"] % (d + 2):
        sys.exit(f"{path}: {ds.sizes['point']} points is not a multiple of d + 2 = {d + 2}")
    labels = [ds[n].attrs.get("scenario_path", n) for n in names]
    return ds, labels


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("merged", help="merged sweep file (iasim sweep merge) of a design: saltelli sweep")
    ap.add_argument("--outcome", action="append",
                    help=f"key outcome to analyse, as iasim compare names them (repeatable; default: "
                         f"{', '.join(DEFAULT)})")
    ap.add_argument("--bootstrap", type=int, default=500, help="bootstrap resamples for the intervals (0: none)")
    ap.add_argument("-o", "--out-dir", help="write sobol_indices.csv/.png/.svg here")
    a = ap.parse_args(argv)
    ds, labels = load(a.merged)
    d = len(labels)
    outcomes = a.outcome or DEFAULT
    unknown = [o for o in outcomes if o not in outcome_names(ds)]
    if unknown:
        ap.error(f"unknown outcome {', '.join(unknown)}; the file defines: {', '.join(outcome_names(ds))}")
    n_base = ds.sizes["point"] // (d + 2)
    print(f"{a.merged}: {d} parameters, N = {n_base} base samples, {ds.sizes['replicate']} replicates "
          f"(averaged per point)\n")
    rows = []
    width = max(len(x) for x in labels)
    for name in outcomes:
        values, unit = outcome(ds, name)
        y = values.mean("replicate").transpose("point").values
        s1, st = sobol_indices(y, d)
        ci = bootstrap(y, d, a.bootstrap) if a.bootstrap else [np.full(d, np.nan)] * 4
        print(f"{name} ({unit}): mean {np.mean(y):.4g}, sd {np.std(y):.4g}")
        print(f"  {'parameter':<{width}}  {'S1':>7} {'95% interval':>17}  {'ST':>7} {'95% interval':>17}")
        for i in np.argsort(-st):
            print(f"  {labels[i]:<{width}}  {s1[i]:7.3f} [{ci[0][i]:7.3f}, {ci[1][i]:7.3f}]  "
                  f"{st[i]:7.3f} [{ci[2][i]:7.3f}, {ci[3][i]:7.3f}]")
            rows.append((name, labels[i], s1[i], ci[0][i], ci[1][i], st[i], ci[2][i], ci[3][i]))
        print()
    if a.out_dir:
        os.makedirs(a.out_dir, exist_ok=True)
        with open(os.path.join(a.out_dir, "sobol_indices.csv"), "w") as f:
            f.write("outcome,parameter,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi\n")
            for r in rows:
                f.write(",".join([r[0], r[1]] + [f"{x:.6g}" for x in r[2:]]) + "\n")
        draw(rows, outcomes, labels, os.path.join(a.out_dir, "sobol_indices"))
        print(f"wrote {a.out_dir}/sobol_indices.csv, .png, .svg")


def draw(rows, outcomes, labels, stem):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    n = len(outcomes)
    cols = min(2, n)
    fig, axes = plt.subplots(math.ceil(n / cols), cols, figsize=(6.5 * cols, 0.45 * len(labels) * math.ceil(n / cols) + 2.5),
                             squeeze=False)
    y = np.arange(len(labels))
    for ax, name in zip(axes.flat, outcomes):
        r = {row[1]: row for row in rows if row[0] == name}
        s1 = np.array([r[l][2] for l in labels])
        st = np.array([r[l][5] for l in labels])
        err = lambda lo, hi, v: np.nan_to_num(np.abs(np.vstack([v - lo, hi - v])))  # noqa: E731
        ax.barh(y - 0.2, s1, 0.4, xerr=err(np.array([r[l][3] for l in labels]), np.array([r[l][4] for l in labels]), s1),
                label="first order S1", color="#4477aa")
        ax.barh(y + 0.2, st, 0.4, xerr=err(np.array([r[l][6] for l in labels]), np.array([r[l][7] for l in labels]), st),
                label="total order ST", color="#ee6677")
        ax.set_yticks(y, labels, fontsize=8)
        ax.invert_yaxis()
        ax.axvline(0, color="grey", lw=0.5)
        ax.set_title(name)
        ax.set_xlabel("Sobol index (95% bootstrap interval)")
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(stem + ".png", dpi=120)
    fig.savefig(stem + ".svg")
    plt.close(fig)


if __name__ == "__main__":
    main()
