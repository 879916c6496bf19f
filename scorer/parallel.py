"""Scoring on several processes: chunks of articles to a process pool, results in input order.

``score_in_order`` is what ``scorer score --jobs N`` runs. The parent reads the inputs and
writes the output; worker processes score chunks of ``CHUNK_SIZE`` articles and also turn each
record into what the writer emits (``encode``: a JSON text, a CSV row), so that the parent,
which alone reads and writes, does as little as possible per article: a scored record with its
evidence costs more to send between processes than its JSON text does.

- Order: results come back in input order; an input that could not be read (a ``ReadError``)
  keeps its place, so the CLI reports errors where they occur, as it does on one process.
- Memory: at most ``IN_FLIGHT_PER_JOB`` chunks per worker are submitted ahead of the one being
  written, so a corpus of any size streams through in bounded memory. This is why the
  standard library's ordered maps are not used: measured on Python 3.11 with a generator
  of 20,000 inputs, ``ProcessPoolExecutor.map`` had read all 20,000 before yielding its
  first result, and ``multiprocessing.Pool.imap`` all 20,000 within a second of it (its
  feeder thread reads ahead without limit), where this pool had read 144
  (``benchmarks/pool_read_ahead.py``); ``Executor.map`` gains ``buffersize`` only in 3.14.
- Start-up: each worker receives the model once, when it starts (inherited for free where
  processes fork). Before the pool starts, this process scores one short article, which
  loads every table built on first use (the pronouncing dictionary, Pyphen's patterns,
  VADER's lexicon, the text models' tries): forked workers share them instead of each
  building its own. Input that fits in one chunk is scored in this process: starting
  workers would cost more than it saves.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, TypeVar

from scorer.article import Article
from scorer.model import Model
from scorer.pipeline import score_article
from scorer.readers import ReadError

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")

# Small enough that the last chunks leave no worker idle for long, large enough that
# sending them costs little next to scoring them.
CHUNK_SIZE = 16
IN_FLIGHT_PER_JOB = 4
# Scoring it loads what loads on first use: a word outside the pronouncing dictionary
# (Pyphen), sentiment words (VADER), and prose for every family and text model.
_WARM_UP = Article(
    text="Officials said the zorblaxification plan was a terrible failure. It was not good!",
    title="A warm-up headline",
)

Item = Article | ReadError


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def score_in_order(
    items: Iterable[Item],
    encode: Callable[[Any], T],
    model: Model,
    jobs: int = 1,
    chunk_size: int = CHUNK_SIZE,
    score: Callable[[Article, Model], Any] = score_article,
) -> Iterator[T | ReadError]:
    """``encode(score(article, model))`` for each article, read errors passed through, in
    input order; on ``jobs`` worker processes when there is more than one chunk of input.

    ``score`` is ``score_article`` unless the caller needs more of each article (the HTML
    report also keeps its word count and story runs). ``encode`` and ``score`` run in the
    workers, so they must be picklable (module-level functions or ``functools.partial``s).
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    chunks = _chunks(items, chunk_size)
    if jobs == 1:
        for chunk in chunks:
            yield from _score_chunk(chunk, encode, model, score)
        return
    first = next(chunks, None)
    second = next(chunks, None)
    if first is None:
        return
    if second is None:
        yield from _score_chunk(first, encode, model, score)
        return
    yield from _pooled(chain([first, second], chunks), encode, model, jobs, score)


def unchanged(value: T) -> T:
    """The ``encode`` that keeps each result as it is (the table, the HTML report)."""
    return value


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _score_chunk(
    chunk: list[Item],
    encode: Callable[[Any], T],
    model: Model,
    score: Callable[[Article, Model], Any],
) -> list[T | ReadError]:
    return [item if isinstance(item, ReadError) else encode(score(item, model)) for item in chunk]


# What each worker process received when it started: the model, the encoder, the scorer.
_worker: dict[str, Any] = {}


def _start_worker(
    model: Model, encode: Callable[[Any], Any], score: Callable[[Article, Model], Any]
) -> None:
    # Ctrl-C reaches the whole process group; the parent alone handles it and stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker.update(model=model, encode=encode, score=score)


def _worker_chunk(chunk: list[Item]) -> list[Any]:
    return _score_chunk(chunk, _worker["encode"], _worker["model"], _worker["score"])


def _pooled(
    chunks: Iterator[list[Item]],
    encode: Callable[[Any], T],
    model: Model,
    jobs: int,
    score: Callable[[Article, Model], Any],
) -> Iterator[T | ReadError]:
    from concurrent.futures import ProcessPoolExecutor

    pending: deque[Future[list[T | ReadError]]] = deque()
    score_article(_WARM_UP, model)
    with ProcessPoolExecutor(
        jobs, initializer=_start_worker, initargs=(model, encode, score)
    ) as pool:
        try:
            for chunk in chunks:
                pending.append(pool.submit(_worker_chunk, chunk))
                if len(pending) > IN_FLIGHT_PER_JOB * jobs:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:  # the reader stopped early (an error, a closed pipe): drop queued work
            for future in pending:
                future.cancel()
