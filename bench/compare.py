#!/usr/bin/env python3
"""Times two builds of plan side by side, run after run in turn, so that a shared machine's
drift falls on both alike: cold `report --by unit` and `overdue` (no cache) on the bench data,
with the line-scan floor and the fixed cost (the same plan, no progress) of the new build.

    bench/compare.py OLD_PLAN NEW_PLAN [SIZES]     e.g. bench/compare.py /tmp/old/plan build-bench/plan M L

Needs bench/run.sh to have generated the data and built build-bench/line_scan. Prints medians
in milliseconds, new ÷ old, and each build's report ÷ (line scan + fixed cost).
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, PLAN_TODAY="2027-01-01", PLAN_NO_CACHE="1")


def seconds(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, check=True)
    return time.perf_counter() - start


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    old, new = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    rounds = int(os.environ.get("ROUNDS", "15"))
    for size in sys.argv[3:] or ["M", "L"]:
        plan = os.path.join(ROOT, "bench", "data", size, "plan")
        progress = os.path.join(plan, "progress")
        files = sorted(os.path.join(progress, f) for f in os.listdir(progress))
        empty = tempfile.mkdtemp()
        os.mkdir(os.path.join(empty, "progress"))
        for f in ("units.yaml", "tasks.yaml"):
            shutil.copy(os.path.join(plan, f), empty)
        as_of = ["--as-of", "2025-01-01"]
        cmds = {
            "old report": [old, "--plan-dir", plan, "report", "--by", "unit"] + as_of,
            "new report": [new, "--plan-dir", plan, "report", "--by", "unit"] + as_of,
            "old overdue": [old, "--plan-dir", plan, "overdue"] + as_of,
            "new overdue": [new, "--plan-dir", plan, "overdue"] + as_of,
            "line scan": [os.path.join(ROOT, "build-bench", "line_scan")] + files,
            "fixed cost": [new, "--plan-dir", empty, "report", "--by", "unit"] + as_of,
        }
        times = {k: [] for k in cmds}
        for c in cmds.values():
            seconds(c)  # warm-up
        for _ in range(rounds):
            for k, c in cmds.items():
                times[k].append(seconds(c))
        shutil.rmtree(empty)
        med = {k: statistics.median(v) * 1000 for k, v in times.items()}
        floor = med["line scan"] + med["fixed cost"]
        print(f"{size}: " + ", ".join(f"{k} {v:.1f} ms" for k, v in med.items()))
        print(f"{size}: new ÷ old: report {med['new report'] / med['old report']:.2f}, "
              f"overdue {med['new overdue'] / med['old overdue']:.2f}; report ÷ (line scan + "
              f"fixed cost): old {med['old report'] / floor:.1f}×, new {med['new report'] / floor:.1f}×")


if __name__ == "__main__":
    main()
