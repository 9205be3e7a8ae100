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
print("ok")
