"""Command-line options that several commands share, declared once so their names, types
and help read the same in every command's ``--help``."""

from __future__ import annotations

import click

model_option = click.option(
    "--model",
    "model_path",
    type=click.Path(dir_okay=False),
    help="A model JSON file to score with instead of the shipped one.",
)

progress_option = click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on standard error (default: when it is a terminal).",
)

jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes (default: every core; 1 scores in this process). "
    "Output keeps the input order.",
)
