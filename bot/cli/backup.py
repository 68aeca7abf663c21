"""``maturity-bot backup PATH``: a consistent copy of the database, safe while the bot runs."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bot.cli.exits import EXIT_BAD_INPUT, EXIT_OK


def backup(args: argparse.Namespace) -> int:
    from bot.storage.repository import StorageError, backup_database

    source = Path(args.database or os.environ.get("MATURITY_DB", "maturity.db"))
    try:
        pages = backup_database(source, Path(args.path))
    except StorageError as exc:
        print(f"maturity-bot: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"backed up {source} to {args.path} ({pages} pages)")
    return EXIT_OK
