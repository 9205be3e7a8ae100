"""iasim compare prints intervals and paired differences, and refuses files that do not line up."""
import json
import os

from e2e import check, iasim, run_small, tmpdir

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
check(csv[0].startswith("metric,unit,scenario") and len(csv) > 10, "\n".join(csv))

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
