"""The explorer's page: one self-contained `index.html` (styles, script and data inside), so it opens from file://.

The data sits in a `<script type="application/json">` tag, escaped so that no text in it (a `</script>` in a
sentence, an `&`, a line separator) can end the tag or be read as markup; the script parses it with
`JSON.parse`, so nothing is fetched and no server is needed.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path
from typing import Any

from proofloom.atomic import write_text_atomic
from proofloom.explorer.records import Site

PAGE = "index.html"
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def embed_json(value: Any) -> str:
    """`value` as JSON that is safe inside a script tag: `<`, `>`, `&` and the line separators escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return "".join(_ESCAPES.get(char, char) for char in text)


def page_html(site: Site) -> str:
    """The whole page."""
    assets = resources.files("proofloom.explorer")
    style = assets.joinpath("explorer.css").read_text(encoding="utf-8")
    script = assets.joinpath("explorer.js").read_text(encoding="utf-8")
    return (
        "<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(site.title)}: proofloom explorer</title><style>{style}</style></head><body>"
        f"<header><h1>{html.escape(site.title)}</h1><div class='source'>{html.escape(site.source)}</div></header>"
        "<div id='filters'><span id='count'></span></div>"
        "<main><ul id='list'></ul><section id='detail'></section></main>"
        f"<script type='application/json' id='proofloom-data'>{embed_json(site.to_json())}</script>"
        f"<script>{script}</script></body></html>\n"
    )


def write_site(site: Site, folder: Path) -> Path:
    """Write the page into `folder` atomically; the path written."""
    path = folder / PAGE
    write_text_atomic(path, page_html(site))
    return path
