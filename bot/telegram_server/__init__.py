"""The project's own Bot API server on loopback, written from the Bot API documentation.

It serves the demo and the end-to-end tests: raw JSON over HTTP, strict about Telegram's limits.
"""
