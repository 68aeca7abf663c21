"""``maturity-bot questions check``: validate catalogue files before they reach the bot.

Meant for whoever edits a catalogue and for CI: every problem goes to stderr as ``FILE: PLACE: WHAT`` (the
form editors and CI logs link to a location), the exit code says whether the files are fit to ship, and a
clean run ends with one line naming what was checked.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.exits import EXIT_BAD_INPUT, EXIT_OK
from bot.domain.catalogue import Catalogue, catalogue_sources, check_files
from bot.domain.text import count_of


def questions_check(args: argparse.Namespace) -> int:
    """Check ``args.files`` (default: every catalogue in the questions directory); exit 2 on any problem.

    Warnings count as problems here: a shipped catalogue should not carry them even though the bot loads it.
    Without files, the built-in catalogues and those of ``MATURITY_QUESTIONS_DIR`` are checked together,
    as the bot loads them (an id used twice is a problem).
    """
    if args.files:
        paths = [Path(name) for name in args.files]
        catalogues, problems = check_files(paths)
    else:
        paths, problems = catalogue_sources()
        catalogues, more = check_files(paths)
        problems += more
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        files = len({p.file for p in problems})
        print(f"{count_of(len(problems), 'problem')} in {count_of(files, 'file')}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(summary(catalogues))
    return EXIT_OK


def summary(catalogues: list[Catalogue]) -> str:
    """``2 catalogues OK: customer-centricity (8 dimensions, 24 statements), quick (…)``."""
    parts = ", ".join(
        f"{c.id} ({count_of(len(c.dimensions), 'dimension')}, {count_of(len(c.statements), 'statement')})"
        for c in catalogues
    )
    return f"{count_of(len(catalogues), 'catalogue')} OK: {parts}"
