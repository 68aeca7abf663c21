"""``maturity-bot demo``: a complete round, offline, with the real bot against the local Bot API server.

The command checks its options and prints where things went; the playing is ``bot.offline.play``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from pathlib import Path

from bot.cli.exits import EXIT_BAD_INPUT, EXIT_OK

#: More managers than this make the demo slow without showing anything new.
MAX_MANAGERS = 50


def demo(args: argparse.Namespace) -> int:
    """Validate the options, then play the round; exit 2 with one line on bad options."""
    from bot.domain.catalogue import CatalogueError, load_catalogues
    from bot.offline.play import play_round

    if not 2 <= args.managers <= MAX_MANAGERS:
        print(
            f"maturity-bot demo: --managers must be between 2 and {MAX_MANAGERS} "
            "(a comparison needs at least two managers)",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    try:
        catalogues = load_catalogues()
    except CatalogueError as exc:
        print(f"maturity-bot demo: the question catalogues are broken:\n{exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.catalogue not in catalogues:
        print(
            f"maturity-bot demo: unknown catalogue {args.catalogue!r}; "
            f"available: {', '.join(sorted(catalogues))}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"maturity-bot demo: {out} exists and is not a folder", file=sys.stderr)
        return EXIT_BAD_INPUT
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    started = time.perf_counter()
    written = asyncio.run(
        play_round(out, args.managers, catalogues, args.catalogue, args.anonymous, args.language)
    )
    print(
        f"Played a round of {args.catalogue!r} with {args.managers} managers "
        f"in {time.perf_counter() - started:.1f} s."
    )
    print(f"Everything each chat saw is in {out}/:")
    for path in written:
        print(f"  {path}")
    return EXIT_OK
