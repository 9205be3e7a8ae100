"""The analysis scripts draw non-blank PNG and SVG images from real run files."""
import os
import subprocess
import sys

import matplotlib.image as mpimg

from e2e import SOURCE, check, run_small, tmpdir

d = tmpdir()
a = run_small("baseline_2015", os.path.join(d, "a.h5"))
b = run_small("more_og_romsdal", os.path.join(d, "b.h5"))
out = os.path.join(d, "plots")
for script, stem in [("plot_outcomes.py", "outcomes"), ("plot_cohorts.py", "cohorts"), ("plot_counties.py", "counties_ordinary_job")]:
    r = subprocess.run([sys.executable if sys.executable.startswith("/usr/bin") else "/usr/bin/python3",
                        os.path.join(SOURCE, "analysis", script), a, b, "-o", out], capture_output=True, text=True)
    check(r.returncode == 0, f"{script}: {r.stderr}")
    png, svg = os.path.join(out, stem + ".png"), os.path.join(out, stem + ".svg")
    check(os.path.exists(png) and os.path.exists(svg), f"{script} wrote no {stem}.png/.svg")
    img = mpimg.imread(png)
    check(img.std() > 0.02, f"{png} looks blank (pixel sd {img.std():.4f})")
    check(os.path.getsize(svg) > 5000 and "<svg" in open(svg).read(2000), f"{svg} is not a drawing")
print("ok")
