"""The exit codes of every ``maturity-bot`` sub-command, in one place that imports nothing.

Sub-commands import these from here, never from ``bot.cli``: the command line imports its sub-commands,
so taking anything back from it would be an import circle.
"""

EXIT_OK = 0
#: ``maturity-bot check`` found something to look at, but nothing that stops the bot
EXIT_WARNING = 1
#: a broken catalogue, a malformed CSV, a missing or malformed setting: fix the input and run again
EXIT_BAD_INPUT = 2
#: the Bot API could not be reached at start (sysexits' EX_UNAVAILABLE): worth retrying later
EXIT_UNAVAILABLE = 69
#: interrupted with Ctrl-C (128 + SIGINT), as shells report it
EXIT_INTERRUPTED = 130
