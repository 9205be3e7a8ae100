"""analysis/report.py makes a one-page, self-contained HTML brief from real run files, with the numbers of the
real `iasim compare`: it renders in headless Chromium with the network blocked, every image loads, nothing is
fetched, no script fails, and scenario names are HTML-escaped. A missing input is refused with status 2 and
leaves no brief behind."""
import glob
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import matplotlib.image as mpimg
import numpy as np

from e2e import IASIM, SOURCE, check, iasim, run_renamed, run_small, tmpdir

REPORT = os.path.join(SOURCE, "analysis", "report.py")
PYTHON = sys.executable if sys.executable.startswith("/usr/bin") else "/usr/bin/python3"
sys.path.insert(0, os.path.join(SOURCE, "analysis"))
import report  # noqa: E402  (its number format, to find the binary's numbers in the page)

chromium = shutil.which("chromium")
check(chromium is not None, "chromium is not installed: run scripts/install-deps (it renders the HTML brief)")

d = tmpdir()
a = run_small("baseline_2015", os.path.join(d, "baseline.h5"))
b = run_small("vageng_merger", os.path.join(d, "merger.h5"))
# A name that breaks HTML unless escaped: a quote, an ampersand and a '<'.
odd_name = 'Jobs "first" & <b>more</b> <script>'
c = run_renamed("supported_employment", odd_name, os.path.join(d, "odd.h5"))
files = [a, b, c]

brief = os.path.join(d, "brief.html")
r = subprocess.run([PYTHON, REPORT, *files, "-o", brief, "--iasim", IASIM], capture_output=True, text=True,
                   timeout=120)
check(r.returncode == 0, f"report.py failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
check(os.path.isfile(brief), "report.py wrote no brief")
check(not [p for p in os.listdir(d) if p.endswith(".tmp")], f"temporary files left behind: {os.listdir(d)}")
page = open(brief, encoding="utf-8").read()

# Self-contained: nothing to fetch. Every src is inline data, no external scripts or style sheets, no web fonts.
for attr in re.findall(r"""\b(?:src|href)\s*=\s*["']?([^"'\s>]*)""", page, re.I):
    check(attr.startswith("data:image/"), f"the brief refers to something outside itself: {attr[:80]!r}")
check(not re.search(r"(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", page, re.I), "a src/href to the network")
check(not re.search(r"<script[^>]*\bsrc\b", page, re.I), "a <script src>")
check(not re.search(r"<link\b", page, re.I), "a <link>")
check(not re.search(r"@import|@font-face|url\(", page, re.I), "CSS that loads something")
check(page.count("<script") == 1, "more than the one self-check script")

# The sections, in order.
sections = ["how-to-read", "comparison", "outcomes", "subgroups", "cost-effectiveness", "scenarios", "provenance"]
at = [page.find(f"id='{s}'") for s in sections]
check(all(i >= 0 for i in at) and at == sorted(at), f"sections missing or out of order: {dict(zip(sections, at))}")
text = re.sub(r"<[^>]+>", " ", page)
check("common random numbers" in text and "parameter" in text and "95%" in text, "no 'how to read this'")
check(report.MISSING not in page, f"a section says '{report.MISSING}': this iasim's compare lacks --by subgroup "
      "or cost_effectiveness, which report.py needs")


def section(name):
    i = page.find(f"id='{name}'")
    return page[i:page.find("</section>", i)]


# The comparison table holds every metric of the binary's JSON, with the binary's numbers.
js = json.loads(iasim("compare", *files, "--format", "json").stdout)
table = section("comparison")
check("<table" in table, "no comparison table")
for m in js["metrics"]:
    check(f"data-metric='{m['name']}'" in table, f"metric {m['name']} is not in the table")
    row = table[table.find(f"data-metric='{m['name']}'"):]
    row = row[:row.find("</tr>")]
    for v in m["values"]:
        mean, interval = report.fmt_interval(v)
        check(mean in row and interval in row, f"{m['name']}: {mean} {interval} (iasim compare) not in {row[:300]}")
        if "diff" in v:
            mean, interval = report.fmt_interval(v["diff"], sign=True)
            check(mean in row and interval in row, f"{m['name']}: difference {mean} {interval} not in the row")
    check(row.count("n.s.") == sum(1 for v in m["values"][1:] if not v["diff"]["significant"]),
          f"{m['name']}: non-significant differences not marked")

# Scenario names are escaped everywhere; the raw name never appears.
check(odd_name not in page and "<b>more</b>" not in page and "<script>" not in page.replace(report.SELF_CHECK, ""),
      "a scenario name went into the page unescaped")
check(html.escape(odd_name) in page, "the odd scenario name is not in the page (escaped)")

# Figures: the outcome plot, the subgroup forest plot and the cost-effectiveness plane, inline PNG.
for name in ("outcomes", "subgroups", "cost-effectiveness"):
    check("<img src=\"data:image/png;base64," in section(name), f"no figure in section {name}")
ce = section("cost-effectiveness")
check("Cost per extra person in work" in ce and "Net cost per extra person in work" in ce, "no cost per person")
ce_js = js["cost_effectiveness"]
check(ce_js[0] is None and len(ce_js) == len(files), f"cost_effectiveness: {ce_js!r:.200}")
for e in ce_js[1:]:
    for key in ("cost_per_extra_person_nok", "net_cost_per_extra_person_nok"):
        v = e[key]
        shown = (report.FEWER if e["quadrant"].startswith("less_work") else
                 report.NOT_DEFINED if not v["bounded"] else f"NOK {report.fmt(v['estimate'], 0)}")
        check(html.escape(shown) in ce, f"{e['scenario']} {key}: the brief does not say {shown!r}")

# Scenario descriptions and provenance.
scen = section("scenarios")
for p in files:
    ds = report.f.open_run(p)
    desc = report.description(ds)
    check(desc and html.escape(desc) in scen, f"{p}: its description is not in the brief")
    prov = section("provenance")
    check(html.escape(os.path.abspath(p)) in prov, f"{p}: its path is not in the provenance")
    for k in report.PROVENANCE:
        check(html.escape(str(ds.attrs[k])) in prov, f"{p}: {k} = {ds.attrs[k]} is not in the provenance")

# Rendering: headless Chromium with every host name unresolvable. The self-check script marks the body.
def chromium_run(*args):
    profile = tempfile.mkdtemp(prefix="iasim-chromium-")
    try:
        return subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                               "--no-first-run", "--disable-extensions", f"--user-data-dir={profile}",
                               '--host-resolver-rules=MAP * ~NOTFOUND', "--enable-logging=stderr", "--v=0",
                               "--virtual-time-budget=5000", *args, "file://" + brief],
                              capture_output=True, text=True, timeout=90)
    except subprocess.TimeoutExpired:
        check(False, f"chromium {' '.join(args)} did not finish in 90 s")
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(stderr):
    return [line for line in stderr.splitlines() if "Uncaught" in line or "CONSOLE" in line]


shot = os.path.join(d, "brief.png")
r = chromium_run(f"--screenshot={shot}", "--window-size=1200,3000")
check(r.returncode == 0 and os.path.isfile(shot), f"chromium took no screenshot ({r.returncode}):\n{r.stderr[-3000:]}")
check(not console_errors(r.stderr), "console errors while rendering:\n" + "\n".join(console_errors(r.stderr)))
img = mpimg.imread(shot)[..., :3]
nonwhite = float((img.min(axis=2) < 0.95).mean())
colours = len(np.unique((img * 255).astype(np.uint8).reshape(-1, 3), axis=0))
check(nonwhite > 0.03 and colours > 200, f"the screenshot looks blank: {nonwhite:.3f} non-white, {colours} colours")

r = chromium_run("--dump-dom")
check(r.returncode == 0, f"chromium --dump-dom failed ({r.returncode}):\n{r.stderr[-3000:]}")
check(not console_errors(r.stderr), "console errors while loading:\n" + "\n".join(console_errors(r.stderr)))
body = re.search(r"<body[^>]*>", r.stdout)
check(body is not None and 'data-brief="ok"' in body.group(0),
      f"the page's self-check did not pass: {body.group(0) if body else r.stdout[:500]}")

# Bad input: a missing file is named, exit status 2, and no brief (nor a temporary file) is left.
bad_dir = os.path.join(d, "bad")
os.mkdir(bad_dir)
missing = os.path.join(d, "no-such-run.h5")
r = subprocess.run([PYTHON, REPORT, a, missing, "-o", os.path.join(bad_dir, "brief.html"), "--iasim", IASIM],
                   capture_output=True, text=True, timeout=60)
check(r.returncode == 2, f"missing file: status {r.returncode}, not 2\n{r.stderr}")
check("no-such-run.h5" in r.stderr and len(r.stderr.strip().splitlines()) == 1,
      f"missing file: not one line naming it: {r.stderr!r}")
check(os.listdir(bad_dir) == [], f"missing file: left {os.listdir(bad_dir)}")
# A file iasim compare refuses: its message, naming the file, status 2, nothing left.
junk = os.path.join(d, "junk.h5")
with open(junk, "w") as fh:
    fh.write("not hdf5")
r = subprocess.run([PYTHON, REPORT, a, junk, "-o", os.path.join(bad_dir, "brief.html"), "--iasim", IASIM],
                   capture_output=True, text=True, timeout=60)
check(r.returncode == 2 and "junk.h5" in r.stderr and len(r.stderr.strip().splitlines()) == 1,
      f"junk file: status {r.returncode}, stderr {r.stderr!r}")
check(os.listdir(bad_dir) == [], f"junk file: left {os.listdir(bad_dir)}")
check(not glob.glob(os.path.join(d, ".*.tmp")), "temporary files left behind")
print("ok")
