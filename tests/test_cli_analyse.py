"""``maturity-bot analyse``: exit codes, the JSON object, the plain report and the catalogue choice.

Catalogues are the built-in ones plus an operator's folder in a temporary directory
(``MATURITY_QUESTIONS_DIR``), so the tests pick their statement ids from whatever the catalogues hold and
can add a broken or duplicate one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.cli import main
from bot.cli.exits import EXIT_BAD_INPUT, EXIT_OK
from bot.domain.catalogue import QUESTIONS_DIR_ENV, Catalogue, load_catalogues

REPO = Path(__file__).resolve().parents[1]
MINIMAL = Path(__file__).parent / "data" / "catalogues" / "minimal.toml"


@pytest.fixture
def questions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An operator's folder with one catalogue of its own, loaded besides the built-in ones."""
    directory = tmp_path / "questions"
    directory.mkdir()
    shutil.copy(MINIMAL, directory / MINIMAL.name)
    monkeypatch.setenv(QUESTIONS_DIR_ENV, str(directory))
    return directory


def distinct_catalogue() -> Catalogue:
    """A built-in catalogue whose statement ids are not all contained in another catalogue."""
    catalogues = list(load_catalogues().values())
    for c in catalogues:
        ids = {s.id for s in c.statements}
        if not any(ids <= {s.id for s in other.statements} for other in catalogues if other is not c):
            return c
    pytest.skip("every catalogue's ids are contained in another one")


def write_csv(
    path: Path, rows: Sequence[tuple[str, str, str]], header: str = "rater,statement,rating"
) -> Path:
    path.write_text(header + "\n" + "".join(f"{r},{s},{v}\n" for r, s, v in rows), encoding="utf-8")
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def small_round(tmp_path: Path) -> Path:
    """Four managers, five statements with hand-checked verdicts, ids in no catalogue."""
    rows = [
        # split: (1, 5, 3, 3) → AD 1: disagreement
        ("anna", "split", "1"),
        ("ben", "split", "5"),
        ("cem", "split", "3"),
        ("dora", "split", "3"),
        # odd: (3, 3, 3, 5) → dora dissents
        ("anna", "odd", "3"),
        ("ben", "odd", "3"),
        ("cem", "odd", "3"),
        ("dora", "odd", "5"),
        # high: (4, 4, 4, can't judge) → strength; 1 of 4 can't judge is below a third: no knowledge gap
        ("anna", "high", "4"),
        ("ben", "high", "4"),
        ("cem", "high", "4"),
        ("dora", "high", "?"),
        # low: (1, 2, 2, 2) → mean 7/4, weakness
        ("anna", "low", "1"),
        ("ben", "low", "2"),
        ("cem", "low", "2"),
        ("dora", "low", "2"),
        # hidden: (3, can't judge, can't judge, 3) → agreement at mean 3; 2 of 4 can't judge: knowledge gap
        ("anna", "hidden", "3"),
        ("ben", "hidden", "?"),
        ("cem", "hidden", ""),
        ("dora", "hidden", "3"),
    ]
    return write_csv(tmp_path / "ratings.csv", rows)


def test_json_output(tmp_path: Path, questions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["analyse", str(small_round(tmp_path)), "--json"], capsys)
    assert code == EXIT_OK
    data = json.loads(out)  # exactly one JSON object
    assert isinstance(data, dict)
    assert data["catalogue"] is None
    assert data["dimensions"] == []
    statements = {s["id"]: s for s in data["statements"]}
    assert list(statements) == ["split", "odd", "high", "low", "hidden"]
    assert statements["split"]["verdict"] == "disagreement"
    assert statements["split"]["ad_mean"] == 1.0
    assert statements["odd"]["verdict"] == "dissent"
    assert statements["odd"]["dissenters"] == ["dora"]
    high = statements["high"]
    assert [high[k] for k in ("n", "cant_judge", "mean", "median", "sd", "rwg", "position")] == [
        3,
        1,
        4.0,
        4.0,
        0.0,
        1.0,
        "strength",
    ]
    assert high["ratings"] == {"anna": 4, "ben": 4, "cem": 4}
    assert statements["low"]["mean"] == 1.75
    assert statements["low"]["position"] == "weakness"
    assert data["disagreements"] == ["split"]
    assert data["dissents"] == ["odd"]
    assert data["strengths"] == ["high"]
    assert data["weaknesses"] == ["low"]
    assert data["knowledge_gaps"] == ["hidden"]
    assert statements["hidden"]["position"] is None
    assert data["flagged_share"] == 0.4
    assert data["comparison_possible"] is True
    assert [r["id"] for r in data["raters"]] == ["anna", "ben", "cem", "dora"]
    assert all(r["flags"] == [] for r in data["raters"])  # k = 4 < 8
    assert data["pair_offset"] is None
    # overall: mean of (3, 3.5, 4, 1.75, 3) = 3.05 → index 51.25
    assert data["overall_index"] == 51.25
    assert isinstance(data["alpha_ordinal"], float)
    assert err == ""


def test_plain_report(tmp_path: Path, questions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["analyse", str(small_round(tmp_path))], capsys)
    assert code == EXIT_OK
    assert "4 managers (4 with ratings), 5 statements" in out
    assert "Maturity index: 51 / 100 (mean level 3.05)" in out
    assert "Differences in judgment: 2 of 5 statements (40%)" in out
    assert "anna 1 · ben 5 · cem 3 · dora 3" in out  # every rating of a flagged statement
    assert "dissent: dora" in out
    assert re.search(r"Consensual strengths\n\s+high\s+\(mean 4\.00, n 3\)", out)
    assert re.search(r"Consensual weaknesses\n\s+low\s+\(mean 1\.75, n 4\)", out)
    assert "can't judge 2 of 4: ben, cem" in out
    assert re.search(r"ordinal\s+-?\d\.\d{3}\s+(reliable|tentative|unreliable)", out)
    assert "nobody rates systematically differently" in out


def test_manager_flags_in_the_report(
    tmp_path: Path, questions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = []
    for j in range(8):
        level = 2 + j % 2  # others 2, 3, 2, 3, …
        rows += [
            ("anna", f"s{j}", str(level + 1)),
            ("ben", f"s{j}", str(level)),
            ("cem", f"s{j}", str(level)),
        ]
    code, out, _ = run(["analyse", str(write_csv(tmp_path / "r.csv", rows))], capsys)
    assert code == EXIT_OK
    assert "anna rates on average 1.00 levels higher than the others (8 statements)" in out


def test_two_managers_get_a_pair_offset(
    tmp_path: Path, questions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [row for j in range(8) for row in (("anna", f"s{j}", "4"), ("ben", f"s{j}", "3"))]
    path = write_csv(tmp_path / "r.csv", rows)
    code, out, _ = run(["analyse", str(path)], capsys)
    assert code == EXIT_OK
    assert "anna rates on average 1.00 levels higher than ben (8 common statements)" in out
    code, out, _ = run(["analyse", str(path), "--json"], capsys)
    assert json.loads(out)["pair_offset"] == {
        "raters": ["anna", "ben"],
        "k": 8,
        "offset": 1.0,
        "flagged": True,
    }


def test_one_manager(tmp_path: Path, questions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "r.csv", [("anna", "a", "4"), ("anna", "b", "?")])
    code, out, _ = run(["analyse", str(path)], capsys)
    assert code == EXIT_OK
    assert "Only one manager gave ratings: there is nothing to compare." in out
    code, out, _ = run(["analyse", str(path), "--json"], capsys)
    data = json.loads(out)
    assert data["comparison_possible"] is False
    assert {s["verdict"] for s in data["statements"]} == {"insufficient"}
    assert data["alpha_ordinal"] is None
    assert data["alpha_ordinal_reason"] == "fewer than two ratings per statement"


def test_nobody_could_judge(tmp_path: Path, questions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "r.csv", [("anna", "a", "?"), ("ben", "a", "")])
    code, out, _ = run(["analyse", str(path)], capsys)
    assert code == EXIT_OK
    assert "No manager gave ratings: there is nothing to compare." in out


def test_bad_csv_exits_2_with_the_line(
    tmp_path: Path, questions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "ratings.csv", [("anna", "a", "4"), ("ben", "a", "6")])
    code, out, err = run(["analyse", str(path), "--json"], capsys)
    assert code == EXIT_BAD_INPUT
    assert out == ""
    assert err == f"{path}:3: rating '6' is outside 1–5\n"


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.csv"
    code, out, err = run(["analyse", str(missing)], capsys)
    assert code == EXIT_BAD_INPUT
    assert out == ""
    assert err == f"{missing}: no such file\n"


def test_catalogue_is_found_from_the_statement_ids(
    tmp_path: Path, questions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue = distinct_catalogue()
    rows = [
        (rater, s.id, str(1 + i % 5)) for i, s in enumerate(catalogue.statements) for rater in ("a", "b", "c")
    ]
    rows.reverse()  # the report follows catalogue order, not file order
    code, out, _ = run(["analyse", str(write_csv(tmp_path / "r.csv", rows)), "--json"], capsys)
    assert code == EXIT_OK
    data = json.loads(out)
    assert data["catalogue"] == catalogue.id
    assert [s["id"] for s in data["statements"]] == [s.id for s in catalogue.statements]
    assert [d["id"] for d in data["dimensions"]] == [d.id for d in catalogue.dimensions]
    code, out, _ = run(["analyse", str(tmp_path / "r.csv")], capsys)
    first = catalogue.statements[0]
    assert catalogue.dimension(first.dimension).title.en in out
    assert " ".join(first.text.en.split())[:40] in out


def test_explicit_catalogue(tmp_path: Path, questions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalogue = distinct_catalogue()
    first, second = catalogue.statements[0].id, catalogue.statements[1].id
    path = write_csv(tmp_path / "r.csv", [("a", first, "3"), ("b", first, "4"), ("a", second, "2")])
    code, out, _ = run(["analyse", str(path), "--json", "--catalogue", catalogue.id], capsys)
    assert code == EXIT_OK
    data = json.loads(out)
    assert data["catalogue"] == catalogue.id
    assert data["statements"][0]["dimension"] == catalogue.statements[0].dimension


def test_unknown_catalogue(tmp_path: Path, questions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["analyse", str(small_round(tmp_path)), "--catalogue", "nope"], capsys)
    assert code == EXIT_BAD_INPUT
    assert out == ""
    assert err.startswith("unknown catalogue 'nope' (known: ")


def test_statement_outside_the_named_catalogue(
    tmp_path: Path, questions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue = distinct_catalogue()
    known = catalogue.statements[0].id
    path = write_csv(tmp_path / "r.csv", [("a", known, "3"), ("b", known, "4"), ("a", "zz-unknown", "2")])
    code, out, err = run(["analyse", str(path), "--catalogue", catalogue.id], capsys)
    assert code == EXIT_BAD_INPUT
    assert out == ""
    assert err == f"{path}:4: statement 'zz-unknown' is not in catalogue '{catalogue.id}'\n"


def test_ids_fitting_two_catalogues_mean_no_dimensions(
    tmp_path: Path, questions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue = distinct_catalogue()
    builtin = (REPO / "questions").glob("*.toml")
    source = next(p for p in builtin if f'"{catalogue.id}"' in p.read_text(encoding="utf-8"))
    twin = re.sub(r'(?m)^id = "[^"]*"', 'id = "twin-copy"', source.read_text(encoding="utf-8"), count=1)
    (questions / "twin.toml").write_text(twin, encoding="utf-8")
    ids = [s.id for s in catalogue.statements[:2]]
    path = write_csv(tmp_path / "r.csv", [(r, sid, "3") for sid in ids for r in ("a", "b")])
    code, out, err = run(["analyse", str(path), "--json"], capsys)
    assert code == EXIT_OK
    data = json.loads(out)
    assert data["catalogue"] is None
    assert data["dimensions"] == []
    assert "fit several catalogues" in err
    assert "twin-copy" in err


def test_broken_catalogues_do_not_stop_an_analysis_without_catalogue(
    tmp_path: Path, questions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (questions / "broken.toml").write_text("id = [", encoding="utf-8")
    code, out, err = run(["analyse", str(small_round(tmp_path)), "--json"], capsys)
    assert code == EXIT_OK
    assert json.loads(out)["catalogue"] is None
    assert "could not be loaded" in err
    code, out, err = run(["analyse", str(small_round(tmp_path)), "--catalogue", "quick"], capsys)
    assert code == EXIT_BAD_INPUT
    assert "broken.toml" in err


def test_subprocess_end_to_end(tmp_path: Path, questions: Path) -> None:
    path = small_round(tmp_path)
    env = {**os.environ, QUESTIONS_DIR_ENV: str(questions)}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "analyse", str(path), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == EXIT_OK, done.stderr
    assert json.loads(done.stdout)["disagreements"] == ["split"]
    script = shutil.which("maturity-bot")
    if script is not None:
        bad = subprocess.run(
            [script, "analyse", str(tmp_path / "missing.csv")],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert bad.returncode == EXIT_BAD_INPUT
        assert bad.stderr.strip() == f"{tmp_path / 'missing.csv'}: no such file"


def test_round_option(tmp_path: Path, questions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "round,rater,name,statement,rating,comment\n"
        '1,m1,"Anna, A.",x,4,"sehr gut; wirklich"\n'
        "1,m2,Ben,x,2,\n"
        "3,m1,Anna,x,5,\n"
        "3,m2,Ben,x,-,\n"
        "2,m1,Anna,x,1,\n",
        encoding="utf-8",
    )
    code, out, err = run(["analyse", str(path), "--json", "--round", "1"], capsys)
    assert (code, err) == (EXIT_OK, "")
    data = json.loads(out)
    assert data["round"] == "1"
    assert data["statements"][0]["ratings"] == {"m1": 4, "m2": 2}
    code, out, _ = run(["analyse", str(path), "--round", "3"], capsys)
    assert code == EXIT_OK
    assert f"Round: {path} round 3, 2 managers (1 with ratings), 1 statement" in out
    code, out, err = run(["analyse", str(path)], capsys)
    assert (code, out) == (EXIT_BAD_INPUT, "")
    assert err == f"{path}: holds 3 rounds (1, 3, 2): choose one with --round N\n"
    code, out, err = run(["analyse", str(path), "--round", "4"], capsys)
    assert (code, out) == (EXIT_BAD_INPUT, "")
    assert err == f"{path}: no round '4' in the file (rounds found: 1, 3, 2)\n"


def test_round_option_on_a_file_without_rounds(
    tmp_path: Path, questions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = small_round(tmp_path)
    code, out, err = run(["analyse", str(path), "--round", "1"], capsys)
    assert (code, out) == (EXIT_BAD_INPUT, "")
    assert err == f"{path}:1: round '1' asked for, but there is no 'round' column\n"
    code, out, _ = run(["analyse", str(path), "--json"], capsys)
    assert code == EXIT_OK
    assert json.loads(out)["round"] is None


def test_dimensions_from_the_file_when_no_catalogue_fits(
    tmp_path: Path, questions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "rater,statement,dimension,rating\na,x,left,4\nb,x,left,4\na,y,,2\nb,y,,3\n", encoding="utf-8"
    )
    code, out, _ = run(["analyse", str(path), "--json"], capsys)
    assert code == EXIT_OK
    data = json.loads(out)
    assert data["catalogue"] is None
    assert [(d["id"], d["statements"]) for d in data["dimensions"]] == [("left", ["x"])]
    assert [s["dimension"] for s in data["statements"]] == ["left", None]


def test_json_carries_full_precision_and_every_rater(
    tmp_path: Path, questions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [("anna", "x", "1"), ("ben", "x", "1"), ("cem", "x", "2"), ("dora", "x", "-")]
    rows += [("anna", "y", "4"), ("ben", "y", "?"), ("cem", "y", "-"), ("dora", "y", "?")]
    code, out, _ = run(["analyse", str(write_csv(tmp_path / "r.csv", rows)), "--json"], capsys)
    assert code == EXIT_OK
    data = json.loads(out)
    x, y = data["statements"]
    assert x["mean"] == 1.3333333333333333 and x["ad_mean"] == 0.4444444444444444
    assert (y["n"], y["ad_mean"], y["rwg"]) == (1, None, None)
    assert [(r["id"], r["k"], r["flags"]) for r in data["raters"]] == [
        ("anna", 1, []),
        ("ben", 1, []),
        ("cem", 1, []),
        ("dora", 0, []),
    ]
