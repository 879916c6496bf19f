"""The Article: an article's text exactly as the user gave it, plus its metadata."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One article to score.

    ``text`` is the decoded text (for HTML, the extracted main text); every evidence offset
    points into it. ``published`` is an ISO date string ``YYYY-MM-DD`` or ``None``.
    ``warnings`` carries reader notes (bad bytes replaced, metadata ignored) into the record.
    """

    text: str
    id: str | int | None = None  # a corpus record's id, echoed back unchanged
    title: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None
    path: str | None = None
    warnings: tuple[str, ...] = field(default=())
