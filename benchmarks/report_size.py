"""Report size and speed on a big corpus (not a test: figures go in notes, not assertions).

    python benchmarks/report_size.py [--articles 2000] [--single 500] [--out DIR]

Builds a corpus of ``--articles`` articles: the seeds and, when ``../shared/data`` is there,
the news articles of the shared corpora, topped up with syndicated copies (an article again
under another source and a later date, its last paragraph cut, as wire copy is reused) so
the story grouping has real work; without the shared data the corpus is made of the seeds'
paragraphs in varied order. Then it times ``scorer report --split`` on it, prints the sizes
of the index and the article pages, and loads the index page in headless Chromium (Debian's
``chromium`` and ``chromedriver``, driven by selenium) to time it. ``--single N`` also builds
and times the one-file report on the first N articles (the largest one-file report is 500).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from scorer.report import report_command

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SOURCES = [f"Outlet {name}" for name in "ABCDEFGHIJKLMNOPQRST"]
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


def base_articles() -> list[dict[str, Any]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    seeds: list[dict[str, Any]] = [{"title": None, "text": text} for text in texts]
    shared: list[dict[str, Any]] = []
    for name in ("ptc_train.jsonl", "hyperpartisan_train.jsonl"):
        path = SHARED / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                shared.append({"title": record.get("title"), "text": record["text"]})
    if shared:
        return seeds + shared
    rng = random.Random(7)
    paragraphs = [p for text in texts for p in text.split("\n\n") if len(p.split()) > 12]
    return seeds + [
        {"title": f"Synthetic article {i}", "text": "\n\n".join(rng.sample(paragraphs, 8))}
        for i in range(200)
    ]


def corpus(size: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(2000)
    pool = base_articles()
    for i in range(size):
        article = dict(pool[i % len(pool)])
        day = rng.randrange(365)
        if i >= len(pool):  # a syndicated copy: other outlet, later, last paragraph cut
            article["text"] = article["text"].rsplit("\n\n", 1)[0]
            day = min(day + rng.randrange(1, 5), 364)
        month, mday = divmod(day, 28)
        yield {
            "id": f"bench-{i}",
            **article,
            "source": rng.choice(SOURCES),
            "published": f"2023-{month % 12 + 1:02d}-{mday + 1:02d}",
            "url": f"https://news.example.com/{i}",
        }


def build(corpus_path: Path, out: Path, *options: str) -> float:
    start = time.perf_counter()
    result = CliRunner().invoke(
        report_command, [str(corpus_path), "-o", str(out), "--no-progress", *options]
    )
    if result.exit_code != 0:
        raise SystemExit(f"report failed: {result.output}{result.stderr}")
    return time.perf_counter() - start


def load_times(page: Path, rounds: int = 3) -> list[dict[str, float]]:
    """Navigation timings (ms) of ``page`` in a fresh headless Chromium, per round."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver_path:
        raise SystemExit("needs Debian's chromium and chromium-driver for the load time")
    timings = []
    for _ in range(rounds):
        profile = tempfile.mkdtemp(prefix="scorer-bench-")
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in (*FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
        try:
            start = time.perf_counter()
            driver.get(page.as_uri())  # returns after the load event
            wall = (time.perf_counter() - start) * 1000
            timing = driver.execute_script(
                "var n = performance.getEntriesByType('navigation')[0];"
                "return {dom: n.domContentLoadedEventEnd, load: n.loadEventEnd};"
            )
            # Until the first frame after load has painted.
            painted = driver.execute_async_script(
                "var done = arguments[0]; requestAnimationFrame(function () {"
                " requestAnimationFrame(function () { done(performance.now()); }); });"
            )
            timings.append({"wall": wall, "paint": painted, **timing})
        finally:
            driver.quit()
            shutil.rmtree(profile, ignore_errors=True)
    return timings


def describe(label: str, timings: list[dict[str, float]]) -> None:
    def median(key: str) -> float:
        return statistics.median(t[key] for t in timings)

    print(
        f"{label}: DOMContentLoaded {median('dom'):.0f} ms, load {median('load'):.0f} ms, "
        f"painted {median('paint'):.0f} ms, driver.get {median('wall'):.0f} ms "
        f"(median of {len(timings)} cold loads)"
    )


def megabytes(size: int) -> str:
    return f"{size / 1e6:.2f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--single", type=int, default=500, help="0 to skip the one-file report")
    parser.add_argument("--out", type=Path, help="keep the reports here (default: a temp dir)")
    args = parser.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="scorer-report-"))
    folder.mkdir(parents=True, exist_ok=True)
    corpus_path = folder / "corpus.jsonl"
    with corpus_path.open("w", encoding="utf-8") as out:
        for record in corpus(args.articles):
            out.write(json.dumps(record) + "\n")

    seconds = build(corpus_path, folder / "split.html", "--split")
    index = folder / "split" / "index.html"
    pages = sorted((folder / "split" / "articles").glob("*.html"))
    sizes = [p.stat().st_size for p in pages]
    print(f"split report of {args.articles} articles: {seconds:.1f} s to score and write")
    print(
        f"  index.html {megabytes(index.stat().st_size)}; {len(pages)} article pages, "
        f"{megabytes(sum(sizes))} in all (median {statistics.median(sizes) / 1e3:.0f} kB, "
        f"largest {max(sizes) / 1e3:.0f} kB)"
    )
    describe("  index page in Chromium", load_times(index))
    describe("  largest article page", load_times(pages[sizes.index(max(sizes))]))

    if args.single:
        lines = corpus_path.read_text(encoding="utf-8").splitlines()[: args.single]
        single_corpus = folder / "single.jsonl"
        single_corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
        single = folder / "single.html"
        seconds = build(single_corpus, single)
        print(
            f"one-file report of {len(lines)} articles: {seconds:.1f} s, "
            f"{megabytes(single.stat().st_size)}"
        )
        describe("  one-file report in Chromium", load_times(single))
    print(f"reports in {folder}")


if __name__ == "__main__":
    main()
