"""Helpers for end-to-end tests: run the real iasim binary on small, fast versions of real scenarios."""
import json
import os
import subprocess
import sys
import tempfile

IASIM = os.environ["IASIM"]
SOURCE = os.environ["IASIM_SOURCE"]
SCENARIOS = os.path.join(SOURCE, "scenarios")

# A small national run: every county and mechanism, a tenth of the people, a short horizon.
SMALL = ["--set", "run.population_scale=0.1", "--horizon", "2", "--replicates", "3", "--quiet"]


def iasim(*args, check=True, **kw):
    r = subprocess.run([IASIM, *args], capture_output=True, text=True, **kw)
    if check and r.returncode != 0:
        sys.exit(f"iasim {' '.join(args)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return r


def run_small(scenario, out, *extra):
    iasim("run", os.path.join(SCENARIOS, scenario + ".yaml"), "-o", out, *SMALL, *extra)
    return out


def run_renamed(scenario, name, out, *extra):
    """A small run of `scenario` under another name (any text: the YAML carries it JSON-quoted)."""
    yaml_path = os.path.splitext(out)[0] + ".yaml"
    with open(yaml_path, "w", encoding="utf-8") as f:
        f.write(f"extends: {os.path.join(SCENARIOS, scenario + '.yaml')}\nname: {json.dumps(name)}\n")
    iasim("run", yaml_path, "-o", out, *SMALL, *extra)
    return out


def tmpdir():
    return tempfile.mkdtemp(prefix="iasim-e2e-")


def check(cond, msg):
    if not cond:
        sys.exit("FAILED: " + msg)
