"""Rendering: untrusted article text stays text, the page allows only its own style and
script, templates ship with the package and a newsroom can replace them."""

import base64
import hashlib
import json
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from scorer.render import PAGES, SCRIPT, STYLE, content_security_policy, shipped_templates
from scorer.report import report_command

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CANARY = "__scorerCanary"

# Every field a reader takes from the input is hostile here.
HOSTILE_RECORDS = [
    {
        "id": f'"><script>window.{CANARY}="id"</script>',
        "title": (
            f'<script>window.{CANARY}="title"</script><img src=x '
            f"onerror=\"window.{CANARY}='img'\"><b>Bold</b> {{{{ 7*7 }}}}"
        ),
        "source": f"<svg onload=\"window.{CANARY}='source'\">Evil Source</svg>",
        "published": "2023-08-15",
        "url": f"javascript:window.{CANARY}='url'",
        "text": (
            f"Officials said the plan was a <script>window.{CANARY}='text'</script> disaster.\n\n"
            f'<img src="https://example.com/x.png" onerror="window.{CANARY}=\'img2\'"> Click '
            f"<a href=\"javascript:window.{CANARY}='link'\">here</a> or javascript:alert(1).\n\n"
            '</div></mark></article><iframe src="https://example.com/frame"></iframe>'
            "<style>body{display:none}</style><link rel=stylesheet href=https://example.com/s>\n\n"
            f'"><svg/onload=window.{CANARY}=1> and <a onmouseover="window.{CANARY}=2">hover</a>'
            " - shocking, horrifying, the worst disaster ever! {% raw %} {{ config }}\n\n"
            f'It is absolutely outrageous, critics said. "\'><script>window.{CANARY}=3</script>"'
        ),
    },
    {
        "id": "quoted-url",
        "title": "An ordinary title",
        "text": "A plain article about a plain thing, said the officials on Monday.",
        "url": f'https://example.com/?q="><script>window.{CANARY}=4</script>',
        "source": "Example News",
    },
]


def write_hostile(folder: Path) -> Path:
    """The hostile records as a JSONL corpus in ``folder``."""
    path = folder / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in HOSTILE_RECORDS) + "\n", encoding="utf-8")
    return path


class Page(HTMLParser):
    """Every element with its attributes, and the raw text of script and style elements."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._inside: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in self.raw:
            self._inside = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.raw[self._inside][-1] += data


def render(tmp_path: Path, *args: str) -> str:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        report_command, [str(SEEDS), str(write_hostile(tmp_path)), "-o", str(out), *args]
    )
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8")


def test_hostile_article_renders_as_text(tmp_path: Path) -> None:
    html = render(tmp_path)
    page = Page(html)
    tags = {tag for tag, _ in page.elements}
    assert not tags & {"img", "iframe", "link", "object", "embed", "form", "base", "frame"}
    assert [tag for tag, _ in page.elements].count("script") == 1
    assert [tag for tag, _ in page.elements].count("style") == 1
    assert CANARY not in page.raw["script"][0]
    for tag, attrs in page.elements:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert "style" not in attrs, tag  # the policy forbids inline style attributes
    # The markup of the title and text is shown, escaped.
    assert "&lt;script&gt;window.__scorerCanary=&#34;title&#34;&lt;/script&gt;" in html
    assert "&lt;/div&gt;&lt;/mark&gt;&lt;/article&gt;&lt;iframe" in html
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html
    assert "{{ 7*7 }}" in html and "{% raw %}" in html  # data is never a template


def test_only_web_addresses_become_links_and_they_open_safely(tmp_path: Path) -> None:
    page = Page(render(tmp_path))
    hrefs = [(attrs.get("href") or "", attrs) for tag, attrs in page.elements if tag == "a"]
    assert hrefs
    for href, attrs in hrefs:
        assert not href.lower().lstrip().startswith(("javascript:", "data:", "vbscript:"))
        if href.startswith(("http://", "https://")):
            assert attrs.get("rel") == "noopener noreferrer"
        else:
            assert re.fullmatch(r"(#[\w-]*|[\w./-]*\.html(#[\w-]*)?)", href), href
    external = [h for h, _ in hrefs if h.startswith("https://")]
    assert external == [f'https://example.com/?q="><script>window.{CANARY}=4</script>']


def test_the_policy_allows_exactly_the_pages_own_style_and_script(tmp_path: Path) -> None:
    page = Page(render(tmp_path))
    [policy] = [
        attrs["content"]
        for tag, attrs in page.elements
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policy is not None and policy.startswith("default-src 'none';")
    [style], [script] = page.raw["style"], page.raw["script"]

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert f"style-src 'sha256-{digest(style)}'" in policy
    assert f"script-src 'sha256-{digest(script)}'" in policy
    assert "unsafe-inline" not in policy and "http" not in policy
    assert policy == content_security_policy(style, script)


class Tables(HTMLParser):
    """The class of every table, and whether a ``.table-wrap`` div encloses it (divs are
    always closed in the templates, so a stack of them is exact)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.divs: list[bool] = []  # per open div: is it a table-wrap?
        self.tables: list[tuple[str | None, bool]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div":
            self.divs.append("table-wrap" in classes)
        elif tag == "table":
            self.tables.append((dict(attrs).get("class"), any(self.divs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            self.divs.pop()


def test_every_table_scrolls_sideways_rather_than_clipping(tmp_path: Path) -> None:
    single = render(tmp_path)
    render(tmp_path, "--split")
    pages = [
        single,
        *(p.read_text(encoding="utf-8") for p in (tmp_path / "report").rglob("*.html")),
    ]
    tables = [table for page in pages for table in Tables(page).tables]
    assert {"articles", "members", "refs", "effects"} <= {cls for cls, _ in tables}
    assert [cls for cls, wrapped in tables if not wrapped] == []
    [style] = Page(single).raw["style"]
    assert re.search(r"\.table-wrap \{[^}]*overflow-x: auto", style)


def test_a_newsroom_restyles_the_report_with_its_own_templates(tmp_path: Path) -> None:
    mine = tmp_path / "house"
    mine.mkdir()
    shipped = (shipped_templates() / STYLE).read_text(encoding="utf-8")
    (mine / STYLE).write_text(shipped + "\n.masthead h1 { color: #7a0019; }\n", encoding="utf-8")
    html = render(tmp_path, "--templates", str(mine))
    page = Page(html)
    assert "#7a0019" in page.raw["style"][0]
    assert '<article class="article" id="a6"' in html  # other templates: the shipped ones


def test_a_broken_template_is_a_one_line_error(tmp_path: Path) -> None:
    mine = tmp_path / "house"
    mine.mkdir()
    (mine / PAGES["single"]).write_text("{% for %}", encoding="utf-8")
    result = CliRunner().invoke(
        report_command, [str(SEEDS), "--templates", str(mine), "-o", str(tmp_path / "r.html")]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "report.html.j2:1" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_templates_ship_with_the_package() -> None:
    folder = shipped_templates()
    for name in [*PAGES.values(), STYLE, SCRIPT]:
        assert (folder / name).is_file(), name
    # Templates only loop, branch and escape: nothing is ever marked safe in them.
    for template in folder.iterdir():
        assert "|safe" not in template.read_text(encoding="utf-8").replace(" ", ""), template
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    assert config["setuptools"]["package-dir"]["scorer.templates"] == "templates"
    assert config["setuptools"]["package-data"]["scorer.templates"]
    # The package list is explicit (for the templates mapping): every package must be on it.
    packages = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in ROOT.glob("scorer/**/__init__.py")
    }
    assert packages <= set(config["setuptools"]["packages"])
