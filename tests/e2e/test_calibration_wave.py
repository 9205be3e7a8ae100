"""One small, real wave of the register calibration, and its report.

calibration/register_2015.yaml is run as it is (full population, two years, its ten parameters and nine register
and stock targets) but overridden on the command line to one wave of 8 points x 2 replicates
(analysis/history_match.py --waves 1 --points-per-wave 8 --replicates 2). Bad overrides are refused before anything
runs. Then what a user would notice must hold: diagnostics.json records the overrides and has every target of
register_2015_targets.yaml with a finite implausibility for every run, standardised errors for the held-back
points and shares ruled out in [0, 1]; plausible.csv has the ten parameters as columns with values inside their
ranges; the plots are PNGs. Resuming with another --replicates is refused before anything runs. Then
analysis/calibration_report.py writes the result into a copy of docs/calibration.md (and inserts the section into
a doc without it), with the wave's numbers, the same text twice, and --check passes after it and fails once the
section is edited."""
import csv
import json
import math
import os
import shutil
import subprocess
import sys
import time

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e import IASIM, SOURCE, check, tmpdir  # noqa: E402

HM = os.path.join(SOURCE, "analysis", "history_match.py")
REPORT = os.path.join(SOURCE, "analysis", "calibration_report.py")
CAL = os.path.join(SOURCE, "calibration", "register_2015.yaml")
SMALL = ["--waves", "1", "--points-per-wave", "8", "--replicates", "2"]
BEGIN = "<!-- BEGIN generated: calibration result -->"
END = "<!-- END generated: calibration result -->"

t_start = time.monotonic()
d = tmpdir()
work = os.path.join(d, "register_2015.hm")
params = yaml.safe_load(open(CAL, encoding="utf-8"))["parameters"]
targets = [t["name"] for t in yaml.safe_load(open(os.path.join(SOURCE, "calibration", "register_2015_targets.yaml"),
                                                  encoding="utf-8"))["targets"]]


def hm(*extra):
    return subprocess.run(["/usr/bin/python3", HM, CAL, "--work-dir", work, "--iasim", IASIM, "--quiet", *extra],
                          capture_output=True, text=True)


def report(doc, *extra):
    return subprocess.run(["/usr/bin/python3", REPORT, work, "--doc", doc, *extra], capture_output=True, text=True)


# 0. Bad overrides: named, exit 2, nothing run.
for bad, says in ((["--replicates", "1"], "--replicates: at least 2"),
                  (["--set", "employer.hire_base_logit=-2"], "--set employer.hire_base_logit: is a calibrated parameter"),
                  (["--set", "run.horizon_years"], "expected PATH=VALUE")):
    r = hm(*bad)
    check(r.returncode == 2 and says in r.stderr and not os.path.exists(work), f"{bad}: exit {r.returncode}: {r.stderr}")

# 1. The wave.
r = hm(*SMALL)
check(r.returncode == 0, f"history_match failed ({r.returncode}):\n{r.stdout}{r.stderr}")
print(r.stdout.strip(), f"({time.monotonic() - t_start:.1f} s)")
diag = json.load(open(os.path.join(work, "diagnostics.json"), encoding="utf-8"))
check(diag["overrides"] == {"waves": 1, "points_per_wave": 8, "replicates": 2},
      f"the overrides are recorded: {diag['overrides']}")
check(diag["settings"]["replicates"] == 2 and diag["settings"]["set"] == {"run.horizon_years": 2},
      f"the settings in effect are recorded: {diag['settings']}")
check([t["name"] for t in diag["targets"]] == targets, "every target of register_2015_targets.yaml is there")
check(len(diag["waves"]) == 1, "one wave ran")
w = diag["waves"][0]
check(w["points"] == 8 and w["replicates"] == 2 and len(w["runs"]) == 8, "8 points x 2 replicates")
for run in w["runs"]:
    check(set(run["implausibility"]) == set(targets) and all(math.isfinite(v) for v in run["implausibility"].values()),
          f"run {run['point']}: a finite implausibility for every target: {run['implausibility']}")
    check(all(math.isfinite(v) for v in run["mean"].values()), f"run {run['point']}: finite outputs")
v = w["validation"]
check(v["held_back"] >= 1 and set(v["targets"]) == set(targets), f"points are held back for validation: {v}")
for name, t in v["targets"].items():
    check(len(t["standardised_errors"]) == v["held_back"] and all(math.isfinite(z) for z in t["standardised_errors"]),
          f"{name}: a finite standardised error for each held-back point")
shares = [w["share_of_space_ruled_out"], *w["share_ruled_out_by_target"].values()]
check(all(0 <= s <= 1 for s in shares) and set(w["share_ruled_out_by_target"]) == set(targets),
      f"shares of the space ruled out are shares: {shares}")
with open(os.path.join(work, "plausible.csv"), encoding="utf-8") as fh:
    rows = list(csv.reader(fh))
check(rows[0][:len(params)] == list(params) and len(params) == 10, f"plausible.csv's first columns: {rows[0][:10]}")
check(len(rows) > 1, "plausible.csv has non-implausible sets")
for row in rows[1:]:
    for (name, rng), value in zip(params.items(), row):
        check(rng["min"] <= float(value) <= rng["max"], f"plausible.csv: {name} = {value} outside {rng}")
for name in ("pairs.png", "targets.png"):
    png = open(os.path.join(work, "plots", name), "rb").read()
    check(len(png) > 1000 and png[:8] == b"\x89PNG\r\n\x1a\n", f"plots/{name} is a PNG")

# 2. Resuming with other settings is refused, before anything runs.
r = hm(*SMALL[:4], "--replicates", "3")
check(r.returncode == 1 and "replicates" in r.stderr and "new --work-dir" in r.stderr,
      f"resuming with another --replicates is refused:\n{r.stderr}")

# 3. The report, into a copy of the doc.
docs = os.path.join(d, "docs")
os.makedirs(docs)
doc = os.path.join(docs, "calibration.md")
shutil.copyfile(os.path.join(SOURCE, "docs", "calibration.md"), doc)
r = report(doc, "--check")
check(r.returncode == 1, f"--check fails before the report is written:\n{r.stderr}")
r = report(doc)
check(r.returncode == 0, f"calibration_report failed:\n{r.stdout}{r.stderr}")
text = open(doc, encoding="utf-8").read()
lines = text.splitlines()
check(lines.count(BEGIN) == 1 and lines.count(END) == 1, "one generated section (a marker is a line of its own)")
section = "\n".join(lines[lines.index(BEGIN):lines.index(END)])
check(lines.index("## Result of the register calibration") < lines.index(BEGIN) and
      text.index("## History matching") < text.index("## Result of the register calibration"),
      "the section is under its heading, after History matching")
for expected in ["`calibration/register_2015.yaml`", "| 1 | 8 | 2 | 8 | the whole box | "
                 f"{100 * w['share_of_space_ruled_out']:.1f}% | {v['held_back']} |",
                 f"{100 * diag['plausible']['non_implausible_share']:.1f}% of the box is non-implausible",
                 "`--waves 1`", "(calibration/pairs.png)", "(calibration/targets.png)",
                 *[f"| `{t}` |" for t in targets], *[f"| `{p}` | [" for p in params]]:
    check(expected in section, f"the section has {expected!r}:\n{section}")
for name in ("pairs.png", "targets.png"):
    check(open(os.path.join(docs, "calibration", name), "rb").read() ==
          open(os.path.join(work, "plots", name), "rb").read(), f"{name} is copied beside the doc")
r = report(doc)
check(r.returncode == 0 and open(doc, encoding="utf-8").read() == text, "the same inputs give the same text")
r = report(doc, "--check")
check(r.returncode == 0, f"--check passes after the report:\n{r.stderr}")
with open(doc, "w", encoding="utf-8") as fh:
    fh.write(text.replace("| 1 | 8 | 2 |", "| 1 | 9 | 2 |"))
r = report(doc, "--check")
check(r.returncode == 1 and "out of date" in r.stderr, f"--check fails after the section is edited:\n{r.stderr}")

# A doc without the section: heading and markers are inserted after the History matching section.
bare = os.path.join(docs, "bare.md")
with open(bare, "w", encoding="utf-8") as fh:
    fh.write("# Calibration\n\n## History matching (x)\n\ntext\n\n## Later\n\nmore\n")
r = report(bare)
check(r.returncode == 0, f"calibration_report on a doc without markers failed:\n{r.stderr}")
b = open(bare, encoding="utf-8").read()
check(b.startswith("# Calibration\n\n## History matching (x)\n\ntext\n\n## Result of the register calibration\n\n" + BEGIN)
      and b.endswith(END + "\n\n## Later\n\nmore\n"), f"the section is inserted before the next heading:\n{b}")
check(report(bare, "--check").returncode == 0, "--check passes on the inserted section")
print(f"ok ({time.monotonic() - t_start:.1f} s)")
