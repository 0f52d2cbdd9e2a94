"""The one Jinja environment: templates ship inside the package, autoescape is on for HTML and SVG
so that no content (an item name from the catalog, a terminal name typed by hall staff) can
inject markup into a page or an image."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("guides", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "svg", "xml", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
