"""The history store: scored articles kept per source and date, so trends can be followed.

``HistoryStore`` is what the tracking commands use; ``SQLiteStore`` implements it over one
SQLite file, and another database can be added behind the same interface. Everything a
store returns is plain data (dataclasses and numpy arrays), never a connection or a cursor.

SQLite layout (``MIGRATIONS`` builds it; ``PRAGMA user_version`` is the schema version):

- ``sources``: one row per outlet; names match case-insensitively.
- ``articles``: one row per distinct article (``content_hash`` is unique), with its title,
  url, published date (``NULL`` when unknown) and ``day`` (the date as days since
  1970-01-01, for queries).
- ``scores``: one row per article, model label and score name (long format: a model that
  adds a score needs no schema change; rescoring with a new model keeps the old figures).
  Each row repeats its article's ``source_id`` and ``day`` so that the ``scores_trend``
  index alone answers a trend query: it is read in (model, score, source, day) order and
  covers the value and the article id.

Several processes may write one file at once: WAL journal, a busy timeout, ``BEGIN
IMMEDIATE`` write transactions (the write lock is taken first, so two writers never
deadlock upgrading a read lock) and retries with backoff when SQLite still reports busy.
A write is one transaction, so a killed process leaves every chunk either whole or absent.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import chain, groupby
from operator import itemgetter
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np
from numpy.typing import NDArray

from scorer.errors import ScorerError

BUSY_TIMEOUT_S = 30.0
"""How long one statement waits for another process's lock before SQLite reports busy."""
RETRIES = 8
"""Further attempts of a whole transaction after a busy or locked error, with backoff."""
CACHE_KB = 65_536
"""Page cache per connection: index inserts of large batches stay in memory."""
_BACKOFF_S = 0.05
_BACKOFF_MAX_S = 2.0
EPOCH = date(1970, 1, 1)
"""Day 0 of the ``day`` columns (a Thursday)."""
_T = TypeVar("_T")


class StoreError(ScorerError):
    """A history database that cannot be used (not a database, newer schema, missing)."""


@dataclass(frozen=True)
class StoredArticle:
    """One scored article as the store keeps it. ``published`` is ``YYYY-MM-DD`` or None;
    ``ref`` is how the user names it (a corpus record's id, else its path)."""

    content_hash: str
    source: str
    published: str | None
    title: str | None
    url: str | None
    ref: str | None
    path: str | None
    model: str
    scores: Mapping[str, float | None]


@dataclass(frozen=True)
class ArticleInfo:
    """What identifies a stored article to a person."""

    article_id: int
    ref: str | None
    path: str | None
    title: str | None
    url: str | None
    published: str | None
    source: str


@dataclass(frozen=True)
class SourceSummary:
    """One source: article counts, date range and the mean of each score (one model)."""

    source: str
    articles: int
    undated: int
    first: str | None
    last: str | None
    means: dict[str, float | None]  # None: every value of that score is null


@dataclass(frozen=True)
class Series:
    """One score's values of every dated article, row-aligned arrays sorted by source id,
    then day. ``source_id`` indexes ``names``; ``day`` counts days from 1970-01-01."""

    names: dict[int, str]
    source_id: NDArray[np.int64]
    day: NDArray[np.int64]
    value: NDArray[np.float64]


@dataclass(frozen=True)
class ExportRow:
    """One article's scores under one model, with the article's metadata."""

    article: ArticleInfo
    content_hash: str
    model: str
    scores: dict[str, float | None]


class HistoryStore(Protocol):
    """What the tracking commands need from a database."""

    def known(self, hashes: Collection[str], model: str) -> set[str]:
        """The hashes among ``hashes`` already stored with scores of ``model``."""
        ...

    def add(self, articles: Sequence[StoredArticle]) -> int:
        """Store articles and their scores in one transaction; already stored (article,
        model) pairs are left as they are. Returns how many pairs were new."""
        ...

    def models(self) -> list[str]:
        """Model labels with stored scores, oldest first."""
        ...

    def score_names(self, model: str) -> list[str]:
        """The scores stored for ``model``, in the order the model gave them."""
        ...

    def source_names(self) -> list[str]:
        """Every source's name, sorted."""
        ...

    def sources(self, model: str) -> list[SourceSummary]:
        """Every source, by name, with the means of ``model``'s scores."""
        ...

    def series(self, model: str, score: str, source: str | None = None) -> Series:
        """Values of one score of one model for dated articles (of one source or all)."""
        ...

    def period_values(
        self, model: str, score: str, source: str, first_day: int, last_day: int
    ) -> list[tuple[ArticleInfo, float]]:
        """Each article of ``source`` published from ``first_day`` to ``last_day`` (days
        since 1970-01-01, inclusive), with its value of one score of one model."""
        ...

    def export(self, model: str | None = None, source: str | None = None) -> Iterator[ExportRow]:
        """Every (article, model) pair in article order, optionally for one model or source."""
        ...

    def close(self) -> None: ...


# --- schema ---------------------------------------------------------------------------------

Migration = Callable[[sqlite3.Connection], None]


def _create_tables(conn: sqlite3.Connection) -> None:
    """Schema version 1."""
    for statement in (
        "CREATE TABLE sources (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE)",
        "CREATE TABLE models (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE)",
        "CREATE TABLE score_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            published TEXT,
            day INTEGER,
            title TEXT,
            url TEXT,
            ref TEXT,
            path TEXT
        )""",
        "CREATE INDEX articles_source_day ON articles(source_id, day)",
        """CREATE TABLE scores (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            model_id INTEGER NOT NULL REFERENCES models(id),
            name_id INTEGER NOT NULL REFERENCES score_names(id),
            source_id INTEGER NOT NULL,
            day INTEGER,
            value REAL NOT NULL,
            PRIMARY KEY (article_id, model_id, name_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX scores_trend ON scores(model_id, name_id, source_id, day, value)",
    ):
        conn.execute(statement)


def _nullable_scores(conn: sqlite3.Connection) -> None:
    """Schema version 2: a score may be NULL (nothing to score: no headline, too little text).

    SQLite cannot drop a NOT NULL constraint in place, so the table is copied.
    """
    for statement in (
        """CREATE TABLE scores_v2 (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            model_id INTEGER NOT NULL REFERENCES models(id),
            name_id INTEGER NOT NULL REFERENCES score_names(id),
            source_id INTEGER NOT NULL,
            day INTEGER,
            value REAL,
            PRIMARY KEY (article_id, model_id, name_id)
        ) WITHOUT ROWID""",
        "INSERT INTO scores_v2 SELECT * FROM scores",
        "DROP TABLE scores",
        "ALTER TABLE scores_v2 RENAME TO scores",
        "CREATE INDEX scores_trend ON scores(model_id, name_id, source_id, day, value)",
    ):
        conn.execute(statement)


MIGRATIONS: tuple[Migration, ...] = (_create_tables, _nullable_scores)
"""Schema steps in order: step N brings a database from version N-1 to N. Append, never edit."""


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> None:
    """Bring the database to the newest schema; call inside a write transaction."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > len(migrations):
        raise StoreError(
            f"schema version {version} is newer than this scorer knows ({len(migrations)}); "
            "upgrade scorer"
        )
    for number in range(version + 1, len(migrations) + 1):
        migrations[number - 1](conn)
        conn.execute(f"PRAGMA user_version = {number}")


# --- SQLite ---------------------------------------------------------------------------------


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return exc.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def day_of(published: str) -> int:
    """Days from ``EPOCH`` to a ``YYYY-MM-DD`` date."""
    return (date.fromisoformat(published) - EPOCH).days


def day_to_iso(day: int) -> str:
    """``YYYY-MM-DD`` of a day counted from ``EPOCH``."""
    return (EPOCH + timedelta(days=day)).isoformat()


class SQLiteStore:
    """The history in one SQLite file; safe for several processes writing at once."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = str(path)
        if not create and not Path(self.path).is_file():
            raise StoreError(f"{self.path}: no history database here (run `scorer track add`)")
        try:
            self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open ({exc})") from exc
        try:
            self._retrying(self._set_pragmas)
            self._transaction(self._migrate, write=True)
        except sqlite3.Error as exc:
            self._conn.close()
            not_a_database = getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB
            reason = "not a scorer history database" if not_a_database else "unusable"
            raise StoreError(f"{self.path}: {reason} ({exc})") from exc
        except StoreError:
            self._conn.close()
            raise

    def _migrate(self, conn: sqlite3.Connection) -> None:
        try:
            migrate(conn)
        except StoreError as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    @staticmethod
    def _set_pragmas(conn: sqlite3.Connection) -> None:
        conn.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL loses no committed transaction when a process dies (only on
        # power loss), and saves an fsync per commit.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KB}")

    def _retrying(self, work: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``work``; when SQLite stays busy past its timeout, roll back, wait, retry."""
        attempt = 0
        while True:
            try:
                return work(self._conn)
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                if attempt == RETRIES:
                    raise StoreError(
                        f"{self.path}: still locked by another process after {RETRIES} retries"
                    ) from exc
            delay = min(_BACKOFF_MAX_S, _BACKOFF_S * 2**attempt)
            time.sleep(delay * random.uniform(0.5, 1.5))
            attempt += 1

    def _transaction(self, work: Callable[[sqlite3.Connection], _T], *, write: bool) -> _T:
        """``work`` in one transaction (a consistent snapshot for reads), with retries."""

        def attempt(conn: sqlite3.Connection) -> _T:
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                result = work(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return result

        return self._retrying(attempt)

    def close(self) -> None:
        self._conn.close()

    # --- writes ---

    def known(self, hashes: Collection[str], model: str) -> set[str]:
        wanted = list(hashes)
        step = 500  # parameters per statement stay far below SQLite's limit

        def read(conn: sqlite3.Connection) -> set[str]:
            found: set[str] = set()
            for first in range(0, len(wanted), step):
                batch = wanted[first : first + step]
                found.update(
                    row[0]
                    for row in conn.execute(
                        "SELECT a.content_hash FROM articles a WHERE a.content_hash IN "
                        f"({','.join('?' * len(batch))}) AND EXISTS (SELECT 1 FROM scores s "
                        "JOIN models m ON m.id = s.model_id WHERE s.article_id = a.id "
                        "AND m.label = ?)",
                        [*batch, model],
                    )
                )
            return found

        return self._transaction(read, write=False)

    def add(self, articles: Sequence[StoredArticle]) -> int:
        if not articles:
            return 0
        return self._transaction(lambda conn: _insert(conn, articles), write=True)

    # --- reads ---

    def models(self) -> list[str]:
        rows = self._conn.execute(
            "SELECT label FROM models m WHERE EXISTS "
            "(SELECT 1 FROM scores s WHERE s.model_id = m.id) ORDER BY id"
        )
        return [row[0] for row in rows]

    def score_names(self, model: str) -> list[str]:
        rows = self._conn.execute(
            "SELECT n.name FROM score_names n WHERE EXISTS (SELECT 1 FROM scores s "
            "WHERE s.name_id = n.id AND s.model_id = (SELECT id FROM models WHERE label = ?)) "
            "ORDER BY n.id",
            [model],
        )
        return [row[0] for row in rows]

    def source_names(self) -> list[str]:
        return [row[0] for row in self._conn.execute("SELECT name FROM sources ORDER BY name")]

    def sources(self, model: str) -> list[SourceSummary]:
        def read(conn: sqlite3.Connection) -> list[SourceSummary]:
            means: dict[int, dict[str, float | None]] = {}
            for source_id, name, mean in conn.execute(
                "SELECT s.source_id, n.name, avg(s.value) FROM scores s "
                "JOIN score_names n ON n.id = s.name_id "
                "WHERE s.model_id = (SELECT id FROM models WHERE label = ?) "
                "GROUP BY s.name_id, s.source_id",
                [model],
            ):
                means.setdefault(source_id, {})[name] = mean
            rows = conn.execute(
                "SELECT s.id, s.name, a.n, a.n - a.dated, a.first, a.last FROM sources s JOIN "
                "(SELECT source_id, count(*) AS n, count(day) AS dated, min(day) AS first, "
                "max(day) AS last FROM articles GROUP BY source_id) a ON a.source_id = s.id "
                "ORDER BY s.name"
            )
            return [
                SourceSummary(
                    source=name,
                    articles=n,
                    undated=undated,
                    first=None if first is None else day_to_iso(first),
                    last=None if last is None else day_to_iso(last),
                    means=means.get(source_id, {}),
                )
                for source_id, name, n, undated, first, last in rows
            ]

        return self._transaction(read, write=False)

    def series(self, model: str, score: str, source: str | None = None) -> Series:
        where = _SCORE_ROWS + " AND s.day IS NOT NULL"
        params: list[object] = [model, score]
        if source is not None:
            where += " AND s.source_id = (SELECT id FROM sources WHERE name = ?)"
            params.append(source)

        def read(conn: sqlite3.Connection) -> Series:
            names = dict(conn.execute("SELECT id, name FROM sources").fetchall())
            cursor = conn.execute(
                f"SELECT s.source_id, s.day, s.value FROM scores s WHERE {where} "
                "ORDER BY s.model_id, s.name_id, s.source_id, s.day",
                params,
            )
            # Flattened straight into an array: no list of a million row tuples.
            table = np.fromiter(chain.from_iterable(cursor), dtype=np.float64).reshape(-1, 3)
            ints = table[:, :2].astype(np.int64)
            return Series(names, ints[:, 0], ints[:, 1], table[:, 2].copy())

        return self._transaction(read, write=False)

    def period_values(
        self, model: str, score: str, source: str, first_day: int, last_day: int
    ) -> list[tuple[ArticleInfo, float]]:
        rows = self._conn.execute(
            "SELECT a.id, a.ref, a.path, a.title, a.url, a.published, src.name, s.value "
            "FROM scores s JOIN articles a ON a.id = s.article_id "
            f"JOIN sources src ON src.id = s.source_id WHERE {_SCORE_ROWS} "
            "AND s.source_id = (SELECT id FROM sources WHERE name = ?) AND s.day BETWEEN ? AND ?",
            [model, score, source, first_day, last_day],
        )
        return [(ArticleInfo(*row[:7]), row[7]) for row in rows]

    def export(self, model: str | None = None, source: str | None = None) -> Iterator[ExportRow]:
        # Read in the scores' primary key order (article, model, score): the rows of one
        # (article, model) pair arrive together and nothing has to be sorted. The unary +
        # keeps SQLite from filtering on the model through scores_trend and then sorting.
        filters: list[str] = []
        params: list[object] = []
        if model is not None:
            filters.append("+s.model_id = (SELECT id FROM models WHERE label = ?)")
            params.append(model)
        if source is not None:
            filters.append("a.source_id = (SELECT id FROM sources WHERE name = ?)")
            params.append(source)
        where = f"WHERE {' AND '.join(filters)}" if filters else ""
        cursor = self._conn.execute(
            "SELECT a.id, a.ref, a.path, a.title, a.url, a.published, src.name, s.model_id, "
            "a.content_hash, m.label, n.name, s.value FROM scores s "
            "JOIN articles a ON a.id = s.article_id JOIN sources src ON src.id = a.source_id "
            "JOIN models m ON m.id = s.model_id JOIN score_names n ON n.id = s.name_id "
            f"{where} ORDER BY s.article_id, s.model_id, s.name_id",
            params,
        )
        for _, group in groupby(cursor, key=itemgetter(0, 7)):
            rows = list(group)
            first = rows[0]
            yield ExportRow(
                ArticleInfo(*first[:7]), first[8], first[9], {row[10]: row[11] for row in rows}
            )


_SCORE_ROWS = (
    "s.model_id = (SELECT id FROM models WHERE label = ?) "
    "AND s.name_id = (SELECT id FROM score_names WHERE name = ?) AND s.value IS NOT NULL"
)
"""Rows of ``scores s`` for one model label and score name that hold a score (not NULL)."""


class _Ids:
    """Ids of sources, models and score names, created on first use within one transaction
    (never cached beyond it: a rolled-back transaction takes its new rows with it)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.cache: dict[tuple[str, str], int] = {}

    def get(self, table: str, column: str, value: str) -> int:
        key = (table, value)
        if key not in self.cache:
            self.conn.execute(
                f"INSERT INTO {table} ({column}) VALUES (?) ON CONFLICT DO NOTHING", [value]
            )
            row = self.conn.execute(f"SELECT id FROM {table} WHERE {column} = ?", [value])
            self.cache[key] = int(row.fetchone()[0])
        return self.cache[key]


def _insert(conn: sqlite3.Connection, articles: Sequence[StoredArticle]) -> int:
    ids = _Ids(conn)
    pairs: set[tuple[int, int]] = set()  # (article, model) stored by this call
    score_rows: list[tuple[Any, ...]] = []
    for article in articles:
        source_id = ids.get("sources", "name", article.source)
        model_id = ids.get("models", "label", article.model)
        day = None if article.published is None else day_of(article.published)
        cursor = conn.execute(
            "INSERT INTO articles (content_hash, source_id, published, day, title, url, ref, "
            "path) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING",
            [
                article.content_hash,
                source_id,
                article.published,
                day,
                article.title,
                article.url,
                article.ref,
                article.path,
            ],
        )
        if cursor.rowcount == 1 and cursor.lastrowid is not None:
            article_id = cursor.lastrowid
        else:  # stored before: its first source and date stay, and its scores copy them
            article_id, source_id, day = conn.execute(
                "SELECT id, source_id, day FROM articles WHERE content_hash = ?",
                [article.content_hash],
            ).fetchone()
            scored = conn.execute(
                "SELECT 1 FROM scores WHERE article_id = ? AND model_id = ? LIMIT 1",
                [article_id, model_id],
            ).fetchone()
            if scored is not None or (article_id, model_id) in pairs:
                continue
        pairs.add((article_id, model_id))
        score_rows.extend(
            (article_id, model_id, ids.get("score_names", "name", name), source_id, day, value)
            for name, value in article.scores.items()
        )
    conn.executemany(
        "INSERT INTO scores (article_id, model_id, name_id, source_id, day, value) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        score_rows,
    )
    return len(pairs)
