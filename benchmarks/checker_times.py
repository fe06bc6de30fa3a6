"""Time the exercise checker in a real Jupyter kernel, as a learner meets it.

    python benchmarks/checker_times.py            # 5 runs of each measurement

In one fresh kernel (started through nbclient): how long ``check()`` takes with each
exercise's reference answer (what a learner's right answer costs), and how long a check
of an endless loop and of ``time.sleep(60)`` takes to come back with the package's own
time limit. Prints medians over the runs, as Markdown tables.
"""

from __future__ import annotations

import argparse
import json

import nbformat
from nbclient import NotebookClient

MEASURE = """\
import importlib, io, json, pkgutil, statistics, time
from contextlib import redirect_stdout
import torch
import lstm_course.exercises as package
from lstm_course.exercises import check, find, running

torch.set_num_threads(1)
ids = [i for _, m, _ in pkgutil.iter_modules(package.__path__) if m.startswith("lesson")
       for i in importlib.import_module(f"lstm_course.exercises.{m}").EXERCISES]

def timed(exercise_id, answer):
    start = time.perf_counter()
    with redirect_stdout(io.StringIO()):
        check(exercise_id, answer)
    return time.perf_counter() - start

def spin(output):
    while True:
        pass

def nap(output):
    time.sleep(60)

runs = RUNS
result = {"limit": running.TIME_LIMIT_S,
          "right": {i: statistics.median(timed(i, find(i).reference_answer())
                                         for _ in range(runs)) for i in ids},
          "spin": statistics.median(timed("01.2", spin) for _ in range(runs)),
          "sleep": statistics.median(timed("01.2", nap) for _ in range(runs))}
print(json.dumps(result))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        MEASURE.replace("RUNS", str(runs)))])
    NotebookClient(notebook, kernel_name="python3", timeout=3600).execute()
    text = "".join(o.get("text", "") for o in notebook.cells[0].outputs)
    result = json.loads(text.strip().splitlines()[-1])
    print(f"Time limit: {result['limit']:g} s; medians of {runs} runs in one kernel.\n")
    print("| answer to 01.2 | check() returns after |\n| --- | --- |")
    print(f"| endless loop | {result['spin']:.2f} s |")
    print(f"| time.sleep(60) | {result['sleep']:.2f} s |")
    print("\n| exercise | check() with the right answer |\n| --- | --- |")
    for exercise_id, seconds in result["right"].items():
        print(f"| {exercise_id} | {seconds * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
