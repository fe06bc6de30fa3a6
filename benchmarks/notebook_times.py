"""Time each lesson: median wall time and peak memory over several fresh-kernel runs.

    make benchmark                      # every lesson, 3 runs each
    python benchmarks/notebook_times.py --runs 5 notebooks/01_lstm_fundamentals.ipynb

Each run executes the whole notebook in a new kernel (kernel start included, as a
learner experiences it) on a copy; the committed notebook is never changed.
Peak memory is the kernel process's maximum resident set size. Prints a
Markdown table for the README.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from execute_notebooks import execute, lesson_paths  # noqa: E402

PEAK_MEMORY_CELL = (
    "import resource, sys\n"
    "_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "print(_peak * (1 if sys.platform == 'darwin' else 1024))  # bytes"
)


def measure(path: Path) -> tuple[float, int]:
    """Execute ``path`` once in a fresh kernel; return (seconds, peak bytes)."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PEAK_MEMORY_CELL))
    start = time.perf_counter()
    execute(nb, path.parent)
    seconds = time.perf_counter() - start
    peak = int(nb.cells[-1].outputs[0]["text"].strip())
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to time (default: every lesson)")
    parser.add_argument("--runs", type=int, default=3, help="runs per notebook (default 3)")
    args = parser.parse_args()

    rows = []
    for path in lesson_paths(args.notebooks):
        runs = []
        for run in range(args.runs):
            runs.append(measure(path))
            print(f"{path.name} run {run + 1}/{args.runs}: {runs[-1][0]:.1f} s", file=sys.stderr)
        times = [seconds for seconds, _ in runs]
        rows.append((path.name, statistics.median(times), min(times), max(times),
                     max(peak for _, peak in runs)))

    print(f"\n| notebook | median s | min s | max s | peak memory MiB |  ({args.runs} runs each)")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, median, low, high, peak in rows:
        print(f"| {name} | {median:.1f} | {low:.1f} | {high:.1f} | {peak / 2**20:.0f} |")
    total = sum(row[1] for row in rows)
    print(f"| **total** | **{total:.1f}** | | | |")


if __name__ == "__main__":
    main()
