"""Outcomes by subgroup, office and broker, cohort durations, costs, and compare --by and the cost per extra person
in work: each breakdown adds up to the national figure it splits, the durations behave as survival curves do,
unit costs price quantities without changing any decision, and compare's groups and ratios agree with its totals."""
import json
import math
import os

import numpy as np
import xarray as xr

from e2e import check, iasim, run_small, tmpdir

d = tmpdir()
a = run_small("baseline_2015", os.path.join(d, "a.h5"))
se = run_small("supported_employment", os.path.join(d, "se.h5"))
ds = xr.open_dataset(a, engine="h5netcdf")

# Every variable and dimension an analyst reads by name, with units.
for v in ("persons_by_subgroup", "transitions_by_subgroup", "office_persons", "office_transitions", "office_engaged",
          "office_size_class", "trials_by_broker", "hires_by_broker", "cost_nok", "cohort_survival",
          "cohort_aap_months_used", "job_retention", "job_retention_jobs"):
    check(v in ds and "units" in ds[v].attrs and "long_name" in ds[v].attrs, f"{v} missing or without units")
check(list(ds.broker.values) == ["office", "market_team", "als", "coach", "matchmeeting", "job_specialist", "own_search"],
      f"brokers: {list(ds.broker.values)}")
check(ds.sizes["office"] == 457 and {"office_size_class", "office_engaged"} <= set(ds["office_persons"].coords),
      "457 offices, with their size class and engagement as coordinates of the office variables")
engaged = ds.office_persons.sel(state="follow_up").groupby(ds.office_engaged.isel(replicate=0, time=-1)).sum(...)
check(engaged.sizes["office_engaged"] == 2, f"office results grouped by engagement: {engaged}")

persons = ds.persons.sum("county")
# Subgroups come in pairs; each pair holds everyone.
for g0, g1 in [("entry_age_under_25", "entry_age_25_29"), ("mental_health", "other_diagnosis"), ("on_aap", "not_on_aap"),
               ("upper_secondary", "no_upper_secondary")]:
    pair = ds.persons_by_subgroup.sel(subgroup=[g0, g1]).sum("subgroup")
    check(np.array_equal(pair.values, persons.values), f"{g0} + {g1} is not everyone")
    tpair = ds.transitions_by_subgroup.sel(subgroup=[g0, g1]).sum("subgroup")
    key = ds.transitions.sel(transition=list(ds.key_transition.values)).sum("county")
    check(np.array_equal(tpair.values, key.values), f"{g0} + {g1} moves are not all key moves")
# Offices hold everyone, and their flows are the county flows they split.
check(np.array_equal(ds.office_persons.sum("office").values.astype(float), persons.values), "offices do not hold everyone")
flows = ds.transitions.sel(transition=list(ds.key_transition.values)).sum("county")
check(np.array_equal(ds.office_transitions.sum("office").values.astype(float), flows.values),
      "office flows do not add up to the national flows")
sizes = ds.office_size_class.values
check(sizes.min() >= 0 and sizes.max() <= 4 and len(np.unique(sizes)) >= 4, f"office size classes {np.unique(sizes)}")
# The key transitions hold every transition a key metric counts, so compare --by can split those metrics.
for m in json.loads(ds.attrs["metrics"]):
    if m["kind"] == "cumulative_transitions":
        check(set(m["labels"]) <= set(ds.key_transition.values), f"{m['name']} counts a transition that is not key")
# Every job start has a broker; trials likewise.
hire_labels = json.loads(ds.attrs["metrics"])
hires = next(m for m in hire_labels if m["name"] == "hires")["labels"]
check(np.array_equal(ds.hires_by_broker.sum("broker").values, ds.transitions.sel(transition=hires).sum("transition").values),
      "hires by broker do not add up to the hires")
check(np.array_equal(ds.trials_by_broker.sum("broker").values, ds.transitions.sel(transition="follow_up->work_trial").values),
      "trials by broker do not add up to the trials started")
by_broker = ds.hires_by_broker.sum(["replicate", "time", "county"]).to_series()
check(by_broker["own_search"] > 0 and by_broker["office"] > 0 and by_broker["coach"] > 0 and by_broker["job_specialist"] == 0,
      f"baseline hires by broker: {by_broker.to_dict()}")
se_ds = xr.open_dataset(se, engine="h5netcdf")
check(float(se_ds.hires_by_broker.sel(broker="job_specialist").sum()) > 0, "Supported Employment: no job specialist hires")

# Durations: survival curves start near 1 and never rise; AAP months used never exceed the months since entry.
surv = ds.cohort_survival.isel(cohort=0)
check(float(surv.isel(months_since_entry=0).min()) > 0.9, "most of a cohort has had nothing in its first month")
steps = surv.diff("months_since_entry")
check(float(steps.max(skipna=True)) <= 1e-12, "a survival curve rises")
check(float(surv.sel(milestone="first_work_trial").isel(months_since_entry=11).mean()) < 0.95, "no trials in eleven months")
aap = ds.cohort_aap_months_used.isel(cohort=0)
months = ds.months_since_entry
check(bool(((aap <= months + 1e-9) | aap.isnull()).all()) and float(aap.isel(months_since_entry=11).mean()) > 1,
      "AAP months used")
ret = ds.job_retention.isel(job_start_year=0)
dret = ret.diff("retention_months")
check(bool(((dret <= 1e-12) | dret.isnull()).all()), "retention rises with duration")
check(0.3 < float(ret.sel(retention_months=6).mean()) < 1.0, f"6-month retention {ret.values}")
# A two-year run knows nothing of 24-month retention for jobs started in its second year.
check(bool(ds.job_retention.isel(job_start_year=1).sel(retention_months=24).isnull().all()), "censoring ignored")

# Costs: staff = hours paid x the hourly cost; AAP, subsidies and measures are positive.
cost = ds.cost_nok
check(np.allclose(cost.sel(cost_item="staff_veileder").values, ds.hours_paid.sel(actor="veileder").values * 600.0),
      "veileder cost is not hours x NOK 600")
check(np.array_equal(cost.sel(cost_item="wage_subsidies").values, ds.subsidy_cost_nok.values), "subsidy cost")
for item in ("aap_benefits", "wage_subsidies", "purchased_measures", "staff_ia_adviser"):
    check(float(cost.sel(cost_item=item).sum()) > 0, f"no {item} cost")
check(float(se_ds.cost_nok.sel(cost_item="staff_job_specialist").sum()) > 0, "job specialists cost nothing")

# Staff costs count hours moved from ALS into offices once: under the merger the offices have more veileder and
# market hours available than they employ, and the advisers' hours are paid as before.
merger = xr.open_dataset(run_small("vageng_merger", os.path.join(d, "merger.h5")), engine="h5netcdf")
for actor in ("veileder", "market_coordinator"):
    extra = float((merger.hours_available - merger.hours_paid).sel(actor=actor).sum())
    check(extra > 0, f"merger: no hours moved into the offices' {actor} hours")
check(merger.hours_paid.sel(actor="ia_adviser").equals(ds.hours_paid.sel(actor="ia_adviser")),
      "the merger changed how many adviser hours NAV pays for")
check(float((ds.hours_available - ds.hours_paid).sel(actor="market_coordinator").sum()) == 0,
      "baseline: market hours moved in from ALS")

# Unit costs price quantities and change no decision: doubling one leaves every other variable bit-identical.
dear = run_small("baseline_2015", os.path.join(d, "dear.h5"), "--set", "costs.veileder_nok_per_hour=1200")
dd = xr.open_dataset(dear, engine="h5netcdf")
for v in ds.data_vars:
    if v != "cost_nok":
        check(ds[v].equals(dd[v]), f"a unit cost changed {v}")
check(np.allclose(dd.cost_nok.sel(cost_item="staff_veileder"), 2 * cost.sel(cost_item="staff_veileder")) and
      dd.cost_nok.drop_sel(cost_item="staff_veileder").equals(cost.drop_sel(cost_item="staff_veileder")),
      "the veileder's hourly cost moved other items")
# Every unit cost prices its own item and nothing else: two runs, each knob scaled by its own factor between them.
knobs = {"aap_nok_per_year": "aap_benefits", "assessment_place_week_nok": "purchased_measures",  # with follow-up places
         "veileder_nok_per_hour": "staff_veileder", "market_coordinator_nok_per_hour": "staff_market_coordinator",
         "ia_adviser_nok_per_hour": "staff_ia_adviser", "coach_nok_per_hour": "staff_coach",
         "job_specialist_nok_per_hour": "staff_job_specialist", "coordinator_nok_per_hour": "staff_coordinator"}
factor = {knob: 1.5 + 0.25 * i for i, knob in enumerate(knobs)}
# The follow-up places are purchased measures too: their price moves with the assessment places' by the same factor.
joint = {"follow_up_place_week_nok": "assessment_place_week_nok"}
priced = []
for scale in (lambda knob: 1.0, lambda knob: factor[joint.get(knob, knob)]):
    sets = [a for i, knob in enumerate([*knobs, *joint])
            for a in ("--set", f"costs.{knob}={1000.0 * (i + 1) * scale(knob)}")]
    out = os.path.join(d, f"priced{len(priced)}.h5")
    priced.append(xr.open_dataset(run_small("supported_employment", out, *sets), engine="h5netcdf"))
for v in se_ds.data_vars:
    if v != "cost_nok":
        check(se_ds[v].equals(priced[0][v]) and se_ds[v].equals(priced[1][v]), f"unit costs changed {v}")
for knob, item in knobs.items():
    was, now = priced[0].cost_nok.sel(cost_item=item), priced[1].cost_nok.sel(cost_item=item)
    check(float(was.sum()) > 0 and np.allclose(now, factor[knob] * was), f"costs.{knob} does not price {item} alone")
check(priced[1].cost_nok.sel(cost_item="wage_subsidies").equals(se_ds.cost_nok.sel(cost_item="wage_subsidies")),
      "a unit cost moved the wage subsidies")

# compare --by: the groups of a split add up to the national value, per file and per difference.
b = run_small("more_og_romsdal", os.path.join(d, "b.h5"))
national = json.loads(iasim("compare", a, b, "--format", "json").stdout)
total = {m["name"]: m["values"] for m in national["metrics"]}
for by, pairs in (("county", False), ("office_size", False), ("subgroup", True)):
    js = json.loads(iasim("compare", a, b, "--by", by, "--format", "json").stdout)
    check(js["by"] == by and len(js["groups"]) == {"county": 19, "office_size": 5, "subgroup": 8}[by], f"{by} groups")
    names = [m["name"] for m in js["metrics"]]
    check("hires" in names and "in_work" in names, f"--by {by} metrics {names}")
    if by == "county":
        check("total_cost_mnok" in names and "employer_trust" in names, f"counties split every metric: {names}")
    for m in js["metrics"]:
        if m["name"] in ("employer_trust", "ia_sick_leave_pct", "assessment_wait_days"):
            continue  # means, not sums
        for f in range(2):
            parts = [g["values"][f]["mean"] for g in m["groups"]]
            want = total[m["name"]][f]["mean"] * (4 if pairs else 1)
            check(math.isclose(sum(parts), want, rel_tol=1e-9), f"--by {by} {m['name']} file {f}: {sum(parts)} vs {want}")
        diffs = [g["values"][1]["diff"]["mean"] for g in m["groups"]]
        want = total[m["name"]][1]["diff"]["mean"] * (4 if pairs else 1)
        check(math.isclose(sum(diffs), want, rel_tol=1e-9, abs_tol=1e-6), f"--by {by} {m['name']} differences")
table = iasim("compare", a, b, "--by", "subgroup", "--metric", "in_work").stdout
check("in_work (people) by subgroup" in table and "mental_health" in table, table)
r = iasim("compare", a, b, "--by", "colour", check=False)
check(r.returncode == 2 and "--by" in r.stderr, r.stderr)

# The cost per extra person in work is the paired extra cost over the paired extra people in work.
ce = national["cost_effectiveness"]
check(ce[0] is None and ce[1]["scenario"] == "more_og_romsdal", f"cost_effectiveness: {ce}")
ce = ce[1]
check(math.isclose(ce["extra_in_work"]["mean"], total["in_work"][1]["diff"]["mean"], rel_tol=1e-12), "extra in work")
check(math.isclose(ce["extra_cost_mnok"]["mean"], total["programme_cost_mnok"][1]["diff"]["mean"], rel_tol=1e-9),
      "extra cost")
check(math.isclose(ce["extra_net_cost_mnok"]["mean"], total["total_cost_mnok"][1]["diff"]["mean"], rel_tol=1e-9),
      "extra net cost")
est = ce["cost_per_extra_person_nok"]
check(math.isclose(est["estimate"], ce["extra_cost_mnok"]["mean"] * 1e6 / ce["extra_in_work"]["mean"], rel_tol=1e-9),
      f"cost per extra person {est}")
if est["bounded"]:
    check(est["low95"] <= est["estimate"] <= est["high95"] and ce["extra_in_work"]["low95"] > 0 and
          ce["quadrant"].startswith("more_work"), f"the interval misses its estimate: {est}")
else:
    check(est["low95"] is None and ce["extra_in_work"]["low95"] <= 0, f"undefined although extra in work is clearly > 0: {ce}")
    check(ce["quadrant"] == ("unclear" if ce["extra_in_work"]["high95"] >= 0 else "less_work_" +
                             ("more_cost" if ce["extra_cost_mnok"]["mean"] > 0 else "less_cost")), f"quadrant {ce}")
check(len(ce["replicates"]["extra_in_work"]) == 3, "per-replicate points for the cost-effectiveness plane")
text = iasim("compare", a, b).stdout
check("Cost per extra person in work" in text and "more_og_romsdal" in text.split("Cost per extra person")[1], text)
print("ok")
