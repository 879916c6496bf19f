"""Scoring must never reach out: no model, corpus or dictionary is fetched at run time."""

import socket
from pathlib import Path

import pytest

from scorer.api import score_file, score_text

SEEDS = Path(__file__).parents[1] / "seeds"

HTML = """<html><head><title>Drills loom</title>
<meta property="og:site_name" content="Example News"><meta name="date" content="2023-08-14">
</head><body><nav>Home | World</nav><article><h1>Drills loom</h1>
<p>North Korea ordered more missiles on Monday, state media said, days before joint drills.</p>
<p>"The drills are defensive," a U.S. military spokesperson told reporters in Seoul.</p>
<p><img src="https://example.com/x.png"> Analysts said the move was expected.</p>
</article><footer>Subscribe</footer></body></html>"""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise AssertionError(f"scoring tried to open a connection to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)

    def refuse_lookup(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError(f"scoring tried to look up {args!r}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse_lookup)
    return attempts


def test_scoring_text_files_and_html_opens_no_connection(
    no_network: list[object], tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text(HTML, encoding="utf-8")
    records = [*score_file(SEEDS), *score_file(page)]
    records.append(score_text("Officials said the talks would resume.", title="Talks"))
    assert len(records) == 7
    assert no_network == []
