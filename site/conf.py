"""Sphinx configuration of the course website: built from the committed notebooks, never re-executed."""

project = "LSTMs in PyTorch"
extensions = ["myst_nb", "sphinx_togglebutton", "sphinx_copybutton"]
html_theme = "sphinx_book_theme"
html_theme_options = {"use_download_button": True}
myst_enable_extensions = ["dollarmath", "colon_fence"]
nb_execution_mode = "off"
exclude_patterns = ["_build", "node_modules"]
# No CDN: these local paths are filled by `make site` from node_modules (see issue 14; not yet wired).
