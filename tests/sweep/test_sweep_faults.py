"""Fault injection: sweeps that clusters and laptops treat roughly are resumed to completion and then merge to the
bytes of an uninterrupted sweep.
- a local sweep killed with SIGKILL at 20 random moments (seeded), resumed after each;
- an MPI task farm whose worker rank is killed with SIGKILL (mpirun then stops the job), resumed with mpirun;
- a sweep whose disk fills up mid-run (a small tmpfs that another writer fills): tasks that meet the full disk fail
  and leave nothing, the run says so and exits non-zero; once there is room, the resume finishes the rest.
Each resume must redo no finished task: its "already done" count equals the task files present before it."""
import os
import random
import re
import signal
import subprocess
import time

from sweep_e2e import IASIM, check, iasim, same_bytes, task_files, tmpdir, write_sweep

MPIEXEC = os.environ.get("MPIEXEC", "mpirun")
TASKS = 12
d = tmpdir()
# 12 tasks of ~0.3 s each: kills land before, during and between tasks.
sw = write_sweep(d, name="faults", horizon=2, scale=0.5)
clean = os.path.join(d, "clean.h5")
t0 = time.time()
iasim("sweep", "run", sw, "--out-dir", os.path.join(d, "clean"), "-q", "--threads", "1")
uninterrupted = time.time() - t0
iasim("sweep", "merge", sw, "--out-dir", os.path.join(d, "clean"), "-o", clean)
print(f"uninterrupted: {uninterrupted:.1f} s")


def partials(out):
    return sorted(f for f in os.listdir(out) if ".partial-" in f) if os.path.isdir(out) else []


def resume(cmd, out, what):
    """Runs a resume to completion and checks it skipped exactly the finished tasks."""
    before = len(task_files(out))
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                       env={**os.environ, "OMPI_MCA_rmaps_base_oversubscribe": "1"})
    check(r.returncode == 0, f"{what}: resume failed ({r.returncode}): {r.stderr}")
    m = re.search(r"(\d+) ran, (\d+) already done, (\d+) failed", r.stderr)
    check(m is not None, f"{what}: no summary line: {r.stderr}")
    ran, done, failed = map(int, m.groups())
    check(done == before and ran == TASKS - before and failed == 0,
          f"{what}: {before} finished before the resume, which says {m.group(0)}")
    check(len(task_files(out)) == TASKS and not partials(out), f"{what}: {task_files(out)} {partials(out)}")


def merged_equals_clean(out, what):
    merged = out + ".h5"
    iasim("sweep", "merge", sw, "--out-dir", out, "-o", merged)
    check(same_bytes(clean, merged), f"{what}: merge differs from the uninterrupted sweep's")


# --- 20 SIGKILLs at random moments ---------------------------------------------------------------------------------
rng = random.Random(2015)
out = os.path.join(d, "killed")
kills = 0
for kill in range(20):
    if len(task_files(out)) == TASKS:
        break
    before = task_files(out)
    proc = subprocess.Popen([IASIM, "sweep", "run", sw, "--out-dir", out, "-q", "--threads", "1"])
    time.sleep(rng.uniform(0.0, uninterrupted / 8))  # up to one and a half tasks' time
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    kills += 1
    after = task_files(out)
    check(set(before) <= set(after), f"kill {kill}: finished task files lost: {set(before) - set(after)}")
    for f in after:  # a kill never leaves a task file that does not read: finished means renamed into place
        r = iasim("info", os.path.join(out, f), check=False)
        check(r.returncode == 0, f"kill {kill}: {f} is not a finished file: {r.stderr}")
print(f"{kills} kills, {len(task_files(out))} tasks done, partial files {partials(out)}")
check(kills == 20 or len(task_files(out)) == TASKS, f"only {kills} kills")
resume([IASIM, "sweep", "run", sw, "--out-dir", out, "--threads", "1"], out, "after 20 kills")
merged_equals_clean(out, "after 20 kills")

# --- an MPI farm whose worker is killed ----------------------------------------------------------------------------
out = os.path.join(d, "mpi-killed")
mpi = [MPIEXEC, "--allow-run-as-root", "--oversubscribe", "-n", "3", IASIM, "sweep", "run", sw, "--mpi",
       "--out-dir", out]
for attempt in range(3):
    proc = subprocess.Popen(mpi, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "OMPI_MCA_rmaps_base_oversubscribe": "1"})
    deadline = time.time() + 120
    while len(task_files(out)) < 2 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.02)
    ranks = subprocess.run(["pgrep", "-P", str(proc.pid), "-f", "sweep run"], capture_output=True,
                           text=True).stdout.split()
    if proc.poll() is None and len(ranks) >= 2:
        os.kill(int(sorted(ranks, key=int)[-1]), signal.SIGKILL)  # a worker (rank 0 is started first)
    _, err = proc.communicate(timeout=120)
    if 0 < len(task_files(out)) < TASKS:
        break
    subprocess.run(["rm", "-rf", out])
print(f"MPI worker killed: exit {proc.returncode}, {len(task_files(out))} tasks done")
check(proc.returncode != 0, "mpirun reported success although a worker was killed")
check(0 < len(task_files(out)) < TASKS, f"could not kill a worker midway: {len(task_files(out))} tasks done")
resume(mpi, out, "MPI after a killed worker")
merged_equals_clean(out, "MPI after a killed worker")

# --- a disk that fills up ------------------------------------------------------------------------------------------
# Another job fills the shared disk while the sweep runs: once two tasks are done, a ballast file takes every
# free byte. The task being written then fails with "No space left on device" (or, if it had not started, is
# refused for lack of free space), as do all after it; none leaves a partial file. Freed, the resume finishes.
MIB = 1 << 20
disk = os.path.join(d, "small-disk")
os.makedirs(disk)
mount = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={96 * MIB}", "tmpfs", disk], capture_output=True,
                       text=True)
check(mount.returncode == 0, f"cannot mount a small tmpfs (the test needs root, as CI runs): {mount.stderr}")
try:
    out = os.path.join(disk, "out")
    ballast = os.path.join(disk, "ballast")
    proc = subprocess.Popen([IASIM, "sweep", "run", sw, "--out-dir", out, "-q", "--threads", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while len(task_files(out)) < 2 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.005)
    with open(ballast, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * MIB)
        except OSError:
            pass  # the disk is full
    _, err = proc.communicate(timeout=300)
    full = len(task_files(out))
    print(f"full disk: exit {proc.returncode}, {full} tasks done; stderr ends: {err.strip()[-300:]}")
    check(proc.returncode == 1, f"a sweep on a full disk: exit {proc.returncode}, expected 1 (failed tasks; not a crash)")
    check(2 <= full < TASKS, f"{full} tasks done on the full disk")
    check("No space left on device" in err or "MiB free" in err, f"the full disk is not named: {err}")
    check(not partials(out), f"partial files left on the full disk: {partials(out)}")
    for f in task_files(out):
        check(iasim("info", os.path.join(out, f), check=False).returncode == 0, f"{f} damaged by the full disk")
    os.remove(ballast)
    resume([IASIM, "sweep", "run", sw, "--out-dir", out, "--threads", "1"], out, "after a full disk")
    merged = os.path.join(d, "full-disk.h5")
    iasim("sweep", "merge", sw, "--out-dir", out, "-o", merged)
    check(same_bytes(clean, merged), "after a full disk: merge differs from the uninterrupted sweep's")
finally:
    subprocess.run(["umount", disk])
print("ok")
