"""The ``scorer`` command line."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import nullcontext
from typing import Any

import click

from scorer import __version__
from scorer.errors import ScorerError
from scorer.output import FORMATS, make_writer, render_table
from scorer.readers import MAX_FILE_BYTES, SUPPORTED_EXTENSIONS, ReadError, read_inputs
from scorer.record import ScoreRecord

EXIT_INPUT_FAILED = 1


def _error(message: str) -> None:
    click.echo(f"error: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scorer")
def cli() -> None:
    """Score news articles for editorial quality and propaganda-like tone.

    Every score is 0-100 and explained by the features that moved it; evidence spans
    point at the exact passages. Start with:  scorer score seeds/
    """


@cli.command(
    epilog=f"Supported files: {', '.join(SUPPORTED_EXTENSIONS)}. An article (or a corpus record) "
    f"over {MAX_FILE_BYTES // 1_000_000} MB is refused."
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", *FORMATS]),
    default="auto",
    show_default=True,
    help="Output format. auto: a table on a terminal, JSONL when piped.",
)
@click.option("--evidence", is_flag=True, help="Include evidence spans (JSON and JSONL).")
@click.option(
    "--model",
    "model_path",
    type=click.Path(dir_okay=False),
    help="A model JSON file to score with instead of the shipped one.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write to this file instead of standard output.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on standard error (default: when it is a terminal).",
)
def score(
    paths: tuple[str, ...],
    fmt: str,
    evidence: bool,
    model_path: str | None,
    output: str | None,
    progress: bool | None,
) -> None:
    """Score articles and print one record per article.

    PATH is a file, a directory (searched recursively) or - for standard input. Files:
    .txt and .md (optional front matter: title, source, published, url), .html/.htm (main
    text extracted), and corpora in .jsonl, .json and .csv with fields id, title, text,
    source, published, url. A bad input prints a one-line error; the others are still
    scored, and the exit status is 1.

    \b
    Examples:
      scorer score article.txt
      scorer score corpus.jsonl --format jsonl --evidence -o scored.jsonl
      cat article.txt | scorer score - --format json
    """
    from scorer.model import default_model, load_model
    from scorer.pipeline import score_article

    try:
        model = load_model(model_path) if model_path else default_model()
    except ScorerError as exc:
        _error(str(exc))
        sys.exit(2)
    to_terminal = output is None and sys.stdout.isatty()
    if fmt == "auto":
        fmt = "table" if to_terminal else "jsonl"
    failures = 0

    def records() -> Iterator[ScoreRecord]:
        nonlocal failures
        for item in read_inputs(paths):
            if isinstance(item, ReadError):
                failures += 1
                _error(str(item))
                continue
            yield score_article(item, model)

    show_progress = sys.stderr.isatty() if progress is None else progress
    with _progress(show_progress) as bar, _open_output(output) as out:
        stream = _counted(records(), bar)
        if fmt == "table":
            from rich.console import Console

            render_table(stream, Console(file=out, soft_wrap=False))
        else:
            writer = make_writer(fmt, out, evidence)
            for record in stream:
                writer.write(record)
            writer.close()
    if failures:
        sys.exit(EXIT_INPUT_FAILED)


def _open_output(output: str | None) -> Any:
    if output is None:
        return nullcontext(sys.stdout)
    try:
        return open(output, "w", encoding="utf-8", newline="")
    except OSError as exc:
        _error(f"{output}: cannot write ({exc.strerror})")
        sys.exit(2)


def _progress(enabled: bool) -> Any:
    if not enabled:
        return nullcontext(None)
    from rich.progress import (
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        SpinnerColumn(),
        TextColumn("scoring"),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        console=_stderr_console(),
    )


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _counted(records: Iterator[ScoreRecord], bar: Any) -> Iterator[ScoreRecord]:
    if bar is None:
        yield from records
        return
    task = bar.add_task("scoring", total=None)
    for record in records:
        bar.advance(task)
        yield record


@cli.command("features")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def list_features(fmt: str) -> None:
    """List every feature: its family, range, meaning and which direction is worse."""
    from scorer.registry import FAMILIES

    rows = [
        {
            "feature": f"{family.name}.{spec.name}",
            "low": spec.low,
            "high": spec.high,
            "worse": spec.worse,
            "meaning": spec.meaning,
        }
        for family in FAMILIES
        for spec in family.features
    ]
    if fmt == "json":
        import json

        click.echo(json.dumps(rows, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="scorer features")
    for column in ("feature", "range", "worse", "meaning"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            str(row["feature"]),
            f"{row['low']:g} .. {row['high']:g}",
            str(row["worse"]),
            str(row["meaning"]),
        )
    Console().print(table)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``scorer`` console script."""
    try:
        cli.main(args=argv, prog_name="scorer", standalone_mode=True)
    except KeyboardInterrupt:
        _error("interrupted")
        sys.exit(130)
    except BrokenPipeError:  # `scorer score ... | head`: the reader left; not an error of ours
        sys.stderr.close()
        sys.exit(0)
