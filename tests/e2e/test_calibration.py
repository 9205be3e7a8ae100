"""The national baseline meets its calibration targets (analysis/calibration.py --check): the stock of young
people with reduced work capacity in June 2015, programme places, employers, IA coverage, initial trust."""
import os
import subprocess

from e2e import SOURCE, check, iasim, tmpdir

d = tmpdir()
out = os.path.join(d, "baseline.h5")
iasim("run", os.path.join(SOURCE, "scenarios", "baseline_2015.yaml"), "-o", out, "--horizon", "2", "--replicates", "3",
      "--quiet")
r = subprocess.run(["/usr/bin/python3", os.path.join(SOURCE, "analysis", "calibration.py"), out, "--check"],
                   capture_output=True, text=True)
print(r.stdout)
check(r.returncode == 0, "calibration targets missed:\n" + r.stdout + r.stderr)

# docs/calibration.md's result section is what the committed register calibration (calibration/register_2015.hm:
# diagnostics.json, plausible.csv) gives, and its plots are there.
r = subprocess.run(["/usr/bin/python3", os.path.join(SOURCE, "analysis", "calibration_report.py"),
                    os.path.join(SOURCE, "calibration", "register_2015.hm"), "--doc",
                    os.path.join(SOURCE, "docs", "calibration.md"), "--check"], capture_output=True, text=True)
check(r.returncode == 0, "docs/calibration.md is not generated from calibration/register_2015.hm:\n" + r.stderr)
print("ok")
