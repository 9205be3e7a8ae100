"""The README's results table is what the main job prints today: the main job's three national runs (10
replicates of 10 years, the scenarios' own seeds), compared, must equal the table the README shows. When the
model changes, run scripts/main-job (it rewrites the table and docs/img/outcomes.png) and commit both."""
import os
import subprocess

from e2e import IASIM, SOURCE, check, tmpdir

d = tmpdir()
r = subprocess.run([os.path.join(SOURCE, "scripts", "main-job"), "--check"], capture_output=True, text=True,
                   env={**os.environ, "IASIM": IASIM, "OUT": d, "QUIET": "1"}, timeout=1200)
check(r.returncode == 0, f"{r.stderr.strip()}\n(exit {r.returncode})")
print(r.stdout.strip().splitlines()[-1])
