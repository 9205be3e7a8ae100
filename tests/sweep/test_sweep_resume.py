"""Kill-and-resume: a sweep killed with SIGKILL midway and restarted skips finished tasks, removes stale partial
files, redoes the rest, and merges to exactly the bytes of an uninterrupted sweep."""
import os
import signal
import subprocess
import time

from sweep_e2e import IASIM, check, iasim, same_bytes, task_files, tmpdir, write_sweep

d = tmpdir()
# 12 tasks of ~0.4 s each (full population, 3 years): long enough to kill in the middle.
sw = write_sweep(d, name="resume", horizon=3, scale=1.0)

t0 = time.time()
iasim("sweep", "run", sw, "--out-dir", os.path.join(d, "clean"), "-q", "--threads", "2")
iasim("sweep", "merge", sw, "--out-dir", os.path.join(d, "clean"), "-o", os.path.join(d, "clean.h5"))
print(f"uninterrupted: {time.time() - t0:.1f} s")

out = os.path.join(d, "killed")
for attempt in range(3):  # a loaded machine may be slow to start; kill once some but not all tasks are done
    proc = subprocess.Popen([IASIM, "sweep", "run", sw, "--out-dir", out, "-q", "--threads", "1"])
    deadline = time.time() + 120
    while len(task_files(out)) < 3 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = task_files(out)
    if 0 < len(done) < 12:
        break
    subprocess.run(["rm", "-rf", out])
check(0 < len(done) < 12, f"could not kill midway: {len(done)} tasks done")
partials = [f for f in os.listdir(out) if ".partial-" in f]
print(f"killed with {len(done)} tasks done, partial files {partials}")
# A stale partial file of an unfinished task, as a kill during HDF5 writing leaves one (if this kill did not).
stale = os.path.join(out, "task-000011.h5.partial-999999-0")
open(stale, "w").write("garbage")

r = iasim("sweep", "run", sw, "--out-dir", out, "--threads", "2")
check(f"{12 - len(done)} ran, {len(done)} already done, 0 failed" in r.stderr, r.stderr)
check(not any(".partial-" in f for f in os.listdir(out)), f"partial files left: {os.listdir(out)}")
iasim("sweep", "merge", sw, "--out-dir", out, "-o", os.path.join(d, "resumed.h5"))
check(same_bytes(os.path.join(d, "clean.h5"), os.path.join(d, "resumed.h5")), "resumed merge differs from uninterrupted")
r = iasim("sweep", "run", sw, "--out-dir", out)
check("0 ran, 12 already done" in r.stderr, r.stderr)
print("ok")
