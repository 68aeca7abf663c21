"""Round rules: deadlines, reminders, tokens, what comes next."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.rounds import (
    DAY,
    HOUR,
    DeadlineError,
    is_well_formed_token,
    managers_with_ratings,
    new_round_token,
    next_statement,
    parse_deadline,
    reminder_time,
    statement_after,
    statement_before,
)

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Zurich")).timestamp()


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("3d", 3 * DAY),
        ("12h", 12 * HOUR),
        ("90m", 90 * 60),
        ("2w", 14 * DAY),
        ("1D", DAY),
        ("45min", 45 * 60),
    ],
)
def test_relative_deadlines(text: str, seconds: float) -> None:
    assert parse_deadline(text, NOW, "Europe/Zurich") == NOW + seconds


def test_dates_end_at_23_59_local_time() -> None:
    expected = datetime(2026, 12, 1, 23, 59, tzinfo=ZoneInfo("Europe/Zurich")).timestamp()
    assert parse_deadline("2026-12-01", NOW, "Europe/Zurich") == expected
    assert parse_deadline("1.12.2026", NOW, "Europe/Zurich") == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("tomorrow", "deadline.malformed"),
        ("3x", "deadline.malformed"),
        ("2026-02-30", "deadline.no_such_date"),
        ("2m", "deadline.too_soon"),
        ("2026-11-01", "deadline.too_soon"),
        ("400d", "deadline.too_far"),
    ],
)
def test_bad_deadlines_name_the_reason(text: str, key: str) -> None:
    with pytest.raises(DeadlineError) as info:
        parse_deadline(text, NOW, "Europe/Zurich")
    assert info.value.key == key
    assert info.value.value == text


def test_reminder_a_day_before_or_halfway() -> None:
    assert reminder_time(NOW, NOW + 3 * DAY) == NOW + 2 * DAY
    assert reminder_time(NOW, NOW + 12 * HOUR) == NOW + 6 * HOUR
    assert reminder_time(NOW, None) is None


def test_tokens_are_unguessable_and_fit_deep_links() -> None:
    tokens = {new_round_token() for _ in range(1000)}
    assert len(tokens) == 1000
    assert all(is_well_formed_token(token) and len(token) <= 64 for token in tokens)
    assert not is_well_formed_token("short")
    assert not is_well_formed_token("has spaces in it, sixteen+")


def test_next_and_previous_statements() -> None:
    ids = ["a", "b", "c", "d"]
    assert next_statement(ids, {}) == "a"
    assert next_statement(ids, {"a": 3, "b": None}) == "c"
    assert next_statement(ids, dict.fromkeys(ids, 1)) is None
    # after changing an earlier answer, go on with the next gap after it, then wrap to the first gap
    assert statement_after(ids, "a", {"a": 1, "b": 2, "d": 4}) == "c"
    assert statement_after(ids, "d", {"b": 2, "d": 4}) == "a"
    assert statement_after(ids, "d", dict.fromkeys(ids, 1)) is None
    assert statement_before(ids, "c") == "b"
    assert statement_before(ids, "a") is None
    assert statement_before(ids, None) == "d"


def test_only_managers_with_a_level_count_for_a_comparison() -> None:
    assert managers_with_ratings({1: {"a": None}, 2: {"a": 3}, 3: {}}) == 1


@given(st.text(max_size=80))
def test_well_formed_tokens_are_exactly_16_to_64_url_safe_characters(text: str) -> None:
    expected = re.fullmatch(r"[A-Za-z0-9_-]{16,64}", text) is not None
    assert is_well_formed_token(text) is expected


@given(st.from_regex(r"[A-Za-z0-9_-]{16,64}", fullmatch=True))
def test_every_url_safe_token_of_16_to_64_characters_is_accepted(text: str) -> None:
    assert is_well_formed_token(text)


@given(st.integers(min_value=0, max_value=3))
def test_new_tokens_are_always_well_formed(_: int) -> None:
    token = new_round_token()
    assert is_well_formed_token(token) and len(token.encode()) <= 64


def test_tokens_with_unicode_digits_or_line_ends_are_refused() -> None:
    for text in ["٣" * 20, "a" * 20 + "\n", "ä" * 20, "a" * 65, "", "a" * 15, "a" * 19 + " "]:
        assert not is_well_formed_token(text), text
