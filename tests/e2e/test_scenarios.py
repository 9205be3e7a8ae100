"""Every scenario in scenarios/ validates and runs on a short horizon."""
import glob
import os

from e2e import SCENARIOS, check, iasim, tmpdir

d = tmpdir()
files = sorted(glob.glob(os.path.join(SCENARIOS, "*.yaml")))
check(len(files) >= 6, f"scenario library too small: {files}")
for f in files:
    iasim("validate", f)
    resolved = iasim("validate", "--resolved", f).stdout
    check("office:" in resolved or "office." in resolved, f"{f}: resolved scenario lacks the office section")
    out = os.path.join(d, os.path.basename(f).replace(".yaml", ".h5"))
    iasim("run", f, "-o", out, "--set", "run.population_scale=0.05", "--horizon", "0.5", "--replicates", "2", "--quiet")
    check(os.path.getsize(out) > 10000, f"{out} is suspiciously small")
print(f"ok: {len(files)} scenarios")
