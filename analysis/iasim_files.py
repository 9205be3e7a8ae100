"""Shared helpers for the analysis scripts: open iasim run files the way any analyst would (xarray with the
h5netcdf engine, no custom reader) and derive national outcomes with intervals over replicates."""
import math
import os

import numpy as np
import xarray as xr

IN_SERVICES = ["waiting_assessment", "follow_up", "work_trial", "subsidised_job"]
# Job starts: from trials, direct placements (Supported Employment) and own search.
HIRES = ["work_trial->subsidised_job", "work_trial->ordinary_job", "follow_up->subsidised_job", "follow_up->ordinary_job",
         "waiting_assessment->ordinary_job"]


def open_run(path):
    ds = xr.open_dataset(path, engine="h5netcdf")
    ds.attrs.setdefault("scenario", os.path.splitext(os.path.basename(path))[0])
    return ds


def scenario_name(ds):
    return str(ds.attrs.get("scenario", "run"))


def national_outcomes(ds):
    """Key national outcomes over (replicate, time), as a dict name -> (DataArray, unit)."""
    persons = ds["persons"].sum("county")
    transitions = ds["transitions"].sum("county")
    employers = ds["employers"]
    out = {
        "people in services": (persons.sel(state=IN_SERVICES).sum("state"), "people"),
        "in ordinary job": (persons.sel(state="ordinary_job"), "people"),
        "hires per step": (transitions.sel(transition=HIRES).sum("transition"), "people"),
        "trials started per step": (transitions.sel(transition="follow_up->work_trial"), "people"),
        "waiting for assessment": (ds["queue_length"].sel(queue=["assessment_in_house", "assessment_purchased"])
                                   .sum(["county", "queue"]), "people"),
        "employer trust": ((ds["employer_trust_mean"] * employers).sum("county") / employers.sum("county"), "0..1"),
        "subsidy cost per step": (ds["subsidy_cost_nok"].sum("county") / 1e6, "MNOK"),
        "IA sick leave": ((ds["ia_sick_leave_pct"] * employers).sum("county") / employers.sum("county"), "percent"),
    }
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
