#!/usr/bin/python3
"""What a national run costs with its output written (issue: the analyst's view; the richer output may cost at
most 15% of a national run's time).

Times the real binary, `iasim run scenarios/baseline_2015.yaml` at national scale over 10 years, writing its
file, in two configurations, and with --reference OTHER_BUILD the same runs of an earlier build (e.g. dbf772f,
before outputs by subgroup, office, broker, durations and costs) in the same rounds, interleaved run by run so
that load elsewhere hits both alike. Prints the median wall and CPU time of each, the ratios new / reference
with their spread over rounds and the ratio of the best runs (least disturbed by other load on a shared
machine), and the files' sizes.

  1 thread, 1 replicate       one national replicate on one core
  2 threads, 10 replicates    the main job's run of one scenario

usage: bench/run_output.py [--build build] [--reference OTHER_BUILD] [--runs 5] [--source .]
"""
import argparse
import os
import resource
import statistics
import subprocess
import tempfile
import time

CONFIGS = {
    "1 thread, 1 replicate": ["--threads", "1", "--replicates", "1"],
    "2 threads, 10 replicates": ["--threads", "2", "--replicates", "10"],
}


def cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(binary, scenario, args, out):
    """Wall time, CPU time (user + system, less disturbed by other load than wall time) and the file's size."""
    t, c = time.perf_counter(), cpu_seconds()
    subprocess.run([binary, "run", scenario, "-o", out, "--force", "--quiet", *args], check=True)
    return time.perf_counter() - t, cpu_seconds() - c, os.path.getsize(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--reference", help="a build directory of an earlier commit, run in the same rounds")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--source", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--years", default="10")
    args = ap.parse_args()
    scenario = os.path.join(args.source, "scenarios", "baseline_2015.yaml")
    builds = {"new": os.path.join(args.build, "sim", "cli", "iasim")}
    if args.reference:
        builds["reference"] = os.path.join(args.reference, "sim", "cli", "iasim")
    times = {(b, c): [] for b in builds for c in CONFIGS}
    cpu = {(b, c): [] for b in builds for c in CONFIGS}
    sizes = {}
    with tempfile.TemporaryDirectory(prefix="iasim-bench-") as d:
        for _ in range(args.runs):
            for c, extra in CONFIGS.items():
                for b, binary in builds.items():
                    wall, used, size = run(binary, scenario, [*extra, "--horizon", args.years],
                                           os.path.join(d, f"{b}.h5"))
                    times[(b, c)].append(wall)
                    cpu[(b, c)].append(used)
                    sizes[(b, c)] = size
    for c in CONFIGS:
        line = f"{c:26s}"
        for b in builds:
            line += (f"  {b}: median {statistics.median(times[(b, c)]):6.2f} s wall, "
                     f"{statistics.median(cpu[(b, c)]):6.2f} s CPU, file {sizes[(b, c)] / 2**20:6.1f} MiB")
        print(line)
        if args.reference:
            for what, series in (("wall", times), ("CPU", cpu)):
                ratios = [n / r for n, r in zip(series[("new", c)], series[("reference", c)])]
                best = min(series[("new", c)]) / min(series[("reference", c)])
                print(f"{'':26s}  new / reference, {what:4s}: median x{statistics.median(ratios):.3f} "
                      f"(rounds from x{min(ratios):.3f} to x{max(ratios):.3f}); best of each x{best:.3f}")


if __name__ == "__main__":
    main()
