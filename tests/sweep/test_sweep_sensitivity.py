"""analysis/sensitivity.py: the estimators recover known Sobol indices of analytic functions, and the script
runs on a real merged saltelli sweep (table + non-blank PNG and SVG)."""
import os
import subprocess

import matplotlib.image as mpimg
import numpy as np
from scipy.stats import qmc

from sweep_e2e import SOURCE, check, iasim, tmpdir, write_sweep

import sys
sys.path.insert(0, os.path.join(SOURCE, "analysis"))
import sensitivity  # noqa: E402


def saltelli(f, n, d, seed=1):
    """Outputs of f in iasim's saltelli layout (A, B, AB_1..AB_d per base sample)."""
    ab = qmc.Sobol(2 * d, seed=seed).random(n)
    a, b = ab[:, :d], ab[:, d:]
    rows = []
    for j in range(n):
        rows.append(a[j])
        rows.append(b[j])
        for i in range(d):
            x = a[j].copy()
            x[i] = b[j, i]
            rows.append(x)
    return np.array([f(x) for x in rows])


# Linear y = x1 + 2 x2 (+ 0 x3), uniform inputs: S = ST = (1/5, 4/5, 0).
s1, st = sensitivity.sobol_indices(saltelli(lambda x: x[0] + 2 * x[1], 1024, 3), 3)
check(np.allclose(s1, [0.2, 0.8, 0], atol=0.03) and np.allclose(st, [0.2, 0.8, 0], atol=0.03), f"linear: {s1} {st}")
# Ishigami (a=7, b=0.1) on [-pi, pi]^3: S = (0.314, 0.442, 0), ST = (0.558, 0.442, 0.244).
ish = lambda u: (lambda x: np.sin(x[0]) + 7 * np.sin(x[1]) ** 2 + 0.1 * x[2] ** 4 * np.sin(x[0]))(np.pi * (2 * u - 1))  # noqa: E731
s1, st = sensitivity.sobol_indices(saltelli(ish, 4096, 3), 3)
check(np.allclose(s1, [0.314, 0.442, 0.0], atol=0.05), f"Ishigami S1 {s1}")
check(np.allclose(st, [0.558, 0.442, 0.244], atol=0.05), f"Ishigami ST {st}")

# A real, tiny saltelli sweep: 3 effect sizes, N = 8 -> 40 points, 1 replicate.
d = tmpdir()
sw = write_sweep(d, name="salt", horizon=1, scale=0.05, replicates=1, design="saltelli\npoints: 8",
                 extra="  employer.hire_subsidy_logit: {min: 0.5, max: 5}\n"
                       "  office.caseload_multiplier: {min: 0.5, max: 2}\n"
                       "  support.subsidy_share: {min: 0.2, max: 0.8}\n")
iasim("sweep", "run", sw, "-q")
merged = os.path.join(d, "salt.h5")
iasim("sweep", "merge", sw, "-o", merged)
out = os.path.join(d, "sens")
r = subprocess.run(["/usr/bin/python3", os.path.join(SOURCE, "analysis", "sensitivity.py"), merged, "-o", out,
                    "--bootstrap", "100"], capture_output=True, text=True)
check(r.returncode == 0, r.stderr)
check("office.caseload_multiplier" in r.stdout and "N = 8 base samples" in r.stdout, r.stdout)
for ext in ("png", "svg", "csv"):
    check(os.path.exists(os.path.join(out, "sobol_indices." + ext)), f"no sobol_indices.{ext}")
check(mpimg.imread(os.path.join(out, "sobol_indices.png")).std() > 0.02, "blank chart")
print(r.stdout)
print("ok")
