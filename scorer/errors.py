"""Errors a user can cause and fix; the CLI prints them as one line, never a traceback."""


class ScorerError(Exception):
    """A user-facing problem: a bad input, option or model file."""
