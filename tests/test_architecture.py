"""The shape of the code: pure modules stay pure; documentation matches the commands."""

import ast
from pathlib import Path

from bot.commands import COMMANDS
from bot.texts import LANGUAGES, all_keys, t

ROOT = Path(__file__).resolve().parent.parent
PURE = [
    *sorted((ROOT / "bot" / "domain").glob("*.py")),
    ROOT / "bot" / "charts.py",
    ROOT / "bot" / "render.py",
    ROOT / "bot" / "callbacks.py",
    ROOT / "bot" / "commands.py",
    *sorted((ROOT / "bot" / "texts").glob("*.py")),
]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_pure_modules_never_import_telegram_or_the_database() -> None:
    for path in PURE:
        if path.exists():
            assert not {"telegram", "aiosqlite", "sqlite3"} & _imports(path), path


def test_sql_lives_only_in_storage() -> None:
    for path in (ROOT / "bot").rglob("*.py"):
        if "storage" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for keyword in ("SELECT ", "INSERT INTO", "UPDATE rounds", "DELETE FROM"):
            assert keyword not in text, f"{path} holds SQL ({keyword.strip()})"


def test_every_command_is_described_in_both_languages_and_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    keys = all_keys()
    for command in COMMANDS:
        assert f"/{command.name}" in readme, command.name
        for key in (command.description_key, command.help_key):
            assert key in keys
            for lang in LANGUAGES:
                assert t(lang, key)
        assert len(t("de", command.description_key)) <= 256


def test_ci_runs_the_readme_test_command() -> None:
    readme_lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert readme_lines[0].startswith("```")
    demo_line, test_line = readme_lines[1], readme_lines[2]
    assert demo_line.endswith("maturity-bot demo")
    assert "pytest" in test_line
    assert test_line in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_data_flows_one_way_handlers_are_imported_only_by_the_app() -> None:
    """Handlers call domain, storage and services; nothing but app.py (and other handlers) imports them."""
    for path in (ROOT / "bot").rglob("*.py"):
        if path.name == "app.py" or "handlers" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "bot.handlers" not in text, f"{path} imports a handler module"
