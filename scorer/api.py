"""The Python API: the same records the CLI prints, as typed objects."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from scorer.article import Article
from scorer.errors import ScorerError
from scorer.model import Model, load_model
from scorer.output import flat_row
from scorer.pipeline import score_article
from scorer.readers import ReadError, published_date, read_inputs
from scorer.record import ScoreRecord

if TYPE_CHECKING:
    import pandas


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
    """Score one article given as text.

    ``published`` is a date (``YYYY-MM-DD``, or any form the readers understand); one not
    understood is left None with a warning on the record, as for a corpus record.
    """
    warnings: list[str] = []
    date = published_date(published, warnings)
    article = Article(
        text=text,
        id=id,
        title=title,
        source=source,
        published=date,
        url=url,
        warnings=tuple(warnings),
    )
    return score_article(article, _resolve(model))


def score_file(
    path: str | Path, *, model: Model | str | Path | None = None
) -> Iterator[ScoreRecord]:
    """Score every article in a file or directory, yielding each record as it is scored.

    Lazy, so a corpus of any length is never held in memory; ``list()`` it to keep them all.
    A bad ``model`` raises at the call; an input that cannot be read raises ScorerError
    (naming the input and the reason) when the iteration reaches it.
    """
    return _score_inputs(str(path), _resolve(model))


def _score_inputs(path: str, model: Model | None) -> Iterator[ScoreRecord]:
    for item in read_inputs([path]):
        if isinstance(item, ReadError):
            raise ScorerError(str(item))
        yield score_article(item, model)


def to_dataframe(records: Iterable[ScoreRecord]) -> pandas.DataFrame:
    """One row per record with the CSV output's columns (metadata, ``score.NAME``,
    ``feature.NAME``, warnings, model), for analysis in pandas; pandas is optional."""
    try:
        import pandas
    except ImportError as exc:
        raise ImportError("to_dataframe needs pandas: pip install 'scorer[pandas]'") from exc
    return pandas.DataFrame([flat_row(record) for record in records])
