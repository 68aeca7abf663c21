"""``maturity-bot questions check``: the summary line, problems on stderr, and the exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.domain.catalogue import QUESTIONS_DIR_ENV

DATA = Path(__file__).parent / "data" / "catalogues"
MINIMAL = DATA / "minimal.toml"
REPO = Path(__file__).resolve().parents[1]
SHIPPED_SUMMARY = (
    "2 catalogues OK: customer-centricity (8 dimensions, 24 statements), quick (3 dimensions, 6 statements)"
)


@pytest.fixture(autouse=True)
def _shipped_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default directory is the repository's, whatever the environment running the tests says."""
    monkeypatch.delenv(QUESTIONS_DIR_ENV, raising=False)


def test_default_checks_the_shipped_catalogues(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "check"]) == 0
    out, err = capsys.readouterr()
    assert out == SHIPPED_SUMMARY + "\n"
    assert err == ""


def test_named_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "check", str(MINIMAL)]) == 0
    assert capsys.readouterr().out == "1 catalogue OK: minimal (2 dimensions, 3 statements)\n"


def test_problems_go_to_stderr_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(
        MINIMAL.read_text(encoding="utf-8")
        .replace('version = "1"\n', "")
        .replace('id = "a-2"', 'id = "a-1"'),
        encoding="utf-8",
    )
    assert main(["questions", "check", str(MINIMAL), str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{path}: version: missing field",
        f'{path}: statements[2] (id "a-1").id: duplicate statement id "a-1" (first at statements[1])',
        "2 problems in 1 file",
    ]


def test_a_warning_also_fails_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "warned.toml"
    path.write_text(
        MINIMAL.read_text(encoding="utf-8").replace('dimension = "beta"', 'dimension = "alpha"'),
        encoding="utf-8",
    )
    assert main(["questions", "check", str(path)]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        f'{path}: dimensions[2] (id "beta"): warning: no statement belongs to this dimension'
    )


def test_nonexistent_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.toml"
    assert main(["questions", "check", str(missing)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{missing}: file: cannot be read: No such file or directory",
        "1 problem in 1 file",
    ]


def test_the_same_catalogue_twice(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "check", str(MINIMAL), str(MINIMAL)]) == 2
    err = capsys.readouterr().err
    assert 'id: catalogue id "minimal" is also used by' in err


def test_the_operator_folder_is_checked_with_the_built_in_catalogues(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(QUESTIONS_DIR_ENV, str(tmp_path))
    assert main(["questions", "check"]) == 2
    assert (
        capsys.readouterr().err.splitlines()[0]
        == f"{tmp_path}: directory: contains no catalogue (*.toml) files"
    )
    (tmp_path / "minimal.toml").write_bytes(MINIMAL.read_bytes())
    assert main(["questions", "check"]) == 0
    assert capsys.readouterr().out == (
        "3 catalogues OK: customer-centricity (8 dimensions, 24 statements), "
        "quick (3 dimensions, 6 statements), minimal (2 dimensions, 3 statements)\n"
    )
    (tmp_path / "quick.toml").write_bytes(MINIMAL.read_bytes().replace(b'"minimal"', b'"quick"', 1))
    assert main(["questions", "check"]) == 2
    err = capsys.readouterr().err
    assert f'{tmp_path / "quick.toml"}: id: catalogue id "quick" is also used by ' in err


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a user or CI would call it."""
    script = Path(sys.executable).parent / "maturity-bot"
    env = {k: v for k, v in os.environ.items() if k != QUESTIONS_DIR_ENV}
    return subprocess.run(
        [str(script), "questions", "check", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_console_script(tmp_path: Path) -> None:
    ok = _run(cwd=REPO)
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, SHIPPED_SUMMARY + "\n", "")
    failed = _run("nope.toml", cwd=tmp_path)
    assert failed.returncode == 2
    assert failed.stderr.splitlines()[0] == "nope.toml: file: cannot be read: No such file or directory"


TEAM = DATA / "team.toml"
#: team.toml in the spreadsheet form, as German Excel saves it (semicolons, a BOM).
TEAM_CSV = (
    "\ufeffcatalogue;catalogue_de;catalogue_en;dimension;dimension_de;dimension_en;id;text_de;text_en\r\n"
    "ours;Unser Check;Our check;listen;Zuhören;Listening;calls;Wir rufen an.;We call.\r\n"
    ";;;listen;;;complaints;Beschwerden kommen an.;Complaints arrive.\r\n"
    ";;;act;Handeln;Acting;fixes;Wir beheben.;We fix.\r\n"
)


def test_a_csv_is_checked_as_a_teams_upload(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The spreadsheet form exists only as upload, so a .csv is read as the bot reads a /catalogue file."""
    path = tmp_path / "ours.csv"
    path.write_text(TEAM_CSV, encoding="utf-8")
    assert main(["questions", "check", str(path)]) == 0
    assert capsys.readouterr().out == "1 catalogue OK: ours (2 dimensions, 3 statements)\n"

    path.write_text(TEAM_CSV.replace("We fix.", "=HYPERLINK(1)"), encoding="utf-8")
    assert main(["questions", "check", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{path}: row 4, column text_en: ")
    assert err[-1] == "1 problem in 1 file"


def test_team_mode_checks_a_toml_as_the_bot_checks_an_upload(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A team's TOML may have one language (the operator's may not) and may not take a built-in id."""
    assert main(["questions", "check", "--team", str(TEAM)]) == 0
    assert capsys.readouterr().out == "1 catalogue OK: ours (2 dimensions, 3 statements)\n"

    builtin_id = tmp_path / "taken.toml"
    builtin_id.write_text(TEAM.read_text(encoding="utf-8").replace('id = "ours"', 'id = "quick"', 1))
    assert main(["questions", "check", "--team", str(builtin_id)]) == 2
    assert "“quick” is the id of a built-in catalogue" in capsys.readouterr().err

    english = tmp_path / "english.toml"
    english.write_text(TEAM.read_text(encoding="utf-8").replace('["de", "en"]', '["en"]', 1))
    assert main(["questions", "check", "--team", str(english)]) == 0
    assert capsys.readouterr().out == "1 catalogue OK: ours (2 dimensions, 3 statements)\n"
    assert main(["questions", "check", str(english)]) == 2
    capsys.readouterr()

    binary = tmp_path / "photo.toml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert main(["questions", "check", "--team", str(binary)]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == "1 problem in 1 file"


def test_team_mode_needs_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "check", "--team"]) == 2
    assert capsys.readouterr().err == "questions check --team: name the files to check as a team's upload\n"
