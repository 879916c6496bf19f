"""Rendering: report data (scorer/report.py) into self-contained HTML pages with Jinja2, and
the trend report's data (scorer/trends_report.py) into one page the same way.

Templates live in the top-level ``templates/`` directory, shipped in the wheel as
``scorer/templates``; ``--templates DIR`` puts a newsroom's own templates first, and any
template it does not provide falls back to the shipped one. Autoescaping is on for every
template: article text, titles and metadata are untrusted.

Each page carries its stylesheet and script inline and a Content-Security-Policy that allows
exactly those two (by SHA-256 hash, computed here at render time) and nothing else: no
request to any host, no other script, no inline event handler, no form, no base URL. The
page works from ``file://``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from scorer.errors import ScorerError
from scorer.report import SHARED

# Highlight colours: scraper junk reads grey and shared passages purple (as in the stories
# section) whatever the registry holds; other families take the palette in registry order
# (Okabe-Ito, colour-blind safe, then more).
FIXED_COLOURS = {"hygiene": "#8c8c8c", SHARED: "#7b3fa0"}
PALETTE = (
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00",
    "#56b4e9", "#b3a000", "#2f6f4f", "#a6761d", "#1f3a93",
)  # fmt: skip
PAGES = {
    "single": "report.html.j2",
    "index": "index.html.j2",
    "stories": "stories.html.j2",
    "article": "article.html.j2",
}
STYLE = "report.css.j2"
SCRIPT = "report.js.j2"
TRENDS = {"page": "trends.html.j2", "style": "trends.css.j2", "script": "trends.js.j2"}
"""The trend report (``scorer track report``): its page, stylesheet and script."""
ARTICLES_DIR = "articles"
STORIES_PAGE = "stories.html"


def shipped_templates() -> Path:
    """The templates that come with scorer: inside the installed package (a wheel), else
    the repository's top-level ``templates/`` (an editable install or a source checkout)."""
    packaged = resources.files("scorer").joinpath("templates")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[1] / "templates"


def _digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def content_security_policy(style: str, script: str) -> str:
    """Nothing but this page's own inline style and script."""
    return (
        "default-src 'none'; "
        f"style-src '{_digest(style)}'; script-src '{_digest(script)}'; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; "
        "object-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def environment(templates: str | Path | None = None) -> jinja2.Environment:
    """Templates from ``templates`` first, then the shipped ones; autoescaping on."""
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        loaders.append(jinja2.FileSystemLoader(str(templates)))
    loaders.append(jinja2.FileSystemLoader(str(shipped_templates())))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_template(env: jinja2.Environment, name: str, **context: Any) -> str:
    """One template rendered; a broken or missing template is a one-line ScorerError."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise ScorerError(
            f"{exc.filename or name}:{exc.lineno}: template error: {exc.message}"
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise ScorerError(f"template {exc.name} not found") from None
    except jinja2.UndefinedError as exc:
        raise ScorerError(f"{name}: template error: {exc.message}") from None


def render_trends(data: dict[str, Any], templates: str | Path | None = None) -> str:
    """The trend report (``scorer/trends_report.py`` data) as one page, under the same
    policy as the report: only its own inline style and script."""
    env = environment(templates)
    style = render_template(env, TRENDS["style"])
    script = render_template(env, TRENDS["script"])
    return render_template(
        env,
        TRENDS["page"],
        report=data,
        style=Markup(style),  # our own stylesheet and script, never data
        script=Markup(script),
        csp=content_security_policy(style, script),
    )


class Renderer:
    """Renders report pages; one instance per report, shared by all of its pages."""

    def __init__(self, overview: dict[str, Any], templates: str | Path | None = None) -> None:
        self.env = environment(templates)
        self.overview = overview
        palette = iter(PALETTE * (1 + len(overview["families"]) // len(PALETTE)))
        self.legend = [
            {
                **family,
                "css": re.sub(r"[^a-z0-9_-]", "-", family["name"].lower()),
                "color": FIXED_COLOURS.get(family["name"]) or next(palette),
            }
            for family in overview["families"]
        ]
        style = self._render(STYLE, legend=self.legend)
        script = self._render(SCRIPT, legend=self.legend)
        self.assets = {
            "style": Markup(style),  # our own stylesheet and script, never article text
            "script": Markup(script),
            "csp": content_security_policy(style, script),
        }

    def _render(self, name: str, **context: Any) -> str:
        return render_template(self.env, name, **context)

    def _page(
        self, name: str, articles: list[dict[str, Any]], links: dict[str, str], **context: Any
    ) -> str:
        return self._render(
            PAGES[name],
            report=self.overview,
            legend=self.legend,
            css={family["name"]: family["css"] for family in self.legend},
            articles=articles,
            pages=links,
            **self.assets,
            **context,
        )

    def single(self, articles: list[dict[str, Any]]) -> str:
        """One page: the overview, the stories and every article's section."""
        links = {row["key"]: "" for row in self.overview["articles"]}
        return self._page("single", articles, links, overview_href="", stories_href="")

    def index(self) -> str:
        """The index page of a split report: the overview, linking to the other pages."""
        links = {
            row["key"]: f"{ARTICLES_DIR}/{row['key']}.html" for row in self.overview["articles"]
        }
        return self._page("index", [], links, overview_href="", stories_href=STORIES_PAGE)

    def stories(self) -> str:
        """The stories page of a split report, beside the index."""
        links = {
            row["key"]: f"{ARTICLES_DIR}/{row['key']}.html" for row in self.overview["articles"]
        }
        return self._page("stories", [], links, overview_href="index.html", stories_href="")

    def article(self, article: dict[str, Any]) -> str:
        """One article's page of a split report (it lives in ``articles/``)."""
        links = {row["key"]: f"{row['key']}.html" for row in self.overview["articles"]}
        rows = self.overview["articles"]
        position = article["number"] - 1
        return self._page(
            "article",
            [article],
            links,
            overview_href="../index.html",
            stories_href=f"../{STORIES_PAGE}",
            previous=rows[position - 1] if position > 0 else None,
            next=rows[position + 1] if position + 1 < len(rows) else None,
        )


def write_split(
    renderer: Renderer, articles: Iterable[dict[str, Any]], folder: Path
) -> Iterator[dict[str, Any]]:
    """Write ``folder/index.html``, ``folder/stories.html`` and ``folder/articles/KEY.html``;
    yields each article's data after its page is written, so the caller can stream it on
    (to ``--data``)."""
    (folder / ARTICLES_DIR).mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(renderer.index(), encoding="utf-8")
    (folder / STORIES_PAGE).write_text(renderer.stories(), encoding="utf-8")
    for article in articles:
        page = folder / ARTICLES_DIR / f"{article['key']}.html"
        page.write_text(renderer.article(article), encoding="utf-8")
        yield article
