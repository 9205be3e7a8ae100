#!/usr/bin/python3
"""SIGINT/SIGTERM, and crashes, during a write leave no partial file and an earlier target untouched. A crash
while reading an input file names the file and says it is a last-resort report, then dies by its signal like
any other crash: never exit 2 (bad input), which only the reader's own damage checks give.

usage: test_interrupt.py INTERRUPT_VICTIM
"""
import os
import resource
import signal
import subprocess
import sys
import tempfile

victim = sys.argv[1]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def no_core_dump():
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # the "crash" case must not leave a core file around


def run(mode, expected_status, signal_from_outside=None):
    with tempfile.TemporaryDirectory(prefix="iasim-interrupt-") as d:
        target = os.path.join(d, "run.nc")
        with open(target, "w") as f:
            f.write("earlier results\n")
        if signal_from_outside is None:
            proc = subprocess.run([victim, target, mode], capture_output=True, text=True, timeout=60,
                                  preexec_fn=no_core_dump)
            status, temp = proc.returncode, proc.stdout.strip()
            if mode == "crash-reading":
                check("while reading 'damaged.h5'" in proc.stderr and "last-resort report" in proc.stderr
                      and "'damaged.h5' is damaged" not in proc.stderr,
                      f"{mode}: names the file, says it is a last resort, claims no damage: {proc.stderr!r}")
        else:
            proc = subprocess.Popen([victim, target, mode], stdout=subprocess.PIPE, text=True)
            temp = proc.stdout.readline().strip()  # the file is being written once this arrives
            check(os.path.exists(temp), f"{mode}: temporary file {temp} exists while writing")
            proc.send_signal(signal_from_outside)
            status = proc.wait(timeout=60)
        what = f"{mode}{'' if signal_from_outside is None else ' + kill ' + signal.Signals(signal_from_outside).name}"
        check(status == expected_status, f"{what}: exit status {status}, expected {expected_status}")
        check(temp != "" and ".partial-" in temp, f"{what}: victim printed its temporary path ({temp!r})")
        check(not os.path.exists(temp), f"{what}: temporary file {temp} was removed")
        check(sorted(os.listdir(d)) == ["run.nc"], f"{what}: only the earlier target remains: {os.listdir(d)}")
        with open(target) as f:
            check(f.read() == "earlier results\n", f"{what}: earlier target untouched")
        print(f"ok: {what} -> exit {status}")


run("raise-term", 143)
run("raise-int", 130)
run("wait", 143, signal.SIGTERM)
run("wait", 130, signal.SIGINT)
run("crash-reading", -signal.SIGSEGV)
run("crash", -signal.SIGSEGV)
sys.exit(1 if failures else 0)
