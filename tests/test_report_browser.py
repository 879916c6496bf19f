"""The report in real headless Chromium: article content never runs, the page requests
nothing, logs no error, and its table sorting, filter and highlight toggles work.

Needs Debian's ``chromium`` and ``chromium-driver`` and the ``selenium`` package (no browser
is downloaded); skipped when they are missing. Screenshots go to ``test-artifacts/``.
"""

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import missing_browser
from click.testing import CliRunner
from test_render import CANARY, HOSTILE_RECORDS, write_hostile

from scorer.article import Article
from scorer.model import default_model
from scorer.readers import read_inputs
from scorer.report import Report, report_command, score, write_report

webdriver = pytest.importorskip("selenium.webdriver")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
)
MISSING = missing_browser(CHROMIUM, CHROMEDRIVER)

pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="scorer-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and the hostile articles, as one report and as a split report."""
    folder = tmp_path_factory.mktemp("report")
    paths = [str(SEEDS), str(write_hostile(folder))]
    articles = [a for a in read_inputs(paths) if isinstance(a, Article)]
    model = default_model()
    scored = [score(article, n, model) for n, article in enumerate(articles, 1)]
    report = Report(scored, model, title="Seeds and hostile articles", inputs=paths)
    write_report(report, folder / "report.html")
    write_report(report, folder / "split.html", split=True)
    return folder


def open_page(browser: Any, path: Path) -> None:
    browser.get_log("browser")  # drop what earlier pages logged
    browser.get_log("performance")
    browser.get(path.as_uri())


def assert_quiet(browser: Any, pages: set[str]) -> None:
    """No alert, no canary, no console error, and no request but for the pages themselves."""
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert  # noqa: B018 (the property raises when there is no alert)
    assert browser.execute_script(f"return typeof window.{CANARY}") == "undefined"
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    requested = set()
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"].split("#")[0]
            # Chromium's own UI pages (new tab, web store favicons) load chrome:// resources
            # and now and then a data: 1x1 gif; none leaves the browser, and script run by an
            # article is caught by the canary above, so only fetches that could reach out count.
            if not url.startswith(BROWSER_INTERNAL):
                requested.add(url)
    assert requested <= pages, requested - pages


BROWSER_INTERNAL = ("chrome://", "chrome-untrusted://", "devtools://", "data:")


def column(browser: Any, name: str) -> list[float]:
    """The sort values of the table column titled ``name``, top to bottom."""
    values = browser.execute_script(
        """
        var heads = Array.from(document.querySelectorAll('#article-table thead th'));
        var at = heads.findIndex(function (th) { return th.textContent.trim() === arguments[0]; });
        return Array.from(document.querySelectorAll('#article-table tbody tr'))
            .map(function (row) { return row.cells[at].getAttribute('data-v'); });
        """.replace("arguments[0]", repr(name)),
    )
    return [float(v) for v in values]


def test_article_content_never_runs_and_nothing_is_requested(browser: Any, folder: Path) -> None:
    page = folder / "report.html"
    open_page(browser, page)
    assert_quiet(browser, {page.as_uri()})
    # Hover and focus what an attacker would have wired: there is nothing to fire.
    from selenium.webdriver.common.action_chains import ActionChains

    title = browser.find_element("id", "a6-title")
    ActionChains(browser).move_to_element(title).perform()
    assert title.text == HOSTILE_RECORDS[0]["title"]
    assert browser.find_element("css selector", "#a6 .meta").text.startswith(
        HOSTILE_RECORDS[0]["source"]
    )
    assert_quiet(browser, {page.as_uri()})
    ARTIFACTS.mkdir(exist_ok=True)
    browser.execute_script("window.scrollTo(0, 0)")
    browser.save_screenshot(str(ARTIFACTS / "report-seeds.png"))
    browser.execute_script("document.querySelector('#a6').scrollIntoView()")
    browser.save_screenshot(str(ARTIFACTS / "report-hostile.png"))


def test_table_sorts_by_click_and_keyboard_and_filters(browser: Any, folder: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    open_page(browser, folder / "report.html")
    quality = browser.find_element("xpath", "//th/button[normalize-space()='quality']")
    quality.click()
    assert column(browser, "quality") == sorted(column(browser, "quality"))
    quality.click()
    assert column(browser, "quality") == sorted(column(browser, "quality"), reverse=True)
    assert quality.find_element("xpath", "..").get_attribute("aria-sort") == "descending"
    propaganda = browser.find_element("xpath", "//th/button[normalize-space()='propaganda']")
    propaganda.send_keys(Keys.ENTER)
    assert column(browser, "propaganda") == sorted(column(browser, "propaganda"))
    assert quality.find_element("xpath", "..").get_attribute("aria-sort") is None

    box = browser.find_element("id", "article-filter")
    box.send_keys("example news")
    visible = browser.execute_script(
        "return Array.from(document.querySelectorAll('#article-table tbody tr'))"
        ".filter(function (r) { return !r.hidden; }).length"
    )
    assert visible == 1
    assert browser.find_element("id", "article-count").text == "1 of 7 articles"
    box.clear()
    box.send_keys(" ")
    assert browser.find_element("id", "article-count").text == "7 of 7 articles"
    assert_quiet(browser, {(folder / "report.html").as_uri()})


def test_family_toggles_and_highlight_kinds(browser: Any, folder: Path) -> None:
    open_page(browser, folder / "report.html")
    script = (
        "var m = document.querySelector('#a1 .m.f-' + arguments[0]);"
        "return getComputedStyle(m).backgroundColor;"
    )
    colour = browser.execute_script(script, "sentiment")
    assert colour != "rgba(0, 0, 0, 0)"
    box = browser.find_element("css selector", "#a1 input[data-family='sentiment']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    assert "off-sentiment" in browser.find_element("tag name", "body").get_attribute("class")
    assert browser.execute_script(script, "sentiment") == "rgba(0, 0, 0, 0)"
    assert browser.execute_script(script, "hedging") != "rgba(0, 0, 0, 0)"
    others = browser.find_elements("css selector", "input[data-family='sentiment']")
    assert len(others) == 7 and not any(o.is_selected() for o in others)
    box.click()
    assert browser.execute_script(script, "sentiment") == colour
    assert all(o.is_selected() for o in others)

    mark = browser.find_element("css selector", "#a1 mark.seg[tabindex]")
    browser.execute_script("arguments[0].focus()", mark)
    shown = browser.execute_script("return getComputedStyle(arguments[0], '::after').content", mark)
    assert mark.get_attribute("data-k") in shown and ":" in shown
    browser.execute_script("document.querySelector('#a3 .text-section').scrollIntoView()")
    browser.save_screenshot(str(ARTIFACTS / "report-article.png"))
    assert_quiet(browser, {(folder / "report.html").as_uri()})


def test_split_report_pages_load_and_link(browser: Any, folder: Path) -> None:
    index = folder / "split" / "index.html"
    open_page(browser, index)
    assert_quiet(browser, {index.as_uri()})
    link = browser.find_element("css selector", "#article-table tbody tr a")
    target = link.get_attribute("href").split("#")[0]
    link.click()
    assert browser.current_url.split("#")[0] == target
    assert browser.find_elements("css selector", "article.article")
    assert_quiet(browser, {index.as_uri(), target})


def test_a_long_table_shows_a_page_at_a_time(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("long")
    corpus = folder / "many.jsonl"
    towns = ["Leeds", "Lyon", "Lagos", "Lima", "Linz", "Lille", "Luton", "Lhasa"]
    corpus.write_text(
        "".join(
            json.dumps(
                {
                    "id": f"n{i}",
                    "title": f"Rain in {towns[i % 8]}, day {i}",
                    "text": f"It rained {i % 7 + 1} times in {towns[i % 8]} on day {i}, "
                    f"officials said. {'Shocking! ' * (i % 5)}Roads stayed open.",
                }
            )
            + "\n"
            for i in range(130)
        ),
        encoding="utf-8",
    )
    page = folder / "r.html"
    result = CliRunner().invoke(report_command, [str(corpus), "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    open_page(browser, page)

    def visible() -> int:
        return int(
            browser.execute_script(
                "return document.querySelectorAll('#article-table tbody tr:not([hidden])').length"
            )
        )

    count = browser.find_element("id", "article-count")
    assert visible() == 100 and count.text == "showing 100 of 130 articles"
    browser.find_element("xpath", "//th/button[normalize-space()='propaganda']").click()
    values = column(browser, "propaganda")
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('#article-table tbody tr:not([hidden])'))"
        ".map(function (r) { return r.cells[0].textContent; })"
    )
    assert len(shown) == 100 and values == sorted(values)  # the page is the top of the order
    browser.find_element("id", "article-all").click()
    assert visible() == 130 and count.text == "130 of 130 articles"
    assert not browser.find_element("id", "article-more").is_displayed()
    browser.find_element("id", "article-filter").send_keys("lagos")
    assert visible() == 16 and count.text == "16 of 130 articles"  # days 2, 10, ..., 122
    assert_quiet(browser, {page.as_uri()})
