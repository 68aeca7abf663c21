"""Every text in both languages, and the texts sent as Telegram HTML parse as Telegram parses them."""

from __future__ import annotations

import importlib
import re
import string

import pytest

from bot.offline.telegram_server.errors import ApiError
from bot.offline.telegram_server.text import parse_html
from bot.texts import LANGUAGES

#: Text modules whose texts go to Telegram with parse_mode HTML; results, charts and canvas are plain text
#: (the report renderer and matplotlib escape or draw them).
HTML_MODULES = ("common", "rounds", "questionnaire", "privacy", "followup", "reports", "beliefs")


def _filled(text: str) -> str:
    """The text with every placeholder filled with a harmless value, as the bot would send it."""
    fields = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    return text.format(**dict.fromkeys(fields, "x"))


@pytest.mark.parametrize("module", HTML_MODULES)
def test_html_texts_parse_as_telegram_html(module: str) -> None:
    texts = importlib.import_module(f"bot.texts.{module}").TEXTS
    for key, variants in texts.items():
        for lang in LANGUAGES:
            try:
                parse_html(_filled(variants[lang]))
            except ApiError as exc:
                pytest.fail(f"{module}: {key} ({lang}) is not valid Telegram HTML: {exc}")


@pytest.mark.parametrize("module", HTML_MODULES)
def test_placeholders_are_the_same_in_both_languages(module: str) -> None:
    texts = importlib.import_module(f"bot.texts.{module}").TEXTS
    for key, variants in texts.items():
        fields = {lang: set(re.findall(r"\{(\w+)\}", variants[lang])) for lang in LANGUAGES}
        assert fields["de"] == fields["en"], key
