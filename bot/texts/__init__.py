"""Every text a user sees, in German and English.

Each area keeps its texts in a module of this package as ``TEXTS = {"key": {"de": ..., "en": ...}}``;
``t()`` looks a key up in the language asked for. Placeholders use ``str.format`` names. Texts are plain:
the renderer HTML-escapes what it inserts.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES: tuple[str, ...] = ("de", "en")
DEFAULT_LANGUAGE = "en"

_REGISTRY: dict[str, Mapping[str, str]] = {}


def register(texts: Mapping[str, Mapping[str, str]]) -> None:
    """Add an area's texts; every key must exist in every language and be unique across areas."""
    for key, variants in texts.items():
        missing = [lang for lang in LANGUAGES if not variants.get(lang)]
        if missing:
            raise ValueError(f"text {key!r} lacks {', '.join(missing)}")
        if key in _REGISTRY and _REGISTRY[key] is not variants:
            raise ValueError(f"text {key!r} is defined twice")
        _REGISTRY[key] = variants


def language_of(code: str | None) -> str:
    """Telegram's ``language_code`` (e.g. ``de-CH``) to one of our languages; English otherwise."""
    if code and code.split("-")[0].lower() == "de":
        return "de"
    return DEFAULT_LANGUAGE


def t(lang: str, key: str, /, **values: object) -> str:
    """The text ``key`` in ``lang`` with ``values`` filled in."""
    _load_all()
    variants = _REGISTRY[key]
    text = variants.get(lang) or variants[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def all_keys() -> frozenset[str]:
    _load_all()
    return frozenset(_REGISTRY)


_loaded = False


def _load_all() -> None:
    """Import every area module once; each registers its texts on import."""
    global _loaded
    if _loaded:
        return
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register(module.TEXTS)
    _loaded = True
