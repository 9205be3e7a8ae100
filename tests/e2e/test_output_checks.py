"""An output path that cannot be written fails before simulating: within the first second of a full-size run
(the whole baseline, every replicate), with exit status 2, and leaves nothing behind. The full disk is a real one
when this test may mount a 1 MiB tmpfs (root with CAP_SYS_ADMIN); otherwise that case is skipped and the writer's
min_free_bytes check is covered by tests/output/test_netcdf_file.cpp ("refuses ... free space")."""
import os
import subprocess
import time

from e2e import SCENARIOS, check, iasim, tmpdir

BASELINE = os.path.join(SCENARIOS, "baseline_2015.yaml")  # full size: minutes of simulation if it ever started
d = tmpdir()


def fails_fast(output, *fragments):
    t0 = time.monotonic()
    r = iasim("run", BASELINE, "-o", output, "--quiet", check=False)
    secs = time.monotonic() - t0
    check(r.returncode == 2, f"-o {output}: exit {r.returncode}, expected 2\n{r.stderr}")
    for f in fragments:
        check(f in r.stderr, f"-o {output}: expected {f!r} in: {r.stderr}")
    check(secs < 1.0, f"-o {output}: took {secs:.2f} s to refuse; the output check must come before simulating")
    print(f"-o {output}: refused in {secs:.3f} s: {r.stderr.strip()}")


fails_fast(os.path.join(d, "missing", "run.h5"), "does not exist")
fails_fast("/etc/passwd/run.h5", "'/etc/passwd' is not a directory")
fails_fast(d, "is a directory")
check(os.listdir(d) == [], f"left behind: {os.listdir(d)}")

full = os.path.join(d, "full")
os.mkdir(full)
mounted = os.geteuid() == 0 and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", full],
                                               capture_output=True).returncode == 0
if mounted:
    try:
        fails_fast(os.path.join(full, "run.h5"), "only 1 MiB free", "free some space or write elsewhere")
        check(os.listdir(full) == [], f"left behind on the full disk: {os.listdir(full)}")
    finally:
        subprocess.run(["umount", full], check=True)
else:
    print("skipped the full-disk case: cannot mount a tmpfs here (see the docstring)")
print("ok")
