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


def outcomes_figure(runs, cols=None, panel=(4.2, 3.75)):
    """The figure: one panel per outcome of the first run's table, one line and band per run. `cols` panels a row
    (default: two rows), each `panel` inches. Returns (figure, the panels in use)."""
    names = list(f.national_outcomes(runs[0]).keys())
    cols = cols or (len(names) + 1) // 2
    rows = (len(names) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(panel[0] * cols, panel[1] * rows), sharex=True, squeeze=False)
    used = list(axes.flat[:len(names)])
    for ds in runs:
        outcomes = f.national_outcomes(ds)
        for ax, name in zip(used, names):
            da, unit = outcomes[name]
            da = da.isel(time=slice(1, None))  # step 0 is the start: flows are zero there
            mean, lo, hi = f.mean_and_interval(da)
            line, = ax.plot(mean["time"].values, mean.values, label=f.scenario_name(ds))
            ax.fill_between(mean["time"].values, lo.values, hi.values, color=line.get_color(), alpha=0.25, linewidth=0)
            ax.set_title(name, fontsize=10)
            ax.set_ylabel(unit)
    for ax in axes.flat[len(names):]:
        ax.set_visible(False)
    bottom = [max((a for a in used if a.get_subplotspec().colspan.start == c), default=None,
                  key=lambda a: a.get_subplotspec().rowspan.start) for c in range(cols)]
    for ax in bottom:
        if ax is not None:
            ax.xaxis.set_tick_params(labelbottom=True, rotation=30)
    used[0].legend(fontsize=8)
    return fig, used


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+")
    ap.add_argument("-o", "--out-dir", default="plots")
    args = ap.parse_args()
    runs = [f.open_run(p) for p in args.files]
    fig, _ = outcomes_figure(runs)
    fig.suptitle(f"iasim: national outcomes, mean and 95% interval over {runs[0].sizes['replicate']} replicates")
    for p in f.save(fig, args.out_dir, "outcomes"):
        print(p)


if __name__ == "__main__":
    main()
