"""The ``maturity-bot`` command line: one sub-command per job, each explaining itself with ``--help``.

Exit codes: 0 success, 2 bad input (a broken catalogue, a malformed CSV, a missing setting).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

EXIT_OK = 0
EXIT_BAD_INPUT = 2

Command = Callable[[argparse.Namespace], int]


def _questions_check(args: argparse.Namespace) -> int:
    from bot.cli_questions import questions_check

    return questions_check(args)


def _analyse(args: argparse.Namespace) -> int:
    from bot.cli_analyse import analyse

    return analyse(args)


def build_parser() -> argparse.ArgumentParser:
    """Every sub-command and its options; imports of heavy modules stay inside the commands."""
    parser = argparse.ArgumentParser(
        prog="maturity-bot",
        description=(
            "The Customer Centricity Maturity Check as a Telegram bot: managers judge their company's "
            "customer centricity privately, the group sees where their judgments differ."
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    questions = sub.add_parser(
        "questions", help="work with question catalogues", description="Work with question catalogues."
    )
    qsub = questions.add_subparsers(dest="questions_command", metavar="SUBCOMMAND")
    check = qsub.add_parser(
        "check",
        help="validate catalogue files",
        description=(
            "Validate question catalogues. Prints every problem as FILE: PLACE: WHAT and exits 2 if there "
            "is any; otherwise prints a one-line summary and exits 0."
        ),
    )
    check.add_argument(
        "files", nargs="*", metavar="FILE", help="catalogue files (default: every *.toml in questions/)"
    )
    check.set_defaults(func=_questions_check)

    analyse = sub.add_parser(
        "analyse",
        help="analyse a round's ratings from a CSV file",
        description=(
            "Run the judgment analysis on a CSV in long form with the columns rater, statement, rating "
            "(an empty rating or '?' means \"can't judge\"; other columns are ignored). Prints a readable "
            "report, or one JSON object with --json. Malformed input exits 2 with the line number."
        ),
    )
    analyse.add_argument("csv_file", metavar="FILE.csv", help="ratings in long form")
    analyse.add_argument("--json", action="store_true", help="print one JSON object instead of a report")
    analyse.add_argument(
        "--catalogue",
        metavar="ID",
        help="catalogue whose dimensions and texts to use (statement ids must belong to it)",
    )
    analyse.set_defaults(func=_analyse)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Command | None = getattr(args, "func", None)
    if func is None:
        if args.command == "questions":
            parser.parse_args(["questions", "--help"])
        parser.print_help()
        return EXIT_OK
    try:
        return func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
