"""Every kind of bad input a user can give iasim: exit status 2, a message naming the file or option and what
was expected, nothing on stderr from HDF5's own error printer, and no output file (or temporary file) left
behind."""
import os
import shutil
import struct

import h5py
import numpy as np

from e2e import SCENARIOS, check, iasim, tmpdir

BASELINE = os.path.join(SCENARIOS, "baseline_2015.yaml")
CORPUS = os.path.join(os.environ["IASIM_SOURCE"], "tests", "scenario", "corpus", "broken")
# Through --set, so that the --horizon and --replicates under test are given once.
TINY = ["--set", "run.population_scale=0.05", "--set", "run.horizon_years=1", "--set", "run.replicates=1", "--quiet"]

d = tmpdir()
failures = []


def refused(args, *fragments, where=None):
    """iasim ARGS must exit 2 with every fragment in stderr, and leave `where` (a directory) unchanged."""
    before = sorted(os.listdir(where)) if where else None
    r = iasim(*args, check=False)
    shown = f"iasim {' '.join(args)}\n  exit {r.returncode}\n  stderr: {r.stderr.strip()}"
    if r.returncode != 2:
        failures.append(f"expected exit 2: {shown}")
    for f in fragments:
        if f not in r.stderr:
            failures.append(f"expected {f!r} in stderr: {shown}")
    if "HDF5-DIAG" in r.stderr or "Traceback" in r.stderr:
        failures.append(f"library noise in stderr: {shown}")
    if where is not None and sorted(os.listdir(where)) != before:
        failures.append(f"left files behind in {where}: {sorted(set(os.listdir(where)) - set(before))}: {shown}")
    return r


# --- a real run file to damage ------------------------------------------------------------------------------------
good = os.path.join(d, "good.h5")
iasim("run", BASELINE, "-o", good, *TINY)
out = os.path.join(d, "out")
os.mkdir(out)
target = os.path.join(out, "x.h5")


def run(*extra, scenario=BASELINE, fragments=(), output=target):
    return refused(["run", scenario, "-o", output, *TINY, *extra], *fragments, where=out)


# --- iasim run ----------------------------------------------------------------------------------------------------
missing = os.path.join(d, "no_such.yaml")
run(scenario=missing, fragments=[missing, "cannot open the scenario file", "no such file"])
run(scenario=d, fragments=[d, "it is a directory"])
run("--set", "office.caseload_multiplier", fragments=["--set", "expected path.to.key=value"])
run("--set", "=3", fragments=["--set", "expected path.to.key=value"])
run("--set", "office.no_such_key=1", fragments=["--set", "office.no_such_key", "unknown office parameter"])
run("--set", "run.replicates=many", fragments=["--set", "run.replicates", "expected a whole number"])
run("--replicates", "-1", fragments=["--replicates", "at least 1", "-1"])
run("--replicates", "0", fragments=["--replicates", "at least 1"])
run("--replicates", "three", fragments=["--replicates", "three", "a whole number"])
run("--threads", "-2", fragments=["--threads", "0 (all cores)", "-2"])
run("--seed", "-5", fragments=["--seed", "-5"])
run("--horizon", "soon", fragments=["--horizon", "soon", "a number of years"])
run("--horizon", "0", fragments=["--horizon", "more than 0", "got '0'"])
run("--horizon", "-3", fragments=["--horizon", "more than 0"])
run("--horizon", "nan", fragments=["--horizon", "more than 0"])
run("--no-such-option", fragments=["no-such-option", "iasim run --help"])
run(output=os.path.join(d, "no_dir", "x.h5"), fragments=["no_dir", "does not exist"])
# As root, permissions do not stop a write: a file used as a directory and /proc do.
refused(["run", BASELINE, "-o", "/etc/passwd/x.h5", *TINY], "/etc/passwd", "not a directory")
refused(["run", BASELINE, "-o", "/proc/iasim-test.h5", *TINY], "/proc")
run(output=out, fragments=[out, "it is a directory"])
shutil.copy(good, target)
size = os.path.getsize(target)
run(fragments=[target, "exists", "--force"])
check(os.path.getsize(target) == size, "refusing to overwrite still changed the existing file")
os.remove(target)
refused(["run"], "scenario file", "usage: iasim run")
refused(["run", BASELINE, "extra.yaml", "-o", target], "extra.yaml")

# --- iasim compare / info -----------------------------------------------------------------------------------------
truncated = os.path.join(d, "truncated.h5")
with open(good, "rb") as src, open(truncated, "wb") as dst:
    dst.write(src.read(os.path.getsize(good) // 2))
text = os.path.join(d, "notes.txt")
with open(text, "w") as f:
    f.write("these are not the results you are looking for\n")
other = os.path.join(d, "other_layout.h5")
with h5py.File(other, "w") as f:
    f["temperature"] = [1.0, 2.0, 3.0]
    f.attrs["title"] = "some other program's output"
empty = os.path.join(d, "empty.h5")
open(empty, "w").close()
nonexistent = os.path.join(d, "nonexistent.h5")
# Damaged bytes that crash libhdf5 itself (1.10: a county label's reference into the global heap with a wild
# object index makes H5HG_read read far outside its buffer). iasim's check of the references finds it first.
wild_heap = os.path.join(d, "wild_heap_index.h5")
shutil.copy(good, wild_heap)
with h5py.File(good, "r") as f:
    labels = f["county"].id.get_offset()  # contiguous: 16-byte (length, heap address, object index) references
with open(wild_heap, "r+b") as f:
    f.seek(labels + 12)
    f.write(b"\xff\xff\x00\x00")
# The same reference pointing beyond the file, at bytes that are not a heap collection (its "GCOL" signature
# damaged), or claiming a longer string than its heap object holds: each found by iasim's own check of the
# references (sim/output/detail/heap_check.hpp) before libhdf5 follows them, never by a crash.
with open(good, "rb") as f:
    f.seek(labels)
    _, heap_address, _ = struct.unpack("<IQI", f.read(16))
heap_damage = []
for name, at, raw in [("heap_address_beyond_file", labels + 4, struct.pack("<Q", 10**12)),
                      ("heap_signature", heap_address, b"XXXX"),
                      ("heap_label_length", labels, struct.pack("<I", 5000))]:
    path = os.path.join(d, name + ".h5")
    shutil.copy(good, path)
    with open(path, "r+b") as f:
        f.seek(at)
        f.write(raw)
    heap_damage.append(path)
# A damaged byte in a county label: the text is no longer UTF-8, which iasim never writes.
bad_label = os.path.join(d, "bad_label.h5")
data = bytearray(open(good, "rb").read())
data[data.index(b"Finnmark")] = 0xFF
with open(bad_label, "wb") as f:
    f.write(data)
# Text attributes that only look like UTF-8: an overlong '/' and a UTF-16 surrogate (RFC 3629 forbids both).
not_utf8 = []
for name, raw in [("overlong", b"a\xc0\xafb"), ("surrogate", b"a\xed\xa0\x80b")]:
    path = os.path.join(d, f"title_{name}.h5")
    shutil.copy(good, path)
    with h5py.File(path, "r+") as f:
        f.attrs.modify("title", np.bytes_(raw))
    not_utf8.append(path)
# ... while valid 2-, 3- and 4-byte UTF-8 is read as it is.
fine_text = os.path.join(d, "title_fine.h5")
shutil.copy(good, fine_text)
with h5py.File(fine_text, "r+") as f:
    f.attrs.modify("title", np.bytes_("Møre — 𝄞".encode()))
r = iasim("info", fine_text, check=False)
check(r.returncode == 0 and "title: Møre — 𝄞" in r.stdout, f"valid UTF-8 title refused or changed: {r.stderr}")

# Every chunked dataset carries HDF5's Fletcher32 checksum, so one flipped byte inside a variable's data is an
# error naming the file and the variable (exit 2), never a wrong number in a table.
with h5py.File(good, "r") as f:
    unchecked = [n for n, v in f.items() if isinstance(v, h5py.Dataset) and v.chunks and not v.fletcher32]
    persons = f["persons"].id.get_chunk_info(0)
check(not unchecked, f"chunked datasets without a Fletcher32 checksum: {unchecked}")
flipped = os.path.join(d, "flipped_byte.h5")
shutil.copy(good, flipped)
with open(flipped, "r+b") as f:
    f.seek(persons.byte_offset + persons.size // 2)
    byte = f.read(1)
    f.seek(-1, os.SEEK_CUR)
    f.write(bytes([byte[0] ^ 0x10]))
refused(["compare", good, flipped], flipped, "persons", "damaged", where=d)

# compare refuses files that do not pair: other counties, other replicate counts (the seed and horizon
# refusals are in test_compare.py).
other_counties = os.path.join(d, "other_counties.h5")
shutil.copy(good, other_counties)
with h5py.File(other_counties, "r+") as f:
    names = [x.decode() if isinstance(x, bytes) else x for x in f["county"][...]]
    names[0] = "Atlantis"
    f["county"][...] = np.array(names, dtype=h5py.string_dtype())
refused(["compare", good, other_counties], "cover different counties", where=d)
two_replicates = os.path.join(d, "two_replicates.h5")
iasim("run", BASELINE, "-o", two_replicates, *TINY, "--set", "run.replicates=2")
refused(["compare", good, two_replicates], "different numbers of replicates (2 vs 1)", "--replicates", where=d)

# Files the reader's fuzzer (tests/fuzz/fuzz_reader.cpp) found to crash or corrupt libhdf5 1.10 itself, kept in
# its corpus as regression cases: each is refused with exit 2 naming the file, by iasim's checks or by the
# probe that reads a file with libhdf5 in a child process first (sim/output/detail/probe.hpp); never a crash.
FUZZ_FOUND = os.path.join(os.environ["IASIM_SOURCE"], "tests", "fuzz", "corpus", "reader")
for name in sorted(os.listdir(FUZZ_FOUND)):
    if name.startswith("damaged_"):
        path = os.path.join(FUZZ_FOUND, name)
        refused(["info", path], path, where=d)
        refused(["compare", good, path], path, where=d)

refused(["compare", good], "at least two files")
refused(["compare"], "at least two files")
for bad, what in [(truncated, "truncated"), (text, "HDF5"), (other, "iasim"), (empty, "HDF5"), (nonexistent, ""),
                  (wild_heap, "which its heap does not hold"), (bad_label, "not valid UTF-8"), (not_utf8[0], "not valid UTF-8"),
                  (not_utf8[1], "not valid UTF-8"), (heap_damage[0], "not a string heap"),
                  (heap_damage[1], "not a string heap"), (heap_damage[2], "claims 5000 bytes")]:
    refused(["compare", good, bad], bad, what, where=d)
    refused(["compare", bad, good], bad, what, where=d)
    refused(["info", bad], bad, what, where=d)
refused(["info"], "output file", "usage: iasim info")
refused(["info", d], d)
refused(["compare", good, good, "--format", "xml"], "--format", "table, csv or json")
refused(["compare", good, good, "--at", "yesterday"], "--at", "YYYY-MM-DD")

# --- iasim validate -----------------------------------------------------------------------------------------------
for name in sorted(os.listdir(CORPUS)):
    path = os.path.join(CORPUS, name)
    if name.endswith(".yaml") and "# set:" not in open(path).read():  # those are broken by their --set
        refused(["validate", os.path.join(CORPUS, name)], name)
refused(["validate", missing], missing, "cannot open")
refused(["validate", "/dev/null"], "/dev/null")
refused(["validate"], "scenario file", "usage: iasim validate")

# --- iasim sweep: the sweep corpus, read by the scenarios' strict YAML reader -----------------------------------
SWEEP_CORPUS = os.path.join(os.environ["IASIM_SOURCE"], "tests", "sweep", "corpus", "broken")
sweep_out = os.path.join(d, "sweep-out")
os.mkdir(sweep_out)
for name in sorted(os.listdir(SWEEP_CORPUS)):
    if not name.endswith(".yaml"):
        continue
    path = os.path.join(SWEEP_CORPUS, name)
    expected = [line[len("# expect: "):].rstrip("\n") for line in open(path) if line.startswith("# expect: ")]
    refused(["sweep", "plan", path], *expected)
    refused(["sweep", "run", path, "--out-dir", sweep_out], *expected, where=sweep_out)

# Command-line numbers of the sweep commands are checked as typed (Boost would read -1 as 18446744073709551615).
good_sweep = os.path.join(d, "good_sweep.yaml")
with open(good_sweep, "w") as f:
    f.write(f"base: {BASELINE}\nseed: 1\nset:\n  run.population_scale: 0.05\n  run.horizon_years: 1\n"
            "parameters:\n  support.subsidy_share: {values: [0.2, 0.4]}\n")
for args, fragments in [(["run", "--task", "-1"], ["--task", "got '-1'"]),
                        (["run", "--task", "7"], ["--task 7 is out of range", "tasks 0..1"]),
                        (["run", "--threads", "-3"], ["--threads", "got '-3'"]),
                        (["run", "--tasks-per-element", "0"], ["--tasks-per-element", "at least 1", "got '0'"]),
                        (["slurm", "--throttle", "-2"], ["--throttle", "got '-2'"]),
                        (["slurm", "--cpus-per-task", "0"], ["--cpus-per-task", "got '0'"]),
                        (["slurm", "--tasks-per-element", "many"], ["--tasks-per-element", "got 'many'"])]:
    refused(["sweep", args[0], good_sweep, *args[1:], "--out-dir", sweep_out], *fragments, where=sweep_out)
refused(["sweep", "merge", good_sweep], "missing the merged file to write")

# --- iasim calibrate: the history-matching script's own checks, through the command -------------------------------
bad_cal = os.path.join(d, "bad_calibration.yaml")
with open(bad_cal, "w") as f:
    f.write(f"base: {BASELINE}\nparameters:\n  employer.hire_base_logit: {{min: -1, max: -3}}\ntargets: []\n")
refused(["calibrate", bad_cal, "--work-dir", os.path.join(out, "cal")], bad_cal, where=out)
refused(["calibrate", os.path.join(d, "no_such_calibration.yaml")], "no_such_calibration.yaml", "cannot read", where=out)
help_text = iasim("calibrate", "--help").stdout
check("--stop-after-wave" in help_text and "History matching" in help_text, help_text)
check("calibrate" in iasim("--help").stdout, "iasim --help must list calibrate")

# --- the command itself -------------------------------------------------------------------------------------------
refused(["simulate", BASELINE], "unknown command 'simulate'", "iasim --help")
refused([], "usage: iasim <command>")

check(not failures, f"{len(failures)} bad inputs handled wrongly:\n" + "\n".join(failures))
check(os.listdir(out) == [], f"files left in {out}: {os.listdir(out)}")
print("ok")
