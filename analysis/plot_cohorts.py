#!/usr/bin/python3
"""Where an entry cohort is, month by month since entry: state shares (mean over replicates), one panel per
scenario, as NAV's evaluations report them.

usage: plot_cohorts.py RUN.h5 [RUN.h5 ...] [--cohort YEAR] [-o DIR]
Writes DIR/cohorts.png and DIR/cohorts.svg.
"""
import argparse
import os

import matplotlib

matplotlib.use(os.environ.get("MPLBACKEND", "Agg"))
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import iasim_files as f  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--cohort", type=int, default=2015, help="year of entry (default 2015)")
    ap.add_argument("-o", "--out-dir", default="plots")
    args = ap.parse_args()
    runs = [f.open_run(p) for p in args.files]
    fig, axes = plt.subplots(1, len(runs), figsize=(5.5 * len(runs), 4.5), sharey=True, squeeze=False)
    for ax, ds in zip(axes[0], runs):
        share = ds["cohort_share"].sel(cohort=args.cohort).mean("replicate", skipna=True)
        months = share["months_since_entry"].values
        observed = ~np.isnan(share.values).all(axis=1)
        states = [str(s) for s in share["state"].values]
        ax.stackplot(months[observed], np.nan_to_num(share.values[observed].T), labels=states)
        ax.set_title(f"{f.scenario_name(ds)}: cohort {args.cohort}")
        ax.set_xlabel("months since entry")
        ax.set_ylim(0, 1)
    axes[0][0].set_ylabel("share of cohort")
    axes[0][-1].legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8)
    for p in f.save(fig, args.out_dir, "cohorts"):
        print(p)


if __name__ == "__main__":
    main()
