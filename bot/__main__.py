"""``python -m bot`` is the ``maturity-bot`` command line."""

from bot.cli import main

raise SystemExit(main())
