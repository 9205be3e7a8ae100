#!/usr/bin/python3
"""Key national outcomes over time (the file's metric table, as iasim compare defines them; counts from the start
shown per output step), one line per scenario with its 95% interval band over replicates.

usage: plot_outcomes.py RUN.h5 [RUN.h5 ...] [-o DIR]
Writes DIR/outcomes.png and DIR/outcomes.svg.
"""
import argparse
import os

import matplotlib

matplotlib.use(os.environ.get("MPLBACKEND", "Agg"))
import matplotlib.pyplot as plt  # noqa: E402

import iasim_files as f  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+")
    ap.add_argument("-o", "--out-dir", default="plots")
    args = ap.parse_args()
    runs = [f.open_run(p) for p in args.files]
    names = list(f.national_outcomes(runs[0]).keys())
    cols = (len(names) + 1) // 2
    fig, axes = plt.subplots(2, cols, figsize=(4.2 * cols, 7.5), sharex=True)
    for ds in runs:
        outcomes = f.national_outcomes(ds)
        for ax, name in zip(axes.flat, names):
            da, unit = outcomes[name]
            da = da.isel(time=slice(1, None))  # step 0 is the start: flows are zero there
            mean, lo, hi = f.mean_and_interval(da)
            line, = ax.plot(mean["time"].values, mean.values, label=f.scenario_name(ds))
            ax.fill_between(mean["time"].values, lo.values, hi.values, color=line.get_color(), alpha=0.25, linewidth=0)
            ax.set_title(name, fontsize=10)
            ax.set_ylabel(unit)
    for ax in axes[-1]:
        ax.tick_params(axis="x", rotation=30)
    axes.flat[0].legend(fontsize=8)
    fig.suptitle(f"iasim: national outcomes, mean and 95% interval over {runs[0].sizes['replicate']} replicates")
    for p in f.save(fig, args.out_dir, "outcomes"):
        print(p)


if __name__ == "__main__":
    main()
