#!/usr/bin/python3
"""SIGINT/SIGTERM during a write leave no partial file and an earlier target untouched.

usage: test_interrupt.py INTERRUPT_VICTIM
"""
import os
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


def run(mode, expected_status, signal_from_outside=None):
    with tempfile.TemporaryDirectory(prefix="iasim-interrupt-") as d:
        target = os.path.join(d, "run.nc")
        with open(target, "w") as f:
            f.write("earlier results\n")
        if signal_from_outside is None:
            proc = subprocess.run([victim, target, mode], capture_output=True, text=True, timeout=60)
            status, temp = proc.returncode, proc.stdout.strip()
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
sys.exit(1 if failures else 0)
