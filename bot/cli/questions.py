"""``maturity-bot questions check``: validate catalogue files before they reach the bot.

Meant for whoever edits a catalogue and for CI: every problem goes to stderr as ``FILE: PLACE: WHAT`` (the
form editors and CI logs link to a location), the exit code says whether the files are fit to ship, and a
clean run ends with one line naming what was checked.

``--team`` checks files the way the bot checks a team's ``/catalogue`` upload (TOML or the spreadsheet CSV,
one language allowed, the upload's limits, the built-in ids reserved), so a consultant can prepare a
client's catalogue before sending it. A CSV file is always checked that way: the CSV exists only as upload.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.exits import EXIT_BAD_INPUT, EXIT_OK
from bot.domain.catalogue import (
    FILE,
    Catalogue,
    CatalogueError,
    CatalogueProblem,
    catalogue_sources,
    check_files,
    load_catalogues,
    problem,
)
from bot.domain.catalogue_io import read_upload
from bot.domain.rounds import DEFAULT_CATALOGUE
from bot.domain.text import count_of


def questions_check(args: argparse.Namespace) -> int:
    """Check ``args.files`` (default: every catalogue in the questions directory); exit 2 on any problem.

    Warnings count as problems here: a shipped catalogue should not carry them even though the bot loads it.
    Without files, the built-in catalogues and those of ``MATURITY_QUESTIONS_DIR`` are checked together,
    as the bot loads them (an id used twice is a problem).
    """
    if args.team and not args.files:
        print("questions check --team: name the files to check as a team's upload", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.files:
        paths = [Path(name) for name in args.files]
        uploads = [path for path in paths if args.team or path.suffix.lower() == ".csv"]
        catalogues, problems = check_files([path for path in paths if path not in uploads])
        if uploads:
            more_catalogues, more = check_uploads(uploads)
            catalogues += more_catalogues
            problems += more
    else:
        paths, problems = catalogue_sources()
        catalogues, more = check_files(paths)
        problems += more
    for found in problems:
        print(found, file=sys.stderr)
    if problems:
        files = len({p.file for p in problems})
        print(f"{count_of(len(problems), 'problem')} in {count_of(files, 'file')}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(summary(catalogues))
    return EXIT_OK


def check_uploads(paths: list[Path]) -> tuple[list[Catalogue], list[CatalogueProblem]]:
    """Each file read as the bot reads a team's upload; the catalogues without errors and every problem.

    The built-in catalogues give the CSV's scale and the ids a team may not take, as in the bot; a broken
    built-in catalogue is reported instead (nothing can be checked against it).
    """
    try:
        builtin = load_catalogues()
    except CatalogueError as error:
        return [], error.problems
    scale = (builtin.get(DEFAULT_CATALOGUE) or builtin[min(builtin)]).scale
    catalogues: list[Catalogue] = []
    problems: list[CatalogueProblem] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as error:
            problems.append(problem(str(path), FILE, "cannot_read", reason=error.strerror or error))
            continue
        upload = read_upload(str(path), data, scale, frozenset(builtin))
        problems += upload.problems
        if upload.catalogue is not None and not upload.errors:
            catalogues.append(upload.catalogue)
    return catalogues, problems


def summary(catalogues: list[Catalogue]) -> str:
    """``2 catalogues OK: customer-centricity (8 dimensions, 24 statements), quick (…)``."""
    parts = ", ".join(
        f"{c.id} ({count_of(len(c.dimensions), 'dimension')}, {count_of(len(c.statements), 'statement')})"
        for c in catalogues
    )
    return f"{count_of(len(catalogues), 'catalogue')} OK: {parts}"
