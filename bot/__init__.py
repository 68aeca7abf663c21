"""maturity-bot: the Customer Centricity Maturity Check as a Telegram conversation."""

__version__ = "0.1.0"
