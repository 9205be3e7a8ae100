"""iasim run writes a file that xarray, h5py and ncdump open as they are, and whose own numbers satisfy the
stock-flow identity."""
import os
import subprocess

import h5py
import numpy as np
import xarray as xr

from e2e import check, iasim, run_small, tmpdir

d = tmpdir()
f = run_small("baseline_2015", os.path.join(d, "baseline.h5"))
check(os.path.exists(f), "no output file")
check(not [p for p in os.listdir(d) if ".partial" in p], "temporary file left behind")

ds = xr.open_dataset(f, engine="h5netcdf")
check(not [k for k in ds.dims if str(k).startswith("phony")], f"phony dims: {list(ds.dims)}")
check(ds.sizes["replicate"] == 3 and ds.sizes["county"] == 19, f"sizes {dict(ds.sizes)}")
check(str(ds["time"].values[0])[:10] == "2015-01-01", f"time starts {ds['time'].values[0]}")
check(np.issubdtype(ds["time"].dtype, np.datetime64), "time not decoded to dates")
check("Møre og Romsdal" in [str(c) for c in ds["county"].values], "county labels")
for name, v in ds.data_vars.items():
    check("units" in v.attrs and "long_name" in v.attrs, f"{name} lacks units/long_name")
for a in ("Conventions", "scenario_yaml", "seed", "replicates", "iasim_version", "git_commit", "command_line"):
    check(a in ds.attrs, f"global attribute {a} missing")
check(int(ds.attrs["seed"]) == 2015, "seed attribute")
check("name: \"baseline_2015\"" in ds.attrs["scenario_yaml"] and "counties:" in ds.attrs["scenario_yaml"],
      "resolved scenario not in the file")

# Stock-flow identity from the file's own numbers, per county, state and step.
persons = ds["persons"].values  # (r, t, c, s)
trans = ds["transitions"].values  # (r, t, c, k)
states = [str(s) for s in ds["state"].values]
labels = [str(t) for t in ds["transition"].values]
inflow = np.zeros((len(labels), len(states)))
outflow = np.zeros((len(labels), len(states)))
for k, lab in enumerate(labels):
    src, dst = lab.split("->")
    inflow[k, states.index(dst)] = 1
    if src != "entry":
        outflow[k, states.index(src)] = 1
# People who moved in from another county add to the state they go on in.
delta = trans[:, 1:] @ inflow - trans[:, 1:] @ outflow + ds["persons_moved_in"].values[:, 1:]
check(np.array_equal(persons[:, 1:], persons[:, :-1] + delta), "stock-flow identity broken in the file")
check(persons[:, 0].sum() > 3000, "a tenth of 40,800 people should be there at the start")
check(trans[:, 1:, :, labels.index("follow_up->work_trial")].sum() > 0, "no work trials at all")

# h5py sees dimension scales; ncdump reads the file.
with h5py.File(f, "r") as h:
    check(h["persons"].dims[2][0].name == "/county", "persons' third dimension is not the county scale")
    check(h["persons"].compression == "gzip", "not compressed")
r = subprocess.run(["ncdump", "-h", f], capture_output=True, text=True)
check(r.returncode == 0 and "persons(replicate, time, county, state)" in r.stdout, "ncdump -h:\n" + r.stdout + r.stderr)

# iasim info summarises it; the same seed gives the same bytes of data whatever the thread count.
info = iasim("info", f).stdout
check("baseline_2015" in info and "persons" in info, "info:\n" + info)
g = run_small("baseline_2015", os.path.join(d, "threads1.h5"), "--threads", "1")
ds1 = xr.open_dataset(g, engine="h5netcdf")
for name in ds.data_vars:
    check(np.array_equal(ds[name].values, ds1[name].values, equal_nan=True), f"{name} differs between thread counts")

# An existing file is kept unless --force.
r = iasim("run", os.path.join(os.environ["IASIM_SOURCE"], "scenarios", "baseline_2015.yaml"), "-o", f, "--horizon", "0.1",
          "--quiet", check=False)
check(r.returncode == 2 and "--force" in r.stderr, f"overwrite without --force: {r.returncode} {r.stderr}")
check(xr.open_dataset(f, engine="h5netcdf").sizes["replicate"] == 3, "existing file damaged")
print("ok")
