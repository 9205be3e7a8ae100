#!/usr/bin/python3
"""A one-page HTML brief for policy readers: scenarios compared with a reference, with intervals, figures,
scenario descriptions and provenance, in ONE self-contained file (figures inline as PNG data: URIs, inline CSS,
nothing loaded from the network).

usage: report.py A.h5 B.h5 [C.h5 ...] -o brief.html [--iasim PATH] [--at YYYY-MM-DD]

A.h5 is the reference; every other file is compared with it. The numbers are the binary's: the brief runs
`iasim compare ... --format json` (and `--by subgroup`) and shows what it says; the outcome time series come
from the files (analysis/iasim_files.py, the figure of plot_outcomes.py). --iasim defaults to $IASIM, else
build/sim/cli/iasim under the repository root.

Errors (a file missing or unreadable, iasim compare failing) print one line on stderr naming the file and exit
with status 2; the brief is written to a temporary file beside it and renamed at the end, so a failed run leaves
no brief behind.
"""
import argparse
import base64
import datetime
import html
import io
import json
import math
import os
import subprocess
import sys
import tempfile

os.environ["MPLBACKEND"] = "Agg"  # figures go into the page, never to a screen (plot_outcomes reads this)
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
import yaml  # noqa: E402

import iasim_files as f  # noqa: E402
from plot_outcomes import outcomes_figure  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The subgroup forest plot shows, of the metrics compare can split by subgroup, people in work (the first of
# these present) and job starts.
FOREST_METRICS = (("in_work", "ordinary_job"), ("hires",))
MISSING = "not in this iasim's compare output"
NOT_DEFINED = "not defined (extra in work includes 0)"
FEWER = "not defined (fewer in work)"
PROVENANCE = ("iasim_version", "git_commit", "seed", "replicates", "horizon_years", "command_line")


class Failure(Exception):
    """A one-line reason the brief cannot be made."""


# ---------------------------------------------------------------------------------------------- numbers as text
def _finite(x):
    return x is not None and isinstance(x, (int, float)) and math.isfinite(x)


def decimals(*xs):
    """Decimals that show a value of this size usefully (the largest of xs decides)."""
    a = max((abs(x) for x in xs if _finite(x)), default=0.0)
    if a >= 100:
        return 0
    if a >= 10:
        return 1
    if a >= 1:
        return 2
    if a >= 0.01:
        return 3
    return 4


def fmt(x, places=None, sign=False):
    """A number as the brief prints it: thousands separated, a real minus sign, '–' where there is none."""
    if not _finite(x):
        return "–"
    places = decimals(x) if places is None else places
    s = f"{x:{'+' if sign else ''},.{places}f}"
    if float(s.replace(",", "")) == 0:
        s = f"{0:.{places}f}"  # no "-0" or "+0"
    return s.replace("-", "\u2212")


def fmt_interval(v, sign=False):
    """(mean, "[low, high]") of a {mean, low95, high95} object, all three with the same decimals; over parameter
    sets, the share of the interval's variance from the parameters follows ("par 62%")."""
    p = decimals(v.get("mean"), v.get("low95"), v.get("high95"))
    ci = f"[{fmt(v.get('low95'), p, sign)}, {fmt(v.get('high95'), p, sign)}]"
    if _finite(v.get("parameter_share")):
        ci += f" par {100 * v['parameter_share']:.0f}%"
    return fmt(v.get("mean"), p, sign), ci


def esc(x):
    return html.escape(str(x), quote=True)


# --------------------------------------------------------------------------------------------- inputs and iasim
def default_iasim():
    return os.environ.get("IASIM") or os.path.join(ROOT, "build", "sim", "cli", "iasim")


def check_readable(path):
    if not os.path.exists(path):
        raise Failure(f"{path}: no such file")
    if not os.path.isfile(path):
        raise Failure(f"{path}: not a file")
    try:
        with open(path, "rb") as fh:
            fh.read(8)
    except OSError as e:
        raise Failure(f"{path}: cannot read it ({e.strerror})")


def run_compare(iasim, files, extra):
    cmd = [iasim, "compare", *files, *extra, "--format", "json"]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as e:
        raise Failure(f"cannot run iasim {iasim}: {e.strerror}")
    return cmd, r


def first_line(text):
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def compare_failure(files, r):
    why = first_line(r.stderr) or first_line(r.stdout) or "no message"
    if not any(p in why for p in files):
        why += f" (files: {', '.join(files)})"
    return Failure(f"iasim compare failed with status {r.returncode}: {why}")


def parse_json(r, what):
    try:
        return json.loads(r.stdout)
    except json.JSONDecodeError as e:
        raise Failure(f"iasim compare {what} printed no JSON ({e})")


def compare(iasim, files, at):
    """(main JSON, subgroup JSON or None when this iasim cannot split by subgroup, the commands run)."""
    extra = ["--at", at] if at else []
    cmd, r = run_compare(iasim, files, extra)
    if r.returncode != 0:
        raise compare_failure(files, r)
    main = parse_json(r, "--format json")
    by_cmd, r = run_compare(iasim, files, ["--by", "subgroup", *extra])
    if r.returncode != 0:
        msg = r.stderr.lower()
        if "--by" in msg and any(w in msg for w in ("unrecognised", "unrecognized", "unknown")):
            return main, None, [cmd]
        raise compare_failure(files, r)
    return main, parse_json(r, "--by subgroup"), [cmd, by_cmd]


def open_runs(files):
    runs = []
    for p in files:
        try:
            runs.append(f.open_run(p))
        except Exception as e:  # noqa: BLE001 — any reader error: name the file, say why
            raise Failure(f"{p}: cannot read it as an iasim run file ({type(e).__name__}: {first_line(str(e))})")
    return runs


def iasim_version(iasim):
    try:
        r = subprocess.run([iasim, "--version"], capture_output=True, text=True, timeout=30)
        return first_line(r.stdout) or first_line(r.stderr)
    except (OSError, subprocess.SubprocessError):
        return ""


def description(ds):
    try:
        doc = yaml.safe_load(ds.attrs.get("scenario_yaml", "")) or {}
    except yaml.YAMLError:
        return None
    d = doc.get("description") if isinstance(doc, dict) else None
    return " ".join(str(d).split()) if d else None


# ------------------------------------------------------------------------------------------------------ figures
def color(j):
    return f"C{j % 10}"  # file j's colour, as in the outcome plot (one line per file, default colour cycle)


def label(name):
    return str(name).replace("$", r"\$")  # no mathtext in scenario names


def png(fig, alt, dpi=100):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{esc(alt)}">'


def outcome_plot(runs, at):
    fig, axes = outcomes_figure(runs, cols=4, panel=(3.6, 2.7))
    if at:
        for ax in axes:
            ax.axvline(datetime.datetime.fromisoformat(at), color="0.4", lw=0.8, ls=":")
    fig.suptitle(f"National outcomes, mean and 95% interval over {runs[0].sizes['replicate']} replicates"
                 + (f" (dotted: {at}, the date of the table)" if at else ""), fontsize=11)
    fig.tight_layout()
    return png(fig, "national outcomes over time, one line and band per scenario")


def forest_metrics(by_json):
    have = {m["name"]: m for m in by_json.get("metrics", [])}
    chosen = [next(have[n] for n in names if n in have) for names in FOREST_METRICS if any(n in have for n in names)]
    return chosen or list(by_json.get("metrics", []))[:2]


def forest_plot(by_json, names):
    metrics = forest_metrics(by_json)
    if not metrics:
        return None
    groups = by_json.get("groups", [])
    # Rows top to bottom: a header per kind of group, then its groups.
    rows, y = [], 0.0
    kind = None
    for g in groups:
        if g.get("kind") != kind:
            kind = g.get("kind")
            rows.append(("kind", str(kind).replace("_", " "), y))
            y += 1
        rows.append(("group", g["group"], y))
        y += 1
    ypos = {name: yy for what, name, yy in rows if what == "group"}
    n_other = len(names) - 1
    width = 0.6 / max(n_other, 1)
    fig, axes = plt.subplots(1, len(metrics), figsize=(5.0 * len(metrics), 0.34 * len(rows) + 1.6), sharey=True,
                             squeeze=False)
    for ax, m in zip(axes[0], metrics):
        for g in m.get("groups", []):
            if g["group"] not in ypos:
                continue
            for j in range(1, len(names)):
                d = (g["values"][j] if j < len(g["values"]) else {}).get("diff") or {}
                mean, lo, hi = d.get("mean"), d.get("low95"), d.get("high95")
                if not _finite(mean):
                    continue
                yy = ypos[g["group"]] + (j - 1 - (n_other - 1) / 2) * width
                xerr = [[mean - lo if _finite(lo) else 0], [hi - mean if _finite(hi) else 0]]
                ax.errorbar(mean, yy, xerr=xerr, fmt="o", color=color(j), ms=5, capsize=2.5, lw=1.3,
                            mfc=color(j) if d.get("significant") else "white")
        ax.axvline(0, color="black", lw=0.9)
        ax.set_title(f"{m['name']} ({m.get('unit', '')})", fontsize=10)
        ax.set_xlabel(f"difference to {label(names[0])}")
        ax.grid(axis="x", color="0.9")
    ax0 = axes[0][0]
    ax0.set_yticks([yy for _, _, yy in rows])
    ax0.set_yticklabels([name for _, name, _ in rows])
    for tick, (what, _, _) in zip(ax0.get_yticklabels(), rows):
        if what == "kind":
            tick.set_fontweight("bold")
        else:
            tick.set_fontsize(9)
    ax0.set_ylim(y - 0.4, -0.6)
    handles = [Line2D([], [], marker="o", color=color(j), ms=5, label=label(names[j])) for j in range(1, len(names))]
    if handles:
        fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 4), fontsize=9, frameon=False,
                   bbox_to_anchor=(0.5, -0.02))
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return png(fig, "subgroup forest plot: paired differences with 95% intervals")


def ce_plot(entries, names):
    fig, ax = plt.subplots(figsize=(7.0, 4.8))
    for j, e in entries:
        reps = e.get("replicates") or {}
        xs, ys = reps.get("extra_in_work") or [], reps.get("extra_cost_mnok") or []
        pts = [(x, y) for x, y in zip(xs, ys) if _finite(x) and _finite(y)]
        if pts:
            ax.scatter([p[0] for p in pts], [p[1] for p in pts], color=color(j), alpha=0.3, s=22, lw=0)
        w, c = e.get("extra_in_work") or {}, e.get("extra_cost_mnok") or {}
        if _finite(w.get("mean")) and _finite(c.get("mean")):
            def err(v):
                lo, hi, m = v.get("low95"), v.get("high95"), v["mean"]
                return [[m - lo if _finite(lo) else 0], [hi - m if _finite(hi) else 0]]
            ax.errorbar(w["mean"], c["mean"], xerr=err(w), yerr=err(c), fmt="s", color=color(j), ms=6, capsize=4,
                        lw=1.5, label=label(names[j]))
    ax.axhline(0, color="black", lw=0.8)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel(f"extra people in work vs {label(names[0])}")
    ax.set_ylabel(f"extra cost vs {label(names[0])} (MNOK)")
    ax.grid(color="0.92")
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=9)
    ax.set_title("Cost-effectiveness plane: replicates (light) and mean with 95% intervals", fontsize=10)
    fig.tight_layout()
    return png(fig, "cost-effectiveness plane: extra people in work against extra cost")


# --------------------------------------------------------------------------------------------------------- page
CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #1b1b1b; background: #fff; margin: 0 auto; padding: 1.2em 1.6em 2em; max-width: 1150px;
       line-height: 1.4; font-size: 15px; }
h1 { font-size: 1.55em; margin: 0.2em 0 0.1em; }
h2 { font-size: 1.15em; margin: 1.4em 0 0.4em; border-bottom: 2px solid #d8dee6; padding-bottom: 0.15em; }
.sub { color: #555; margin: 0 0 0.8em; }
.howto { background: #f3f6f9; border-left: 4px solid #4a7bb7; padding: 0.6em 0.9em; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.4em 0; }
th, td { padding: 0.28em 0.6em; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
th { background: #eef1f5; text-align: left; }
td.num, td.per { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.per { white-space: normal; max-width: 14em; }
table.comparison td:first-child { max-width: 19em; }
.ci { color: #666; font-size: 0.88em; }
.desc { color: #666; font-size: 0.85em; }
td.sig { font-weight: 600; }
td.ns, td.ns .ci { color: #9a9a9a; font-weight: normal; }
.mark { font-size: 0.78em; color: #9a9a9a; margin-left: 0.3em; }
.note { color: #8a5a00; background: #fff7e6; border-left: 4px solid #e0a030; padding: 0.4em 0.8em; }
figure { margin: 0.4em 0; }
figure img { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.88em; }
dl dt { font-weight: 600; margin-top: 0.5em; }
dl dd { margin: 0.1em 0 0 1.2em; }
code { font-size: 0.85em; overflow-wrap: anywhere; }
table.provenance td { font-size: 0.92em; }
footer { color: #777; font-size: 0.85em; margin-top: 2em; }
@page { size: A4; margin: 12mm; }
@media print { body { font-size: 10.5pt; max-width: none; padding: 0; }
               figure, table, .howto { break-inside: avoid; } }
"""

SELF_CHECK = """<script>
window.addEventListener("load", function () {
  var bad = 0;
  for (var i = 0; i < document.images.length; i++) {
    var img = document.images[i];
    if (!(img.complete && img.naturalWidth > 0)) bad++;
  }
  document.body.dataset.brief = bad ? "broken: " + bad + " images" : "ok";
});
</script>"""

# Enforced by the browser as well: nothing but inline data may load.
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def comparison_table(js, runs):
    names = [fl["scenario"] for fl in js["files"]]
    described = {}
    for ds in reversed(runs):  # the reference's words first, where files' tables differ
        described.update({m["name"]: m.get("description", "") for m in f.metric_table(ds)})
    head = ["<th>Outcome</th>", "<th>Unit</th>", f"<th>{esc(names[0])}<br><span class='desc'>reference</span></th>"]
    for n in names[1:]:
        head.append(f"<th>{esc(n)}</th>")
        head.append(f"<th>{esc(n)} \u2212 reference<br><span class='desc'>paired difference</span></th>")
    body = []
    for m in js["metrics"]:
        cells = [f"<td><b>{esc(m['name'])}</b><br><span class='desc'>{esc(described.get(m['name'], ''))}</span></td>",
                 f"<td>{esc(m.get('unit', ''))}</td>"]
        for j, v in enumerate(m["values"]):
            mean, ci = fmt_interval(v)
            cells.append(f"<td class='num'>{mean}<br><span class='ci'>{ci}</span></td>")
            if j == 0:
                continue
            d = v.get("diff") or {}
            mean, ci = fmt_interval(d, sign=True)
            if d.get("significant"):
                cells.append(f"<td class='num diff sig'>{mean}<br><span class='ci'>{ci}</span></td>")
            else:
                cells.append(f"<td class='num diff ns'><span class='mark' title='the interval includes 0'>n.s.</span>"
                             f" {mean}<br><span class='ci'>{ci}</span></td>")
        body.append(f"<tr data-metric='{esc(m['name'])}'>{''.join(cells)}</tr>")
    return (f"<table class='comparison' id='comparison-table'><thead><tr>{''.join(head)}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def per_person(v, quadrant=None):
    """Cost per extra person in work, as text: the estimate and its interval, or why there is none."""
    if quadrant and quadrant.startswith("less_work"):
        return FEWER
    if not v or not v.get("bounded") or not _finite(v.get("estimate")):
        return NOT_DEFINED
    p = 0
    return (f"NOK {fmt(v['estimate'], p)}<br><span class='ci'>[{fmt(v.get('low95'), p)}, "
            f"{fmt(v.get('high95'), p)}]</span>")


def ce_section(js, names):
    ce = js.get("cost_effectiveness")
    if ce is None:
        return f"<p class='note'>Cost-effectiveness: {MISSING}.</p>"
    entries = [(j, e) for j, e in enumerate(ce) if j > 0 and e]
    if not entries:
        return "<p class='note'>Cost-effectiveness: no scenario to compare with the reference.</p>"
    rows = []
    for j, e in entries:
        cells = [f"<td>{esc(e.get('scenario', names[j]))}</td>"]
        for key, sign in (("extra_in_work", True), ("extra_cost_mnok", True), ("extra_net_cost_mnok", True)):
            mean, ci = fmt_interval(e.get(key) or {}, sign=sign)
            cells.append(f"<td class='num'>{mean}<br><span class='ci'>{ci}</span></td>")
        cells.append(f"<td class='per'>{per_person(e.get('cost_per_extra_person_nok'), e.get('quadrant'))}</td>")
        cells.append(f"<td class='per'>{per_person(e.get('net_cost_per_extra_person_nok'), e.get('quadrant'))}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    table = ("<table class='ce' id='ce-table'><thead><tr><th>Scenario</th><th>Extra people in work</th>"
             "<th>Extra cost (MNOK)</th><th>Extra net cost after benefits saved (MNOK)</th>"
             "<th>Cost per extra person in work</th><th>Net cost per extra person in work</th></tr></thead>"
             f"<tbody>{''.join(rows)}</tbody></table>")
    fig = ce_plot(entries, names)
    return (f"<figure>{fig}<figcaption>Each light point is one replicate's paired difference to "
            f"{esc(names[0])}; the square is the mean, its bars the 95% intervals on each axis. Points to the right "
            "are more people in work, points above cost more.</figcaption></figure>" + table +
            "<p class='desc'>Net cost: the extra cost less the benefits (AAP) no longer paid. A cost per extra "
            "person is given only when the difference in people in work is clearly above 0.</p>")


def subgroup_section(by_json, names):
    if by_json is None or "groups" not in by_json:
        return f"<p class='note'>Subgroup differences (<code>--by subgroup</code>): {MISSING}.</p>"
    fig = forest_plot(by_json, names)
    if fig is None:
        return "<p class='note'>Subgroup differences: compare split no metric by subgroup.</p>"
    shown = ", ".join(esc(m["name"]) for m in forest_metrics(by_json))
    return (f"<figure>{fig}<figcaption>Paired difference to {esc(names[0])} in each subgroup ({shown}), with its "
            "95% interval; filled: the interval excludes 0, open: it includes 0. The vertical line is no "
            "difference.</figcaption></figure>")


def page(files, js, by_json, runs, commands, iasim, at_arg):
    names = [fl["scenario"] for fl in js["files"]]
    ref, others = names[0], names[1:]
    at, reps, sets = js.get("at"), js.get("replicates"), js.get("parameter_sets")
    made = datetime.datetime.now().astimezone()
    title = f"{', '.join(others)} compared with {ref}"
    runs_text = (f"{esc(sets)} calibrated parameter sets &times; {esc(reps // sets)} replicates" if sets
                 else f"{esc(reps)} replicates")
    parts = [f"<h1>{esc(title)}</h1>",
             f"<p class='sub'>iasim brief &middot; outcomes at {esc(at)} &middot; {runs_text} per "
             f"scenario &middot; made {esc(made.strftime('%Y-%m-%d'))}</p>"]
    if sets:
        how = (f"Each scenario was simulated {esc(reps // sets)} times (replicates) at each of {esc(sets)} parameter "
               f"sets that the calibration against NAV's register could not rule out (docs/calibration.md). The table "
               f"gives each scenario's outcome on {esc(at)} with its 95% interval in brackets, and the difference to "
               f"the reference, <b>{esc(ref)}</b>. Differences are paired by set and replicate: under common random "
               "numbers each pair meets the same chance events, so a difference reflects the policy change rather "
               "than luck. Intervals <b>include uncertainty about the parameters</b>: they say where the outcome "
               "would lie under another set from the calibrated region, and <i>par N%</i> says how much of that "
               "width comes from the parameters rather than from chance (more replicates shrink only the rest). "
               "A difference marked <span class='mark'>n.s.</span> (grey) has an interval that includes 0: the runs "
               "cannot tell it from no difference.")
    else:
        how = (f"Each scenario was simulated {esc(reps)} times (replicates). The table gives each scenario's outcome "
               f"on {esc(at)} as the mean over replicates with its 95% interval in brackets, and the difference to "
               f"the reference, <b>{esc(ref)}</b>. Differences are paired by replicate: under common random numbers "
               "replicate <i>k</i> of every scenario meets the same chance events, so a difference reflects the "
               "policy change rather than luck. Intervals are 95% Monte Carlo intervals over replicates: they say "
               "how precisely the simulation pins down the mean for the model's parameters as set, and do "
               "<b>not</b> include uncertainty about those parameters. A difference marked "
               "<span class='mark'>n.s.</span> (grey) has an interval that includes 0: the runs cannot tell it "
               "from no difference.")
    parts.append(f"<section id='how-to-read'><h2>How to read this</h2><p class='howto'>{how}</p></section>")
    parts.append(f"<section id='comparison'><h2>Key outcomes on {esc(at)}</h2>{comparison_table(js, runs)}</section>")
    parts.append("<section id='outcomes'><h2>Outcomes over time</h2><figure>" + outcome_plot(runs, at) +
                 "<figcaption>National totals; counts from the start are shown per output step. Line: mean over "
                 "replicates; band: its 95% interval.</figcaption></figure></section>")
    parts.append(f"<section id='subgroups'><h2>Who gains: differences by subgroup</h2>"
                 f"{subgroup_section(by_json, names)}</section>")
    parts.append(f"<section id='cost-effectiveness'><h2>Costs and people in work</h2>{ce_section(js, names)}</section>")
    items = []
    for name, ds in zip(names, runs):
        d = description(ds)
        items.append(f"<dt>{esc(name)}</dt><dd>{esc(d) if d else '<i>no description in the scenario</i>'}</dd>")
    parts.append(f"<section id='scenarios'><h2>Scenarios</h2><dl>{''.join(items)}</dl></section>")
    head = "".join(f"<th>{esc(k)}</th>" for k in ("file", "scenario", *PROVENANCE))
    rows = []
    for p, name, ds in zip(files, names, runs):
        cells = [f"<td><code>{esc(os.path.abspath(p))}</code></td>", f"<td>{esc(name)}</td>"]
        for k in PROVENANCE:
            v = ds.attrs.get(k, "–")
            cells.append(f"<td><code>{esc(v)}</code></td>" if k == "command_line" else f"<td>{esc(v)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    ran = "".join(f"<li><code>{esc(' '.join(c))}</code></li>" for c in commands)
    version = iasim_version(iasim)
    parts.append(
        f"<section id='provenance'><h2>Provenance</h2><table class='provenance'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        f"<p>Brief made <span id='made'>{esc(made.strftime('%Y-%m-%d %H:%M %Z'))}</span> by "
        f"<code>analysis/report.py</code> with <code>{esc(iasim)}</code>"
        f"{' (' + esc(version) + ')' if version else ''}"
        f"{', at ' + esc(at_arg) if at_arg else ''}; the numbers are what these commands printed:</p>"
        f"<ul>{ran}</ul></section>")
    parts.append("<footer>iasim — agent-based simulation of NAV / IA collaboration. Model results, not "
                 "observations.</footer>")
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{esc('iasim brief: ' + title)}</title><style>{CSS}</style></head>\n"
            f"<body data-brief='pending'>\n" + "\n".join(parts) + f"\n{SELF_CHECK}\n</body></html>\n")


def write_atomically(path, text):
    out_dir = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix="." + os.path.basename(path) + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+", metavar="RUN.h5", help="the reference first, then the scenarios")
    ap.add_argument("-o", "--output", required=True, help="the HTML file to write")
    ap.add_argument("--iasim", default=None, help="the iasim binary (default: $IASIM, else build/sim/cli/iasim)")
    ap.add_argument("--at", default=None, metavar="YYYY-MM-DD", help="compare at this date (default: the end)")
    args = ap.parse_args(argv)
    if len(args.files) < 2:
        ap.error("need a reference and at least one file to compare with it")
    iasim = args.iasim or default_iasim()
    try:
        for p in args.files:
            check_readable(p)
        out_dir = os.path.dirname(os.path.abspath(args.output))
        if not os.path.isdir(out_dir):
            raise Failure(f"{args.output}: directory {out_dir} does not exist")
        js, by_json, commands = compare(iasim, args.files, args.at)
        runs = open_runs(args.files)
        text = page(args.files, js, by_json, runs, commands, iasim, args.at)
        write_atomically(args.output, text)
    except Failure as e:
        print(f"report.py: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"report.py: {e.filename or args.output}: {e.strerror}", file=sys.stderr)
        return 2
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
