"""Plain-text rules every layer shares: Telegram's way of counting length, shortening, count-chosen keys.

Here, in the domain, because the poll's option texts (``priorities``) need them as much as the views do.
"""

from __future__ import annotations

ELLIPSIS = "…"


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, as Telegram counts its limits (most emoji count twice)."""
    return len(text.encode("utf-16-le")) // 2


def shorten(text: str, limit: int = 60) -> str:
    """At most ``limit`` characters, cut with "…" (statements in lists, where the number says which)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def counted(key: str, count: int) -> str:
    """The text key for ``count`` things: ``key.one`` for one, ``key.other`` for any other number."""
    return f"{key}.one" if count == 1 else f"{key}.other"


def count_of(count: int, noun: str) -> str:
    """ "1 catalogue", "2 catalogues": English counts for the command line (the bot uses ``counted``)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
