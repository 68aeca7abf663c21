"""The ``maturity-bot`` command line: one sub-command per job, each explaining itself with ``--help``.

Exit codes are in ``bot.cli.exits``: 0 success, 2 bad input (a broken catalogue, a malformed CSV, a missing
setting).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from bot.cli.exits import EXIT_INTERRUPTED, EXIT_OK

Command = Callable[[argparse.Namespace], int]


def _questions_check(args: argparse.Namespace) -> int:
    from bot.cli.questions import questions_check

    return questions_check(args)


def _analyse(args: argparse.Namespace) -> int:
    from bot.cli.analyse import analyse

    return analyse(args)


def _run(args: argparse.Namespace) -> int:
    from bot.cli.run import run

    return run(args)


def _demo(args: argparse.Namespace) -> int:
    from bot.cli.demo import demo

    return demo(args)


def _backup(args: argparse.Namespace) -> int:
    from bot.cli.backup import backup

    return backup(args)


def _check(args: argparse.Namespace) -> int:
    from bot.cli.check import check

    return check(args)


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
        "files",
        nargs="*",
        metavar="FILE",
        help="catalogue files (default: the built-in catalogues and those in $MATURITY_QUESTIONS_DIR)",
    )
    check.add_argument(
        "--team",
        action="store_true",
        help=(
            "check the files as a team's /catalogue upload: TOML or CSV, one language allowed, the upload "
            "limits, built-in ids reserved (a .csv file is always checked so)"
        ),
    )
    check.set_defaults(func=_questions_check)

    analyse = sub.add_parser(
        "analyse",
        help="analyse a round's ratings from a CSV file",
        description=(
            "Run the judgment analysis on a CSV in long form with the columns rater, statement, rating "
            "(an empty rating or '?' means \"can't judge\", '-' means not answered). Optional columns: "
            "round (a file with several rounds, such as the bot's /export, needs --round N), dimension "
            "(the statement's dimension, used when no catalogue fits); other columns are ignored. Prints "
            "a readable report, or one JSON object with --json. Malformed input exits 2 with the line "
            "number."
        ),
    )
    analyse.add_argument("csv_file", metavar="FILE.csv", help="ratings in long form")
    analyse.add_argument("--json", action="store_true", help="print one JSON object instead of a report")
    analyse.add_argument(
        "--catalogue",
        metavar="ID",
        help="catalogue whose dimensions and texts to use (statement ids must belong to it)",
    )
    analyse.add_argument(
        "--round", metavar="N", help="the round to analyse, in a file whose round column holds several"
    )
    analyse.set_defaults(func=_analyse)

    run = sub.add_parser(
        "run",
        help="run the bot (long polling, or a webhook)",
        description=(
            "Run the bot with long polling, or as a webhook when MATURITY_WEBHOOK_URL is set, until SIGTERM "
            "or SIGINT stop it cleanly. Settings come from the environment or a .env file: "
            "TELEGRAM_BOT_TOKEN (required), TELEGRAM_API_BASE_URL (optional, e.g. http://127.0.0.1:8081/bot "
            "for a self-hosted Bot API server), MATURITY_DB (default maturity.db), MATURITY_WEBHOOK_URL "
            "(the public https URL; unset: long polling), MATURITY_WEBHOOK_LISTEN (default 0.0.0.0:8443), "
            "MATURITY_QUESTIONS_DIR (more catalogues), MATURITY_LOG_LEVEL (default INFO), "
            "MATURITY_TIMEZONE (default Europe/Zurich); the README lists them all."
        ),
    )
    run.set_defaults(func=_run)

    demo = sub.add_parser(
        "demo",
        help="play a complete round offline (no token, no network)",
        description=(
            "Start the project's local Bot API server on loopback, run the real bot against it, play a team "
            "lead and N managers through a complete round, and write what every chat saw: the group's "
            "charts as PNG, its messages, and a transcript of every chat."
        ),
    )
    demo.add_argument("--out", default="demo-out", metavar="DIR", help="where to write (default: demo-out)")
    demo.add_argument("--managers", type=int, default=5, metavar="N", help="number of managers (default 5)")
    demo.add_argument("--catalogue", default="customer-centricity", metavar="ID", help="catalogue to use")
    demo.add_argument("--anonymous", action="store_true", help="run an anonymous round")
    demo.add_argument(
        "--language",
        choices=("de", "en"),
        default="de",
        help="the language of the people in the demo (default de)",
    )
    demo.set_defaults(func=_demo)

    health = sub.add_parser(
        "check",
        help="check settings, catalogues, database and Telegram before and after deploying",
        description=(
            "Check that this deployment can run: settings (the token is never shown), question catalogues, "
            "the database (opens, schema version, writable), and with the token what Telegram says: the "
            "bot's name, webhook or long polling as configured, privacy mode, and for each team whether "
            "the bot is still in its group and an admin. One line per finding; exit 0 when all is well, "
            "1 on warnings, 2 on errors. Suits a container's health check."
        ),
    )
    health.add_argument("--json", action="store_true", help="print one JSON object instead of lines")
    health.set_defaults(func=_check)

    backup = sub.add_parser(
        "backup",
        help="copy the database consistently, also while the bot runs",
        description=(
            "Write a consistent copy of the database (SQLite's online backup), safe while the bot runs."
        ),
    )
    backup.add_argument("path", metavar="PATH", help="the new file to write (must not exist)")
    backup.add_argument(
        "--database", metavar="FILE", help="the database (default: $MATURITY_DB or maturity.db)"
    )
    backup.set_defaults(func=_backup)
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
        return EXIT_INTERRUPTED
