#!/usr/bin/python3
"""A county map substitute: small multiples, one panel per county, of one outcome over time per scenario
(mean over replicates).

usage: plot_counties.py RUN.h5 [RUN.h5 ...] [--outcome ordinary_job|in_services|trials|trust] [-o DIR]
Writes DIR/counties_<outcome>.png and .svg.
"""
import argparse
import os

import matplotlib

matplotlib.use(os.environ.get("MPLBACKEND", "Agg"))
import matplotlib.pyplot as plt  # noqa: E402

import iasim_files as f  # noqa: E402


def county_series(ds, outcome):
    if outcome == "ordinary_job":
        return ds["persons"].sel(state="ordinary_job"), "people in ordinary job"
    if outcome == "in_services":
        return ds["persons"].sel(state=f.metric_labels(ds, "in_services")).sum("state"), "people in services"
    if outcome == "trials":
        return ds["transitions"].sel(transition="follow_up->work_trial").cumsum("time"), "trials started (cumulative)"
    if outcome == "trust":
        return ds["employer_trust_mean"], "employer trust"
    raise SystemExit(f"unknown outcome {outcome}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--outcome", default="ordinary_job", choices=["ordinary_job", "in_services", "trials", "trust"])
    ap.add_argument("-o", "--out-dir", default="plots")
    args = ap.parse_args()
    runs = [f.open_run(p) for p in args.files]
    counties = [str(c) for c in runs[0]["county"].values]
    cols = 5
    rows = (len(counties) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(3.4 * cols, 2.4 * rows), sharex=True)
    label = ""
    for ds in runs:
        da, label = county_series(ds, args.outcome)
        mean = da.mean("replicate")
        for ax, county in zip(axes.flat, counties):
            ax.plot(mean["time"].values, mean.sel(county=county).values, label=f.scenario_name(ds), linewidth=1.2)
            ax.set_title(county, fontsize=9)
            ax.tick_params(labelsize=7)
    for ax in list(axes.flat)[len(counties):]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=7)
    fig.suptitle(f"iasim by county: {label}")
    fig.autofmt_xdate()
    for p in f.save(fig, args.out_dir, f"counties_{args.outcome}"):
        print(p)


if __name__ == "__main__":
    main()
