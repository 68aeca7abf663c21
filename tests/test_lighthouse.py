"""The /lighthouse command text and the review dates of a lighthouse project."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.lighthouse import (
    DEFAULT_REVIEW_MONTHS,
    GOAL_MAX,
    OWNER_MAX,
    TITLE_MAX,
    LighthouseDraft,
    LighthouseErrorCode,
    LighthouseSyntaxError,
    parse_lighthouse,
    review_dates,
    statement_ids,
)

Code = LighthouseErrorCode


def error(text: str, **kwargs: int) -> LighthouseSyntaxError:
    with pytest.raises(LighthouseSyntaxError) as caught:
        parse_lighthouse(text, **kwargs)
    return caught.value


# ------------------------------------------------------------------------------------------------ parsing


def test_the_full_form_in_english() -> None:
    draft = parse_lighthouse(
        "Onboarding call for every new customer\n"
        "Goal: every new customer gets a call in their first week\n"
        "Owner: @anna\n"
        "Statements: 3, 7\n"
        "Reviews: 3, 6, 12\n"
    )
    assert draft == LighthouseDraft(
        title="Onboarding call for every new customer",
        goal="every new customer gets a call in their first week",
        owner_ref="@anna",
        statements=(3, 7),
        review_months=(3, 6, 12),
    )


def test_the_full_form_in_german_with_keys_in_any_case() -> None:
    draft = parse_lighthouse(
        "Kundenbeirat gründen\n"
        "ZIEL: zweimal im Jahr hören wir zehn Kunden zu\n"
        "verantwortlich: Anna Muster\n"
        "Aussagen: #3 #7\n"
        "Überprüfung: 2, 4"
    )
    assert draft == LighthouseDraft(
        "Kundenbeirat gründen", "zweimal im Jahr hören wir zehn Kunden zu", "Anna Muster", (3, 7), (2, 4)
    )


def test_only_a_title_is_required() -> None:
    assert parse_lighthouse("  Onboarding call  ") == LighthouseDraft("Onboarding call", None, None, (), None)


def test_key_variants() -> None:
    draft = parse_lighthouse("T\nZiel: g\nVerantwortliche: @eva\nAussage: 2\nÜBERPRÜFUNGEN: 6")
    assert (draft.goal, draft.owner_ref, draft.statements, draft.review_months) == ("g", "@eva", (2,), (6,))
    draft = parse_lighthouse("T\nverantwortlicher : @ben\nstatement: 1\nreview: 1\nGOAL:g")
    assert (draft.goal, draft.owner_ref, draft.statements, draft.review_months) == ("g", "@ben", (1,), (1,))
    assert parse_lighthouse("T\nUeberpruefung: 9").review_months == (9,)


def test_a_key_typed_with_a_combining_umlaut_is_recognised() -> None:
    decomposed = unicodedata.normalize("NFD", "Überprüfung")
    assert decomposed != "Überprüfung"
    assert parse_lighthouse(f"T\n{decomposed}: 3").review_months == (3,)


def test_title_and_goal_on_one_line() -> None:
    draft = parse_lighthouse("Onboarding call | every new customer gets a call")
    assert (draft.title, draft.goal) == ("Onboarding call", "every new customer gets a call")
    draft = parse_lighthouse("A | b | c\nOwner: @x")
    assert (draft.title, draft.goal, draft.owner_ref) == ("A", "b | c", "@x")


def test_a_title_key_on_the_first_line_is_dropped() -> None:
    assert parse_lighthouse("Title: Onboarding").title == "Onboarding"
    assert parse_lighthouse("titel:Kundenbeirat").title == "Kundenbeirat"


def test_a_title_may_contain_a_colon() -> None:
    draft = parse_lighthouse("Onboarding: a call in week one\nOwner: @anna")
    assert (draft.title, draft.owner_ref) == ("Onboarding: a call in week one", "@anna")


def test_lines_without_a_key_are_the_goal() -> None:
    draft = parse_lighthouse("Onboarding\nEvery new customer gets a call.\nWithin a week.\nOwner: @anna")
    assert draft.goal == "Every new customer gets a call.\nWithin a week."
    assert draft.owner_ref == "@anna"


def test_lines_after_the_goal_continue_it_even_with_colons_that_are_no_keys() -> None:
    draft = parse_lighthouse(
        "Onboarding\n"
        "Goal: a call in week one\n"
        "Phase 1: the ten largest customers\n"
        "see https://example.com/plan\n"
        "https://example.com/plan\n"
        "at 10:30 every Monday\n"
        "Owner: @anna"
    )
    assert draft.goal == (
        "a call in week one\nPhase 1: the ten largest customers\nsee https://example.com/plan\n"
        "https://example.com/plan\nat 10:30 every Monday"
    )


def test_blank_lines_and_surrounding_space_are_ignored() -> None:
    draft = parse_lighthouse("\n\n  Onboarding  \n\n   Goal:   a   call  \n\n Owner:  @anna \n")
    assert (draft.title, draft.goal, draft.owner_ref) == ("Onboarding", "a call", "@anna")


def test_statement_number_forms() -> None:
    for written in ("3, 7", "#3 #7", "#3,#7", "7;3", "3 and 7", "3 und 7", "3 & 7", "3,, 7", "7 3 7"):
        assert parse_lighthouse(f"T\nStatements: {written}").statements == (3, 7), written


def test_review_month_forms() -> None:
    for written in (
        "3, 6, 12",
        "12, 6, 3",
        "3 6 12",
        "3m, 6m, 12m",
        "3, 6, 12 months",
        "3, 6 und 12 Monate",
        "3, 3, 6, 12",
        "#3 #6 #12",
        "3 Mon., 6 Mo., 12 month",
    ):
        assert parse_lighthouse(f"T\nReviews: {written}").review_months == (3, 6, 12), written
    assert parse_lighthouse("T\nReviews: 1, 36").review_months == (1, 36)


def test_statement_numbers_are_checked_against_the_report_when_it_is_known() -> None:
    assert parse_lighthouse("T\nStatements: 24", statement_count=24).statements == (24,)
    e = error("T\nStatements: 3, 25", statement_count=24)
    assert (e.code, e.value, e.limit) == (Code.BAD_STATEMENT_NUMBER, "25", 24)
    assert parse_lighthouse("T\nStatements: 25").statements == (25,)


@pytest.mark.parametrize("written", ["0", "x", "3-5", "3.5", "-2", "#", "٣", "3 or 7"])
def test_bad_statement_numbers(written: str) -> None:
    e = error(f"T\nStatements: {written}")
    assert e.code is Code.BAD_STATEMENT_NUMBER
    assert e.value in written


@pytest.mark.parametrize(
    ("written", "value"),
    [("0", "0"), ("37", "37"), ("3, x", "x"), ("2.5", "2.5"), ("months", "months"), ("3 weeks", "weeks")],
)
def test_bad_months(written: str, value: str) -> None:
    e = error(f"T\nReviews: {written}")
    assert (e.code, e.value, e.limit) == (Code.BAD_MONTHS, value, 36)


def test_title_missing() -> None:
    for text in ("", "   \n  \n", "Goal: a call", "| a call", "Title:", "Owner: @anna\nTitle: x"):
        assert error(text).code is Code.TITLE_MISSING, text


def test_length_limits() -> None:
    assert parse_lighthouse("t" * TITLE_MAX).title == "t" * TITLE_MAX
    e = error("t" * (TITLE_MAX + 1))
    assert (e.code, e.limit, e.value) == (Code.TITLE_TOO_LONG, TITLE_MAX, "t" * (TITLE_MAX + 1))
    assert parse_lighthouse("T\nGoal: " + "g" * GOAL_MAX).goal == "g" * GOAL_MAX
    assert error("T\nGoal: " + "g" * (GOAL_MAX + 1)).code is Code.GOAL_TOO_LONG
    # the line breaks of a goal over several lines count
    assert error("T\nGoal: " + "g" * 250 + "\n" + "g" * 250).code is Code.GOAL_TOO_LONG
    assert parse_lighthouse("T\nOwner: " + "o" * OWNER_MAX).owner_ref == "o" * OWNER_MAX
    e = error("T\nOwner: " + "o" * (OWNER_MAX + 1))
    assert (e.code, e.limit) == (Code.OWNER_TOO_LONG, OWNER_MAX)


def test_unknown_key_names_the_key_as_written() -> None:
    e = error("T\nGaol: a call")
    assert (e.code, e.value) == (Code.UNKNOWN_KEY, "Gaol")
    assert error("T\nOwner: @anna\nBudget: 10k").value == "Budget"


def test_duplicate_keys() -> None:
    cases = {
        "T\nOwner: @a\nverantwortlich: @b": "verantwortlich",
        "T\nGoal: a\nZiel: b": "Ziel",
        "T | a\nGoal: b": "Goal",
        "T\nfree text goal\nGoal: b": "Goal",
        "T\nStatements: 1\nAussagen: 2": "Aussagen",
        "T\nReviews: 3\nReviews: 6": "Reviews",
        "T\nTitle: again": "Title",
    }
    for text, key in cases.items():
        e = error(text)
        assert (e.code, e.value) == (Code.DUPLICATE_KEY, key), text


def test_empty_values() -> None:
    for text, key in {
        "T\nOwner:": "Owner",
        "T\nGoal:  ": "Goal",
        "T\nAussagen:": "Aussagen",
        "T |": "|",
    }.items():
        e = error(text)
        assert (e.code, e.value) == (Code.EMPTY_VALUE, key), text


def test_a_line_without_key_after_other_keys_is_refused() -> None:
    e = error("T\nOwner: @anna\nand also Ben")
    assert (e.code, e.value) == (Code.UNEXPECTED_LINE, "and also Ben")
    e = error("T\nGoal: g\nStatements: 3\n7")
    assert (e.code, e.value) == (Code.UNEXPECTED_LINE, "7")


def test_the_error_is_a_value_error_that_says_what() -> None:
    e = error("T\nGaol: x")
    assert isinstance(e, ValueError)
    assert str(e) == "unknown_key: 'Gaol'"
    assert str(LighthouseSyntaxError(Code.TITLE_TOO_LONG, "x", 120)) == "title_too_long: 'x' (limit 120)"


_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüABC", min_size=1, max_size=8)
_line = st.lists(_words, min_size=1, max_size=6).map(" ".join)


@given(
    title=_line,
    goal=st.none() | _line,
    owner=st.none() | _words.map(lambda w: "@" + w),
    statements=st.sets(st.integers(1, 40), max_size=5),
    months=st.none() | st.sets(st.integers(1, 36), min_size=1, max_size=5),
    german=st.booleans(),
    data=st.data(),
)
def test_what_is_written_comes_back(
    title: str,
    goal: str | None,
    owner: str | None,
    statements: set[int],
    months: set[int] | None,
    german: bool,
    data: st.DataObject,
) -> None:
    keys = (
        ("Ziel", "Verantwortlich", "Aussagen", "Überprüfung")
        if german
        else ("Goal", "Owner", "Statements", "Reviews")
    )
    lines = []
    if goal is not None:
        lines.append(f"{keys[0]}: {goal}")
    if owner is not None:
        lines.append(f"{keys[1]}: {owner}")
    if statements:
        lines.append(
            f"{keys[2]}: " + ", ".join(f"#{n}" for n in data.draw(st.permutations(sorted(statements))))
        )
    if months is not None:
        lines.append(f"{keys[3]}: " + " ".join(str(m) for m in data.draw(st.permutations(sorted(months)))))
    lines = data.draw(st.permutations(lines))
    draft = parse_lighthouse("\n".join([title, *lines]), statement_count=40)
    assert draft == LighthouseDraft(
        title, goal, owner, tuple(sorted(statements)), None if months is None else tuple(sorted(months))
    )


def test_statement_ids_maps_report_numbers() -> None:
    order = ["lead-1", "lead-2", "cx-1"]
    assert statement_ids((1, 3), order) == ("lead-1", "cx-1")
    assert statement_ids((), order) == ()
    for number in (0, 4):
        with pytest.raises(LighthouseSyntaxError) as caught:
            statement_ids((number,), order)
        assert (caught.value.code, caught.value.value, caught.value.limit) == (
            Code.BAD_STATEMENT_NUMBER,
            str(number),
            3,
        )


# ------------------------------------------------------------------------------------------ review dates

ZURICH = ZoneInfo("Europe/Zurich")


def at(zone: ZoneInfo, *fields: int) -> float:
    return datetime(*fields, tzinfo=zone).timestamp()


def local(timestamp: float, zone: ZoneInfo = ZURICH) -> datetime:
    return datetime.fromtimestamp(timestamp, zone).replace(tzinfo=None)


def test_default_reviews_keep_the_local_time_across_summer_time() -> None:
    assert DEFAULT_REVIEW_MONTHS == (3, 6, 12)
    start = at(ZURICH, 2026, 1, 15, 10, 0)  # 09:00 UTC, winter time
    dates = review_dates(start, DEFAULT_REVIEW_MONTHS, "Europe/Zurich")
    # 15 April 10:00 summer time is 08:00 UTC: one hour less than winter time's 09:00
    utc = [datetime.fromtimestamp(d, UTC).replace(tzinfo=None) for d in dates]
    assert utc == [datetime(2026, 4, 15, 8), datetime(2026, 7, 15, 8), datetime(2027, 1, 15, 9)]
    assert [local(d) for d in dates] == [
        datetime(2026, 4, 15, 10),
        datetime(2026, 7, 15, 10),
        datetime(2027, 1, 15, 10),
    ]


def test_the_day_is_clamped_to_the_end_of_a_shorter_month() -> None:
    start = at(ZURICH, 2026, 1, 31, 9, 30)
    dates = review_dates(start, (1, 2, 3, 13), "Europe/Zurich")
    assert [local(d) for d in dates] == [
        datetime(2026, 2, 28, 9, 30),
        datetime(2026, 3, 31, 9, 30),
        datetime(2026, 4, 30, 9, 30),
        datetime(2027, 2, 28, 9, 30),
    ]
    leap = review_dates(at(ZURICH, 2027, 11, 30, 8), (3,), "Europe/Zurich")
    assert local(leap[0]) == datetime(2028, 2, 29, 8)


def test_a_local_time_in_the_spring_forward_gap_moves_one_hour_later() -> None:
    # 29 March 2026: clocks jump from 02:00 to 03:00 in Zurich; 02:30 does not exist that day
    dates = review_dates(at(ZURICH, 2025, 12, 29, 2, 30), (3,), "Europe/Zurich")
    assert local(dates[0]) == datetime(2026, 3, 29, 3, 30)
    assert dates[0] == datetime(2026, 3, 29, 1, 30, tzinfo=UTC).timestamp()


def test_an_ambiguous_local_time_is_its_first_occurrence() -> None:
    # 25 October 2026: 02:00-03:00 happens twice in Zurich; the first is still summer time (UTC+2)
    dates = review_dates(at(ZURICH, 2026, 7, 25, 2, 30), (3,), "Europe/Zurich")
    assert dates[0] == datetime(2026, 10, 25, 0, 30, tzinfo=UTC).timestamp()


def test_the_time_zone_decides_the_calendar_day() -> None:
    start = datetime(2026, 1, 30, 20, 0, tzinfo=UTC).timestamp()  # 31 January 09:00 in Auckland
    in_utc = review_dates(start, (1,), "UTC")[0]
    in_auckland = review_dates(start, (1,), "Pacific/Auckland")[0]
    assert datetime.fromtimestamp(in_utc, UTC) == datetime(2026, 2, 28, 20, 0, tzinfo=UTC)
    auckland = ZoneInfo("Pacific/Auckland")
    assert datetime.fromtimestamp(in_auckland, auckland).replace(tzinfo=None) == datetime(2026, 2, 28, 9, 0)


def test_seconds_and_their_fractions_are_kept_and_the_input_order_too() -> None:
    start = at(ZURICH, 2026, 5, 4, 13, 14, 15) + 0.25
    later, sooner = review_dates(start, (12, 3), "Europe/Zurich")
    assert later - at(ZURICH, 2027, 5, 4, 13, 14, 15) == pytest.approx(0.25)
    assert sooner - at(ZURICH, 2026, 8, 4, 13, 14, 15) == pytest.approx(0.25)
    assert review_dates(start, (), "Europe/Zurich") == ()


def test_bad_months_and_zones_are_refused() -> None:
    for months in ((0,), (3, -1), (True,), (1.5,)):
        with pytest.raises(ValueError, match="review months"):
            review_dates(0.0, months, "UTC")
    with pytest.raises(ZoneInfoNotFoundError):
        review_dates(0.0, (3,), "Mars/Olympus_Mons")


ZONES = [
    "UTC",
    "Europe/Zurich",
    "America/New_York",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
    "Asia/Kolkata",
]


@given(
    start=st.floats(946_684_800, 4_102_444_800),  # 2000 to 2100
    zone_name=st.sampled_from(ZONES),
    months=st.sets(st.integers(1, 36), min_size=1, max_size=6).map(sorted),
)
def test_review_dates_properties(start: float, zone_name: str, months: list[int]) -> None:
    zone = ZoneInfo(zone_name)
    dates = review_dates(start, months, zone_name)
    assert len(dates) == len(months)
    assert all(a < b for a, b in zip((start, *dates), dates, strict=False))
    origin = datetime.fromtimestamp(start, zone)
    for count, date in zip(months, dates, strict=True):
        there = datetime.fromtimestamp(date, zone)
        assert (there.year * 12 + there.month) - (origin.year * 12 + origin.month) == count
        assert there.day <= origin.day
        if there.day < origin.day:  # clamped: the last day of its month
            assert (there + timedelta(days=1)).month != there.month
        wall = there.replace(tzinfo=None) - there.replace(tzinfo=None).replace(
            hour=origin.hour, minute=origin.minute, second=origin.second, microsecond=origin.microsecond
        )
        # the wall-clock time stays, except inside a DST gap, which moves it forward by the gap (≤ 1 hour)
        assert timedelta(0) <= wall <= timedelta(hours=1)
        if wall:  # then the clocks went forward within the last few hours
            assert datetime.fromtimestamp(date - 3 * 3600, zone).utcoffset() != there.utcoffset()
