#!/usr/bin/python3
"""History matching of iasim against calibration targets, in waves, with Gaussian-process emulators.

usage: history_match.py CALIBRATION.yaml [--work-dir DIR] [--iasim PATH] [--threads T] [--launcher CMD]
                        [--stop-after-wave K] [--at V1,V2,...] [--waves N] [--points-per-wave N]
                        [--replicates N] [--set PATH=VALUE ...] [--quiet]

Each wave is an ordinary sweep (`design: points`, docs/sweeps.md), run with `iasim sweep run` and merged with
`iasim sweep merge`, so it can run on local cores, under mpirun (--launcher 'mpirun -n 8' adds --mpi) or be
prepared here and run as a Slurm job array (the wave's sweep file is in the work directory). Per wave:

1. Design: a Latin hypercube (scipy.stats.qmc) of many candidates, kept where every earlier wave's emulators
   leave them non-implausible, thinned to `points_per_wave` by k-means (spread_subset: the candidates nearest
   the centroids, with the earlier runs in the region as fixed centres), space-filling inside the current
   non-implausible region without leaning to its edges. Wave 1 is a plain Latin hypercube of the whole box.
2. Runs: `replicates` per point, common random numbers across points (the sweep's seed).
3. Emulators: per target, a GaussianProcessRegressor (sklearn; constant x anisotropic RBF + white lack-of-fit
   nugget) of the replicate mean, with the variance of that mean (sample variance / replicates) as its per-point
   alpha, and a second GP of the log replicate variance: the model is stochastic, so both its mean and its
   variance are emulated. Trained on this wave's runs and earlier runs inside the current region.
4. Validation: a share of the wave's points is held back, the emulators are fitted on the rest, and the held-back
   replicate means are compared with the prediction: standardised errors (y - E[f]) / sqrt(Var_em + Var_mean).
   The emulators used for the cut are then refitted on every point.
5. Implausibility per target: I(x) = |z - E[f(x)]| / sqrt(Var_em(x) + Var_obs + Var_disc + Var_stoch(x)); a
   point is ruled out when the max (or second max, `measure: second_max`) over targets exceeds the cut-off
   (`cutoff`, default 3: Pukelsheim's three-sigma rule for unimodal distributions).

--waves, --points-per-wave and --replicates replace the calibration file's values and --set PATH=VALUE adds to its
set: (e.g. one small real wave of a large calibration); they are recorded in diagnostics.json ("overrides", and
every value in effect in "settings"), and a work directory made with other values is refused.

--stop-after-wave K stops after wave K (when more are to come) with diagnostics.json for the waves so far and
"stopped_after_wave": K, and no plausible.csv or plausible_runs.csv (an earlier, finished calibration's are removed:
they would not be these waves').

Resume: a wave whose merged file exists is not rerun; a wave whose points file exists reuses it (the design is
recorded, not recomputed), and `iasim sweep run` skips its finished tasks. So a killed calibration restarted with
the same command redoes no finished run and ends with the same result as an uninterrupted one.

Outputs in the work directory: wave-NN/ (points.csv, sweep.yaml, tasks/, merged.h5), plausible.csv (parameter sets
the final emulators leave non-implausible, drawn from a Latin hypercube of the box, with each target's
implausibility), plausible_runs.csv (the simulated points that are non-implausible), diagnostics.json (per wave:
emulator hyperparameters and validation, share of the space ruled out, implausibility per target of every run),
plots/pairs.png and plots/targets.png. The calibration file's format is in docs/calibration.md.
"""
import argparse
import csv
import io
import json
import math
import os
import shlex
import subprocess
import sys
import warnings

import numpy as np
import yaml
from scipy.spatial.distance import cdist
from scipy.stats import qmc
from sklearn.exceptions import ConvergenceWarning
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel, WhiteKernel

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import calibration  # noqa: E402  (its target extraction: target_rows)
import iasim_files as f  # noqa: E402

KEYS = {"name", "description", "base", "set", "parameters", "targets", "waves", "points_per_wave", "replicates",
        "seed", "cutoff", "measure", "candidates", "validation_share", "space_sample", "plausible_sample"}
TARGET_KEYS = {"name", "output", "metric", "day", "observed", "sd", "discrepancy_sd", "discrepancy_share"}


class CalibrationError(Exception):
    pass


# ---------------------------------------------------------------------------------------------- the input files


def _load_yaml(path, what):
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except OSError as e:
        raise CalibrationError(f"{path}: cannot read {what}: {e.strerror}") from None
    except yaml.YAMLError as e:
        raise CalibrationError(f"{path}: not valid YAML: {e}") from None


# What the command line may override: a small wave of a large calibration without editing its file.
OVERRIDABLE = ("waves", "points_per_wave", "replicates")


def load_calibration(path, overrides=None):
    """Reads and checks a calibration file; returns a dict with every default filled in. Paths (base, targets)
    are resolved against the file's directory. `overrides` (from the command line) may give waves,
    points_per_wave and replicates, which replace the file's, and set: a list of (path, value) appended to the
    file's set:; they are checked as the file's values are and recorded in c["overrides"]."""
    overrides = overrides or {}
    doc = _load_yaml(path, "the calibration file")
    if not isinstance(doc, dict):
        raise CalibrationError(f"{path}: expected a map (base:, parameters:, targets:, ...)")
    problems = [f"{path}: unknown key '{k}' (expected one of: {', '.join(sorted(KEYS))})" for k in doc if k not in KEYS]
    here = os.path.dirname(os.path.abspath(path))
    c = {
        "file": os.path.abspath(path),
        "name": str(doc.get("name", os.path.splitext(os.path.basename(path))[0])),
        "set": doc.get("set") or {},
        "waves": doc.get("waves", 3),
        "points_per_wave": doc.get("points_per_wave", 20),
        "replicates": doc.get("replicates", 3),
        "seed": doc.get("seed", 2015),
        "cutoff": float(doc.get("cutoff", 3.0)),
        "measure": doc.get("measure", "max"),
        "candidates": doc.get("candidates", 20000),
        "validation_share": float(doc.get("validation_share", 0.2)),
        "space_sample": doc.get("space_sample", 20000),
        "plausible_sample": doc.get("plausible_sample", 1000),
    }
    c["overrides"] = {k: overrides[k] for k in OVERRIDABLE if overrides.get(k) is not None}
    c.update(c["overrides"])

    def where(k):  # names the option, not the file, when the value came from the command line
        return f"--{k.replace('_', '-')}" if k in c["overrides"] else f"{path}: {k}"

    for k in ("waves", "points_per_wave", "replicates", "seed", "candidates", "space_sample", "plausible_sample"):
        if not isinstance(c[k], int) or isinstance(c[k], bool) or c[k] < (0 if k == "seed" else 1):
            problems.append(f"{where(k)}: expected a positive integer, got {c[k]!r}")
    if isinstance(c["replicates"], int) and c["replicates"] < 2:
        problems.append(f"{where('replicates')}: at least 2 (the model is stochastic: its variance is emulated too)")
    if c["measure"] not in ("max", "second_max"):
        problems.append(f"{path}: measure: 'max' or 'second_max', got {c['measure']!r}")
    if not 0 < c["validation_share"] < 1:
        problems.append(f"{path}: validation_share: expected a share in (0, 1)")
    if "base" not in doc:
        problems.append(f"{path}: missing 'base:' (the scenario to calibrate, relative to this file)")
    else:
        c["base"] = os.path.normpath(os.path.join(here, str(doc["base"])))
        if not os.path.isfile(c["base"]):
            problems.append(f"{path}: base scenario '{c['base']}' does not exist")
    if not isinstance(c["set"], dict):
        problems.append(f"{path}: set: expected a map of fixed overrides, e.g. run.horizon_years: 2")
    elif overrides.get("set"):
        c["overrides"]["set"] = dict(overrides["set"])
        c["set"] = {**c["set"], **c["overrides"]["set"]}
    params = doc.get("parameters")
    c["parameters"] = []
    if not isinstance(params, dict) or not params:
        problems.append(f"{path}: parameters: expected a map of parameter: {{min: a, max: b}}")
    else:
        for name, spec in params.items():
            if not isinstance(spec, dict) or set(spec) != {"min", "max"}:
                problems.append(f"{path}: parameters.{name}: expected {{min: a, max: b}}")
                continue
            lo, hi = spec["min"], spec["max"]
            if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (lo, hi)) or not lo < hi:
                problems.append(f"{path}: parameters.{name}: min and max must be numbers with min < max")
                continue
            c["parameters"].append((str(name), float(lo), float(hi)))
    problems += [f"--set {k}: is a calibrated parameter (parameters: in {path}); it cannot also be fixed"
                 for k in c["overrides"].get("set", {}) if k in {p[0] for p in c["parameters"]}]
    targets = doc.get("targets")
    if isinstance(targets, str):
        tfile = os.path.join(here, targets)
        tdoc = _load_yaml(tfile, "the targets file")
        targets = tdoc.get("targets") if isinstance(tdoc, dict) else tdoc
        where = tfile
    else:
        where = path
    c["targets"] = []
    if not isinstance(targets, list) or not targets:
        problems.append(f"{where}: targets: expected a list of {{name, output or metric, observed, sd}}")
    else:
        seen = set()
        for i, t in enumerate(targets):
            at = f"{where}: targets[{i}]"
            if not isinstance(t, dict):
                problems.append(f"{at}: expected a map")
                continue
            problems += [f"{at}: unknown key '{k}' (expected {', '.join(sorted(TARGET_KEYS))})" for k in t if k not in TARGET_KEYS]
            name = str(t.get("name", t.get("output", t.get("metric", f"target_{i}"))))
            if name in seen:
                problems.append(f"{at}: name '{name}' given twice")
            seen.add(name)
            if ("output" in t) == ("metric" in t):
                problems.append(f"{at} ({name}): give either output: (a key of analysis/calibration.py's targets) "
                                f"or metric: with day: (a key outcome at a day since 2015-01-01)")
            if "metric" in t and not isinstance(t.get("day"), (int, float)):
                problems.append(f"{at} ({name}): metric: needs day: (days since 2015-01-01)")
            for k in ("observed", "sd"):
                if not isinstance(t.get(k), (int, float)) or isinstance(t.get(k), bool):
                    problems.append(f"{at} ({name}): {k}: expected a number")
            if isinstance(t.get("sd"), (int, float)) and t["sd"] < 0:
                problems.append(f"{at} ({name}): sd: must be >= 0")
            c["targets"].append({
                "name": name, "output": t.get("output"), "metric": t.get("metric"), "day": t.get("day"),
                "observed": t.get("observed"), "sd": t.get("sd"),
                "discrepancy_sd": float(t.get("discrepancy_sd", 0.0)) + float(t.get("discrepancy_share", 0.0)) *
                abs(float(t.get("observed") or 0.0)),
            })
    if c["measure"] == "second_max" and len(c["targets"]) < 2:
        problems.append(f"{path}: measure: second_max needs at least two targets")
    if problems:
        raise CalibrationError("\n".join(problems))
    return c


# ------------------------------------------------------------------------------------------------ the sweeps


def wave_dir(work, k):
    return os.path.join(work, f"wave-{k:02d}")


def points_csv_text(cal, X):
    """The wave's points as `design: points` reads them: header = parameter paths, values in natural units with
    repr (shortest text that reads back as the same double)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow([p[0] for p in cal["parameters"]])
    for row in X:
        w.writerow([repr(float(v)) for v in row])
    return out.getvalue()


def read_points_csv(path, cal):
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    names = [p[0] for p in cal["parameters"]]
    if header != names:
        raise CalibrationError(f"{path}: its columns {header} are not the calibration's parameters {names}; "
                               "the calibration file changed since this work directory was made: use a new --work-dir")
    return np.array([[float(v) for v in r] for r in rows[1:] if r], dtype=float)


def sweep_yaml_text(cal, k):
    doc = {
        "name": f"{cal['name']}_wave{k:02d}",
        "description": f"history-matching wave {k} of {cal['file']} (written by analysis/history_match.py)",
        "base": cal["base"],
        "design": "points",
        "points_file": "points.csv",
        "replicates": cal["replicates"],
        "seed": cal["seed"],
        "parameters": {p: {"min": lo, "max": hi} for p, lo, hi in cal["parameters"]},
    }
    if cal["set"]:
        doc["set"] = cal["set"]
    return yaml.safe_dump(doc, sort_keys=False)


def run_wave(cal, k, X, args):
    """Writes the wave's sweep and runs it, unless its merged file is there. Returns the merged file's path."""
    d = wave_dir(args.work_dir, k)
    merged = os.path.join(d, "merged.h5")
    sweep = os.path.join(d, "sweep.yaml")
    text = sweep_yaml_text(cal, k)
    if os.path.exists(sweep):
        # Resuming with other replicates, set: or parameters (an override, say) would mix two calibrations.
        old = yaml.safe_load(open(sweep, encoding="utf-8").read())
        new = yaml.safe_load(text)
        differ = sorted(key for key in (set(old) | set(new)) - {"description", "base"} if old.get(key) != new.get(key))
        if differ:
            raise CalibrationError(f"wave {k}: {sweep}'s {', '.join(differ)} differ from this command's (the "
                                   "calibration file or an override changed): use a new --work-dir, or the command "
                                   "that made this one")
    if os.path.exists(merged):
        log(args, f"wave {k}: {merged} exists; not rerun")
        return merged
    os.makedirs(d, exist_ok=True)
    if not os.path.exists(sweep) or open(sweep, encoding="utf-8").read() != text:
        _write_atomic(sweep, text)
    tasks = os.path.join(d, "tasks")
    run = shlex.split(args.launcher) if args.launcher else []
    run += [args.iasim, "sweep", "run", sweep, "--out-dir", tasks]
    if args.launcher:
        run.append("--mpi")
    if args.threads:
        run += ["--threads", str(args.threads)]
    run.append("--quiet")
    log(args, f"wave {k}: {len(X)} points x {cal['replicates']} replicates: {' '.join(shlex.quote(a) for a in run)}")
    r = subprocess.run(run)
    if r.returncode != 0:
        raise CalibrationError(f"wave {k}: iasim sweep run exited {r.returncode} (run the same command again to "
                               "resume: finished tasks are kept)")
    r = subprocess.run([args.iasim, "sweep", "merge", sweep, "--out-dir", tasks, "-o", merged], capture_output=True, text=True)
    if r.returncode != 0:
        raise CalibrationError(f"wave {k}: iasim sweep merge exited {r.returncode}:\n{r.stdout}{r.stderr}")
    return merged


def _write_atomic(path, text):
    tmp = path + ".partial"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


# ------------------------------------------------------------------------------------------ model outputs


def model_outputs(cal, merged):
    """Each target's model output at every point and replicate: dict name -> array (points, replicates)."""
    ds = f.open_run(merged)
    rows = None
    out = {}
    for t in cal["targets"]:
        if t["output"] is not None:
            if rows is None:
                if not calibration.covers_targets(ds):
                    raise CalibrationError(f"{merged}: the register targets need a run to Q3 2016: set "
                                           "run.horizon_years: 2 or more")
                rows = {r[0]: r[5] for r in calibration.target_rows(ds)}
            if t["output"] not in rows or rows[t["output"]] is None:
                known = ", ".join(k for k, v in rows.items() if v is not None)
                raise CalibrationError(f"target {t['name']}: output '{t['output']}' is not a model output of "
                                       f"analysis/calibration.py (it has: {known})")
            da = rows[t["output"]]
        else:
            try:
                da = f.metric(ds, t["metric"])
            except KeyError as e:
                raise CalibrationError(f"target {t['name']}: {e.args[0]}") from None
            days = f.days_since_start(ds)
            if t["day"] > days[-1] + 1e-9:
                raise CalibrationError(f"target {t['name']}: day {t['day']} is after the run's last output day "
                                       f"{days[-1]:.0f}; raise run.horizon_years")
            da = da.isel(time=int(np.argmin(np.abs(days - t["day"]))))
        out[t["name"]] = np.asarray(da.transpose("point", "replicate").values, dtype=float)
    ds.close()
    return out


# ----------------------------------------------------------------------------------------------- emulators


class Emulator:
    """One target's emulator: a GP of the replicate mean (alpha = variance of the mean, per point) and a GP of the
    log replicate variance. Inputs are the parameters scaled to [0, 1]."""

    def __init__(self, seed):
        self.seed = seed

    @staticmethod
    def _gp(d, seed, alpha):
        kernel = (ConstantKernel(1.0, (1e-3, 1e3)) * RBF(np.full(d, 0.3), (1e-2, 1e2)) +
                  WhiteKernel(1e-4, (1e-10, 1e-1)))
        return GaussianProcessRegressor(kernel, alpha=alpha, normalize_y=False, n_restarts_optimizer=2,
                                        random_state=seed)

    def fit(self, U, Y):
        """U: (n, d) unit inputs; Y: (n, r) replicate outputs."""
        n, r = Y.shape
        mean = Y.mean(axis=1)
        var = Y.var(axis=1, ddof=1)
        self.mu, self.scale = float(mean.mean()), float(mean.std()) or 1.0
        y = (mean - self.mu) / self.scale
        alpha = var / r / self.scale ** 2 + 1e-10
        self.mean_gp = self._gp(U.shape[1], self.seed, alpha)
        # The floor keeps a point whose replicates agree exactly (a count of zero, say) from a log of 0.
        floor = max(1e-12, 1e-6 * float(np.median(var)) if np.any(var > 0) else 1e-12)
        logv = np.log(np.maximum(var, floor))
        self.lv_mu, self.lv_scale = float(logv.mean()), float(logv.std()) or 1.0
        # The sample variance of r replicates has log-variance about 2 / (r - 1): its noise, as alpha.
        self.var_gp = self._gp(U.shape[1], self.seed + 1, 2.0 / (r - 1) / self.lv_scale ** 2)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            self.mean_gp.fit(U, y)
            self.var_gp.fit(U, (logv - self.lv_mu) / self.lv_scale)
        return self

    def predict(self, U):
        """E[f(x)], Var_emulator(x) and the emulated stochastic variance of one run, Var_stoch(x)."""
        m, s = self.mean_gp.predict(U, return_std=True)
        lv = self.var_gp.predict(U)
        return m * self.scale + self.mu, (s * self.scale) ** 2, np.exp(lv * self.lv_scale + self.lv_mu)

    def describe(self):
        return {"mean_kernel": str(self.mean_gp.kernel_), "variance_kernel": str(self.var_gp.kernel_),
                "mean_log_marginal_likelihood": float(self.mean_gp.log_marginal_likelihood_value_)}


def implausibility(cal, emulators, U):
    """Per-target implausibility (n, targets) of unit points U under one wave's emulators, and the measure."""
    cols = []
    for t in cal["targets"]:
        m, v_em, v_st = emulators[t["name"]].predict(U)
        cols.append(np.abs(t["observed"] - m) / np.sqrt(v_em + t["sd"] ** 2 + t["discrepancy_sd"] ** 2 + v_st))
    I = np.column_stack(cols)
    return I, measure(cal, I)


def measure(cal, I):
    if cal["measure"] == "second_max" and I.shape[1] >= 2:
        return np.sort(I, axis=1)[:, -2]
    return I.max(axis=1)


def plausible_under(cal, waves, U):
    """True where every wave's emulators leave U non-implausible; and the last wave's per-target I."""
    keep = np.ones(len(U), dtype=bool)
    I = None
    for em in waves:
        I, m = implausibility(cal, em, U)
        keep &= m <= cal["cutoff"]
    return keep, I


def validate(cal, U, outputs, seed):
    """Fits on all but a held-back share of the points, predicts the held-back replicate means. Per target: the
    standardised errors, their share beyond 3, and the coverage of 2-sigma intervals."""
    n = len(U)
    n_out = max(2, int(round(cal["validation_share"] * n)))
    if n - n_out < 3:
        return {"held_back": 0, "note": "too few points to hold any back"}
    rng = np.random.default_rng(seed)
    held = np.sort(rng.choice(n, n_out, replace=False))
    train = np.setdiff1d(np.arange(n), held)
    res = {"held_back": int(n_out), "points": held.tolist(), "targets": {}}
    for t in cal["targets"]:
        Y = outputs[t["name"]]
        em = Emulator(seed).fit(U[train], Y[train])
        m, v_em, _ = em.predict(U[held])
        var_mean = Y[held].var(axis=1, ddof=1) / Y.shape[1]
        z = (Y[held].mean(axis=1) - m) / np.sqrt(v_em + var_mean)
        res["targets"][t["name"]] = {
            "standardised_errors": [float(x) for x in z],
            "share_beyond_3": float(np.mean(np.abs(z) > 3)),
            "coverage_2sd": float(np.mean(np.abs(z) <= 2)),
        }
    return res


# ---------------------------------------------------------------------------------------------- the design


def unit_to_natural(cal, U):
    lo = np.array([p[1] for p in cal["parameters"]])
    hi = np.array([p[2] for p in cal["parameters"]])
    return qmc.scale(U, lo, hi)


def natural_to_unit(cal, X):
    lo = np.array([p[1] for p in cal["parameters"]])
    hi = np.array([p[2] for p in cal["parameters"]])
    return np.clip(qmc.scale(X, lo, hi, reverse=True), 0.0, 1.0)


def lhs(d, n, seed):
    return qmc.LatinHypercube(d=d, seed=np.random.default_rng(seed)).random(n)


def spread_subset(U, n, seed, fixed=None, iterations=50):
    """n of the candidate rows U, spread over the region they sample without leaning to its edges: Lloyd's
    k-means of U with n free centres (started at n random rows) and one fixed centre at each row of `fixed`
    (earlier runs still in the region: they do not move, so the new points go where runs are sparse), then, for
    each free centre, the nearest row of U not yet taken. A centroid lies inside its cell, so the points are
    spaced like a centroidal Voronoi design and fill the region's inside as well; greedy maximin, which takes the
    candidate farthest from those chosen, puts them on the region's boundary."""
    if len(U) <= n:
        return U
    fixed = np.zeros((0, U.shape[1])) if fixed is None else fixed
    rng = np.random.default_rng(seed)
    C = U[np.sort(rng.choice(len(U), n, replace=False))]
    label = None
    for _ in range(iterations):
        new = np.argmin(cdist(U, np.vstack([C, fixed])), axis=1)
        if label is not None and np.array_equal(new, label):
            break
        label = new
        C = np.array([U[label == j].mean(axis=0) if np.any(label == j) else C[j] for j in range(n)])
    taken = np.zeros(len(U), dtype=bool)
    for dist in cdist(C, U):
        i = next(int(i) for i in np.argsort(dist, kind="stable") if not taken[i])
        taken[i] = True
    return U[taken]


def wave_candidates(cal, waves, k):
    """Wave k's candidates (a Latin hypercube of the box) and which of them every earlier wave allows."""
    cand = lhs(len(cal["parameters"]), cal["candidates"], cal["seed"] * 1000 + k)
    return cand, plausible_under(cal, waves, cand)[0]


def wave_design(cal, waves, k, earlier):
    """Wave k's points (unit) and the share of its candidates that earlier waves leave non-implausible;
    `earlier`: the earlier runs still in that region."""
    seed = cal["seed"] * 1000 + k
    if not waves:
        return lhs(len(cal["parameters"]), cal["points_per_wave"], seed), 1.0
    cand, keep = wave_candidates(cal, waves, k)
    if not keep.any():
        return None, 0.0
    return spread_subset(cand[keep], cal["points_per_wave"], seed, earlier), float(keep.mean())


# -------------------------------------------------------------------------------------------------- the run


def log(args, msg):
    if not args.quiet:
        print(f"history_match: {msg}", file=sys.stderr, flush=True)


def calibrate(cal, args):
    os.makedirs(args.work_dir, exist_ok=True)
    d = len(cal["parameters"])
    space = lhs(d, cal["space_sample"], cal["seed"] * 1000 + 999)  # fixed: the share ruled out is on one sample
    waves = []  # each: dict target -> Emulator
    runs_U, runs_Y, runs_wave = [], {t["name"]: [] for t in cal["targets"]}, []
    # Relative to the work directory, so a committed result names its calibration file in any checkout.
    diag = {"calibration": os.path.relpath(cal["file"], os.path.abspath(args.work_dir)), "name": cal["name"], "cutoff": cal["cutoff"], "measure": cal["measure"],
            "parameters": [{"path": p, "min": lo, "max": hi} for p, lo, hi in cal["parameters"]],
            "targets": cal["targets"], "waves": [],
            "settings": {k: cal[k] for k in ("waves", "points_per_wave", "replicates", "seed", "set", "candidates",
                                             "validation_share", "space_sample", "plausible_sample")},
            "overrides": cal["overrides"]}
    for k in range(1, cal["waves"] + 1):
        # Earlier runs inside the current region: fixed points of the design, and training points.
        if runs_U:
            prev_U = np.vstack(runs_U)
            inside, _ = plausible_under(cal, waves, prev_U)
        else:
            prev_U, inside = np.zeros((0, d)), np.zeros(0, dtype=bool)
        pts = os.path.join(wave_dir(args.work_dir, k), "points.csv")
        if os.path.exists(pts):
            X = read_points_csv(pts, cal)
            U = natural_to_unit(cal, X)
            # As the design found it, so a resumed calibration's diagnostics are the uninterrupted one's.
            accepted = float(wave_candidates(cal, waves, k)[1].mean()) if waves else 1.0
            log(args, f"wave {k}: points from {pts}")
        else:
            U, accepted = wave_design(cal, waves, k, prev_U[inside])
            if U is None:
                log(args, f"wave {k}: no candidate is non-implausible; stopping after wave {k - 1}")
                diag["stopped"] = f"wave {k}: the non-implausible region is empty at cut-off {cal['cutoff']}"
                break
            X = unit_to_natural(cal, U)
            os.makedirs(wave_dir(args.work_dir, k), exist_ok=True)
            _write_atomic(pts, points_csv_text(cal, X))
            X = read_points_csv(pts, cal)  # exactly what the sweep reads
            U = natural_to_unit(cal, X)
        merged = run_wave(cal, k, X, args)
        out = model_outputs(cal, merged)
        if len(next(iter(out.values()))) != len(X):
            raise CalibrationError(f"{merged}: {len(next(iter(out.values())))} points, but {pts} has {len(X)}")
        # Training set: this wave's runs and earlier runs inside the current region.
        train_U = np.vstack([prev_U[inside], U])
        train_Y = {t["name"]: np.vstack([np.vstack(runs_Y[t["name"]])[inside] if runs_U else
                                          np.zeros((0, cal["replicates"])), out[t["name"]]]) for t in cal["targets"]}
        wave_seed = cal["seed"] * 1000 + k
        validation = validate(cal, train_U, train_Y, wave_seed)
        ems = {t["name"]: Emulator(wave_seed).fit(train_U, train_Y[t["name"]]) for t in cal["targets"]}
        waves.append(ems)
        runs_U.append(U)
        runs_wave += [k] * len(U)
        for t in cal["targets"]:
            runs_Y[t["name"]].append(out[t["name"]])
        kept, _ = plausible_under(cal, waves, space)
        I_runs, m_runs = implausibility(cal, ems, U)
        diag["waves"].append({
            "wave": k, "points": int(len(U)), "replicates": cal["replicates"], "training_points": int(len(train_U)),
            "candidates_non_implausible_before": accepted,
            "share_of_space_ruled_out": float(1 - kept.mean()),
            "share_ruled_out_by_target": {t["name"]: float(np.mean(implausibility(cal, ems, space)[0][:, j] > cal["cutoff"]))
                                          for j, t in enumerate(cal["targets"])},
            "emulators": {n: e.describe() for n, e in ems.items()},
            "validation": validation,
            "runs": [{"point": i, "parameters": [float(v) for v in X[i]],
                      "mean": {t["name"]: float(out[t["name"]][i].mean()) for t in cal["targets"]},
                      "implausibility": {t["name"]: float(I_runs[i, j]) for j, t in enumerate(cal["targets"])},
                      "measure": float(m_runs[i])} for i in range(len(U))],
        })
        log(args, f"wave {k}: {100 * (1 - kept.mean()):.1f}% of the space ruled out")
        if args.stop_after_wave and args.stop_after_wave <= k < cal["waves"]:
            log(args, f"stopping after wave {k} as asked (--stop-after-wave); run again to go on")
            diag["stopped_after_wave"] = k
            # The results of a finished calibration in this directory would not be those of these waves: they
            # are derived from the emulators alone, so the run that goes on writes them again.
            for name in ("plausible.csv", "plausible_runs.csv"):
                if os.path.exists(os.path.join(args.work_dir, name)):
                    os.remove(os.path.join(args.work_dir, name))
            write_diagnostics(args, diag)
            return diag, waves
    write_results(cal, args, waves, np.vstack(runs_U), {n: np.vstack(v) for n, v in runs_Y.items()},
                  np.array(runs_wave), diag)
    return diag, waves


def report_at(cal, waves, text):
    """Implausibility of one parameter set (natural units, comma-separated in parameter order) under each wave's
    emulators, as JSON on stdout: what an analyst checks for a value from the literature, and what the
    synthetic-truth test checks for the truth."""
    try:
        x = np.array([[float(v) for v in text.split(",")]])
    except ValueError:
        raise CalibrationError(f"--at {text!r}: expected {len(cal['parameters'])} comma-separated numbers") from None
    if x.shape[1] != len(cal["parameters"]):
        raise CalibrationError(f"--at {text!r}: expected {len(cal['parameters'])} numbers "
                               f"({', '.join(p[0] for p in cal['parameters'])})")
    U = natural_to_unit(cal, x)
    out = []
    for k, em in enumerate(waves, 1):
        I, m = implausibility(cal, em, U)
        out.append({"wave": k, "implausibility": {t["name"]: float(I[0, j]) for j, t in enumerate(cal["targets"])},
                    "measure": float(m[0]), "non_implausible": bool(m[0] <= cal["cutoff"])})
    print(json.dumps({"parameters": dict(zip([p[0] for p in cal["parameters"]], x[0].tolist())), "waves": out,
                      "non_implausible": all(w["non_implausible"] for w in out)}))


def write_results(cal, args, waves, U_runs, Y_runs, wave_of_run, diag):
    names = [p[0] for p in cal["parameters"]]
    tnames = [t["name"] for t in cal["targets"]]
    d = len(names)
    # The non-implausible space, sampled: a Latin hypercube of the box kept where every wave allows it.
    sample = lhs(d, max(cal["candidates"], 20 * cal["plausible_sample"]), cal["seed"] * 1000 + 998)
    keep, I = plausible_under(cal, waves, sample)
    P = sample[keep][: cal["plausible_sample"]]
    I_P = I[keep][: cal["plausible_sample"]]
    X_P = unit_to_natural(cal, P) if len(P) else np.zeros((0, d))
    _write_csv(os.path.join(args.work_dir, "plausible.csv"), names + [f"I_{n}" for n in tnames] + ["I_measure"],
               [list(x) + list(i) + [measure(cal, i[None, :])[0]] for x, i in zip(X_P, I_P)])
    keep_runs, I_runs = plausible_under(cal, waves, U_runs)
    X_runs = unit_to_natural(cal, U_runs)
    _write_csv(os.path.join(args.work_dir, "plausible_runs.csv"), ["wave"] + names + [f"mean_{n}" for n in tnames],
               [[int(wave_of_run[i])] + list(X_runs[i]) + [float(Y_runs[n][i].mean()) for n in tnames]
                for i in np.flatnonzero(keep_runs)])
    diag["plausible"] = {"sampled": int(len(sample)), "non_implausible_share": float(keep.mean()),
                         "written": int(len(P)), "runs_non_implausible": int(keep_runs.sum()),
                         "runs": int(len(U_runs))}
    write_diagnostics(args, diag)
    plots(cal, args, X_P, X_runs, Y_runs, wave_of_run)


def write_diagnostics(args, diag):
    _write_atomic(os.path.join(args.work_dir, "diagnostics.json"), json.dumps(diag, indent=1, sort_keys=True) + "\n")


def _write_csv(path, header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow([repr(float(v)) if isinstance(v, (float, np.floating)) else v for v in r])
    _write_atomic(path, out.getvalue())


def plots(cal, args, X_P, X_runs, Y_runs, wave_of_run):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = os.path.join(args.work_dir, "plots")
    os.makedirs(out, exist_ok=True)
    names = [p[0] for p in cal["parameters"]]
    d = len(names)
    fig, axes = plt.subplots(d, d, figsize=(2.6 * d + 1, 2.6 * d + 1), squeeze=False)
    for i in range(d):
        for j in range(d):
            ax = axes[i][j]
            lo_j, hi_j = cal["parameters"][j][1:]
            if i == j:
                ax.hist(X_P[:, i], bins=20, range=(lo_j, hi_j), color="tab:blue")
            else:
                ax.scatter(X_runs[:, j], X_runs[:, i], s=6, c=wave_of_run, cmap="Greys", vmin=0, label="runs")
                ax.scatter(X_P[:, j], X_P[:, i], s=3, color="tab:blue", alpha=0.4, label="non-implausible")
                ax.set_ylim(*cal["parameters"][i][1:])
            ax.set_xlim(lo_j, hi_j)
            if i == d - 1:
                ax.set_xlabel(names[j], fontsize=7)
            if j == 0:
                ax.set_ylabel(names[i], fontsize=7)
            ax.tick_params(labelsize=6)
    fig.suptitle(f"{cal['name']}: non-implausible parameter sets (blue) and runs (grey, darker = later wave)", fontsize=9)
    fig.savefig(os.path.join(out, "pairs.png"), dpi=110, bbox_inches="tight")
    plt.close(fig)
    T = len(cal["targets"])
    fig, axes = plt.subplots(1, T, figsize=(3 * T + 1, 3.2), squeeze=False)
    for ax, t in zip(axes[0], cal["targets"]):
        y = Y_runs[t["name"]].mean(axis=1)
        jitter = wave_of_run + np.linspace(-0.25, 0.25, len(y))  # runs side by side within their wave
        ax.scatter(jitter, y, s=6, color="tab:gray")
        band = cal["cutoff"] * math.sqrt(t["sd"] ** 2 + t["discrepancy_sd"] ** 2)
        ax.axhline(t["observed"], color="tab:red")
        ax.axhspan(t["observed"] - band, t["observed"] + band, color="tab:red", alpha=0.15)
        ax.set_title(t["name"], fontsize=8)
        ax.set_xlabel("wave", fontsize=7)
        ax.set_xticks(sorted(set(int(w) for w in wave_of_run)))
        ax.tick_params(labelsize=6)
    fig.suptitle("targets (red: observed ± cut-off × sqrt(obs + discrepancy variance)) and runs' replicate means",
                 fontsize=9)
    fig.savefig(os.path.join(out, "targets.png"), dpi=110, bbox_inches="tight")
    plt.close(fig)


def parse_set(items):
    """--set PATH=VALUE arguments as (path, value) pairs, VALUE read as a YAML scalar (2 is a number)."""
    pairs = []
    for item in items:
        path, eq, text = item.partition("=")
        if not eq or not path.strip():
            raise CalibrationError(f"--set {item!r}: expected PATH=VALUE, e.g. run.horizon_years=2")
        try:
            value = yaml.safe_load(text)
        except yaml.YAMLError:
            value = text
        if isinstance(value, (dict, list)) or value is None:
            raise CalibrationError(f"--set {item!r}: VALUE must be a number, a boolean or a word")
        pairs.append((path.strip(), value))
    return pairs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("calibration")
    ap.add_argument("--work-dir", help="where waves and results go (default: <calibration stem>.hm beside it)")
    ap.add_argument("--iasim", default=os.environ.get("IASIM", os.path.join(HERE, "..", "build", "sim", "cli", "iasim")))
    ap.add_argument("--threads", type=int, default=0, help="passed to iasim sweep run (default: all cores)")
    ap.add_argument("--launcher", default="", help="e.g. 'mpirun -n 8': runs each wave as an MPI task farm (--mpi)")
    ap.add_argument("--stop-after-wave", type=int, default=0,
                    help="stop after this wave, with its diagnostics.json (\"stopped_after_wave\") but no "
                         "plausible.csv, to inspect it; run again without it to go on")
    ap.add_argument("--at", metavar="V1,V2,...", action="append", default=[],
                    help="after the waves (resumed: nothing is rerun), print the implausibility of this parameter set "
                         "under every wave's emulators as JSON, one line per --at")
    ap.add_argument("--waves", type=int, help="number of waves, instead of the calibration file's waves:")
    ap.add_argument("--points-per-wave", type=int, help="instead of the file's points_per_wave:")
    ap.add_argument("--replicates", type=int, help="instead of the file's replicates:")
    ap.add_argument("--set", metavar="PATH=VALUE", action="append", default=[], dest="set_",
                    help="a fixed override of every run, after the file's set: (repeatable; VALUE is read as YAML), "
                         "e.g. --set run.population_scale=0.5")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    try:
        overrides = {"waves": args.waves, "points_per_wave": args.points_per_wave, "replicates": args.replicates,
                     "set": parse_set(args.set_)}
        cal = load_calibration(args.calibration, overrides)
    except CalibrationError as e:
        print(f"history_match: {e}", file=sys.stderr)
        return 2
    if not args.work_dir:
        args.work_dir = os.path.splitext(os.path.abspath(args.calibration))[0] + ".hm"
    try:
        diag, waves = calibrate(cal, args)
        for point in args.at:
            report_at(cal, waves, point)
        if args.at:
            return 0
    except CalibrationError as e:
        print(f"history_match: {e}", file=sys.stderr)
        return 1
    if "stopped_after_wave" in diag:
        print(f"{cal['name']}: stopped after wave {diag['stopped_after_wave']} of {cal['waves']}; its diagnostics in "
              f"{os.path.join(args.work_dir, 'diagnostics.json')}; run the same command without --stop-after-wave "
              "to go on")
    else:
        p = diag["plausible"]
        print(f"{cal['name']}: {len(diag['waves'])} waves; {100 * p['non_implausible_share']:.2f}% of the space "
              f"non-implausible; {p['runs_non_implausible']} of {p['runs']} runs; results in {args.work_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
