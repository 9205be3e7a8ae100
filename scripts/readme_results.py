#!/usr/bin/python3
"""The README's results block is what the main job printed: scripts/main-job writes it with --write, and the test
"e2e: readme shows the main job" checks it with --check against a fresh run of the main job.

usage: readme_results.py --write|--check COMPARISON.txt [README.md]
"""
import sys

BEGIN = "<!-- main-job table: written by scripts/main-job; tests/e2e/test_readme.py checks it -->\n```\n"
END = "\n```\n"


def block(readme):
    start = readme.find(BEGIN)
    if start < 0:
        sys.exit(f"readme_results.py: the README has no line {BEGIN.splitlines()[0]!r} before its results table")
    start += len(BEGIN)
    end = readme.find(END, start)
    if end < 0:
        sys.exit("readme_results.py: the README's results table has no closing ```")
    return start, end


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in ("--write", "--check"):
        sys.exit(__doc__)
    mode, table_file = sys.argv[1], sys.argv[2]
    readme_file = sys.argv[3] if len(sys.argv) == 4 else "README.md"
    table = open(table_file, encoding="utf-8").read().rstrip("\n")
    readme = open(readme_file, encoding="utf-8").read()
    start, end = block(readme)
    if mode == "--write":
        with open(readme_file, "w", encoding="utf-8") as f:
            f.write(readme[:start] + table + readme[end:])
        print(f"readme_results.py: {readme_file} now shows {table_file}")
        return
    shown = readme[start:end]
    if shown != table:
        diff = [f"  README: {a}\n  now:    {b}" for a, b in zip(shown.splitlines(), table.splitlines()) if a != b]
        sys.exit(f"{readme_file} does not show what the main job prints now (run scripts/main-job and commit "
                 f"README.md and docs/img/outcomes.png):\n" + "\n".join(diff[:10]))
    print(f"readme_results.py: {readme_file} shows what the main job prints")


main()
