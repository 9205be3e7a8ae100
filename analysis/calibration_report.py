#!/usr/bin/python3
"""The result of a history-matching calibration as a section of docs/calibration.md.

usage: calibration_report.py WORK_DIR [--doc docs/calibration.md] [--check]

Reads a work directory of analysis/history_match.py (diagnostics.json, plausible.csv, plots/) and writes, between
the marker lines

    <!-- BEGIN generated: calibration result -->
    <!-- END generated: calibration result -->

of the doc, what an analyst needs to defend the result: the calibration file and its parameters with their
ranges; per wave the points, replicates, training points, the share of the space ruled out (and by each target)
and how well the emulators predicted the held-back runs; the final non-implausible share; the plausible sets'
range of each parameter against its prior range; which targets bind; and the plots, copied to calibration/ beside
the doc (docs/calibration/pairs.png, targets.png). Without the markers, a heading "## Result of the register
calibration" and the markers are inserted after the "History matching" section.

The text depends only on the work directory's files (no dates, no absolute paths), so the same inputs give the
same section. --check writes nothing and exits 1 when the doc's section or the copied plots are not what this
work directory gives (0 when they are).
"""
import argparse
import csv
import json
import os
import shutil
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN = "<!-- BEGIN generated: calibration result -->"
END = "<!-- END generated: calibration result -->"
HEADING = "## Result of the register calibration"
AFTER = "## History matching"
PLOTS = ("pairs.png", "targets.png")


class ReportError(Exception):
    pass


def num(v):
    """A parameter value or an observation: four significant digits, no exponent for ordinary magnitudes."""
    v = float(v)
    if v != 0 and (abs(v) >= 1e6 or abs(v) < 1e-3):
        return f"{v:.3e}"
    return f"{v:,.0f}" if abs(v) >= 1e4 else f"{v:.4g}"


def pct(share):
    return f"{100 * share:.1f}%"


def shown_path(path):
    """A path as the reader of the repository knows it: relative to the repository if inside it, else its name."""
    rel = os.path.relpath(os.path.abspath(path), ROOT)
    return os.path.basename(path) if rel.startswith("..") else rel


def read_work_dir(work):
    path = os.path.join(work, "diagnostics.json")
    try:
        with open(path, encoding="utf-8") as fh:
            diag = json.load(fh)
    except OSError as e:
        raise ReportError(f"{path}: cannot read it ({e.strerror}): is {work} a history_match.py work directory?") from None
    except json.JSONDecodeError as e:
        raise ReportError(f"{path}: not valid JSON: {e}") from None
    plausible = None
    if "plausible" in diag:
        path = os.path.join(work, "plausible.csv")
        try:
            with open(path, encoding="utf-8") as fh:
                rows = list(csv.reader(fh))
        except OSError as e:
            raise ReportError(f"{path}: cannot read it ({e.strerror}); diagnostics.json says the calibration "
                              "finished") from None
        header = rows[0]
        values = np.array([[float(v) for v in r] for r in rows[1:] if r], dtype=float).reshape(-1, len(header))
        plausible = {name: values[:, j] for j, name in enumerate(header)}
    return diag, plausible


def validation_summary(validation):
    z = np.array([e for t in validation.get("targets", {}).values() for e in t["standardised_errors"]], dtype=float)
    if not len(z):
        return None
    worst = max(validation["targets"].items(), key=lambda kv: (max(abs(e) for e in kv[1]["standardised_errors"]), kv[0]))
    return {"n": len(z), "within_2": float(np.mean(np.abs(z) <= 2)), "within_3": float(np.mean(np.abs(z) <= 3)),
            "max": float(np.max(np.abs(z))), "worst": worst[0]}


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]


def section(work, diag, plausible, plot_dir_rel):
    params = diag["parameters"]
    targets = diag["targets"]
    waves = diag["waves"]
    settings = diag.get("settings", {})
    overrides = diag.get("overrides", {})
    out = [BEGIN,
           "<!-- written by analysis/calibration_report.py from a history_match.py work directory; do not edit by "
           "hand: run it again (--check tells whether this is up to date) -->", ""]
    given = ", ".join(f"`--{k.replace('_', '-')} {v}`" for k, v in overrides.items() if k != "set")
    given += "".join(f", `--set {k}={v}`" for k, v in overrides.get("set", {}).items())
    fixed = ", ".join(f"`{k}: {v}`" for k, v in settings.get("set", {}).items())
    cal_file = os.path.join(os.path.abspath(work), diag["calibration"])  # relative to the work directory
    out.append(f"Calibration `{shown_path(cal_file)}` (`{diag['name']}`), work directory "
               f"`{os.path.basename(os.path.normpath(work))}`: {len(params)} parameters, {len(targets)} targets, "
               f"measure `{diag['measure']}`, cut-off {diag['cutoff']:g}"
               + (f", seed {settings['seed']}" if "seed" in settings else "")
               + (f"; every run with {fixed}" if fixed else "") + ". "
               + (f"{len(waves)} of {settings['waves']} waves ran" if "waves" in settings else f"{len(waves)} waves ran")
               + (f", with {given.lstrip(', ')} on the command line" if given else "") + ".")
    if "stopped_after_wave" in diag:
        out.append(f"It was stopped after wave {diag['stopped_after_wave']} (`--stop-after-wave`): there are no "
                   "plausible sets yet, only the waves below.")
    if "stopped" in diag:
        out.append(f"It stopped early: {diag['stopped']}.")
    out.append("")

    out.append("**Waves.** The share of the space ruled out is cumulative over waves, on one fixed Latin-hypercube "
               "sample of the box; the emulators' validation is on the held-back points (standardised errors "
               "z = (y − E[f]) / sqrt(Var_em + Var_mean), pooled over the targets, of which the largest |z| is "
               "named; for a good emulator about 95% lie within ±2 and almost all within ±3).")
    out.append("")
    rows = []
    for w in waves:
        before = w.get("candidates_non_implausible_before")
        v = validation_summary(w["validation"])
        rows.append([w["wave"], w["points"], w["replicates"], w["training_points"],
                     "the whole box" if w["wave"] == 1 else
                     ("the region left by earlier waves" if before is None else
                      f"the {pct(before)} of the box left by earlier waves"),
                     pct(w["share_of_space_ruled_out"]), w["validation"].get("held_back", 0),
                     *(["—"] * 4 if v is None else
                       [pct(v["within_2"]), pct(v["within_3"]), f"{v['max']:.2f}", f"`{v['worst']}`"])])
    out += table(["wave", "points", "replicates", "training points", "design drawn from", "space ruled out",
                  "held back", "errors within ±2", "within ±3", "largest error", "worst-predicted target"], rows)
    out.append("")
    out.append("Share of the space each target's emulator alone rules out (|I| > cut-off), by wave:")
    out.append("")
    out += table(["target"] + [f"wave {w['wave']}" for w in waves],
                 [[f"`{t['name']}`"] + [pct(w["share_ruled_out_by_target"][t["name"]]) for w in waves] for t in targets])
    out.append("")

    if plausible is not None:
        p = diag["plausible"]
        out.append(f"**Result.** {pct(p['non_implausible_share'])} of the box is non-implausible under every wave "
                   f"({round(p['non_implausible_share'] * p['sampled']):,} of {p['sampled']:,} sampled sets; "
                   f"{p['written']:,} of them in `plausible.csv`); {p['runs_non_implausible']:,} of the {p['runs']:,} runs "
                   "are non-implausible (`plausible_runs.csv`).")
        out.append("")
        out.append("The plausible sets' range of each parameter against its prior range (the share is the width of "
                   "the plausible range over the prior's):")
        out.append("")
        rows = []
        for prm in params:
            x = plausible[prm["path"]]
            if len(x):
                rows.append([f"`{prm['path']}`", f"[{num(prm['min'])}, {num(prm['max'])}]", num(x.min()),
                             num(np.median(x)), num(x.max()), pct((x.max() - x.min()) / (prm["max"] - prm["min"]))])
            else:
                rows.append([f"`{prm['path']}`", f"[{num(prm['min'])}, {num(prm['max'])}]", "—", "—", "—", "—"])
        out += table(["parameter", "prior range", "plausible min", "median", "max", "of the prior range"], rows)
        out.append("")
        out.append("**Which targets bind.** Each target's implausibility over the plausible sets (from "
                   "`plausible.csv`, under the last wave's emulators) and over the last wave's runs, the largest "
                   "median first; a target whose median is near the cut-off is the one that shapes the region.")
        out.append("")
        runs = waves[-1]["runs"] if waves else []
        rows = []
        for t in targets:
            x = plausible.get(f"I_{t['name']}", np.zeros(0))
            r = np.array([run["implausibility"][t["name"]] for run in runs], dtype=float)
            rows.append((float(np.median(x)) if len(x) else -1.0, t["name"], [
                f"`{t['name']}`", num(t["observed"]), num(t["sd"]), num(t["discrepancy_sd"]),
                f"{np.median(x):.2f}" if len(x) else "—", f"{np.max(x):.2f}" if len(x) else "—",
                f"{np.median(r):.2f}" if len(r) else "—"]))
        rows.sort(key=lambda row: (-row[0], row[1]))
        out += table(["target", "observed", "sd", "discrepancy sd", "median I, plausible sets",
                      "max I, plausible sets", "median I, last wave's runs"], [r[2] for r in rows])
        out.append("")
    if plausible is not None:  # a stopped calibration has no plots of its own
        out.append("Plots (copied from the work directory's `plots/`):")
        out.append("")
        for name, what in zip(PLOTS, ("the plausible sets and the runs, pair by pair",
                                      "each target's band against the runs' outputs, by wave")):
            out.append(f"![{what}]({plot_dir_rel}/{name})")
            out.append("")
    out.append(END)
    return "\n".join(out) + "\n"


def splice(doc_text, generated):
    """The doc with its generated section replaced (or inserted after the History matching section)."""
    lines = doc_text.splitlines(keepends=True)
    if BEGIN + "\n" in lines and END + "\n" in lines:
        b, e = lines.index(BEGIN + "\n"), lines.index(END + "\n")
        if e < b:
            raise ReportError(f"the marker '{END}' comes before '{BEGIN}'")
        return "".join(lines[:b]) + generated + "".join(lines[e + 1:])
    if BEGIN in doc_text or END in doc_text:
        raise ReportError(f"the doc has only one of the markers '{BEGIN}' and '{END}' (each on a line of its own)")
    start = next((i for i, l in enumerate(lines) if l.startswith(AFTER)), None)
    if start is None:
        raise ReportError(f"the doc has neither the markers nor a heading '{AFTER}' to put them after")
    nxt = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    head = "".join(lines[:nxt])
    if not head.endswith("\n"):
        head += "\n"
    if not head.endswith("\n\n"):
        head += "\n"
    tail = "".join(lines[nxt:])
    return head + HEADING + "\n\n" + generated + ("\n" + tail if tail else "")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("work_dir")
    ap.add_argument("--doc", default=os.path.join(ROOT, "docs", "calibration.md"))
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if the doc is out of date")
    args = ap.parse_args(argv)
    plot_dir = os.path.join(os.path.dirname(os.path.abspath(args.doc)), "calibration")
    try:
        diag, plausible = read_work_dir(args.work_dir)
        try:
            with open(args.doc, encoding="utf-8") as fh:
                doc_text = fh.read()
        except OSError as e:
            raise ReportError(f"{args.doc}: cannot read it ({e.strerror})") from None
        new_text = splice(doc_text, section(args.work_dir, diag, plausible, "calibration"))
        plots = []
        for name in PLOTS if plausible is not None else ():
            src = os.path.join(args.work_dir, "plots", name)
            if not os.path.isfile(src):
                # The committed result keeps its plots only beside the doc (calibration/*.hm/plots/ is not in
                # git): a check of a fresh clone then checks the text and that the doc's plots exist.
                if args.check and os.path.isfile(os.path.join(plot_dir, name)):
                    continue
                raise ReportError(f"{src}: missing (history_match.py writes it when the calibration finishes)")
            plots.append((src, os.path.join(plot_dir, name)))
    except ReportError as e:
        print(f"calibration_report: {e}", file=sys.stderr)
        return 2
    if args.check:
        stale = [] if new_text == doc_text else [f"{args.doc}: its generated section"]
        for src, dst in plots:
            if not os.path.isfile(dst) or open(src, "rb").read() != open(dst, "rb").read():
                stale.append(dst)
        if stale:
            print("calibration_report: out of date with " + args.work_dir + ": " + "; ".join(stale) +
                  f" (run analysis/calibration_report.py {args.work_dir} --doc {args.doc})", file=sys.stderr)
            return 1
        return 0
    os.makedirs(plot_dir, exist_ok=True)
    for src, dst in plots:
        shutil.copyfile(src, dst + ".partial")
        os.replace(dst + ".partial", dst)
    if new_text != doc_text:
        with open(args.doc + ".partial", "w", encoding="utf-8") as fh:
            fh.write(new_text)
        os.replace(args.doc + ".partial", args.doc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
