"""The shape of the code, checked by folder: which layer may import which, no import circles, presentation
in one place, SQL in one place, and documentation that matches the commands.

Layers (``bot/<layer>/``): domain and views are pure; storage sits on the domain; flows use domain, storage
and views; handlers are Telegram glue that only ``app.py`` wires up; infra and the stand-in Bot API server
are mechanisms that know nothing of the bot.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.commands import COMMANDS
from bot.texts import LANGUAGES, all_keys, t

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / "bot"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import of a module, at any depth (a lazy import is a dependency too), but not those that
    only type checkers see."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from (n for child in node.orelse for n in _import_nodes(child))
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from _import_nodes(node)


def imports_of(path: Path) -> set[str]:
    """The full names of the modules (or module attributes) a file imports, relative imports resolved."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            anchor = package.split(".")
            anchor = anchor[: len(anchor) - node.level + 1]
            base = ".".join([*anchor, base] if base else anchor)
        names.add(base)
        names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def modules_in(folder: str) -> list[Path]:
    return sorted((BOT / folder).rglob("*.py"))


def bot_imports(path: Path) -> set[str]:
    """What a file imports of ``bot``: module names (``bot.flows.chat``), not the names taken from them."""
    known = {_module_name(p) for p in BOT.rglob("*.py")}
    found = set()
    for name in imports_of(path):
        if not name.startswith("bot"):
            continue
        while name not in known and "." in name:
            name = name.rpartition(".")[0]
        found.add(name)
    # ``from bot import callbacks`` names the package too; bot/__init__.py holds only the version
    return found - {_module_name(path), "bot"}


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and (BOT / parts[1]).is_dir()) else module


# ------------------------------------------------------------------------------------------ the layers


@pytest.mark.parametrize("layer", ["domain", "views"])
def test_domain_and_views_are_pure(layer: str) -> None:
    """No storage, flows, handlers or telegram.ext; the domain not even Telegram's plain types."""
    for path in modules_in(layer):
        for name in imports_of(path):
            top = name.split(".")[0]
            assert top not in {"aiosqlite", "sqlite3"}, f"{path} imports {name}"
            assert not name.startswith("telegram.ext"), f"{path} imports {name}"
            if layer == "domain":
                assert top != "telegram", f"{path} imports {name}"
        for module in bot_imports(path):
            assert _layer(module) not in {"storage", "flows", "handlers", "infra", "cli", "offline"}, (
                f"{path} imports {module}"
            )
            assert module not in {"bot.app", "bot.context"}, f"{path} imports {module}"


@pytest.mark.parametrize("module", ["texts", "callbacks.py", "commands.py"])
def test_texts_callbacks_and_commands_are_plain_data(module: str) -> None:
    paths = modules_in(module) if (BOT / module).is_dir() else [BOT / module]
    for path in paths:
        for name in imports_of(path):
            assert name.split(".")[0] not in {"telegram", "aiosqlite", "sqlite3"}, f"{path} imports {name}"
            assert not name.startswith("bot.") or _layer(name) in {"texts"}, f"{path} imports {name}"


def test_views_import_only_domain_texts_callbacks_and_commands() -> None:
    allowed = {"domain", "views", "texts", "bot.callbacks", "bot.commands"}
    for path in modules_in("views"):
        for module in bot_imports(path):
            assert _layer(module) in allowed, f"{path} imports {module}"


def test_storage_imports_only_the_domain() -> None:
    for path in modules_in("storage"):
        for module in bot_imports(path):
            assert _layer(module) in {"domain", "storage"}, f"{path} imports {module}"


@pytest.mark.parametrize("folder", ["infra", "offline/telegram_server"])
def test_mechanisms_import_nothing_of_the_bot(folder: str) -> None:
    """The transport, limiter, ordering, workers and the stand-in Telegram are mechanisms: the bot plugs
    into them, never the other way round."""
    own = "bot." + folder.replace("/", ".")
    for path in modules_in(folder):
        for module in bot_imports(path):
            assert module.startswith(own), f"{path} imports {module}"


def test_flows_never_import_handlers_or_the_app() -> None:
    for path in modules_in("flows"):
        for module in bot_imports(path):
            assert _layer(module) not in {"handlers", "cli", "offline"}, f"{path} imports {module}"
            assert module != "bot.app", f"{path} imports {module}"


def test_handlers_are_imported_only_by_the_app() -> None:
    for path in BOT.rglob("*.py"):
        if path == BOT / "app.py" or "handlers" in path.relative_to(BOT).parts:
            continue
        for module in bot_imports(path):
            assert _layer(module) != "handlers", f"{path} imports {module}"


def test_no_handler_module_uses_another_ones_internals() -> None:
    """Handlers share only what ``handlers/common.py`` offers, and only its public names."""
    for path in modules_in("handlers"):
        if path.name in {"__init__.py", "common.py"}:
            continue
        for name in imports_of(path):
            if not name.startswith("bot.handlers"):
                continue
            assert name == "bot.handlers.common" or name.startswith("bot.handlers.common."), (
                f"{path} imports {name}"
            )
            assert not name.rpartition(".")[2].startswith("_"), f"{path} imports {name}"


def test_top_level_holds_only_a_handful_of_modules() -> None:
    """The application, settings, the runtime context, the command table, callback data."""
    top = {p.name for p in BOT.glob("*.py")}
    assert top <= {
        "__init__.py",
        "__main__.py",
        "app.py",
        "config.py",
        "context.py",
        "commands.py",
        "callbacks.py",
    }, top


def test_every_layer_says_what_it_holds() -> None:
    """(``bot/catalogues`` is no layer but package data: a link to the top-level ``questions/``.)"""
    layers = (p for p in BOT.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith("__"))
    for folder in sorted(layers):
        init = folder / "__init__.py"
        assert init.exists(), folder
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{init} has no docstring"


def test_there_are_no_import_circles() -> None:
    """Between any modules of bot/, lazy imports included (Tarjan's strongly connected components)."""
    graph = {_module_name(p): bot_imports(p) for p in BOT.rglob("*.py")}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in graph:
                continue
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    # a package's __init__ importing its own modules is not a circle a reader trips over
    circles = [c for c in circles if not all(m.startswith(c[0] + ".") or m == c[0] for m in c)]
    assert not circles, circles


# ------------------------------------------------------------------------------- presentation, SQL, docs


@pytest.mark.parametrize("layer", ["handlers", "flows"])
def test_no_handler_or_flow_builds_a_keyboard_or_a_link(layer: str) -> None:
    """Keyboards are built in views; the deep link to the private chat by ``callbacks.start_link``."""
    for path in modules_in(layer):
        text = path.read_text(encoding="utf-8")
        for marker in ("InlineKeyboardButton", "InlineKeyboardMarkup(", "t.me/"):
            assert marker not in text, f"{path} holds {marker}"


def test_the_deep_link_is_built_in_one_place() -> None:
    """(The stand-in Telegram in offline/ reads such links, as Telegram's apps do.)"""
    holders = [
        p for p in BOT.rglob("*.py") if "offline" not in p.parts and "t.me/" in p.read_text(encoding="utf-8")
    ]
    assert holders == [BOT / "callbacks.py"], holders


def test_sql_lives_only_in_storage() -> None:
    for path in BOT.rglob("*.py"):
        if "storage" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for keyword in ("SELECT ", "INSERT INTO", "UPDATE rounds", "DELETE FROM"):
            assert keyword not in text, f"{path} holds SQL ({keyword.strip()})"


def test_tests_share_helpers_only_through_helpers_and_conftest() -> None:
    for path in (ROOT / "tests").glob("*.py"):
        for name in imports_of(path):
            if name.startswith("tests."):
                assert name.split(".")[1] == "helpers", f"{path} imports {name}"


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
