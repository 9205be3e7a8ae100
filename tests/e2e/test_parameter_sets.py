"""iasim run --parameter-sets: one scenario over a calibration's parameter sets, with the same random numbers in
every scenario run over the same sets, and iasim compare's intervals that include the parameters' uncertainty."""
import json
import os

import h5py
import numpy as np

from e2e import SCENARIOS, check, iasim, tmpdir

d = tmpdir()
BASE = os.path.join(SCENARIOS, "baseline_2015.yaml")
SE = os.path.join(SCENARIOS, "supported_employment.yaml")
FAST = ["--set", "run.population_scale=0.1", "--horizon", "1", "--replicates", "2", "--quiet"]

# A plausible.csv as analysis/history_match.py writes it: parameter columns, then implausibilities (skipped).
HEADER = "population.own_job_search_per_year,employer.hire_base_logit,I_exits_q1,I_measure\n"
SETS = [(0.10, -3.0), (0.14, -2.2), (0.20, -1.2)]


def write_sets(name, rows):
    path = os.path.join(d, name)
    with open(path, "w") as f:
        f.write(HEADER + "".join(f"{a!r},{b!r},1.0,1.5\n" for a, b in rows))
    return path


sets = write_sets("plausible.csv", SETS)


def run(scenario, out, sets_file, *extra):
    iasim("run", scenario, "-o", os.path.join(d, out), "--parameter-sets", sets_file, *FAST, *extra)
    return os.path.join(d, out)


a = run(BASE, "a.h5", sets)
b = run(SE, "b.h5", sets)
with h5py.File(a) as f:
    check(f["replicate"].shape == (6,), f"3 sets x 2 replicates: {f['replicate'].shape}")
    check(list(f["replicate_parameter_set"][:]) == [0, 0, 1, 1, 2, 2], str(f["replicate_parameter_set"][:]))
    check([x.decode() if isinstance(x, bytes) else x for x in f["parameter"][:]] ==
          ["population.own_job_search_per_year", "employer.hire_base_logit"], str(f["parameter"][:]))
    check(np.array_equal(f["parameter_value"][:], np.array(SETS)), str(f["parameter_value"][:]))
    check(int(f.attrs["replicates_per_parameter_set"]) == 2, str(dict(f.attrs)))
    # The sets reach the model: people's own job search and employers' hires rise with the sets' values.
    tr = [t.decode() if isinstance(t, bytes) else t for t in f["transition"][:]]
    own = [i for i, t in enumerate(tr) if t == "in_services->ordinary_job" or t.endswith("->ordinary_job")]
    total = f["transitions"][:, :, :, own].sum(axis=(1, 2, 3))
    per_set = total.reshape(3, 2).mean(axis=1)
    check(per_set[0] < per_set[1] < per_set[2], f"ordinary jobs per set should rise with the sets: {per_set}")

# Common random numbers: a set's replicates do not depend on the other sets in the file, so a scenario run over
# the same sets in any order of the others draws the same numbers for it. Change sets 0 and 2; set 1 is equal.
other = write_sets("other.csv", [(0.25, -1.0), SETS[1], (0.07, -3.5)])
c = run(BASE, "c.h5", other)
with h5py.File(a) as fa, h5py.File(c) as fc:
    check(np.array_equal(fa["persons"][2:4], fc["persons"][2:4]), "set 1 must be bit-identical when other sets change")
    check(not np.array_equal(fa["persons"][0:2], fc["persons"][0:2]), "set 0 changed, its replicates must too")
# Same output at another thread count (data variables; the history attribute holds the command line).
t1 = run(BASE, "t1.h5", sets, "--threads", "1")
with h5py.File(a) as fa, h5py.File(t1) as ft:
    for v in ("persons", "transitions", "queue_length", "cost_nok", "cohort_share"):
        check(np.array_equal(fa[v][:], ft[v][:], equal_nan=True), f"{v} differs between 2 threads and 1")

# compare: intervals over the sets, with each one's parameter share.
js = json.loads(iasim("compare", a, b, "--format", "json").stdout)
check(js["parameter_sets"] == 3, str(js.get("parameter_sets")))
in_work = next(m for m in js["metrics"] if m["name"] == "in_work")
for v in in_work["values"]:
    check(v["low95"] <= v["mean"] <= v["high95"], str(v))
    check(v["parameter_share"] is not None and 0 <= v["parameter_share"] <= 1, str(v))
# The sets differ a lot in own job search and hiring: the level of in_work is mostly parameter uncertainty, and
# its interval is wider than the same values' interval over replicates alone (what compare printed before).
lvl = in_work["values"][0]
check(lvl["parameter_share"] > 0.5, f"in_work's level should be mostly parameter uncertainty: {lvl}")
table = iasim("compare", a, b).stdout
check("over 3 parameter sets x 2 replicates" in table and "(par " in table and "include parameter uncertainty" in table, table)
csv = iasim("compare", a, b, "--format", "csv").stdout.splitlines()
check(csv[0].endswith("parameter_share,diff_parameter_share"), csv[0])

# Files that do not line up are refused: one over sets and one without, or over different sets.
plain = os.path.join(d, "plain.h5")
iasim("run", BASE, "-o", plain, *FAST[:-3], "--replicates", "6", "--quiet")
r = iasim("compare", a, plain, check=False)
check(r.returncode == 2 and "parameter sets" in r.stderr, r.stderr)
r = iasim("compare", a, c, check=False)
check(r.returncode == 2 and "different parameter sets" in r.stderr, r.stderr)

# Bad input: the CSV's line and column, exit 2, no output file.
bad = os.path.join(d, "bad.csv")
with open(bad, "w") as f:
    f.write(HEADER + "0.1,-2,1,1\n0.1,oops,1,1\n")
out = os.path.join(d, "bad.h5")
r = iasim("run", BASE, "-o", out, "--parameter-sets", bad, *FAST, check=False)
check(r.returncode == 2 and f"{bad}:3:5: error:" in r.stderr and "not a number" in r.stderr, r.stderr)
check(not os.path.exists(out), "no output file after bad input")
with open(bad, "w") as f:
    f.write("population.own_job_search_per_yer\n0.1\n")
r = iasim("run", BASE, "-o", out, "--parameter-sets", bad, *FAST, check=False)
check(r.returncode == 2 and f"{bad}:1:1: error:" in r.stderr and "not a numeric scenario parameter" in r.stderr, r.stderr)
r = iasim("run", BASE, "-o", out, "--first-sets", "2", *FAST, check=False)
check(r.returncode == 2 and "--first-sets needs --parameter-sets" in r.stderr, r.stderr)
# --first-sets keeps the file's first rows.
two = run(BASE, "two.h5", sets, "--first-sets", "2")
with h5py.File(two) as f, h5py.File(a) as fa:
    check(f["parameter_set"].shape == (2,), str(f["parameter_set"].shape))
    check(np.array_equal(f["persons"][:], fa["persons"][:4]), "the first two sets as in the full run")
print("ok: parameter sets")
