"""The one Jinja environment: templates ship inside the package, autoescape is on for HTML and SVG
so that no content (an item name from the catalog, a terminal name typed by hall staff) can
inject markup into a page or an image.

Every page exists in Chinese and in English; a template says both with ``tx("中文", "English")``
and picks a content text's language with ``text|loc`` (the page's ``lang`` decides).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context


@pass_context
def _tx(ctx: Context, zh: str, en: str) -> str:
    return zh if ctx["lang"] == "zh" else en


@pass_context
def _loc(ctx: Context, text: Any) -> str:
    """A content text (zh, en) in the page's language; English falls back to the Chinese."""
    if ctx["lang"] == "zh":
        return str(text.zh)
    return str(text.en or text.zh)


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("guides", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "svg", "xml", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["tx"] = _tx
    env.filters["loc"] = _loc
    return env
