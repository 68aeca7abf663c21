"""Reading ratings from CSV: forms that must be accepted, and every error with its line number."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.ratings_csv import (
    MultipleRoundsError,
    RatingsCsvError,
    parse_ratings_csv,
    read_ratings_csv,
)


def test_long_form_with_cant_judge_and_order_of_first_appearance() -> None:
    text = "rater,statement,rating\nben,lead-2,4\nanna,lead-1,3\nben,lead-1,\nanna,lead-2,?\n"
    matrix = read_ratings_csv(text)
    assert matrix.raters == ("ben", "anna")
    assert matrix.statements == ("lead-2", "lead-1")
    assert matrix.cells == {
        ("ben", "lead-2"): 4,
        ("anna", "lead-1"): 3,
        ("ben", "lead-1"): None,
        ("anna", "lead-2"): None,
    }
    assert matrix.dimension_of == {}


def test_absent_pairs_stay_absent() -> None:
    matrix = read_ratings_csv("rater,statement,rating\nanna,a,1\nben,b,2\n")
    assert ("anna", "b") not in matrix.cells
    assert ("ben", "a") not in matrix.cells


def test_extra_columns_in_any_order_and_header_case_are_accepted() -> None:
    text = 'Round,Comment,RATING,Dimension,Statement,Rater\n1,"yes, really",5,lead,lead-1,anna\n'
    assert read_ratings_csv(text).cells == {("anna", "lead-1"): 5}


def test_semicolons_bom_and_crlf_as_excel_writes_them() -> None:
    raw = "\ufeffrater;statement;rating\r\nJürgen;lead-1;2\r\nanna;lead-1;\r\n".encode()
    matrix = read_ratings_csv(raw)
    assert matrix.cells == {("Jürgen", "lead-1"): 2, ("anna", "lead-1"): None}


def test_windows_1252_from_plain_excel_csv() -> None:
    raw = "rater;statement;rating\r\nJürgen;lead-1;2\r\n".encode("cp1252")
    assert read_ratings_csv(raw).raters == ("Jürgen",)


def test_tabs_and_blank_lines_and_blanks_around_values() -> None:
    text = "\nrater\tstatement\trating\n\n anna \t lead-1 \t 4 \n\t\t\n"
    assert read_ratings_csv(text).cells == {("anna", "lead-1"): 4}


def test_text_with_a_bom_as_str() -> None:
    assert read_ratings_csv("\ufeffrater,statement,rating\na,s,1\n").raters == ("a",)


def test_path_is_read_and_named_in_errors(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("rater,statement,rating\na,s,1\n", encoding="utf-8")
    assert read_ratings_csv(good).cells == {("a", "s"): 1}
    bad = tmp_path / "ratings.csv"
    bad.write_text("rater,statement,rating\na,s,1\na,t,9\n", encoding="utf-8")
    with pytest.raises(RatingsCsvError) as info:
        read_ratings_csv(bad)
    assert str(info.value) == f"{bad}:3: rating '9' is outside 1–5"


def test_missing_file() -> None:
    with pytest.raises(RatingsCsvError) as info:
        read_ratings_csv(Path("/nonexistent/ratings.csv"))
    assert str(info.value) == "/nonexistent/ratings.csv: no such file"
    assert info.value.line is None


def test_lines_of_first_appearance_are_kept() -> None:
    table = parse_ratings_csv("rater,statement,rating\na,s,1\nb,t,2\nb,s,3\n", source="x.csv")
    assert table.statement_lines == {"s": 2, "t": 3}
    assert table.rater_lines == {"a": 2, "b": 3}
    assert table.source == "x.csv"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "rater,statement,score\nanna,lead-1,3\n",
            "ratings.csv:1: missing column 'rating' (found: rater, statement, score)",
        ),
        (
            "who,what\n",
            "ratings.csv:1: missing columns 'rater' and 'statement' and 'rating' (found: who, what)",
        ),
        ("rater,statement,rating,Rating\n", "ratings.csv:1: column 'rating' appears twice"),
        ("", "ratings.csv:1: empty file"),
        ("\n  \n", "ratings.csv:1: empty file"),
        ("rater,statement,rating\n", "ratings.csv:1: no ratings below the header"),
        (
            "rater,statement,rating\na,s1,1\na,s2,2\nb,s1,3\nb,s2,4\nc,s1,5\nc,s2,6\n",
            "ratings.csv:7: rating '6' is outside 1–5",
        ),
        ("rater,statement,rating\na,s,0\n", "ratings.csv:2: rating '0' is outside 1–5"),
        (
            "rater,statement,rating\nx,y,1\nx,z,1\nanna,lead-1,3\ny,y,1\nz,z,1\nq,q,1\nr,r,1\nanna,lead-1,4\n",
            "ratings.csv:9: duplicate rating for rater 'anna' and statement 'lead-1' (first on line 4)",
        ),
        ("rater,statement,rating\n,lead-1,3\n", "ratings.csv:2: empty rater"),
        ("rater,statement,rating\nanna, ,3\n", "ratings.csv:2: empty statement"),
        (
            "rater,statement,rating\nanna,a,2.5\n",
            "ratings.csv:2: rating '2.5' is not a whole number (1–5, or empty or '?' for can't judge)",
        ),
        (
            "rater,statement,rating\nanna,a,n/a\n",
            "ratings.csv:2: rating 'n/a' is not a whole number (1–5, or empty or '?' for can't judge)",
        ),
        (
            "rater,statement,rating\nanna,a\n",
            "ratings.csv:2: no value for column 'rating' (the line has 2 fields)",
        ),
        (
            'rater,statement,rating\nanna,a,1\nben,a,"2\n',
            "ratings.csv:3: malformed CSV: unexpected end of data",
        ),
    ],
)
def test_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(RatingsCsvError) as info:
        read_ratings_csv(text, source="ratings.csv")
    assert str(info.value) == message


def test_error_line_counts_blank_lines_and_quoted_line_breaks() -> None:
    text = 'rater,statement,rating,comment\n\na,s,1,"two\nlines"\nb,s,7,\n'
    with pytest.raises(RatingsCsvError) as info:
        read_ratings_csv(text, source="r.csv")
    assert str(info.value) == "r.csv:5: rating '7' is outside 1–5"
    assert (info.value.source, info.value.line) == ("r.csv", 5)


def test_header_after_blank_lines_is_named_by_its_line() -> None:
    with pytest.raises(RatingsCsvError, match=r"^r\.csv:3: missing column 'rating'"):
        read_ratings_csv("\n\nrater,statement\n", source="r.csv")


def test_undecodable_bytes() -> None:
    with pytest.raises(RatingsCsvError) as info:
        read_ratings_csv(b"rater,statement,rating\na,s,\x81\x8d\n", source="r.csv")
    assert str(info.value) == "r.csv:2: not UTF-8 text"


def test_default_source_for_text() -> None:
    with pytest.raises(RatingsCsvError, match=r"^<text>:1: empty file$"):
        read_ratings_csv("")


# ------------------------------------------------------------------ rounds, dimensions, "not answered"

SEVERAL_ROUNDS = (
    "round,rater,statement,dimension,rating\n"
    "2,a,s,d1,1\n"
    "2,b,s,d1,2\n"
    "1,a,s,x,5\n"
    "1,a,t,,9\n"  # a broken line in round 1 does not stop round 2
    "5,a,s,d1,3\n"
)


def test_one_round_of_several_is_read_with_its_own_lines() -> None:
    table = parse_ratings_csv(SEVERAL_ROUNDS, source="r.csv", round_id=" 2 ")
    assert table.round == "2"
    assert table.matrix.cells == {("a", "s"): 1, ("b", "s"): 2}
    assert table.matrix.dimension_of == {"s": "d1"}
    assert table.rater_lines == {"a": 2, "b": 3}
    with pytest.raises(RatingsCsvError, match=r"^r\.csv:5: rating '9' is outside 1–5$"):
        read_ratings_csv(SEVERAL_ROUNDS, source="r.csv", round_id="1")


def test_several_rounds_without_a_choice_are_named() -> None:
    with pytest.raises(MultipleRoundsError) as info:
        read_ratings_csv(SEVERAL_ROUNDS, source="r.csv")
    assert str(info.value) == "r.csv: holds 3 rounds (2, 1, 5): choose one"
    assert info.value.rounds == ("2", "1", "5")


@pytest.mark.parametrize(
    ("text", "round_id", "message"),
    [
        (SEVERAL_ROUNDS, "7", "r.csv: no round '7' in the file (rounds found: 2, 1, 5)"),
        ("round,rater,statement,rating\n", "1", "r.csv: no round '1' in the file (it holds no lines)"),
        (
            "rater,statement,rating\na,s,1\n",
            "1",
            "r.csv:1: round '1' asked for, but there is no 'round' column",
        ),
        ("round,rater,statement,rating\n1,a,s,1\n ,b,s,2\n", None, "r.csv:3: empty round"),
        (
            "rater,statement,dimension,rating\na,s,d1,1\nb,t,d2,1\nb,s,d2,1\n",
            None,
            "r.csv:4: statement 's' is in dimension 'd2' here but in 'd1' on line 2",
        ),
        (
            "rater,statement,rating\na,s,-\na,s,3\n",
            None,
            "r.csv:3: duplicate rating for rater 'a' and statement 's' (first on line 2)",
        ),
    ],
)
def test_round_and_dimension_errors(text: str, round_id: str | None, message: str) -> None:
    with pytest.raises(RatingsCsvError) as info:
        read_ratings_csv(text, source="r.csv", round_id=round_id)
    assert str(info.value) == message


def test_a_single_round_needs_no_choice() -> None:
    table = parse_ratings_csv("round,rater,statement,rating\n4,a,s,1\n4,b,s,?\n")
    assert table.round == "4"
    assert table.matrix.cells == {("a", "s"): 1, ("b", "s"): None}


def test_not_answered_lines_place_raters_and_statements_without_a_cell() -> None:
    matrix = read_ratings_csv("rater,statement,rating\na,s,-\nb,s,2\na,t,-\nb,t,-\n")
    assert matrix.raters == ("a", "b")
    assert matrix.statements == ("s", "t")
    assert matrix.cells == {("b", "s"): 2}
    only_placeholders = read_ratings_csv("rater,statement,rating\na,s,-\n")
    assert (only_placeholders.raters, only_placeholders.cells) == (("a",), {})
