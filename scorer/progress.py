"""A progress bar on standard error for long runs (rich), shared by every command."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from typing import Any, TypeVar

T = TypeVar("T")


def progress_bar(enabled: bool, label: str = "scoring") -> Any:
    """A context manager giving a rich Progress, or None when ``enabled`` is false."""
    if not enabled:
        return nullcontext(None)
    from rich.console import Console
    from rich.progress import (
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        SpinnerColumn(),
        TextColumn(label),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        console=Console(stderr=True),
    )


def advancing(items: Iterable[T], bar: Any, label: str = "scoring") -> Iterator[T]:
    """Yield ``items``, advancing ``bar`` (if any) after each."""
    if bar is None:
        yield from items
        return
    task = bar.add_task(label, total=None)
    for item in items:
        yield item
        bar.advance(task)
