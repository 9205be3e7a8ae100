"""The README says run files open in R: a run file read with R's ncdf4 gives the same variable, dimensions,
units and numbers as h5py, and the county labels (Norwegian letters included) as text."""
import os
import subprocess

import h5py
import numpy as np

from e2e import SOURCE, check, run_small, tmpdir

d = tmpdir()
run = run_small("baseline_2015", os.path.join(d, "baseline.h5"))
for name in ("persons", "hours_used"):
    r = subprocess.run(["Rscript", os.path.join(SOURCE, "tests", "e2e", "read_in_r.R"), run, name],
                       capture_output=True, text=True, timeout=120)
    check(r.returncode == 0, f"R could not read {name}: {r.stderr}")
    seen = {}
    for line in r.stdout.splitlines():
        key, _, value = line.partition(":")
        seen[key] = value.strip()
    with h5py.File(run, "r") as f:
        v = f[name]
        dims = [dim[0].name.lstrip("/") for dim in v.dims]  # each axis's dimension scale
        data = v[...]
        counties = [c.decode() if isinstance(c, bytes) else c for c in f["county"][...]]
        units = v.attrs["units"].decode() if isinstance(v.attrs["units"], bytes) else v.attrs["units"]
    check(seen["dims"].split() == dims, f"{name}: R sees dimensions {seen['dims']}, h5py {dims}")
    check([int(s) for s in seen["sizes"].split()] == list(data.shape), f"{name}: sizes {seen['sizes']} vs {data.shape}")
    check(seen["units"] == units, f"{name}: R sees units {seen['units']!r}, the file says {units!r}")
    check(seen["long_name"] != "", f"{name}: no long_name in R")
    total = float(np.nansum(data))
    check(abs(float(seen["sum"]) - total) <= 1e-9 * max(1.0, abs(total)), f"{name}: R sum {seen['sum']} vs {total}")
    check(float(seen["first"]) == float(data.flat[0]), f"{name}: R's first value {seen['first']} vs {data.flat[0]}")
    check(seen["counties"].split("|") == counties, f"county labels in R: {seen['counties']} vs {counties}")
    print(f"ok: {name} in R: {seen['dims']} {seen['sizes']} [{seen['units']}]")
print("ok")
