"""What the interactive explorers share: fresh layouts, and figures as PNG bytes and HTML."""

from __future__ import annotations

import base64
import io

import ipywidgets as widgets
from matplotlib.figure import Figure


# Layouts are widgets, shared by every view that holds one: each call makes a fresh one.
def wrapping_row() -> widgets.Layout:
    """A row whose items wrap below each other when the notebook is narrow."""
    return widgets.Layout(flex_flow="row wrap", align_items="flex-start")


def fit_width() -> widgets.Layout:
    """A picture at its own size, shrunk to fit a narrow column."""
    return widgets.Layout(flex="0 1 auto", align_self="flex-start", max_width="100%",
                          height="auto")


def png(fig: Figure, dpi: int) -> bytes:
    """The figure as PNG bytes, small enough to store in a notebook."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


def img_html(picture: bytes) -> str:
    """An ``<img>`` tag that carries ``picture`` itself, for HTML shown without a kernel."""
    return (f'<img src="data:image/png;base64,{base64.b64encode(picture).decode("ascii")}" '
            f'style="max-width: 100%">')
