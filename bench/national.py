#!/usr/bin/python3
"""The national baseline benchmark (issue: performance at national scale).

Runs bench/model_bench — baseline_2015 at national scale (19 counties, 457 offices, ~40,800 young people
plus inflow, ~194,000 employer establishments), 10 simulated years — several times per configuration and
prints medians and ratios measured in this one run:

  1 thread, 1 replicate            the reference: one national replicate
  2 threads, 1 replicate           counties in parallel within one run
  1 thread, 2 replicates           two replicates one after the other
  2 threads, 2 replicates          replicates in parallel
  1 thread, 1 replicate, scale 10  ten times the people and employers

With --reference OTHER_BUILD (a build of an earlier commit, e.g. aee8259), that build's model_bench runs the
1-thread and scale-10 configurations in the same rounds, and the ratios new / reference are printed with their
spread: the issue's bound for richer models is at most 1.3x the reference on one thread, and 10x the population
at most 11x the time.

usage: bench/national.py [--build build] [--runs 5] [--years 10] [--reference OTHER_BUILD]
Targets (docs/performance.md): < 2 s per replicate on one thread; < 512 MiB; x1.4 within a run and x1.7 for
replicates in parallel on two threads; 10x the population costs at most 12x the time (the performance issue), at
most 11x for the richer models (the pathways issue's bound, which every later model issue keeps).
"""
import argparse
import re
import statistics
import subprocess
import sys


def run(binary, **kw):
    args = [binary] + [f"--{k}={v}" for k, v in kw.items()]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    wall = float(re.search(r"wall_s=([\d.]+)", out).group(1))
    rss = float(re.search(r"peak_rss_mib=([\d.]+)", out).group(1))
    events = int(re.search(r"events=(\d+)", out).group(1))
    agents = re.search(r"persons=(\d+) employers=(\d+) offices=(\d+)", out).groups()
    return wall, rss, events, agents


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--years", type=float, default=10)
    ap.add_argument("--reference", help="a build directory of an earlier commit to compare with, run by run")
    args = ap.parse_args()
    binary = f"{args.build}/bench/model_bench"
    configs = {
        "1 thread, 1 replicate": dict(threads=1, replicates=1, scale=1),
        "2 threads, 1 replicate": dict(threads=2, replicates=1, scale=1),
        "1 thread, 2 replicates": dict(threads=1, replicates=2, scale=1),
        "2 threads, 2 replicates": dict(threads=2, replicates=2, scale=1),
        "1 thread, 1 replicate, scale 10": dict(threads=1, replicates=1, scale=10),
    }
    reference = {
        "reference: 1 thread, 1 replicate": dict(threads=1, replicates=1, scale=1),
        "reference: 1 thread, 1 replicate, scale 10": dict(threads=1, replicates=1, scale=10),
    } if args.reference else {}
    results = {}
    # Interleave configurations run by run, so that a burst of load elsewhere hits them all alike.
    for _ in range(args.runs):
        for name, cfg in configs.items():
            results.setdefault(name, []).append(run(binary, years=args.years, **cfg))
        for name, cfg in reference.items():
            results.setdefault(name, []).append(run(f"{args.reference}/bench/model_bench", years=args.years, **cfg))
    print(f"{'configuration':34} {'median s':>9} {'events/s':>11} {'peak MiB':>9}  agents (persons, employers, offices)")
    med = {}
    for name, rs in results.items():
        wall = statistics.median(r[0] for r in rs)
        med[name] = wall
        rss = max(r[1] for r in rs)
        print(f"{name:34} {wall:9.3f} {rs[0][2] / wall:11.0f} {rss:9.1f}  {', '.join(rs[0][3])}")
    print()
    within = med["1 thread, 1 replicate"] / med["2 threads, 1 replicate"]
    across = med["1 thread, 2 replicates"] / med["2 threads, 2 replicates"]
    growth = med["1 thread, 1 replicate, scale 10"] / med["1 thread, 1 replicate"]

    # The same ratio within each round (configurations of one round ran back to back): its spread shows how
    # much load elsewhere on the machine moved the medians.
    def spread(num, den):
        r = [a[0] / b[0] for a, b in zip(results[num], results[den])]
        return f"rounds {min(r):.2f}..{max(r):.2f}"

    print(f"speed-up on 2 threads within one run (counties in parallel): x{within:.2f}  (target >= 1.4)  "
          + spread("1 thread, 1 replicate", "2 threads, 1 replicate"))
    print(f"speed-up on 2 threads, replicates in parallel:               x{across:.2f}  (target >= 1.7)  "
          + spread("1 thread, 2 replicates", "2 threads, 2 replicates"))
    print(f"cost of 10x the population:                                  x{growth:.2f}  (target <= 11)  "
          + spread("1 thread, 1 replicate, scale 10", "1 thread, 1 replicate"))
    print(f"one national replicate on one thread:                        {med['1 thread, 1 replicate']:.2f} s  (target < 2)")
    if reference:
        ratio = med["1 thread, 1 replicate"] / med["reference: 1 thread, 1 replicate"]
        ref_growth = med["reference: 1 thread, 1 replicate, scale 10"] / med["reference: 1 thread, 1 replicate"]
        print(f"one national replicate against the reference build:          x{ratio:.2f}  (target <= 1.3)  "
              + spread("1 thread, 1 replicate", "reference: 1 thread, 1 replicate"))
        print(f"scale 10 against the reference build:                        x"
              f"{med['1 thread, 1 replicate, scale 10'] / med['reference: 1 thread, 1 replicate, scale 10']:.2f}  "
              + spread("1 thread, 1 replicate, scale 10", "reference: 1 thread, 1 replicate, scale 10"))
        print(f"cost of 10x the population in the reference build:           x{ref_growth:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
