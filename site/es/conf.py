"""Sphinx configuration of the Spanish edition (built into ``_build/html/es``): the English
edition's settings (``../conf.py``) in Spanish, from ``notebooks/es/``, loading the English
edition's copies of MathJax, require.js and the widget renderer instead of copying them again.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conf import *  # noqa: E402, F403 (the English edition's settings, then what differs)

project = html_title = "LSTMs en PyTorch"
language = "es"
exclude_patterns = ["_build", "_gen"]
templates_path = ["../_templates"]
html_static_path = ["../_static"]
html_extra_path = ["_gen/extra"]
# Relative to this edition's _static/: the English edition's files, one folder up.
mathjax_path = "../../_static/vendor/mathjax/tex-mml-chtml.js"
nb_ipywidgets_js = {"../../_static/vendor/require.js": {},
                    "../../_static/vendor/embed-amd.js": {}}
