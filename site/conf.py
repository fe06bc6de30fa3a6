"""Sphinx configuration of the course website, built from the committed notebooks (never re-run).

``tools/site_pages.py`` writes the lesson pages and the generated fragments before Sphinx reads
them, and copies the JavaScript the pages load from ``node_modules`` (``npm ci``): no CDN.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]  # this checkout's lstm_course and site_pages

project = "LSTMs in PyTorch"
author = 'The "LSTMs in PyTorch" contributors'
copyright = f"2026, {author}; code MIT, lesson text and figures CC BY 4.0"
language = "en"
extensions = ["myst_nb", "sphinx_togglebutton", "sphinx_copybutton", "site_pages"]
exclude_patterns = ["_build", "_gen", "explorer", "es", "README.md"]  # es/: its own build
suppress_warnings = ["mystnb.unknown_mime_type"]

html_theme = "sphinx_book_theme"
html_title = project
html_theme_options = {
    "use_download_button": True,
    "show_toc_level": 1,
    "home_page_in_toc": True,
    "navigation_with_keys": False,
    # A link to the same page in the other language, before the theme's buttons.
    "article_header_end": ["language-switch", "article-header-buttons"],
}
templates_path = ["_templates"]
html_context = {"default_mode": "auto"}  # light or dark as the reader's system prefers
html_static_path = ["_static", "_gen/static"]
html_css_files = ["course.css"]
html_js_files = ["course.js"]
html_extra_path = ["_gen/extra"]  # with site/explorer/ copied in, where it exists
html_last_updated_fmt = None

myst_enable_extensions = ["dollarmath", "colon_fence"]
myst_heading_anchors = 3
nb_execution_mode = "off"
# Local copies, never a CDN (paths relative to _static/).
mathjax_path = "vendor/mathjax/tex-mml-chtml.js"
nb_ipywidgets_js = {"vendor/require.js": {}, "vendor/embed-amd.js": {}}
