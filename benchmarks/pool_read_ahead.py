"""How far ahead of the writer each ordered process pool reads its input (memory is bounded
only when that is bounded). A script, not a test: the figures go in notes.

    python benchmarks/pool_read_ahead.py [--inputs 20000]

It counts how many inputs each pool has taken from a generator once its first result is in
hand and a second has passed: the standard library's ``ProcessPoolExecutor.map`` and
``multiprocessing.Pool.imap``, and ``scorer.parallel.score_in_order`` (the reason it exists).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool
from typing import Any

from scorer.article import Article
from scorer.model import Model, default_model
from scorer.parallel import CHUNK_SIZE, score_in_order, unchanged

TEXT = "The council met on Tuesday and approved the budget after a long debate. " * 40


class Counted:
    """A generator of articles that counts what it has handed out."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.read = 0

    def __iter__(self) -> Iterator[Article]:
        for i in range(self.n):
            self.read += 1
            yield Article(text=TEXT, title=f"Article {i}")


def words(article: Article) -> int:
    return len(article.text.split())


def words_scored(article: Article, model: Model) -> int:
    return words(article)


def read_after_first(start: Callable[[Counted], Iterator[Any]], n: int) -> int:
    inputs = Counted(n)
    results = start(inputs)
    next(results)
    time.sleep(1.0)
    return inputs.read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=20_000)
    n = parser.parse_args().inputs
    with ProcessPoolExecutor(2) as executor:
        read = read_after_first(lambda c: executor.map(words, c, chunksize=CHUNK_SIZE), n)
        print(f"ProcessPoolExecutor.map   read {read:>7,} of {n:,}")
    with Pool(2) as pool:
        read = read_after_first(lambda c: pool.imap(words, c, chunksize=CHUNK_SIZE), n)
        print(f"multiprocessing.Pool.imap read {read:>7,} of {n:,}")
    model = default_model()
    read = read_after_first(
        lambda c: score_in_order(c, unchanged, model, jobs=2, score=words_scored), n
    )
    print(f"scorer score_in_order     read {read:>7,} of {n:,}")


if __name__ == "__main__":
    main()
