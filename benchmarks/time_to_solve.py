"""Time to solve the adding problem: LSTM, GRU and RNN at sequence lengths 50 and 100.

    python benchmarks/time_to_solve.py                       # 3 seeds, at most 3,000 steps
    python benchmarks/time_to_solve.py --seeds 5 --max-steps 5000 --lengths 50

Every model trains as in lesson 05: hidden size 32 (and "RNN-66", an RNN with 66 units,
as many parameters as the 32-unit LSTM), batches of 64 fresh sequences,
Adam with learning rate 0.01, gradients clipped at norm 1, the test MSE of 1,000 fixed
sequences measured every 25 steps. A run is solved at the first evaluation below 0.01;
otherwise it ends after ``--max-steps`` steps. Seconds count the training steps only
(evaluations excluded). Prints a Markdown table for the README: for each model and
length, how many seeds solved it and the median steps and seconds of those that did.
"""

from __future__ import annotations

import argparse
import statistics
import sys

import torch
from torch import nn

from lstm_course.data import adding_problem
from lstm_course.train import History, default_device, fit

# name -> (recurrent layer, hidden size); RNN-66 has as many parameters as the LSTM.
CELLS = {"LSTM": (nn.LSTM, 32), "GRU": (nn.GRU, 32), "RNN": (nn.RNN, 32), "RNN-66": (nn.RNN, 66)}
TARGET = 0.01


class Adder(nn.Module):
    """Lesson 05's model: a recurrent layer, then a linear head on its last hidden state."""

    def __init__(self, cell: type[nn.Module], hidden_size: int = 32) -> None:
        super().__init__()
        self.rnn = cell(input_size=2, hidden_size=hidden_size)
        self.head = nn.Linear(hidden_size, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        output, _ = self.rnn(x)
        return self.head(output[-1]).squeeze(-1)


def solve(cell: type[nn.Module], seq_len: int, seed: int, max_steps: int,
          device: torch.device, hidden_size: int = 32) -> History:
    """Train one model with one seed until its test MSE is below ``TARGET`` or steps run out."""
    x_test, y_test = adding_problem(1000, seq_len, generator=torch.Generator().manual_seed(1234))
    x_test, y_test = x_test.to(device), y_test.to(device)
    torch.manual_seed(seed)
    batches = torch.Generator().manual_seed(seed)
    model = Adder(cell, hidden_size).to(device)

    def mse_loss(model: nn.Module, batch: tuple[torch.Tensor, torch.Tensor]) -> torch.Tensor:
        x, y = batch
        return nn.functional.mse_loss(model(x.to(device)), y.to(device))

    return fit(model, mse_loss, lambda: adding_problem(64, seq_len, generator=batches),
               torch.optim.Adam(model.parameters(), lr=1e-2), steps=max_steps,
               clip_grad_norm=1.0, evaluate=lambda m: nn.functional.mse_loss(m(x_test), y_test),
               eval_every=25, target=TARGET, progress=False)


def row(name: str, seq_len: int, runs: list[History], max_steps: int) -> str:
    """One Markdown table row summarising the runs of one model at one length."""
    solved = [run for run in runs if run.solved_at is not None]
    each = ", ".join(str(run.solved_at) if run.solved_at else "—" for run in runs)
    best = statistics.median(run.best_eval for run in runs)
    if solved:
        steps = f"{statistics.median(run.solved_at for run in solved):,.0f}"
        seconds = f"{statistics.median(run.seconds for run in solved):.1f}"
    else:
        steps, seconds = f"not within {max_steps:,}", "—"
    return (f"| {name} | {seq_len} | {len(solved)} of {len(runs)} | {steps} | {seconds} | "
            f"{each} | {best:.4f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3, help="seeds per model and length (3)")
    parser.add_argument("--max-steps", type=int, default=3000, help="step budget per run (3000)")
    parser.add_argument("--lengths", type=int, nargs="+", default=[50, 100],
                        help="sequence lengths (50 100)")
    parser.add_argument("--models", nargs="+", default=list(CELLS), choices=list(CELLS))
    parser.add_argument("--threads", type=int, default=1,
                        help="CPU threads for torch (1, as in the lesson)")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    device = default_device()
    rows = []
    for seq_len in args.lengths:
        for name in args.models:
            runs = []
            for seed in range(args.seeds):
                runs.append(solve(CELLS[name][0], seq_len, seed, args.max_steps, device,
                                  hidden_size=CELLS[name][1]))
                print(f"{name} length {seq_len} seed {seed}: solved at {runs[-1].solved_at}, "
                      f"{runs[-1].seconds:.1f} s, best test MSE {runs[-1].best_eval:.4f}",
                      file=sys.stderr, flush=True)
            rows.append(row(name, seq_len, runs, args.max_steps))

    print(f"\nSteps and training seconds until the test MSE is below {TARGET} "
          f"({args.seeds} seeds, median of those that solved it; {device}, "
          f"{args.threads} thread{'s' if args.threads > 1 else ''}).\n")
    print("| model | length | solved | median steps | median s | steps per seed "
          "| median best test MSE |")
    print("| --- | ---: | ---: | ---: | ---: | --- | ---: |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
