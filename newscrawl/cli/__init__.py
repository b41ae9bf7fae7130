"""The ``newscrawl`` command: one module per command group, one error boundary (main)."""

from newscrawl.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
