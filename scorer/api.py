"""The Python API: the same records the CLI prints, as typed objects."""

from __future__ import annotations

from pathlib import Path

from scorer.article import Article
from scorer.errors import ScorerError
from scorer.model import Model, load_model
from scorer.pipeline import score_article
from scorer.readers import ReadError, read_inputs
from scorer.record import ScoreRecord


def _resolve(model: Model | str | Path | None) -> Model | None:
    return load_model(model) if isinstance(model, str | Path) else model


def score_text(
    text: str,
    title: str | None = None,
    *,
    id: str | None = None,
    source: str | None = None,
    published: str | None = None,
    url: str | None = None,
    model: Model | str | Path | None = None,
) -> ScoreRecord:
    """Score one article given as text; ``published`` is ``YYYY-MM-DD``."""
    article = Article(text=text, id=id, title=title, source=source, published=published, url=url)
    return score_article(article, _resolve(model))


def score_file(path: str | Path, *, model: Model | str | Path | None = None) -> list[ScoreRecord]:
    """Score every article in a file or directory (a corpus file holds many).

    Raises ScorerError naming the input and the reason if any input cannot be read.
    """
    resolved = _resolve(model)
    records: list[ScoreRecord] = []
    for item in read_inputs([str(path)]):
        if isinstance(item, ReadError):
            raise ScorerError(str(item))
        records.append(score_article(item, resolved))
    return records
