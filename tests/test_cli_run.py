"""``maturity-bot run`` refuses to start, with one clear message and exit code 2, when it cannot work."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import TOKEN, maturity_bot


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


async def _run_async(tmp_path: Path, **env: str) -> tuple[int, str]:
    """``maturity-bot run`` without blocking the event loop (the local Bot API server lives in it)."""
    code, _, stderr = await maturity_bot(tmp_path, "run", **env)
    return code, stderr


async def test_a_token_telegram_rejects_is_one_line_and_exit_2(tmp_path: Path, server) -> None:
    other = "987654321:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    code, stderr = await _run_async(
        tmp_path,
        TELEGRAM_BOT_TOKEN=other,
        TELEGRAM_API_BASE_URL=server.base_url,
        MATURITY_DB=str(tmp_path / "a.db"),
    )
    assert code == 2
    assert (
        stderr.strip().splitlines()[-1]
        == "maturity-bot: Telegram rejected TELEGRAM_BOT_TOKEN (revoked or mistyped?)"
    )
    assert "Traceback" not in stderr and other not in stderr


async def test_an_unreachable_bot_api_is_one_line_and_exit_69(tmp_path: Path) -> None:
    code, stderr = await _run_async(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot",
        MATURITY_DB=str(tmp_path / "a.db"),
    )
    assert code == 69
    assert stderr.strip().splitlines()[-1].startswith("maturity-bot: cannot reach the Telegram Bot API")
    assert "Traceback" not in stderr and TOKEN not in stderr


def test_an_unwritable_database_file_is_refused_at_start(tmp_path: Path) -> None:
    import asyncio
    import shutil

    from bot.storage.repository import Repository

    path = tmp_path / "frozen.db"

    async def create() -> None:
        repo = await Repository.open(path)
        await repo.close()

    asyncio.run(create())
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)], check=False).returncode:
        pytest.skip("chattr +i is not available here")
    try:
        result = _run(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, MATURITY_DB=str(path))
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=False)
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"maturity-bot: cannot use database {path}: attempt to write a readonly database"
    )
