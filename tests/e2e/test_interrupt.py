"""SIGINT and SIGTERM stop a run cleanly: exit 130/143, no file at the target, an earlier file untouched."""
import os
import signal
import subprocess
import time

from e2e import IASIM, SCENARIOS, check, tmpdir

d = tmpdir()
target = os.path.join(d, "run.h5")
for sig, status in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
    p = subprocess.Popen([IASIM, "run", os.path.join(SCENARIOS, "baseline_2015.yaml"), "-o", target, "--replicates", "40",
                          "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Wait until the temporary file exists, i.e. the run is under way.
    for _ in range(200):
        if any(".partial" in f for f in os.listdir(d)):
            break
        time.sleep(0.05)
    p.send_signal(sig)
    p.wait(timeout=60)
    check(p.returncode == status, f"{sig.name}: exit {p.returncode}, expected {status}")
    check(os.listdir(d) == [], f"{sig.name}: left {os.listdir(d)}")
print("ok")
