"""The ``scorer`` command line."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import nullcontext
from typing import Any, ClassVar

import click

from scorer import __version__
from scorer.errors import ScorerError
from scorer.options import jobs_option, model_option, progress_option
from scorer.output import (
    FORMATS,
    encoder,
    make_writer,
    open_text,
    output_name,
    render_table,
    to_stdout,
)
from scorer.progress import advancing, progress_bar
from scorer.readers import MAX_FILE_BYTES, SUPPORTED_EXTENSIONS, ReadError, read_inputs

EXIT_INPUT_FAILED = 1


def _error(message: str) -> None:
    click.echo(f"error: {message}", err=True)


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


class _Commands(click.Group):
    """The command group; ``report`` and ``track`` are imported only when invoked, so that
    ``scorer score`` starts without loading what they need (Jinja2, SQLite, SciPy)."""

    lazy: ClassVar[dict[str, tuple[str, str]]] = {
        "report": ("scorer.report", "report_command"),
        "track": ("scorer.track", "track_group"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            import importlib

            module, name = self.lazy[cmd_name]
            command: click.Command = getattr(importlib.import_module(module), name)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="scorer")
def cli() -> None:
    """Score news articles for editorial quality and propaganda-like tone.

    Every score is 0-100 (or null where there is too little text) and explained by the
    features that moved it; evidence spans point at the exact passages. Start with:
    scorer score seeds/
    """


@cli.command(
    epilog=f"Supported files: {', '.join(sorted(SUPPORTED_EXTENSIONS))}. An article (or a "
    f"corpus record) over {MAX_FILE_BYTES // 1_000_000} MB is refused."
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
@click.option(
    "--evidence",
    is_flag=True,
    help="Include evidence spans (JSON and JSONL); each names its propaganda technique, "
    "if it is one, as the PTC names them.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Include explanations: the features that moved each score (JSON and JSONL: every "
    "term, most of a record's size; the table: the largest, per article).",
)
@click.option(
    "--sentences",
    is_flag=True,
    help="Include per-sentence scores (JSON and JSONL): for each sentence of the prose, the "
    "probability in percent that it holds a propaganda technique and loaded wording, by "
    "the sentence models; given even for text too short for article scores.",
)
@model_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    help="Write to this file instead of standard output (- is standard output).",
)
@progress_option
@jobs_option
def score(
    paths: tuple[str, ...],
    fmt: str,
    evidence: bool,
    explain: bool,
    sentences: bool,
    model_path: str | None,
    output: str | None,
    progress: bool | None,
    jobs: int | None,
) -> None:
    """Score articles and print one record per article.

    PATH is a file, a directory (searched recursively) or - for standard input. Files:
    .txt and .md (optional front matter: title, source, published, url; Markdown is scored as
    its plain text), .html/.htm (main text extracted), and corpora in .jsonl, .json and .csv
    with fields id, title, text, source, published, url. A bad input prints a one-line error;
    the others are still scored, and the exit status is 1.

    \b
    Examples:
      scorer score article.txt
      scorer score corpus.jsonl --format jsonl --evidence --explain -o scored.jsonl
      scorer score sentences.jsonl --format jsonl --sentences
      cat article.txt | scorer score - --format json
      scorer score archive.jsonl --jobs 4 --format jsonl -o scored.jsonl
    """
    from scorer.model import default_model, load_model
    from scorer.parallel import available_cores, score_in_order, unchanged

    try:
        model = load_model(model_path) if model_path else default_model()
    except ScorerError as exc:
        _error(str(exc))
        sys.exit(2)
    if to_stdout(output):
        output = None
    to_terminal = output is None and sys.stdout.isatty()
    if fmt == "auto":
        fmt = "table" if to_terminal else "jsonl"
    failures = 0
    # Workers encode the records for the writer; the table needs the records themselves.
    encode = unchanged if fmt == "table" else encoder(fmt, evidence, explain, sentences)

    def records() -> Iterator[Any]:
        nonlocal failures
        scored = score_in_order(read_inputs(paths), encode, model, jobs or available_cores())
        for item in scored:
            if isinstance(item, ReadError):
                failures += 1
                _error(str(item))
                continue
            yield item

    show_progress = sys.stderr.isatty() if progress is None else progress
    with progress_bar(show_progress) as bar, _open_output(output) as out:
        stream = advancing(records(), bar)
        if fmt == "table":
            from rich.console import Console

            render_table(stream, Console(file=out, soft_wrap=False), explain=explain)
        else:
            writer = make_writer(fmt, out)
            for encoded in stream:
                writer.write(encoded)
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


@cli.command()
@click.argument("labeled", type=click.Path(exists=True, dir_okay=False), metavar="LABELED.jsonl")
@click.option("--target", required=True, help="The label field to learn (numbers or true/false).")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Model JSON to write (- is standard output).",
)
@click.option("--name", "score_name", help="Name of the new score (default: the target's name).")
def train(labeled: str, target: str, output: str, score_name: str | None) -> None:
    """Fit a score on your own labels: the shipped scores plus one new score.

    LABELED.jsonl holds one article per line with a text field and the target field (an
    editor's rating, a true/false verdict, ...). True/false or 0/1 targets get a logistic
    model whose score is a probability (0-100); other numbers get ridge regression whose score
    is the percentile among your training articles. Prints the cross-validated AUC or
    Spearman (folds grouped by the records' source field where present).

    \b
    Example:
      scorer train ratings.jsonl --target editor_score -o newsroom.json
      scorer score new/ --model newsroom.json
    """
    from pathlib import Path

    from scorer.training import load_corpus, shipped_model_data, train_user_model

    try:
        corpus = load_corpus(Path(labeled), progress=sys.stderr.isatty())
        data, figure = train_user_model(corpus, target, shipped_model_data(), score_name)
    except ScorerError as exc:
        _error(str(exc))
        sys.exit(2)
    from scorer.training import dump_model

    try:
        with open_text(output) as out:
            out.write(dump_model(data))
    except OSError as exc:
        _error(f"{output}: cannot write ({exc.strerror})")
        sys.exit(2)
    shown = ", ".join(f"{k} {v:.3f}" for k, v in figure.items())
    click.echo(
        f"wrote {output_name(output)}: score {score_name or target!r}, cross-validated {shown}",
        err=to_stdout(output),
    )


@cli.command()
@click.argument("labeled", type=click.Path(exists=True, dir_okay=False), metavar="LABELED.jsonl")
@click.option("--target", required=True, help="The label field to compare scores with.")
@click.option("--score", "only", multiple=True, help="Only this score (repeatable).")
@model_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def evaluate(
    labeled: str, target: str, only: tuple[str, ...], model_path: str | None, fmt: str
) -> None:
    """Compare scores with labels: AUC and accuracy, or Spearman, with 95% intervals.

    A true/false (or 0/1) target gets ROC AUC and accuracy (score >= 50 predicts true); any
    other number gets Spearman's rank correlation. Intervals come from 1,000 bootstrap
    resamples of the articles.

    \b
    Example:
      scorer evaluate factchecked.jsonl --target mostly_true --score quality
    """
    from pathlib import Path

    from scorer.evaluation.scores import corpus_scores, evaluate_scores, target_values
    from scorer.model import default_model, load_model
    from scorer.training import load_corpus

    try:
        model = load_model(model_path) if model_path else default_model()
        unknown = [s for s in only if s not in model.scores]
        if unknown:
            raise ScorerError(f"unknown score {unknown[0]!r} (have: {', '.join(model.scores)})")
        corpus = load_corpus(Path(labeled), progress=sys.stderr.isatty())
        labels = target_values(corpus.records, target, labeled)
    except ScorerError as exc:
        _error(str(exc))
        sys.exit(2)
    training_file = model.trained_on(corpus.sha256)
    if training_file:
        _warn(
            f"{labeled} is {model.label}'s training data ({training_file}); these figures "
            "are not held-out (see docs/model_card.md for held-out figures)"
        )
    scores = corpus_scores(corpus, model)
    metrics = evaluate_scores(labels, {k: v for k, v in scores.items() if not only or k in only})
    if fmt == "json":
        import json

        click.echo(json.dumps([m.to_dict() for m in metrics], indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{labeled}: scores against {target!r} ({len(labels)} articles)")
    for column in ("score", "metric", "value", "95% interval"):
        table.add_column(column, justify="right" if column != "score" else "left")
    for m in metrics:
        table.add_row(m.score, m.metric, f"{m.value:.3f}", f"{m.low:.3f} .. {m.high:.3f}")
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
