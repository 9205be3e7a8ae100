"""mpirun -n 2 (and 3) iasim sweep run --mpi: rank 0 farms tasks out; the merge equals the local TBB run's byte
for byte."""
import os
import subprocess
import time

from sweep_e2e import IASIM, check, iasim, same_bytes, task_files, tmpdir, write_sweep

MPIEXEC = os.environ.get("MPIEXEC", "mpirun")
d = tmpdir()
sw = write_sweep(d, name="mpi", horizon=1, scale=0.1)

iasim("sweep", "run", sw, "--out-dir", os.path.join(d, "local"), "-q")
iasim("sweep", "merge", sw, "--out-dir", os.path.join(d, "local"), "-o", os.path.join(d, "local.h5"))

for n in (2, 3):
    out = os.path.join(d, f"mpi{n}")
    t0 = time.time()
    r = subprocess.run([MPIEXEC, "--allow-run-as-root", "--oversubscribe", "-n", str(n), IASIM, "sweep", "run", sw,
                        "--mpi", "--out-dir", out], capture_output=True, text=True, timeout=240,
                       env={**os.environ, "OMPI_MCA_rmaps_base_oversubscribe": "1"})
    check(r.returncode == 0, f"mpirun -n {n} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    check("12 ran, 0 already done, 0 failed" in r.stderr, r.stderr)
    check(len(task_files(out)) == 12, str(task_files(out)))
    merged = os.path.join(d, f"mpi{n}.h5")
    iasim("sweep", "merge", sw, "--out-dir", out, "-o", merged)
    check(same_bytes(os.path.join(d, "local.h5"), merged), f"MPI (-n {n}) merge differs from the local merge")
    print(f"mpirun -n {n}: {time.time() - t0:.1f} s")

# One rank runs every task itself, and still owns the directory: a stale partial file from a killed run goes.
one = os.path.join(d, "mpi1")
os.makedirs(one)
stale = os.path.join(one, "task-000003.h5.partial-99999-0")
open(stale, "w").write("left by a killed run")
r = subprocess.run([MPIEXEC, "--allow-run-as-root", "-n", "1", IASIM, "sweep", "run", sw, "--mpi", "--out-dir", one, "-q"],
                   capture_output=True, text=True, timeout=240)
check(r.returncode == 0 and len(task_files(one)) == 12, f"mpirun -n 1 ({r.returncode}): {r.stderr}")
check(not os.path.exists(stale), "mpirun -n 1 left a stale partial file")

# A point that does not load is bad input on every rank: exit 2 through mpirun too.
nowhere = write_sweep(d, name="nowhere", replicates=1, extra="  counties.Atlantis.als.in_firm_share: {values: [0.5]}\n")
r = subprocess.run([MPIEXEC, "--allow-run-as-root", "--oversubscribe", "-n", "2", IASIM, "sweep", "run", nowhere, "--mpi",
                    "--out-dir", os.path.join(d, "nowhere.out")], capture_output=True, text=True, timeout=240,
                   env={**os.environ, "OMPI_MCA_rmaps_base_oversubscribe": "1"})
check(r.returncode == 2 and "does not load" in r.stderr, f"mpirun -n 2 with a bad point: exit {r.returncode}: {r.stderr}")
print("ok")
