"""scorer: editorial quality and propaganda-tone scores for news articles.

>>> from scorer import score_text
>>> record = score_text("Officials said on Monday that talks would resume.", title="Talks resume")
>>> sorted(record.scores)[:3]
['headline', 'hedging', 'hygiene']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from scorer.api import score_file, score_text, to_dataframe
    from scorer.article import Article
    from scorer.errors import ScorerError
    from scorer.record import ScoreRecord

__all__ = [
    "Article",
    "ScoreRecord",
    "ScorerError",
    "__version__",
    "score_file",
    "score_text",
    "to_dataframe",
]

_LAZY = {
    "score_text": "scorer.api",
    "score_file": "scorer.api",
    "to_dataframe": "scorer.api",
    "Article": "scorer.article",
    "ScorerError": "scorer.errors",
    "ScoreRecord": "scorer.record",
}


def __getattr__(name: str) -> Any:
    """Import the API on first use, so ``import scorer`` (and the CLI's start) stays light."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'scorer' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public API only: typing helpers and submodules are not part of it."""
    return sorted(__all__)
