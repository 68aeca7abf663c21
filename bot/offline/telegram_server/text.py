"""Formatted text as Telegram handles it: HTML parse mode, message entities, lengths in UTF-16 code units.

Telegram stores a message as plain text plus a list of entities whose offsets and lengths count UTF-16
code units. ``parse_html`` follows the rules of the Bot API's "HTML style" section (the tags and
entities it lists, everything else an error with Telegram's wording and the byte offset into the UTF-8
text); ``finish_text`` then does what Telegram does to every text before storing it: strips surrounding
whitespace, drops empty entities and adds the entities it detects by itself (bot commands, mentions,
hashtags, links, e-mail addresses). ``entities_to_html`` renders the stored form back to HTML so that a
test can compare what a person would see.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .errors import bad_request

#: Longest caption of a photo or document, in UTF-16 code units after entity parsing.
CAPTION_MAX = 1024

Entity = dict[str, Any]

SUPPORTED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
ENTITY_TYPES = frozenset(
    {
        "mention",
        "hashtag",
        "cashtag",
        "bot_command",
        "url",
        "email",
        "phone_number",
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "blockquote",
        "expandable_blockquote",
        "code",
        "pre",
        "text_link",
        "text_mention",
        "custom_emoji",
    }
)
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPECIAL = re.compile("[&<]")
_SPACES = " \t\n\r\f\v"


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's limits and entity offsets (for ASCII, the
    number of characters, without encoding the text)."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _parse_error(text: str) -> Exception:
    return bad_request(f"can't parse entities: {text}")


def _decode_entity(text: str, index: int) -> tuple[str, int] | None:
    """Decode the character reference starting at ``text[index] == "&"``: (character, index after it).

    Only &lt; &gt; &amp; &quot; and numeric references count; anything else leaves the "&" as it is.
    """
    end = text.find(";", index + 1)
    if end == -1 or end - index > 12:
        return None
    name = text[index + 1 : end]
    if name in _NAMED_ENTITIES:
        return _NAMED_ENTITIES[name], end + 1
    if name.startswith("#"):
        digits = name[1:]
        try:
            code = int(digits[1:], 16) if digits[:1] in ("x", "X") else int(digits, 10)
        except ValueError:
            return None
        if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
            return chr(code), end + 1
    return None


def _normalize_link(url: str) -> str | None:
    """The link a text_link entity points to, or None when Telegram would drop it as invalid."""
    url = url.strip()
    match = re.fullmatch(r"(?i)([a-z][a-z0-9+.-]*)://([^/?#\s]+)(.*)", url)
    if match:
        scheme, host, rest = match.groups()
        if scheme.lower() in ("http", "https", "ftp", "ton") and not rest:
            rest = "/"
        return f"{scheme.lower()}://{host}{rest}"
    if re.fullmatch(r"(?i)(tg|mailto):\S+", url):
        return url
    if re.fullmatch(r"(?i)[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/\S*)?", url):
        return "http://" + (url if "/" in url else url + "/")
    return None


class _Open:
    __slots__ = ("argument", "expandable", "offset", "tag")

    def __init__(self, tag: str, argument: str, offset: int, expandable: bool) -> None:
        self.tag = tag
        self.argument = argument
        self.offset = offset
        self.expandable = expandable


def parse_html(source: str, known_user: Any = None) -> tuple[str, list[Entity]]:
    """Parse Telegram's HTML parse mode into (plain text, entities).

    ``known_user`` maps a user id to a User JSON object (for ``<a href="tg://user?id=...">`` mentions);
    links to unknown users are dropped like Telegram drops them.
    """
    out: list[str] = []
    utf16 = 0
    entities: list[Entity] = []
    stack: list[_Open] = []
    i = 0
    n = len(source)
    while i < n:
        char = source[i]
        if char == "&":
            decoded = _decode_entity(source, i)
            if decoded is not None:
                out.append(decoded[0])
                utf16 += utf16_len(decoded[0])
                i = decoded[1]
                continue
        if char != "<":
            # a run of plain text up to the next tag or character reference at once: character by
            # character was a noticeable share of the stand-in Telegram's CPU per edit (BENCHMARKS.md)
            special = _SPECIAL.search(source, i + 1)
            end = special.start() if special else n
            run = source[i:end]
            out.append(run)
            utf16 += utf16_len(run)
            i = end
            continue
        begin = i
        i += 1
        if i < n and source[i] == "/":
            i = _close_tag(source, begin, i + 1, stack, entities, utf16, out, known_user)
            continue
        tag_end = i
        while tag_end < n and source[tag_end] not in _SPACES and source[tag_end] != ">":
            tag_end += 1
        if tag_end >= n:
            raise _parse_error(f"Unclosed start tag at byte offset {_byte_offset(source, begin)}")
        tag = source[i:tag_end].lower()
        if tag not in SUPPORTED_TAGS:
            raise _parse_error(f'Unsupported start tag "{tag}" at byte offset {_byte_offset(source, begin)}')
        i, argument, expandable = _read_attributes(source, begin, tag_end, tag)
        if tag == "span" and argument != "spoiler":
            raise _parse_error(
                f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(source, begin)}'
            )
        stack.append(_Open(tag, argument, utf16, expandable))
        i += 1
    if stack:
        raise _parse_error(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    return "".join(out), entities


def _read_attributes(source: str, begin: int, i: int, tag: str) -> tuple[int, str, bool]:
    """Read the attributes of a start tag; returns (index of its ">", argument, expandable)."""
    n = len(source)
    argument = ""
    expandable = False
    offset = _byte_offset(source, begin)
    while True:
        while i < n and source[i] in _SPACES:
            i += 1
        if i >= n:
            raise _parse_error(f"Unclosed start tag at byte offset {offset}")
        if source[i] == ">":
            return i, argument, expandable
        name_begin = i
        while i < n and source[i] not in _SPACES and source[i] not in "=>":
            i += 1
        name = source[name_begin:i].lower()
        if not name:
            raise _parse_error(f'Empty attribute name in the tag "{tag}" at byte offset {offset}')
        while i < n and source[i] in _SPACES:
            i += 1
        if i >= n or source[i] != "=":
            if tag == "blockquote" and name == "expandable":
                expandable = True
                continue
            raise _parse_error(
                "Expected equal sign in declaration of an attribute of the tag "
                f'"{tag}" at byte offset {offset}'
            )
        i += 1
        while i < n and source[i] in _SPACES:
            i += 1
        if i >= n:
            raise _parse_error(f'Unclosed start tag "{tag}" at byte offset {offset}')
        if source[i] in "'\"":
            quote = source[i]
            i += 1
            value_chars: list[str] = []
            while i < n and source[i] != quote:
                if source[i] == "&":
                    decoded = _decode_entity(source, i)
                    if decoded is not None:
                        value_chars.append(decoded[0])
                        i = decoded[1]
                        continue
                value_chars.append(source[i])
                i += 1
            if i >= n:
                raise _parse_error(f"Unclosed start tag at byte offset {offset}")
            i += 1
            value = "".join(value_chars)
        else:
            token_begin = i
            while i < n and ((source[i].isascii() and source[i].isalnum()) or source[i] in ".-"):
                i += 1
            value = source[token_begin:i].lower()
            if i < n and source[i] not in _SPACES and source[i] != ">":
                raise _parse_error(
                    f"Unexpected end of name token at byte offset {_byte_offset(source, token_begin)}"
                )
        if tag == "a" and name == "href":
            argument = value
        elif tag == "code" and name == "class" and value.startswith("language-"):
            argument = value[len("language-") :]
        elif tag == "span" and name == "class" and value.startswith("tg-"):
            argument = value[len("tg-") :]
        elif tag == "tg-emoji" and name == "emoji-id":
            argument = value
        elif tag == "blockquote" and name == "expandable":
            expandable = True


def _close_tag(
    source: str,
    begin: int,
    i: int,
    stack: list[_Open],
    entities: list[Entity],
    utf16: int,
    out: list[str],
    known_user: Any,
) -> int:
    """Handle ``</name>`` at ``begin``; returns the index after its ">".

    ``out`` is the plain text so far, in pieces: joined only for a link without an address.
    """
    n = len(source)
    if not stack:
        raise _parse_error(f"Unexpected end tag at byte offset {_byte_offset(source, begin)}")
    name_begin = i
    while i < n and source[i] not in _SPACES and source[i] != ">":
        i += 1
    name = source[name_begin:i].lower()
    while i < n and source[i] in _SPACES:
        i += 1
    if i >= n or source[i] != ">":
        raise _parse_error(f"Unclosed end tag at byte offset {_byte_offset(source, begin)}")
    top = stack.pop()
    if name and name != top.tag:
        raise _parse_error(
            f"Unmatched end tag at byte offset {_byte_offset(source, begin)}, "
            f'expected "</{top.tag}>", found "</{name}>"'
        )
    length = utf16 - top.offset
    if length > 0:
        _add_entity(top, length, entities, out, known_user)
    return i + 1


def _add_entity(top: _Open, length: int, entities: list[Entity], out: list[str], known_user: Any) -> None:
    offset = top.offset
    if top.tag in _TAG_ENTITY:
        entities.append({"type": _TAG_ENTITY[top.tag], "offset": offset, "length": length})
    elif top.tag == "a":
        url = top.argument or _utf16_slice("".join(out), offset, length)
        user_match = re.fullmatch(r"(?i)tg://user\?id=(\d+)", url.strip())
        if user_match:
            user = known_user(int(user_match.group(1))) if known_user else None
            if user is not None:
                entities.append({"type": "text_mention", "offset": offset, "length": length, "user": user})
            return
        link = _normalize_link(url)
        if link is not None:
            entities.append({"type": "text_link", "offset": offset, "length": length, "url": link})
    elif top.tag == "tg-emoji":
        if not top.argument.isdigit():
            raise bad_request("can't parse entities: Invalid custom emoji identifier specified")
        entities.append(
            {"type": "custom_emoji", "offset": offset, "length": length, "custom_emoji_id": top.argument}
        )
    elif top.tag == "pre":
        last = entities[-1] if entities else None
        if last and last["type"] == "code" and last["offset"] == offset and last["length"] == length:
            language = last.pop("_language", "")
            if language:
                last.update(type="pre", language=language)
                return
        entities.append({"type": "pre", "offset": offset, "length": length})
    elif top.tag == "code":
        last = entities[-1] if entities else None
        if (
            last
            and last["type"] == "pre"
            and last["offset"] == offset
            and last["length"] == length
            and top.argument
        ):
            last["language"] = top.argument
            return
        entity: Entity = {"type": "code", "offset": offset, "length": length}
        if top.argument:
            entity["_language"] = top.argument
        entities.append(entity)
    elif top.tag == "blockquote":
        kind = "expandable_blockquote" if top.expandable else "blockquote"
        entities.append({"type": kind, "offset": offset, "length": length})


def _utf16_slice(text: str, offset: int, length: int) -> str:
    data = text.encode("utf-16-le")
    return data[2 * offset : 2 * (offset + length)].decode("utf-16-le", errors="replace")


def clean_entities(entities: Iterable[Entity]) -> list[Entity]:
    """Drop helper keys left by the parser."""
    return [{k: v for k, v in entity.items() if not k.startswith("_")} for entity in entities]


def validate_entities(raw: Any, text: str) -> list[Entity]:
    """Check explicitly given ``entities`` / ``caption_entities`` against the text they describe."""
    if not isinstance(raw, list):
        raise bad_request("can't parse entities JSON object")
    total = utf16_len(text)
    result: list[Entity] = []
    for item in raw:
        if not isinstance(item, dict) or "type" not in item or "offset" not in item or "length" not in item:
            raise bad_request('can\'t parse MessageEntity: Field "type" must be of type String')
        kind = item["type"]
        if kind not in ENTITY_TYPES:
            raise bad_request(f"can't parse MessageEntity: Unsupported type specified: {kind}")
        try:
            offset, length = int(item["offset"]), int(item["length"])
        except (TypeError, ValueError) as error:
            raise bad_request('can\'t parse MessageEntity: Field "offset" must be of type Number') from error
        if offset < 0 or length <= 0 or offset + length > total:
            continue
        entity: Entity = {"type": kind, "offset": offset, "length": length}
        if kind == "text_link":
            link = _normalize_link(str(item.get("url", "")))
            if link is None:
                continue
            entity["url"] = link
        for key in ("language", "custom_emoji_id", "user"):
            if key in item and kind in ("pre", "custom_emoji", "text_mention"):
                entity[key] = item[key]
        result.append(entity)
    return result


def _shift(entities: list[Entity], start: int, end: int) -> list[Entity]:
    """Clamp entities to the UTF-16 range [start, end) and move them to begin at 0."""
    result = []
    for entity in entities:
        a = max(entity["offset"], start)
        b = min(entity["offset"] + entity["length"], end)
        if b > a:
            result.append({**entity, "offset": a - start, "length": b - a})
    return result


#: (kind, pattern, what any match contains): a text without the mark is not searched at all, which saved
#: the stand-in Telegram most of its work per message (the e-mail pattern tries every word).
_DETECTORS: list[tuple[str, re.Pattern[str], str]] = [
    ("url", re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,:;!?)\]'’”]"), ""),
    ("email", re.compile(r"(?i)\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b"), "@"),
    (
        "bot_command",
        re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z][A-Za-z0-9_]{2,31})?(?![\w/])"),
        "/",
    ),
    ("mention", re.compile(r"(?<![\w@/])@[A-Za-z][A-Za-z0-9_]{3,31}\b"), "@"),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d_]\w*"), "#"),
    ("cashtag", re.compile(r"(?<![\w$])\$[A-Z]{1,8}\b"), "$"),
]
_NO_DETECTION_INSIDE = frozenset({"code", "pre", "text_link", "text_mention", "url", "email"})


def detect_entities(text: str, entities: list[Entity]) -> list[Entity]:
    """Entities Telegram finds by itself in a text (commands, mentions, hashtags, links, e-mail)."""
    blocked = [
        (e["offset"], e["offset"] + e["length"]) for e in entities if e["type"] in _NO_DETECTION_INSIDE
    ]
    found: list[Entity] = []
    for kind, pattern, mark in _DETECTORS:
        if mark and mark not in text:
            continue
        for match in pattern.finditer(text):
            offset = utf16_len(text[: match.start()])
            length = utf16_len(match.group(0))
            end = offset + length
            if any(a < end and offset < b for a, b in blocked):
                continue
            found.append({"type": kind, "offset": offset, "length": length})
            blocked.append((offset, end))
    return found


def sort_entities(entities: list[Entity]) -> list[Entity]:
    """Telegram's order: by offset, longer first at the same offset."""
    return sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def finish_text(text: str, entities: list[Entity], *, detect: bool = True) -> tuple[str, list[Entity]]:
    """Strip surrounding whitespace (moving entities with it) and add detected entities."""
    left = len(text) - len(text.lstrip(_SPACES))
    stripped = text.strip(_SPACES)
    start = utf16_len(text[:left])
    entities = _shift(entities, start, start + utf16_len(stripped))
    if detect:
        entities = entities + detect_entities(stripped, entities)
    return stripped, sort_entities(entities)


def prepare_text(
    raw: str,
    parse_mode: str | None,
    entities: Any,
    *,
    known_user: Any = None,
) -> tuple[str, list[Entity]]:
    """Turn a ``text``/``caption`` parameter into the stored (text, entities) pair.

    ``entities`` given explicitly win over ``parse_mode``, as the Bot API documents.
    """
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if entities is not None:
        return finish_text(raw, validate_entities(entities, raw))
    mode = (parse_mode or "").strip().lower()
    if mode == "":
        return finish_text(raw, [])
    if mode == "html":
        text, parsed = parse_html(raw, known_user)
        return finish_text(text, clean_entities(parsed))
    if mode in ("markdown", "markdownv2"):
        raise bad_request(f"parse_mode {parse_mode} is not supported by this local server, only HTML")
    raise bad_request("unsupported parse_mode")


def escape_html(text: str) -> str:
    """Escape text for Telegram's HTML parse mode."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_HTML_TAGS = {
    "bold": ("<b>", "</b>"),
    "italic": ("<i>", "</i>"),
    "underline": ("<u>", "</u>"),
    "strikethrough": ("<s>", "</s>"),
    "spoiler": ("<tg-spoiler>", "</tg-spoiler>"),
    "code": ("<code>", "</code>"),
    "blockquote": ("<blockquote>", "</blockquote>"),
    "expandable_blockquote": ("<blockquote expandable>", "</blockquote>"),
}


def _open_close(entity: Entity) -> tuple[str, str]:
    kind = entity["type"]
    if kind in _HTML_TAGS:
        return _HTML_TAGS[kind]
    if kind == "text_link":
        return f'<a href="{escape_html(entity["url"]).replace(chr(34), "&quot;")}">', "</a>"
    if kind == "text_mention":
        return f'<a href="tg://user?id={entity["user"]["id"]}">', "</a>"
    if kind == "pre":
        language = entity.get("language")
        if language:
            return f'<pre><code class="language-{language}">', "</code></pre>"
        return "<pre>", "</pre>"
    if kind == "custom_emoji":
        return f'<tg-emoji emoji-id="{entity["custom_emoji_id"]}">', "</tg-emoji>"
    return "", ""


def entities_to_html(text: str, entities: list[Entity]) -> str:
    """Render stored text and entities as Telegram HTML (detected entities such as links stay plain)."""
    styled = [e for e in sort_entities(entities) if _open_close(e) != ("", "")]
    units = text.encode("utf-16-le")
    boundaries = sorted(
        {0, len(units) // 2} | {e["offset"] for e in styled} | {e["offset"] + e["length"] for e in styled}
    )
    out: list[str] = []
    open_stack: list[Entity] = []
    for index, position in enumerate(boundaries):
        ending = [e for e in open_stack if e["offset"] + e["length"] <= position]
        if ending:
            keep = [e for e in open_stack if e not in ending]
            for entity in reversed(open_stack):
                out.append(_open_close(entity)[1])
            open_stack = []
            for entity in keep:
                out.append(_open_close(entity)[0])
                open_stack.append(entity)
        for entity in styled:
            if entity["offset"] == position:
                out.append(_open_close(entity)[0])
                open_stack.append(entity)
        if index + 1 < len(boundaries):
            piece = units[2 * position : 2 * boundaries[index + 1]].decode("utf-16-le", errors="replace")
            out.append(escape_html(piece))
    for entity in reversed(open_stack):
        out.append(_open_close(entity)[1])
    return "".join(out)
