"""Dynamic time warping (DTW): the distance behind 1-nearest-neighbour, the classic baseline
for short recordings of different lengths.

DTW aligns two sequences ``a`` (``T_a`` steps) and ``b`` (``T_b`` steps) of the same number
of features, letting either stretch in time, and adds up the squared Euclidean distance of
the aligned frames along the cheapest alignment (no warping window, as "full" DTW):
``D[i, j] = |a_i - b_j|² + min(D[i-1, j], D[i, j-1], D[i-1, j-1])``, distance ``D[T_a-1, T_b-1]``.
"""

from __future__ import annotations

import torch
from torch import Tensor
from torch.nn.utils.rnn import pad_sequence

from lstm_course._checks import require_elements, require_int, require_items, require_tensor
from lstm_course.i18n import _


def _check(name: str, sequences: list[Tensor]) -> None:
    layout = _("a non-empty list of 2-D tensors (T_i, H_in)")
    require_items(name, sequences, Tensor, layout,
                  _("Pass e.g. [torch.randn(5, 12), torch.randn(7, 12)]."), empty=False)
    for index, sequence in enumerate(sequences):
        require_tensor(f"{name}[{index}]", sequence, ranks=(2,), kind="float", layout=_(
            "a recording (T_i, H_in) with at least one step"), empty=False)


def dtw_distances(queries: list[Tensor], references: list[Tensor],
                  chunk: int = 64) -> Tensor:
    """The DTW distance of every query to every reference: a ``(len(queries), len(references))``
    tensor. Each sequence is ``(T_i, H_in)``; ``chunk`` queries (or references) go at a time."""
    _check("queries", queries)
    _check("references", references)
    require_int("chunk", chunk, minimum=1)
    if len({s.shape[1] for s in [*queries, *references]}) != 1:
        raise ValueError(_("every sequence must have the same number of features H_in, got "
                           "{sizes}.").format(sizes=sorted({s.shape[1] for s in
                                                            [*queries, *references]})))
    # The largest block's cost table (Q, R, L_a, L_b) must fit: very long sequences need a
    # smaller chunk.
    require_elements(_("one block of the DTW table"), min(chunk, len(queries))
                     * min(4 * chunk, len(references)) * max(map(len, queries))
                     * max(map(len, references)), _("Pass a smaller chunk, e.g. chunk=8."))
    dtype = torch.promote_types(queries[0].dtype, references[0].dtype)
    # Blocks of sequences of similar length waste little work on padding.
    q_order = sorted(range(len(queries)), key=lambda n: len(queries[n]))
    r_order = sorted(range(len(references)), key=lambda n: len(references[n]))
    out = torch.empty(len(queries), len(references), dtype=dtype)
    for q_start in range(0, len(queries), chunk):
        q_rows = torch.tensor(q_order[q_start:q_start + chunk])
        block = [queries[n].to(dtype) for n in q_rows]
        for r_start in range(0, len(references), 4 * chunk):
            r_rows = torch.tensor(r_order[r_start:r_start + 4 * chunk])
            refs = [references[n].to(dtype) for n in r_rows]
            out[q_rows[:, None], r_rows[None, :]] = _block(
                pad_sequence(block, batch_first=True), torch.tensor([len(q) - 1 for q in block]),
                pad_sequence(refs, batch_first=True), torch.tensor([len(r) - 1 for r in refs]))
    return out


def _block(qs: Tensor, q_last: Tensor, refs: Tensor, ref_last: Tensor) -> Tensor:
    """DTW of a padded block of queries ``(Q, L_a, H)`` to padded references ``(R, L_b, H)``.

    The table is filled one anti-diagonal ``k = i + j`` at a time (``L_a + L_b - 1`` steps
    for every pair at once): ``D[i, j]`` needs only diagonals ``k - 1`` and ``k - 2``.
    Padding never reaches a real pair's end cell, as ``D[i, j]`` depends only on cells
    above and to the left of it, so each pair's distance is read at its own last steps.
    """
    cost = ((qs ** 2).sum(-1)[:, None, :, None] + (refs ** 2).sum(-1)[None, :, None, :]
            - 2 * torch.einsum("qah,rbh->qrab", qs, refs)).clamp_min(0)  # (Q, R, L_a, L_b)
    length_a, length_b = cost.shape[2:]
    # Skew the table so that anti-diagonal k is a plain slice: diagonals[k][..., i] is
    # cost[..., i, k - i], or inf where k - i is outside 0..L_b - 1. Padding each row with
    # L_a infs and re-reading the flat rows one column shorter shifts row i right by i.
    padded = torch.nn.functional.pad(cost, (0, length_a), value=float("inf")).flatten(2)
    width = length_a + length_b - 1
    diagonals = padded[..., :length_a * width].unflatten(2, (length_a, width))
    diagonals = diagonals.movedim(-1, 0).contiguous()  # (L_a + L_b - 1, Q, R, L_a)
    # Diagonals k - 2, k - 1 and k, each with an inf in front: [..., i + 1] holds D[i, k - i].
    before, current, new = torch.full((3, *cost.shape[:2], length_a + 1), float("inf"),
                                      dtype=cost.dtype)
    current[..., 1] = cost[..., 0, 0]  # diagonal 0: paths start at (0, 0)
    ends = q_last[:, None] + ref_last[None, :]  # the diagonal of each pair's end cell
    index = (q_last + 1)[:, None, None].expand(-1, cost.shape[1], 1)
    out = torch.where(ends == 0, current.gather(2, index)[..., 0], float("inf"))
    for k in range(1, width):
        # D[i - 1, j] and D[i, j - 1] sit on diagonal k - 1, D[i - 1, j - 1] on k - 2.
        torch.minimum(current[..., :-1], current[..., 1:], out=new[..., 1:])
        torch.minimum(new[..., 1:], before[..., :-1], out=new[..., 1:])
        new[..., 1:] += diagonals[k]
        before, current, new = current, new, before
        out = torch.where(ends == k, current.gather(2, index)[..., 0], out)
    return out
