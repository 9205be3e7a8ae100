"""Helpers for the sweep end-to-end tests: small sweep files around the real baseline scenario."""
import glob
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.environ["IASIM_SOURCE"], "tests", "e2e"))
from e2e import IASIM, SOURCE, check, iasim, tmpdir  # noqa: E402,F401

BASE = os.path.join(SOURCE, "scenarios", "baseline_2015.yaml")


def write_sweep(d, name="tiny", horizon=1, scale=0.05, replicates=2, design="grid", extra=""):
    """A small grid: 3 subsidy shares x 2 caseloads (6 points) unless `extra` gives other parameters."""
    params = extra or ("  support.subsidy_share: {values: [0.2, 0.5, 0.8]}\n"
                       "  office.caseload_multiplier: {min: 0.5, max: 1.5, steps: 2}\n")
    text = (f"base: {BASE}\ndesign: {design}\nreplicates: {replicates}\nseed: 11\n"
            f"set:\n  run.horizon_years: {horizon}\n  run.population_scale: {scale}\nparameters:\n{params}")
    path = os.path.join(d, name + ".yaml")
    with open(path, "w") as f:
        f.write(text)
    return path


def task_files(out_dir):
    return sorted(os.path.basename(p) for p in glob.glob(os.path.join(out_dir, "task-*.h5")))


def same_bytes(a, b):
    return subprocess.run(["cmp", a, b], capture_output=True).returncode == 0
