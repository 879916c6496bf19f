import sqlite3
import threading
import time
from pathlib import Path

import pytest

from scorer import store as store_module
from scorer.store import MIGRATIONS, SQLiteStore, StoredArticle, StoreError, migrate


def stored(
    digest: str,
    source: str = "Ledger",
    published: str | None = "2024-03-05",
    model: str = "m@1",
    **scores: float,
) -> StoredArticle:
    return StoredArticle(
        content_hash=digest,
        source=source,
        published=published,
        title=f"Title {digest}",
        url=None,
        ref=digest,
        path=None,
        model=model,
        scores=scores or {"quality": 50.0, "propaganda": 20.0},
    )


@pytest.fixture
def db(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "history.sqlite")


def test_fresh_database_is_at_the_newest_schema_in_wal_mode(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "h.sqlite").close()
    conn = sqlite3.connect(tmp_path / "h.sqlite")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"sources", "articles", "scores", "models", "score_names", "scores_trend"} <= tables


def test_an_appended_migration_upgrades_an_existing_database_and_keeps_its_data(
    tmp_path: Path,
) -> None:
    path = tmp_path / "h.sqlite"
    with_data = SQLiteStore(path)
    with_data.add([stored("a")])
    with_data.close()

    def add_note(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE articles ADD COLUMN note TEXT")

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    migrate(conn, (*MIGRATIONS, add_note))
    conn.execute("COMMIT")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) + 1
    assert conn.execute("SELECT content_hash, note FROM articles").fetchall() == [("a", None)]
    conn.close()
    # This scorer knows fewer migrations than the file has: it refuses, naming the file.
    newer = len(MIGRATIONS) + 1
    with pytest.raises(StoreError, match=rf"h\.sqlite: schema version {newer} is newer"):
        SQLiteStore(path)


def test_a_file_that_is_not_a_database_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("these are notes, not a database\n" * 100)
    with pytest.raises(StoreError, match=r"notes\.sqlite: not a scorer history database"):
        SQLiteStore(path)
    with pytest.raises(StoreError, match="no history database here"):
        SQLiteStore(tmp_path / "missing.sqlite", create=False)
    assert not (tmp_path / "missing.sqlite").exists()


def test_an_article_is_stored_once_however_often_it_is_added(db: SQLiteStore) -> None:
    assert db.add([stored("a"), stored("b"), stored("a")]) == 2
    assert db.add([stored("a"), stored("c")]) == 1
    assert db.known({"a", "b", "c", "d"}, "m@1") == {"a", "b", "c"}
    assert db.known({"a"}, "m@2") == set()
    assert len(list(db.export())) == 3


def test_rescoring_with_a_new_model_keeps_the_old_figures(db: SQLiteStore) -> None:
    db.add([stored("a", quality=40.0)])
    assert db.add([stored("a", model="m@2", quality=70.0, sourcing=10.0)]) == 1
    assert db.models() == ["m@1", "m@2"]
    assert db.score_names("m@1") == ["quality"]
    assert db.score_names("m@2") == ["quality", "sourcing"]
    assert db.series("m@1", "quality").value.tolist() == [40.0]
    assert db.series("m@2", "quality").value.tolist() == [70.0]
    rows = list(db.export())
    assert [(r.model, r.scores) for r in rows] == [
        ("m@1", {"quality": 40.0}),
        ("m@2", {"quality": 70.0, "sourcing": 10.0}),
    ]
    assert [r.model for r in db.export(model="m@2")] == ["m@2"]


def test_the_first_source_and_date_of_an_article_stay(db: SQLiteStore) -> None:
    db.add([stored("a", source="Ledger", published="2024-01-02")])
    db.add([stored("a", source="Blaze", published="2024-06-01", model="m@2")])
    series = db.series("m@2", "quality")
    assert [series.names[int(i)] for i in series.source_id] == ["Ledger"]
    assert [store_module.day_to_iso(int(d)) for d in series.day] == ["2024-01-02"]
    assert [s.source for s in db.sources("m@2")] == ["Ledger"]


def test_source_names_match_without_case_and_undated_articles_stay_out_of_series(
    db: SQLiteStore,
) -> None:
    db.add(
        [
            stored("a", source="The Ledger", published="2024-01-02", quality=10.0),
            stored("b", source="the ledger", published=None, quality=90.0),
            stored("c", source="Blaze", published="2023-05-01", quality=30.0),
        ]
    )
    [blaze, ledger] = db.sources("m@1")
    assert (ledger.source, ledger.articles, ledger.undated) == ("The Ledger", 2, 1)
    assert (ledger.first, ledger.last) == ("2024-01-02", "2024-01-02")
    assert ledger.means["quality"] == pytest.approx(50.0)  # undated articles count in means
    assert (blaze.source, blaze.first) == ("Blaze", "2023-05-01")
    assert db.series("m@1", "quality", "THE LEDGER").value.tolist() == [10.0]
    assert sorted(db.series("m@1", "quality").value.tolist()) == [10.0, 30.0]
    assert db.series("m@1", "quality", "Nobody").value.size == 0


def test_a_failure_inside_a_chunk_stores_none_of_it(db: SQLiteStore) -> None:
    db.add([stored("a")])
    with pytest.raises(ValueError):
        db.add([stored("b"), stored("c", source="New outlet"), stored("d", published="05/03")])
    assert db.known({"a", "b", "c", "d"}, "m@1") == {"a"}
    assert [s.source for s in db.sources("m@1")] == ["Ledger"]  # the new source went too
    assert db.add([stored("b"), stored("c", source="New outlet")]) == 2


def test_period_values_name_the_articles_of_one_source_and_period(db: SQLiteStore) -> None:
    db.add(
        [
            stored("a", published="2024-03-01", quality=10.0),
            stored("b", published="2024-03-31", quality=20.0),
            stored("c", published="2024-04-01", quality=30.0),
            stored("d", published=None, quality=40.0),
            stored("e", source="Blaze", published="2024-03-02", quality=50.0),
        ]
    )
    first, last = (store_module.day_of(d) for d in ("2024-03-01", "2024-03-31"))
    rows = db.period_values("m@1", "quality", "ledger", first, last)
    assert sorted((info.ref, info.published, info.source, value) for info, value in rows) == [
        ("a", "2024-03-01", "Ledger", 10.0),
        ("b", "2024-03-31", "Ledger", 20.0),
    ]
    assert rows[0][0].title == f"Title {rows[0][0].ref}"


def test_a_writer_waits_out_another_process_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's own busy wait is cut short here, so the store's retries must carry it."""
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.01)
    path = tmp_path / "h.sqlite"
    db = SQLiteStore(path)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO sources (name) VALUES ('Holder')")
    release = threading.Timer(0.4, lambda: other.execute("COMMIT"))
    release.start()
    began = time.monotonic()
    assert db.add([stored("a")]) == 1
    assert time.monotonic() - began >= 0.3
    release.join()
    assert [s.source for s in db.sources("m@1")] == ["Ledger"]
    other.close()


def test_a_lock_held_beyond_every_retry_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.01)
    monkeypatch.setattr(store_module, "RETRIES", 2)
    path = tmp_path / "h.sqlite"
    db = SQLiteStore(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreError, match=r"h\.sqlite: still locked by another process"):
        db.add([stored("a")])
    other.execute("ROLLBACK")
    assert db.add([stored("a")]) == 1
