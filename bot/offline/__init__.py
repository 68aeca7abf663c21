"""Running without Telegram: the project's own Bot API server, the simulated managers, the demo's team.

Shipped with the package because ``maturity-bot demo`` needs it; the tests and the benchmark use the same
server. Nothing in the bot imports this package: only the command line (``demo``), tests and bench do.
"""
