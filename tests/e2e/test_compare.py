"""iasim compare prints intervals and paired differences, and refuses files that do not line up."""
import csv as csvlib
import io
import json
import math
import os
import subprocess
import sys

import numpy as np

from e2e import IASIM, SOURCE, check, iasim, run_renamed, run_small, tmpdir

d = tmpdir()
a = run_small("baseline_2015", os.path.join(d, "a.h5"))
b = run_small("vageng_merger", os.path.join(d, "b.h5"))
same = run_small("baseline_2015", os.path.join(d, "same.h5"))

table = iasim("compare", a, b).stdout
check("baseline_2015" in table and "vageng_merger" in table and "in_services" in table, table)
check("95% interval" in table, table)

# A scenario compared with itself: every difference is exactly zero and marked not significant.
js = json.loads(iasim("compare", a, same, "--format", "json").stdout)
for m in js["metrics"]:
    diff = m["values"][1]["diff"]
    check(diff["mean"] in (0, None) and not diff["significant"], f"self-difference in {m['name']}: {diff}")

# The merger takes hours from ALS contact work: employer trust must not be equal to the baseline's.
js = json.loads(iasim("compare", a, b, "--metric", "employer_trust", "--format", "json").stdout)
check(js["metrics"][0]["values"][1]["diff"]["mean"] != 0, "merger changed nothing in employer trust")

csv = iasim("compare", a, b, "--format", "csv", "--at", "2016-06-30").stdout.splitlines()
check(csv[0].startswith("metric,unit,group,scenario") and len(csv) > 10, "\n".join(csv))

# Machine formats are lossless. A scenario name with quotes, commas, a newline and Norwegian letters comes back
# as it was from both JSON (nlohmann-json, every control character escaped) and CSV (RFC 4180 quoting), and
# both carry the same numbers at full precision (not the table's 1-3 decimals).
odd_name = 'Møre, "sa hun"\nog Årdal'
odd = run_renamed("vageng_merger", odd_name, os.path.join(d, "odd, \"name\".h5"))
js = json.loads(iasim("compare", a, odd, "--format", "json").stdout)
check(js["files"][1] == {"file": odd, "scenario": odd_name}, f"JSON lost the name or path: {js['files']}")
raw = subprocess.run([IASIM, "compare", a, odd, "--format", "csv"], capture_output=True, check=True).stdout
text = raw.decode("utf-8")  # bytes as written: text mode would turn the CRLF line ends into LF
# Two cost-effectiveness rows (gross and net cost per extra person in work) follow the metrics' rows.
check(text.endswith("\r\n") and text.count("\n") - text.count("\r\n") == len(js["metrics"]) + 2,
      "CSV records end with CRLF (RFC 4180); the only bare LF is the one in the name, once per metric row")
all_rows = list(csvlib.DictReader(io.StringIO(text, newline="")))
rows = [r for r in all_rows if r["metric"] not in ("cost_per_extra_person_in_work", "net_cost_per_extra_person_in_work")]
check(len(rows) == 2 * len(js["metrics"]) and len(all_rows) == len(rows) + 2,
      f"{len(rows)} CSV rows for {len(js['metrics'])} metrics")
ce = js["cost_effectiveness"][1]
for row, key in zip(all_rows[len(rows):], ("cost_per_extra_person_nok", "net_cost_per_extra_person_nok")):
    check(row["scenario"] == odd_name and float(row["diff_mean"]) == ce[key]["estimate"],
          f"CSV and JSON cost per extra person differ: {row} {ce[key]}")
check(rows[1]["scenario"] == odd_name and rows[1]["file"] == odd, f"CSV lost the name or path: {rows[1]}")
digits = 0
for m, (first, second) in zip(js["metrics"], zip(rows[0::2], rows[1::2])):
    check(first["metric"] == m["name"] == second["metric"], f"CSV and JSON rows differ: {first} {m['name']}")
    for key in ("mean", "low95", "high95"):
        for row, value in ((first, m["values"][0][key]), (second, m["values"][1][key])):
            check((row[key] == "" and value is None) or float(row[key]) == value,
                  f"{m['name']} {key}: CSV {row[key]} vs JSON {value}")
            if value is not None and value != round(value):
                digits = max(digits, len(repr(value).replace("-", "").replace(".", "").strip("0")))
    check(float(second["diff_mean"] or "nan") == m["values"][1]["diff"]["mean"] or m["values"][1]["diff"]["mean"] is None,
          f"{m['name']}: CSV and JSON differences differ")
check(digits >= 12, f"machine formats round numbers: at most {digits} significant digits")

# One metric table: the file carries the definitions compare evaluates (its `metrics` attribute), and the
# analysis scripts' metric() gives the same numbers from them, at the end and at an earlier date.
sys.path.insert(0, os.path.join(SOURCE, "analysis"))
import iasim_files  # noqa: E402

ds_a = iasim_files.open_run(a)
table = iasim_files.metric_table(ds_a)
for at in (None, "2016-03-31"):
    js = json.loads(iasim("compare", a, b, "--format", "json", *(["--at", at] if at else [])).stdout)
    check([m["name"] for m in js["metrics"]] == [m["name"] for m in table],
          f"compare's metrics {[m['name'] for m in js['metrics']]} are not the file's table {[m['name'] for m in table]}")
    days = iasim_files.days_since_start(ds_a)
    k = int(np.argmin(np.abs(days - (np.datetime64(js["at"]) - np.datetime64("2015-01-01")) / np.timedelta64(1, "D"))))
    for m in js["metrics"]:
        mine = float(iasim_files.metric(ds_a, m["name"]).isel(time=k).mean("replicate"))
        theirs = m["values"][0]["mean"]
        check(math.isclose(mine, theirs, rel_tol=1e-9, abs_tol=1e-9),
              f"{m['name']} at {js['at']}: analysis/iasim_files.py says {mine}, iasim compare {theirs}")

# Refusals, each with exit status 2 and a reason.
other_seed = run_small("baseline_2015", os.path.join(d, "seed.h5"), "--seed", "7")
r = iasim("compare", a, other_seed, check=False)
check(r.returncode == 2 and "seed" in r.stderr, f"different seeds: {r.returncode} {r.stderr}")
shorter = os.path.join(d, "short.h5")
iasim("run", os.path.join(os.environ["IASIM_SOURCE"], "scenarios", "baseline_2015.yaml"), "-o", shorter, "--set",
      "run.population_scale=0.1", "--horizon", "1", "--replicates", "3", "--quiet")
r = iasim("compare", a, shorter, check=False)
check(r.returncode == 2 and "output times" in r.stderr, f"different horizons: {r.returncode} {r.stderr}")
junk = os.path.join(d, "junk.h5")
open(junk, "w").write("not hdf5")
r = iasim("compare", a, junk, check=False)
check(r.returncode == 2 and "junk.h5" in r.stderr, f"junk file: {r.returncode} {r.stderr}")
r = iasim("compare", a, b, "--metric", "happiness", check=False)
check(r.returncode == 2 and "unknown metric" in r.stderr, r.stderr)
r = iasim("compare", a, b, "--at", "2031-01-01", check=False)
check(r.returncode == 2 and "outside" in r.stderr, r.stderr)
print("ok")
