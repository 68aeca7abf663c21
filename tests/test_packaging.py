"""The package as an operator gets it: a wheel built from a clean copy of the sources, installed into a fresh
virtual environment in a temporary folder outside the checkout, works there: ``questions check``, ``demo``,
``analyse``, ``backup``, ``check`` and ``run`` (against the local Bot API server, stopped with SIGTERM).

The Dockerfile installs the same wheel the same way; no Docker daemon runs here, so this test is what CI
can prove of the image. To stay fast and offline apart from PyPI, the wheel is built with ``--no-deps`` and
the fresh environment borrows the dependencies already installed for the tests (a ``.pth`` line) instead of
downloading them again; ``bot`` itself comes only from the wheel, which the test checks.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.offline.telegram_server import BotApiServer
from tests.helpers import TOKEN, clean_environment

REPO = Path(__file__).resolve().parents[1]
#: What a wheel is built from: the files a clean checkout has (``bot/catalogues`` a link to ``questions``).
SOURCES = ("pyproject.toml", "README.md", "bot", "questions")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh virtual environment holding only the wheel; returns its bin folder."""
    root = tmp_path_factory.mktemp("packaging")
    source = root / "source"
    source.mkdir()
    for name in SOURCES:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, source / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(path, source / name)
    wheels = root / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(source)], root)
    (wheel,) = wheels.glob("maturity_bot-*.whl")
    venv = root / "venv"
    run([sys.executable, "-m", "venv", str(venv)], root)
    python = venv / "bin" / "python"
    site = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], root).strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "borrowed-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(wheel)], root)
    yield venv / "bin"


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_wheel_brings_its_catalogues_and_bot_comes_from_it(installed: Path, tmp_path: Path) -> None:
    where = run(
        [str(installed / "python"), "-c", "import bot; print(bot.__file__)"], tmp_path, clean_environment()
    )
    assert where.startswith(str(installed.parent)), where
    out = run([str(installed / "maturity-bot"), "questions", "check"], tmp_path, clean_environment())
    assert out == (
        "2 catalogues OK: customer-centricity (8 dimensions, 24 statements), "
        "quick (3 dimensions, 6 statements)\n"
    )


def test_demo_analyse_and_backup_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    maturity_bot = str(installed / "maturity-bot")
    out = run([maturity_bot, "demo", "--out", "demo", "--managers", "3"], tmp_path, clean_environment())
    assert "Played a round of 'customer-centricity' with 3 managers" in out
    assert (tmp_path / "demo" / "group-comparison-chart.png").read_bytes().startswith(b"\x89PNG")
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("rater,statement,rating\na,cust-1,2\nb,cust-1,4\nc,cust-1,5\n", encoding="utf-8")
    out = run([maturity_bot, "analyse", str(ratings), "--json"], tmp_path, clean_environment())
    assert '"catalogue": "customer-centricity"' in out
    database = tmp_path / "maturity.db"
    checked = subprocess.run(
        [maturity_bot, "check"],
        cwd=tmp_path,
        env=clean_environment(MATURITY_DB=str(database)),
        capture_output=True,
    )
    assert checked.returncode == 2  # no token: the settings are an error; the rest is checked all the same
    assert b"ok      catalogues: 2 catalogues loaded" in checked.stdout
    sqlite = run(
        [str(installed / "python"), "-c", SQLITE_DB.format(path=database)], tmp_path, clean_environment()
    )
    assert sqlite == "ok\n"
    out = run([maturity_bot, "backup", "copy.db", "--database", str(database)], tmp_path, clean_environment())
    assert out.startswith(f"backed up {database} to copy.db")


SQLITE_DB = (
    "import asyncio\n"
    "from bot.storage.repository import Repository\n"
    "async def make():\n"
    "    repo = await Repository.open('{path}')\n"
    "    await repo.close()\n"
    "asyncio.run(make())\n"
    "print('ok')\n"
)


async def test_run_from_the_wheel_answers_and_stops_cleanly(
    installed: Path, tmp_path: Path, server: BotApiServer
) -> None:
    env = clean_environment(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=server.base_url,
        MATURITY_DB=str(tmp_path / "maturity.db"),
    )
    log = tmp_path / "bot.log"
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            str(installed / "maturity-bot"), "run", cwd=tmp_path, env=env, stdout=output, stderr=output
        )
    try:
        await server.wait_for(lambda: server.calls("deleteWebhook"), timeout=60)
        anna = server.add_user("Anna", language_code="en")
        await anna.send_text(None, "/help")
        await server.wait_for_message(anna, "/newround", timeout=30)
    finally:
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), timeout=30)
    assert code == 0, log.read_text()
    assert "Traceback" not in log.read_text()


def test_the_dockerfile_builds_and_installs_the_wheel_as_this_test_does() -> None:
    """No Docker daemon here: the image's steps are held to the ones this module runs (same sources, the
    same wheel build and install), a non-root user, the database on the volume, check as health check."""
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    copied = [
        source
        for line in dockerfile.splitlines()
        if line.startswith("COPY ") and "--from" not in line
        for source in line.split()[1:-1]
    ]
    assert sorted(copied) == sorted(SOURCES)
    assert "RUN pip wheel --no-deps --no-cache-dir -w /wheels ." in dockerfile
    assert (
        "python -m venv /opt/maturity-bot" in dockerfile
        and "pip install --no-cache-dir /wheels/*.whl" in dockerfile
    )
    users = [line.split()[1] for line in dockerfile.splitlines() if line.startswith("USER ")]
    assert users == ["maturity"]
    assert 'VOLUME ["/data"]' in dockerfile and "MATURITY_DB=/data/maturity.db" in dockerfile
    assert "CMD maturity-bot check" in dockerfile and dockerfile.rstrip().endswith(
        'CMD ["maturity-bot", "run"]'
    )
    assert "TELEGRAM_BOT_TOKEN" not in dockerfile.replace(
        "-e TELEGRAM_BOT_TOKEN=", ""
    )  # from the environment
