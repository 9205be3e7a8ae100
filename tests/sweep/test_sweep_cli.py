"""iasim sweep plan/run/merge/slurm on a tiny grid: the plan, the merged layout (xarray), single tasks, Slurm
array elements with packing, and merge refusing (exit 2) when a task file is missing or damaged."""
import os
import re

import numpy as np
import xarray as xr

from sweep_e2e import check, iasim, same_bytes, task_files, tmpdir, write_sweep

d = tmpdir()
sw = write_sweep(d)

# plan: counts and the table of points
r = iasim("sweep", "plan", sw)
check("6 points x 2 replicates = 12 tasks (task = point * 2 + replicate)" in r.stdout, r.stdout)
rows = [l.split() for l in r.stdout.splitlines() if re.match(r"\s+\d+\s", l)]
check(len(rows) == 6 and rows[3] == ["3", "0.5", "1.5"], f"plan table: {rows}")

# bad input: exit 2 with a file:line:col message
bad = os.path.join(d, "bad.yaml")
with open(bad, "w") as f:
    f.write(open(sw).read().replace("support.subsidy_share", "support.subsidy_shar"))
r = iasim("sweep", "plan", bad, check=False)
check(r.returncode == 2 and "bad.yaml:9:3: error" in r.stderr and "unknown parameter" in r.stderr, r.stderr)
r = iasim("sweep", "run", sw, "--task", "12", check=False)
check(r.returncode == 2 and "out of range" in r.stderr, r.stderr)
# a point that does not load (a county that does not exist) is bad input for `run` too, not a failed run
nowhere = write_sweep(d, name="nowhere", replicates=1, extra="  counties.Atlantis.als.in_firm_share: {values: [0.5]}\n")
r = iasim("sweep", "run", nowhere, "--out-dir", os.path.join(d, "nowhere.out"), "-q", check=False)
check(r.returncode == 2 and "does not load" in r.stderr and "Atlantis" in r.stderr, f"exit {r.returncode}: {r.stderr}")

# design points: a bad CSV is bad input (exit 2, the CSV's line and column) and nothing is written; a good one runs,
# merges with the CSV's exact values, resumes without redoing tasks and reruns only a row that changed
pts_params = ("  support.subsidy_share: {min: 0.2, max: 0.8}\n  office.caseload_multiplier: {min: 0.5, max: 1.5}\n")
pts = write_sweep(d, name="pts", replicates=2, design="points", extra=pts_params)
with open(pts, "a") as f:
    f.write("points_file: pts.csv\n")
csv_path, pts_out = os.path.join(d, "pts.csv"), os.path.join(d, "pts.out")
with open(csv_path, "w") as f:
    f.write("office.caseload_multiplier,support.subsidy_share\n1.5,0.25\n0.75,0.9\n")
for cmd in (["run", pts, "--out-dir", pts_out, "-q"], ["merge", pts, "--out-dir", pts_out, "-o", os.path.join(d, "pts.h5")]):
    r = iasim("sweep", *cmd, check=False)
    check(r.returncode == 2 and "pts.csv:3:6: error: column 2 (support.subsidy_share): 0.90000000000000002 is outside"
          in r.stderr, f"sweep {cmd[0]} on a bad CSV: exit {r.returncode}: {r.stderr}")
check(not os.path.exists(pts_out) and not os.path.exists(os.path.join(d, "pts.h5")), "a bad CSV writes nothing")
with open(csv_path, "w") as f:
    f.write("office.caseload_multiplier,support.subsidy_share\n1.5,0.25\n0.75,0.3141592653589793\n")
r = iasim("sweep", "run", pts, "--out-dir", pts_out)
check("4 tasks: 4 ran, 0 already done" in r.stderr, r.stderr)
r = iasim("sweep", "run", pts, "--out-dir", pts_out)
check("4 tasks: 0 ran, 4 already done" in r.stderr, f"a finished points sweep is not redone: {r.stderr}")
with open(csv_path, "w") as f:
    f.write("office.caseload_multiplier,support.subsidy_share\n1.5,0.25\n0.75,0.5\n")
r = iasim("sweep", "run", pts, "--out-dir", pts_out)
check("4 tasks: 2 ran, 2 already done" in r.stderr, f"only the changed row's tasks rerun: {r.stderr}")
iasim("sweep", "merge", pts, "--out-dir", pts_out, "-o", os.path.join(d, "pts.h5"))
m = xr.open_dataset(os.path.join(d, "pts.h5"), engine="h5netcdf")
check(list(m.param_support_subsidy_share.values) == [0.25, 0.5] and
      list(m.param_office_caseload_multiplier.values) == [1.5, 0.75] and m.attrs["design"] == "points" and
      m.attrs["points_csv"].endswith("0.75,0.5\n"), f"merged points: {m.param_support_subsidy_share.values}")
m.close()

# one task
iasim("sweep", "run", sw, "--task", "3", "--out-dir", os.path.join(d, "one"), "-q")
check(task_files(os.path.join(d, "one")) == ["task-000003.h5"], str(task_files(os.path.join(d, "one"))))
one = xr.open_dataset(os.path.join(d, "one", "task-000003.h5"), engine="h5netcdf")
check(list(one.replicate.values) == [1] and one.attrs["seed"] == 11, "task 3 = point 1, replicate 1, seed 11")

# the whole sweep on local cores, then merge
out = os.path.join(d, "tiny.out")  # the default out dir
iasim("sweep", "run", sw, "-q")
check(len(task_files(out)) == 12, str(task_files(out)))
merged = os.path.join(d, "merged.h5")
iasim("sweep", "merge", sw, "-o", merged)
ds = xr.open_dataset(merged, engine="h5netcdf")
check(ds.sizes["point"] == 6 and ds.sizes["replicate"] == 2, str(ds.sizes))
check(ds["persons"].dims[:3] == ("point", "replicate", "time"), str(ds["persons"].dims))
p = ds["param_support_subsidy_share"]
check(p.attrs["scenario_path"] == "support.subsidy_share" and "param_support_subsidy_share" in ds.coords, str(p))
check(list(p.values) == [0.2, 0.2, 0.5, 0.5, 0.8, 0.8], str(p.values))
check(list(ds["param_office_caseload_multiplier"].values) == [0.5, 1.5] * 3, "caseload coordinate")
check("history" not in ds.attrs and "wall_seconds" not in ds.attrs, "merged file carries wall-clock attributes")
# The task's values are the merged file's values at (point 1, replicate 1).
check(np.array_equal(one["persons"].values[0], ds["persons"].values[1, 1], equal_nan=True), "task 3 != merged[1, 1]")
# Common random numbers: replicate r of point 0 and point 1 are built from the same draws (the people of
# 1 January 2015 differ: they come out of a year's spin-up under each point's organisation).
check(np.array_equal(ds["employers_with_contact_share"].values[0, 0, 0], ds["employers_with_contact_share"].values[1, 0, 0]),
      "employers differ across points")
check(not np.array_equal(ds["persons"].values[0, 0], ds["persons"].values[0, 1]), "replicates identical")

# Slurm array elements with packing, simulated by the environment variable: element 1 of 3-task elements = 3, 4, 5.
sl = os.path.join(d, "slurm.out")
script = iasim("sweep", "slurm", sw, "--throttle", "2", "--tasks-per-element", "3", "--out-dir", sl).stdout.strip()
text = open(script).read()
check("#SBATCH --array=0-3%2" in text and "--tasks-per-element 3" in text and text.startswith("#!/bin/bash"), text)
r = iasim("sweep", "run", sw, "--out-dir", sl, "--tasks-per-element", "3", "-q", env={**os.environ, "SLURM_ARRAY_TASK_ID": "1"})
check(task_files(sl) == ["task-000003.h5", "task-000004.h5", "task-000005.h5"], str(task_files(sl)))
r = iasim("sweep", "run", sw, "--out-dir", sl, "--tasks-per-element", "3", check=False, env={**os.environ, "SLURM_ARRAY_TASK_ID": "4"})
check(r.returncode == 2 and "not an element" in r.stderr, r.stderr)

# merge refuses around missing and damaged tasks, naming each, and writes nothing
os.remove(os.path.join(out, "task-000005.h5"))
import h5py  # noqa: E402
with h5py.File(os.path.join(out, "task-000010.h5"), "r+") as f:
    del f.attrs["events"]  # as if the run had died before committing it
with open(os.path.join(out, "task-000008.h5"), "r+b") as f:
    f.truncate(2000)
bad_merge = os.path.join(d, "bad_merge.h5")
r = iasim("sweep", "merge", sw, "-o", bad_merge, check=False)
check(r.returncode == 2, f"merge exit {r.returncode}")
check("task-000005.h5 (point 2, replicate 1): missing" in r.stderr, r.stderr)
check("task-000008.h5 (point 4, replicate 0): damaged" in r.stderr, r.stderr)
check("task-000010.h5 (point 5, replicate 0): lacks the 'events' attribute" in r.stderr, r.stderr)
check(not os.path.exists(bad_merge) and not any(".partial-" in f for f in os.listdir(d)), "merge left a file behind")
# rerunning redoes exactly those two; the merge then equals the first one
r = iasim("sweep", "run", sw)
check("3 ran, 9 already done" in r.stderr, r.stderr)
iasim("sweep", "merge", sw, "-o", bad_merge)
check(same_bytes(merged, bad_merge), "merge after redoing three tasks differs")
print("ok")
