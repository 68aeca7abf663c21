"""``maturity-bot run`` refuses to start, with one clear message and exit code 2, when it cannot work."""

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import TOKEN


def _run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "MATURITY_"))}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=environment,
    )


def test_missing_token(tmp_path: Path) -> None:
    result = _run(tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "maturity-bot: TELEGRAM_BOT_TOKEN is missing"


def test_malformed_token_is_named_but_never_shown(tmp_path: Path) -> None:
    secret = "12345:not-a-real-token-but-secret"
    result = _run(tmp_path, TELEGRAM_BOT_TOKEN=secret)
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert secret not in result.stderr + result.stdout
    assert "not-a-real" not in result.stderr


def test_token_from_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("TELEGRAM_BOT_TOKEN=bad\nMATURITY_LOG_LEVEL=LOUD\n", encoding="utf-8")
    result = _run(tmp_path)
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in result.stderr and "MATURITY_LOG_LEVEL" in result.stderr


def test_broken_catalogue_refuses_to_start_with_the_checkers_messages(tmp_path: Path) -> None:
    questions = tmp_path / "questions"
    questions.mkdir()
    (questions / "broken.toml").write_text('id = "broken"\nversion = "1"\n', encoding="utf-8")
    result = _run(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, MATURITY_QUESTIONS_DIR=str(questions))
    assert result.returncode == 2
    assert "question catalogues are broken" in result.stderr
    assert "broken.toml" in result.stderr and "title" in result.stderr
    assert TOKEN not in result.stderr


def test_unusable_database_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "bad.db").write_bytes(b"not a database at all" * 64)
    result = _run(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, MATURITY_DB=str(tmp_path / "bad.db"))
    assert result.returncode == 2
    assert result.stderr.startswith("maturity-bot: cannot use database") and "bad.db" in result.stderr
    assert TOKEN not in result.stderr
