"""Shared helpers for the analysis scripts: open iasim run files the way any analyst would (xarray with the
h5netcdf engine, no custom reader) and derive national outcomes with intervals over replicates.

The key outcomes are not defined here: every run file (and merged sweep file) carries their table as its
`metrics` attribute, the one table `iasim compare` evaluates (sim/output/metrics.hpp). metric() evaluates an
entry of it the same way."""
import json
import math
import os

import numpy as np
import xarray as xr


def open_run(path):
    ds = xr.open_dataset(path, engine="h5netcdf")
    ds.attrs.setdefault("scenario", os.path.splitext(os.path.basename(path))[0])
    return ds


def scenario_name(ds):
    return str(ds.attrs.get("scenario", "run"))


def metric_table(ds):
    """The key outcomes' definitions, as the file stores them: a list of dicts with name, unit, description, kind,
    variable, labels (and divisor, weight, window_days for some kinds)."""
    return json.loads(ds.attrs["metrics"])


def metric_definition(ds, name):
    for m in metric_table(ds):
        if m["name"] == name:
            return m
    raise KeyError(f"no metric {name!r} in this file (it has: {', '.join(m['name'] for m in metric_table(ds))})")


def metric_labels(ds, name):
    """The states, transitions or queues a metric sums over, e.g. metric_labels(ds, "in_services")."""
    return metric_definition(ds, name)["labels"]


def metric(ds, name):
    """A key outcome, national, over time (and replicate, and point for a merged sweep), evaluated as
    `iasim compare` evaluates it at each date."""
    m = metric_definition(ds, name)
    kind, var, labels = m["kind"], m["variable"], m["labels"]
    if kind == "stock":
        return ds[var].sel(state=labels).sum(["county", "state"])
    if kind == "cumulative_transitions":
        return ds[var].sel(transition=labels).sum(["county", "transition"]).cumsum("time")
    if kind == "queue":
        return ds[var].sel(queue=labels).sum(["county", "queue"])
    if kind == "employer_weighted":
        return (ds[var] * ds["employers"]).sum("county") / ds["employers"].sum("county")
    if kind == "cumulative_sum":
        da = ds[var]
        if labels:  # summed over these labels of its last dimension (cost_nok's items)
            last = da.dims[-1]
            da = da.sel({last: labels}).sum(last)
        return (da / m["divisor"]).sum("county").cumsum("time")
    if kind == "recent_wait":
        # The queues' mean waits (NaN skipped), weighted by the number assessed, over the window up to each date.
        waits = ds[var].sel(queue=labels).mean("queue", skipna=True)
        weight = ds["transitions"].sel(transition=m["weight"])
        use = (weight > 0) & waits.notnull()
        num = (waits.where(use, 0.0) * weight.where(use, 0.0)).sum("county")
        den = weight.where(use, 0.0).sum("county")
        days = days_since_start(ds)
        out = []
        for k in range(len(days)):
            t0 = k
            while t0 > 0 and days[k] - days[t0 - 1] < m["window_days"]:
                t0 -= 1
            n = den.isel(time=slice(t0, k + 1)).sum("time")
            out.append((num.isel(time=slice(t0, k + 1)).sum("time") / n).where(n > 0))
        return xr.concat(out, dim=ds["time"])
    raise ValueError(f"metric {name!r} has an unknown kind {kind!r}")


def days_since_start(ds):
    """Output times as days since 2015-01-01 (the file's time coordinate, decoded or not)."""
    t = ds["time"].values
    if np.issubdtype(t.dtype, np.datetime64):
        return (t - np.datetime64("2015-01-01")) / np.timedelta64(1, "D")
    return t.astype(float)


CUMULATIVE = ("cumulative_transitions", "cumulative_sum")


def national_outcomes(ds):
    """The key outcomes over (replicate, time), as a dict title -> (DataArray, unit): levels as they are, and for
    counts from the start the flow per output step, which is what a plot over time should show."""
    out = {}
    for m in metric_table(ds):
        da = metric(ds, m["name"])
        if m["kind"] in CUMULATIVE:
            out[f"{m['name']} per step"] = (da.diff("time", label="upper").reindex(time=da["time"], fill_value=0.0),
                                            m["unit"])
        else:
            out[m["name"]] = (da, m["unit"])
    return out


def mean_and_interval(da, dim="replicate"):
    """Mean over `dim` and its 95% t-interval (the same statistic `iasim compare` prints)."""
    n = da.sizes[dim]
    mean = da.mean(dim)
    if n < 2:
        return mean, mean, mean
    se = da.std(dim, ddof=1) / math.sqrt(n)
    t = _t975(n - 1)
    return mean, mean - t * se, mean + t * se


def _t975(df):
    # Student t 97.5% quantiles; scipy is not needed for this one number.
    table = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
             12: 2.179, 15: 2.131, 20: 2.086, 25: 2.060, 30: 2.042, 40: 2.021, 60: 2.000, 120: 1.980}
    if df in table:
        return table[df]
    keys = sorted(table)
    for lo, hi in zip(keys, keys[1:]):
        if lo < df < hi:
            return table[lo] + (table[hi] - table[lo]) * (df - lo) / (hi - lo)
    return 1.960


def save(fig, out_dir, stem):
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for ext in ("png", "svg"):
        p = os.path.join(out_dir, f"{stem}.{ext}")
        fig.savefig(p, dpi=110, bbox_inches="tight")
        paths.append(p)
    return paths
