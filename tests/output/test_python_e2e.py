#!/usr/bin/python3
"""Analysts' tools open the sample file: xarray (h5netcdf), h5py, ncdump.

usage: test_python_e2e.py WRITE_SAMPLE
The values follow sample_value() in sample_file.hpp.
"""
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np
import xarray as xr

write_sample = sys.argv[1]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)
    else:
        print("ok:", message)


def sample_value(r, t, c, s):
    return r * 1000 + t * 100 + c * 10 + s + 0.5


with tempfile.TemporaryDirectory(prefix="iasim-e2e-") as d:
    path = os.path.join(d, "sample.nc")
    subprocess.run([write_sample, path], check=True)

    # --- xarray via h5netcdf: no phony dims, coordinates decoded --------------------------------
    ds = xr.open_dataset(path, engine="h5netcdf")
    check(dict(ds.sizes) == {"replicate": 2, "time": 10, "county": 3, "state": 4}, f"dims {dict(ds.sizes)}")
    check(not any(str(k).startswith("phony_dim") for k in ds.sizes), "no phony_dims")
    check(set(ds.coords) == {"replicate", "time", "county", "state"}, f"coords {sorted(ds.coords)}")
    check(np.issubdtype(ds.time.dtype, np.datetime64), f"time decoded to datetime64 ({ds.time.dtype})")
    check(ds.time.values[0] == np.datetime64("2015-01-01"), f"time starts 2015-01-01 ({ds.time.values[0]})")
    check(ds.time.values[-1] == np.datetime64("2015-03-05"), f"time ends 2015-03-05 ({ds.time.values[-1]})")
    counties = list(ds.county.values)
    check(all(isinstance(c, str) for c in counties), f"county labels are str ({[type(c) for c in counties]})")
    check(counties == ["Oslo", "Møre og Romsdal", "Troms og Finnmark"], f"county labels {counties}")
    check(list(ds.state.values) == ["registered", "in_assessment", "in_measure", "employed"], "state labels")
    check(set(ds.data_vars) == {"clients", "caseload_per_veileder"}, f"data vars {sorted(ds.data_vars)}")
    for name, var in ds.data_vars.items():
        check(var.attrs.get("units", "") != "" and var.attrs.get("long_name", "") != "",
              f"{name} has units and long_name")
    check(ds.clients.dims == ("replicate", "time", "county", "state"), f"clients dims {ds.clients.dims}")
    expected = np.fromfunction(np.vectorize(sample_value), (2, 10, 3, 4))
    check(np.array_equal(ds.clients.values, expected), "clients values equal what was written")
    check(np.array_equal(ds.caseload_per_veileder.values, expected[:, :, :, 0].astype(np.float32)),
          "caseload_per_veileder (float32) values equal what was written")
    check(ds.clients.sel(county="Møre og Romsdal", state="employed").values[1, 2] == sample_value(1, 2, 1, 3),
          "selecting by Norwegian label")
    check(ds.attrs.get("seed") == 42, f"seed attribute {ds.attrs.get('seed')!r}")
    check(ds.attrs.get("events_processed") == 12345, "attribute set at the end")
    check("læring: ja" in ds.attrs.get("scenario_yaml", ""), "multi-line UTF-8 YAML attribute")
    check(ds.attrs.get("Conventions") == "CF-1.8", "Conventions = CF-1.8")
    ds.close()

    # --- h5py: dimension scales attached on every axis ------------------------------------------
    with h5py.File(path, "r") as f:
        names = [f["clients"].dims[i][0].name for i in range(4)]
        check(names == ["/replicate", "/time", "/county", "/state"], f"h5py dimension scales {names}")
        check(f["clients"].compression == "gzip" and f["clients"].shuffle, "clients compressed with shuffle+deflate")
        check(f["clients"].chunks == (1, 10, 3, 4), f"clients chunks {f['clients'].chunks}")

    # --- netCDF-C ----------------------------------------------------------------------------------
    proc = subprocess.run(["ncdump", "-h", path], capture_output=True, text=True)
    check(proc.returncode == 0, f"ncdump -h exits 0 ({proc.stderr.strip()})")
    header = proc.stdout
    check("county = 3 ;" in header, "ncdump lists the county dimension")
    check("double clients(replicate, time, county, state) ;" in header, "ncdump lists clients")
    check("float caseload_per_veileder(replicate, time, county) ;" in header, "ncdump lists caseload_per_veileder")
    proc = subprocess.run(["ncdump", "-v", "county", path], capture_output=True, text=True)
    check(proc.returncode == 0 and '"Møre og Romsdal"' in proc.stdout, "ncdump shows county labels")

sys.exit(1 if failures else 0)
