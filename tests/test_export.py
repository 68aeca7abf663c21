"""The export of a team's rounds (``/export``): the CSV reads back, with ``parse_ratings_csv`` and with the
real ``maturity-bot analyse --round N``, as the same matrices and the same analysis; the JSON validates
back into its model; anonymous rounds carry no names; spreadsheets run no formula from a comment or name.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.cli.exits import EXIT_BAD_INPUT, EXIT_OK
from bot.domain.analysis import Rating, RatingMatrix, analyse, analysis_to_json
from bot.domain.beliefs import Belief
from bot.domain.catalogue import QUESTIONS_DIR_ENV, Catalogue, load_catalogues
from bot.domain.export import (
    CSV_COLUMNS,
    FORMULA_TRIGGERS,
    ExportDocument,
    RoundExport,
    escape_cell,
    export_csv,
    export_csv_bytes,
    export_document,
    export_json,
    unescape_cell,
)
from bot.domain.ratings_csv import CANT_JUDGE_MARKS, parse_ratings_csv, read_ratings_csv
from bot.domain.rounds import RoundStatus

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = REPO / "questions"

#: Comments a spreadsheet or a careless CSV writer gets wrong.
NASTY = [
    'Kunden, Partner und "Stakeholder"',
    "erste Zeile\nzweite Zeile\r\ndritte; mit Semikolon",
    "Größe & Übermut: äöüß ÄÖÜ – “typografisch” 🚀👩‍👩‍👧",
    '=HYPERLINK("http://evil.example","klick")',
    "+41 44 123 45 67",
    "-1 ist zu wenig",
    "@channel bitte lesen",
    "'schon mit Apostroph",
    "\ttab first",
    "",
]


def catalogues() -> dict[str, Catalogue]:
    return load_catalogues(QUESTIONS)


def levels(raters: int, statements: int, seed: int) -> dict[tuple[int, int], Rating]:
    """A deterministic spread with "can't judge" and missing answers; rater 2 skips the first statements
    (so rater order could not be told from answered pairs alone) and nobody answers the last statement."""
    cells: dict[tuple[int, int], Rating] = {}
    for j in range(statements - 1):
        for i in range(raters):
            if i == 2 and j < 3:
                continue
            if (i + 2 * j + seed) % 11 == 0:
                continue  # not answered
            cells[(i, j)] = None if (i + j + seed) % 7 == 0 else 1 + (i * 3 + j * 2 + seed * (i + 1)) % 5
    return cells


def build_round(
    round_id: int,
    *,
    catalogue: Catalogue | None,
    statement_ids: list[str] | None = None,
    dimension_of: dict[str, str] | None = None,
    names: list[str] | None,
    raters: int,
    anonymous: bool = False,
    status: RoundStatus = RoundStatus.CLOSED,
    language: str = "de",
) -> RoundExport:
    if catalogue is not None:
        statement_ids = [s.id for s in catalogue.statements]
        dimension_of = catalogue.dimension_of()
        texts = {s.id: s.text.get(language) for s in catalogue.statements}
    else:
        assert statement_ids is not None
        texts = {s: f"Aussage {s}: ist das so?" for s in statement_ids}
    labels = tuple(f"m{i + 1}" for i in range(raters))
    cells = {
        (labels[i], statement_ids[j]): level
        for (i, j), level in levels(raters, len(statement_ids), round_id).items()
    }
    comments = {key: NASTY[n % len(NASTY)] for n, key in enumerate(cells) if n % 3 == 0}
    # a comment on a pair nobody answered: the CSV keeps it on a "not answered" line
    unanswered = next(
        (r, s) for s in statement_ids for r in labels if (r, s) not in cells and (r, s) not in comments
    )
    comments[unanswered] = "ohne Antwort, aber mit Kommentar"
    return RoundExport(
        id=round_id,
        catalogue_id=catalogue.id if catalogue else "custom",
        catalogue_version=catalogue.version if catalogue else "0",
        status=status,
        anonymous=anonymous,
        language=language,
        opened_at=1_767_225_600.0 + round_id * 86_400,
        closed_at=None if status is RoundStatus.OPEN else 1_767_225_600.0 + round_id * 86_400 + 3_600,
        matrix=RatingMatrix(
            raters=labels, statements=tuple(statement_ids), cells=cells, dimension_of=dimension_of or {}
        ),
        names=None if names is None else dict(zip(labels, names, strict=False)),
        comments=comments,
        statement_texts=texts,
        excluded_count=1 if round_id == 1 else 0,
    )


def team_rounds() -> list[RoundExport]:
    """Four rounds of one team: a full catalogue with names, an anonymous quick check, an open round on
    statements of no catalogue (dimensions from the file), and a cancelled round without raters."""
    cats = catalogues()
    empty = RoundExport(
        id=7,
        catalogue_id="quick",
        catalogue_version=cats["quick"].version,
        status=RoundStatus.CANCELLED,
        anonymous=False,
        language="en",
        opened_at=1_770_000_000.0,
        closed_at=1_770_000_600.0,
        matrix=RatingMatrix(raters=(), statements=tuple(s.id for s in cats["quick"].statements), cells={}),
        names={},
    )
    return [
        build_round(
            1,
            catalogue=cats["customer-centricity"],
            names=["Anna Müller", '=HYPERLINK("http://evil.example")', "Ben, Jr.", "", "Zoë 🦊"],
            raters=5,
        ),
        build_round(2, catalogue=cats["quick"], names=None, raters=4, anonymous=True, language="en"),
        build_round(
            5,
            catalogue=None,
            statement_ids=["alpha", "beta", "gamma", "delta", "omega"],
            dimension_of={"alpha": "left", "beta": "left", "gamma": "right"},
            names=["Jürgen", "Ewa"],
            raters=3,
            status=RoundStatus.OPEN,
        ),
        empty,
    ]


def original_json(r: RoundExport) -> dict[str, Any]:
    """The analysis as the bot computes it, through JSON (as both the export and the CLI print it)."""
    return json.loads(json.dumps(analysis_to_json(analyse(r.matrix))))


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# ------------------------------------------------------------------------------------------------ the CSV


def test_the_fixture_has_what_the_test_claims() -> None:
    one, two, five, _ = team_rounds()
    for r in (one, two, five):
        cells = r.matrix.cells
        assert None in cells.values()  # can't judge
        assert len(cells) < len(r.matrix.raters) * len(r.matrix.statements)  # missing answers
        assert not any(s == r.matrix.statements[-1] for _, s in cells)  # a statement nobody answered
        assert (r.matrix.raters[2], r.matrix.statements[0]) not in cells
    assert set(NASTY) <= set(one.comments.values())


def test_csv_reads_back_as_the_same_matrix_and_analysis() -> None:
    rounds = team_rounds()
    text = export_csv(rounds)
    for r in rounds[:3]:
        table = parse_ratings_csv(text, source="export.csv", round_id=str(r.id))
        assert table.round == str(r.id)
        assert table.matrix.raters == r.matrix.raters
        assert table.matrix.statements == r.matrix.statements
        assert dict(table.matrix.cells) == dict(r.matrix.cells)
        assert dict(table.matrix.dimension_of) == dict(r.matrix.dimension_of)
        assert analysis_to_json(analyse(table.matrix)) == analysis_to_json(analyse(r.matrix))


def test_csv_bytes_carry_a_byte_order_mark_and_read_back() -> None:
    rounds = team_rounds()
    raw = export_csv_bytes(rounds)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig") == export_csv(rounds)
    assert read_ratings_csv(raw, round_id="2").cells == rounds[1].matrix.cells


def test_csv_columns_lines_and_cells() -> None:
    rounds = team_rounds()
    text = export_csv(rounds)
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert CSV_COLUMNS[:9] == (
        "round",
        "closed_at",
        "catalogue",
        "rater",
        "name",
        "statement",
        "dimension",
        "rating",
        "comment",
    )
    rows = csv_rows(text)
    by_round: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_round.setdefault(row["round"], []).append(row)
    assert list(by_round) == ["1", "2", "5"]  # the cancelled round without raters has no lines
    for r in rounds[:3]:
        lines = by_round[str(r.id)]
        assert len(lines) == len(r.matrix.raters) * len(r.matrix.statements)
        for row in lines:
            key = (row["rater"], row["statement"])
            assert row["catalogue"] == r.catalogue_id
            assert row["dimension"] == r.matrix.dimension_of.get(row["statement"], "")
            if key not in r.matrix.cells:
                assert row["rating"] == "-"
            elif r.matrix.cells[key] is None:
                assert row["rating"] == "?"
                assert row["rating"] in CANT_JUDGE_MARKS
            else:
                assert row["rating"] == str(r.matrix.cells[key])
            assert unescape_cell(row["comment"]) == r.comments.get(key, "")
            assert unescape_cell(row["statement_text"]) == r.statement_texts[row["statement"]]
    first = by_round["1"][0]
    assert first["closed_at"] == "2026-01-02T01:00:00+00:00"
    assert {row["closed_at"] for row in by_round["5"]} == {""}  # still open
    names = {row["rater"]: unescape_cell(row["name"]) for row in by_round["1"]}
    assert names == {
        "m1": "Anna Müller",
        "m2": '=HYPERLINK("http://evil.example")',
        "m3": "Ben, Jr.",
        "m4": "",
        "m5": "Zoë 🦊",
    }


def test_no_free_text_cell_starts_like_a_formula() -> None:
    rows = csv_rows(export_csv(team_rounds()))
    cells = [row[c] for row in rows for c in ("name", "comment", "statement_text")]
    assert not [cell for cell in cells if cell.startswith(FORMULA_TRIGGERS)]
    assert '\'=HYPERLINK("http://evil.example","klick")' in cells
    assert '\'=HYPERLINK("http://evil.example")' in cells
    assert "''schon mit Apostroph" in cells
    assert 'Kunden, Partner und "Stakeholder"' in cells  # ordinary text stays as it is


def test_the_same_rounds_give_the_same_bytes() -> None:
    assert export_csv(team_rounds()) == export_csv(team_rounds())


def test_a_round_id_twice_is_refused() -> None:
    one = team_rounds()[0]
    with pytest.raises(ValueError, match=r"rounds appear twice: \[1\]"):
        export_csv([one, one])


# -------------------------------------------------------------------------------------------- anonymity


def test_anonymous_rounds_carry_no_names() -> None:
    rounds = team_rounds()
    anonymous = rounds[1]
    assert anonymous.anonymous
    rows = [row for row in csv_rows(export_csv(rounds)) if row["round"] == "2"]
    assert rows and {row["name"] for row in rows} == {""}
    assert {row["rater"] for row in rows} == {"m1", "m2", "m3", "m4"}
    document = json.loads(export_json(rounds, {}, team_title="Team"))
    exported = next(r for r in document["rounds"] if r["id"] == 2)
    assert [rater["name"] for rater in exported["raters"]] == [None] * 4


def test_an_anonymous_round_refuses_names_and_labels_that_are_not_pseudonyms() -> None:
    anonymous = team_rounds()[1]
    with pytest.raises(ValueError, match="an anonymous round must not carry names"):
        replace(anonymous, names={"m1": "Anna"})
    matrix = RatingMatrix(raters=("123456789", "m2"), statements=("view-1",), cells={("m2", "view-1"): 3})
    with pytest.raises(ValueError, match=r"pseudonyms like 'm1', not \['123456789'\]"):
        replace(anonymous, matrix=matrix, comments={})


# ---------------------------------------------------------------------------------------- inconsistency


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"comments": {("m9", "alpha"): "wer?"}}, "comments outside the matrix's raters and statements"),
        (
            {"matrix": RatingMatrix(("m1",), ("alpha",), {("m2", "alpha"): 3})},
            "ratings outside the matrix's raters and statements",
        ),
        ({"matrix": RatingMatrix(("m1",), ("alpha",), {("m1", "alpha"): 6})}, "ratings outside 1–5"),
        ({"matrix": RatingMatrix(("m1", "m1"), ("alpha",), {})}, "a rater appears twice"),
        ({"matrix": RatingMatrix(("=m1",), ("alpha",), {})}, "rater label '=m1' cannot be exported"),
        ({"matrix": RatingMatrix(("m1",), (" alpha",), {})}, "statement id ' alpha' cannot be exported"),
    ],
)
def test_inconsistent_rounds_are_refused(change: dict[str, Any], message: str) -> None:
    five = team_rounds()[2]
    with pytest.raises(ValueError, match="^round 5: .*" + re.escape(message)):
        replace(five, **{"comments": {}, **change})


# ---------------------------------------------------------------------------------------------- the JSON


def test_json_holds_metadata_answers_comments_and_statistics() -> None:
    rounds = team_rounds()
    analyses = {r.id: analyse(r.matrix) for r in rounds}
    text = export_json(rounds, analyses, team_title="Führungskreis 🚀", exported_at=1_772_000_000.0)
    assert text.endswith("}\n")
    assert "Führungskreis 🚀" in text and "\\u" not in text  # ensure_ascii=False
    data = json.loads(text)
    assert list(data) == ["schema_version", "team", "exported_at", "rounds", "beliefs"]
    assert data["schema_version"] == 1
    assert data["team"] == "Führungskreis 🚀"
    assert data["exported_at"] == "2026-02-25T06:13:20+00:00"
    assert [r["id"] for r in data["rounds"]] == [1, 2, 5, 7]
    for r, exported in zip(rounds, data["rounds"], strict=True):
        assert exported["catalogue"] == r.catalogue_id
        assert exported["catalogue_version"] == r.catalogue_version
        assert exported["status"] == str(r.status)
        assert exported["anonymous"] is r.anonymous
        assert exported["language"] == r.language
        assert exported["excluded_count"] == r.excluded_count
        assert [x["label"] for x in exported["raters"]] == list(r.matrix.raters)
        assert [(s["id"], s["dimension"], s["text"]) for s in exported["statements"]] == [
            (s, r.matrix.dimension_of.get(s), r.statement_texts.get(s)) for s in r.matrix.statements
        ]
        answers = {(a["rater"], a["statement"]): a["rating"] for a in exported["answers"]}
        assert answers == dict(r.matrix.cells)
        comments = {(c["rater"], c["statement"]): c["text"] for c in exported["comments"]}
        assert comments == dict(r.comments)
        assert exported["statistics"] == original_json(r)
    one = data["rounds"][0]
    assert [x["name"] for x in one["raters"]] == [
        "Anna Müller",
        '=HYPERLINK("http://evil.example")',  # JSON is data, not a spreadsheet: kept as written
        "Ben, Jr.",
        None,  # removed by /deletemydata
        "Zoë 🦊",
    ]
    assert one["opened_at"] == "2026-01-02T00:00:00+00:00"
    assert data["rounds"][2]["closed_at"] is None


def test_json_validates_back_into_its_model_and_is_stable() -> None:
    rounds = team_rounds()
    analyses = {r.id: analyse(r.matrix) for r in rounds[:3]}
    text = export_json(rounds, analyses, team_title="Team")
    document = ExportDocument.model_validate_json(text)
    assert document == export_document(rounds, analyses, team_title="Team")
    assert document.rounds[3].statistics is None  # no analysis given
    assert json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n" == text
    assert export_json(rounds, analyses, team_title="Team") == text
    broken = json.loads(text)
    broken["rounds"][0]["answers"][0]["rating"] = 6
    with pytest.raises(ValueError, match="less than or equal to 5"):
        ExportDocument.model_validate(broken)
    broken = json.loads(text)
    broken["rounds"][0]["surprise"] = True
    with pytest.raises(ValueError, match="Extra inputs are not permitted"):
        ExportDocument.model_validate(broken)


def test_an_analysis_of_another_matrix_is_refused() -> None:
    rounds = team_rounds()
    with pytest.raises(ValueError, match="round 1: the analysis is not of this round's matrix"):
        export_json(rounds, {1: analyse(rounds[1].matrix)}, team_title="Team")
    with pytest.raises(ValueError, match=r"analyses of rounds not exported: \[9\]"):
        export_json(rounds, {9: analyse(rounds[1].matrix)}, team_title="Team")


# ------------------------------------------------------------------------------ the real command line


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "analyse", *args],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != QUESTIONS_DIR_ENV},
        cwd=REPO,
        check=False,
    )


def test_maturity_bot_analyse_gives_the_same_results_per_round(tmp_path: Path) -> None:
    rounds = team_rounds()
    path = tmp_path / "export.csv"
    path.write_bytes(export_csv_bytes(rounds))
    expected_catalogue = {1: "customer-centricity", 2: "quick", 5: None}
    for r in rounds[:3]:
        done = run_cli(str(path), "--round", str(r.id), "--json")
        assert done.returncode == EXIT_OK, done.stderr
        assert done.stderr == ""
        data = json.loads(done.stdout)
        assert data.pop("round") == str(r.id)
        assert data.pop("catalogue") == expected_catalogue[r.id]
        assert data == original_json(r)

    report = run_cli(str(path), "--round", "1")
    assert report.returncode == EXIT_OK, report.stderr
    assert f"Round: {path} round 1, 5 managers" in report.stdout


def test_maturity_bot_analyse_wants_a_round_of_a_file_with_several(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(export_csv_bytes(team_rounds()))
    done = run_cli(str(path), "--json")
    assert (done.returncode, done.stdout) == (EXIT_BAD_INPUT, "")
    assert done.stderr == f"{path}: holds 3 rounds (1, 2, 5): choose one with --round N\n"
    done = run_cli(str(path), "--round", "7")
    assert (done.returncode, done.stdout) == (EXIT_BAD_INPUT, "")
    assert done.stderr == f"{path}: no round '7' in the file (rounds found: 1, 2, 5)\n"


def test_a_single_round_export_needs_no_round_option(tmp_path: Path) -> None:
    five = team_rounds()[2]
    path = tmp_path / "one.csv"
    path.write_text(export_csv([five]), encoding="utf-8")
    done = run_cli(str(path), "--json")
    assert done.returncode == EXIT_OK, done.stderr
    data = json.loads(done.stdout)
    assert data.pop("round") == "5"
    data.pop("catalogue")
    assert data == original_json(five)


# ------------------------------------------------------------------------------------------- properties


@given(st.text())
def test_escaping_is_exact_and_leaves_no_formula(text: str) -> None:
    cell = escape_cell(text)
    assert unescape_cell(cell) == text
    assert not cell.startswith(FORMULA_TRIGGERS)


@settings(max_examples=200, deadline=None)
@given(comment=st.text(), other=st.text(), name=st.text(), level=st.sampled_from([None, 1, 2, 3, 4, 5]))
def test_any_comment_and_name_survive_the_csv(comment: str, other: str, name: str, level: Rating) -> None:
    matrix = RatingMatrix(
        raters=("m1", "m2"),
        statements=("s1", "s2"),
        cells={("m1", "s1"): level, ("m2", "s1"): 4, ("m2", "s2"): None},
        dimension_of={"s1": "d"},
    )
    r = RoundExport(
        id=3,
        catalogue_id="custom",
        catalogue_version="1",
        status=RoundStatus.CLOSED,
        anonymous=False,
        language="de",
        opened_at=0.0,
        closed_at=60.0,
        matrix=matrix,
        names={"m1": name, "m2": "Ben"},
        comments={("m1", "s1"): comment, ("m1", "s2"): other},
        statement_texts={"s1": other},
    )
    text = export_csv([r])
    for data in (text, text.encode("utf-8-sig")):
        table = parse_ratings_csv(data, round_id="3")
        assert table.matrix == matrix
    rows = {(row["rater"], row["statement"]): row for row in csv_rows(text)}
    assert unescape_cell(rows["m1", "s1"]["comment"]) == comment
    assert unescape_cell(rows["m1", "s2"]["comment"]) == other
    assert unescape_cell(rows["m1", "s1"]["name"]) == name
    assert unescape_cell(rows["m2", "s1"]["statement_text"]) == other
    assert rows["m1", "s2"]["rating"] == "-"


def test_reasons_and_beliefs_are_exported_and_a_reason_cell_stays_text() -> None:
    first = team_rounds()[0]
    rater, statement = first.matrix.raters[0], first.matrix.statements[0]
    exported = replace(first, reasons={(rater, statement): "=cmd|' /C calc'!A0"})
    with pytest.raises(ValueError, match="reasons outside"):
        replace(first, reasons={("m99", statement): "outside"})
    rows = list(csv.DictReader(io.StringIO(export_csv([exported]))))
    reasons_in_csv = {(r["rater"], r["statement"]): r["reason"] for r in rows if r["reason"]}
    assert reasons_in_csv == {(rater, statement): "'=cmd|' /C calc'!A0"}
    belief = Belief(1, 1, exported.id, "customer-centricity", "cust-1", "Sales owns the customer", 7, 1.0)
    document = json.loads(export_json([exported], {}, team_title="T", beliefs=[belief]))
    assert document["rounds"][0]["reasons"] == [
        {"rater": rater, "statement": statement, "text": "=cmd|' /C calc'!A0"}
    ]
    assert document["rounds"][0]["rerate_of"] is None
    assert document["beliefs"] == [
        {
            "statement": "cust-1",
            "catalogue": "customer-centricity",
            "round": exported.id,
            "text": "Sales owns the customer",
            "recorded_at": "1970-01-01T00:00:01+00:00",
        }
    ]
