"""The local Bot API server: JSON shapes and Telegram's error texts over raw HTTP, the control API,
faults and rate accounting, and python-telegram-bot as a real client against it."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import telegram
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.offline.telegram_server import BotApiServer, RateLimits, SimulationError, make_png
from bot.offline.telegram_server.text import entities_to_html, finish_text, parse_html, utf16_len

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
USERNAME = "maturity_test_bot"
KEYBOARD = {
    "inline_keyboard": [[{"text": "1", "callback_data": "a:1"}, {"text": "3", "callback_data": "a:3"}]]
}


@pytest.fixture
async def api() -> AsyncIterator[BotApiServer]:
    async with BotApiServer(TOKEN, bot_username=USERNAME, bot_name="Maturity Check") as server:
        yield server


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as client:
        yield client


async def call(
    client: httpx.AsyncClient, server: BotApiServer, method: str, **params: Any
) -> tuple[int, dict[str, Any]]:
    """A raw JSON call, as any Bot API client would make it."""
    response = await client.post(f"{server.api_url}/{method}", json=params)
    return response.status_code, response.json()


async def ok(client: httpx.AsyncClient, server: BotApiServer, method: str, **params: Any) -> Any:
    status, body = await call(client, server, method, **params)
    assert status == 200 and body["ok"] is True, body
    return body["result"]


async def fails(
    client: httpx.AsyncClient, server: BotApiServer, method: str, status: int, description: str, **params: Any
) -> dict[str, Any]:
    code, body = await call(client, server, method, **params)
    assert (code, body["ok"], body["error_code"], body["description"]) == (status, False, status, description)
    return body


def started(server: BotApiServer, name: str = "Alice", **kwargs: Any):
    """A person who already opened the private chat with the bot."""
    user = server.add_user(name, **kwargs)
    user.started = True
    return user


async def team_with_bot(server: BotApiServer, *, admin_bot: bool = False, supergroup: bool = False):
    lead = server.add_user("Lena", language_code="en")
    team = server.add_group("Team", creator=lead, supergroup=supergroup)
    await server.add_bot_to_group(team, by=lead, as_admin=admin_bot)
    server.updates.clear()
    return lead, team


# ----------------------------------------------------------------------------- identity and routing


async def test_get_me_and_routing(api: BotApiServer, http: httpx.AsyncClient) -> None:
    me = await ok(http, api, "getMe")
    assert me == {
        "id": 123456789,
        "is_bot": True,
        "first_name": "Maturity Check",
        "username": USERNAME,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }
    assert (await http.get(f"{api.api_url}/GETME")).json()["result"]["id"] == 123456789
    wrong = await http.post(f"{api.base_url}123456789:wrong/getMe")
    assert (wrong.status_code, wrong.json()) == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    await fails(http, api, "noSuchMethod", 404, "Not Found")
    assert (await http.get(f"{api.root_url}/elsewhere")).status_code == 404


async def test_parameters_as_query_form_and_multipart(api: BotApiServer, http: httpx.AsyncClient) -> None:
    alice = started(api)
    by_query = await http.get(f"{api.api_url}/sendMessage", params={"chat_id": alice.id, "text": "q"})
    assert by_query.json()["result"]["text"] == "q"
    form = {
        "chat_id": str(alice.id),
        "text": "<b>f</b>",
        "parse_mode": "HTML",
        "reply_markup": json.dumps(KEYBOARD),
    }
    by_form = (await http.post(f"{api.api_url}/sendMessage", data=form)).json()["result"]
    assert by_form["entities"] == [{"type": "bold", "offset": 0, "length": 1}]
    assert by_form["reply_markup"] == KEYBOARD
    by_multipart = await http.post(
        f"{api.api_url}/sendPhoto", data={"chat_id": str(alice.id)}, files={"photo": ("p.png", make_png())}
    )
    assert by_multipart.json()["result"]["photo"][0]["width"] == 64
    assert [m.content for m in api.chat(alice)][:2] == ["q", "f"]


# ----------------------------------------------------------------------------- text and formatting


async def test_text_length_counts_utf16_after_parsing(api: BotApiServer, http: httpx.AsyncClient) -> None:
    alice = started(api)
    await ok(http, api, "sendMessage", chat_id=alice.id, text="x" * 4096)
    await fails(
        http, api, "sendMessage", 400, "Bad Request: message is too long", chat_id=alice.id, text="x" * 4097
    )
    await ok(http, api, "sendMessage", chat_id=alice.id, text="😀" * 2048)
    await fails(
        http, api, "sendMessage", 400, "Bad Request: message is too long", chat_id=alice.id, text="😀" * 2049
    )
    html = "<b>" + "&amp;" * 4096 + "</b>"
    sent = await ok(http, api, "sendMessage", chat_id=alice.id, text=html, parse_mode="HTML")
    assert sent["text"] == "&" * 4096
    await fails(
        http, api, "sendMessage", 400, "Bad Request: message text is empty", chat_id=alice.id, text=""
    )
    await fails(
        http, api, "sendMessage", 400, "Bad Request: message text is empty", chat_id=alice.id, text=" \n "
    )
    await fails(
        http,
        api,
        "sendMessage",
        400,
        "Bad Request: message text is empty",
        chat_id=alice.id,
        text="<b></b>",
        parse_mode="HTML",
    )


async def test_html_becomes_text_and_entities(api: BotApiServer, http: httpx.AsyncClient) -> None:
    alice = started(api)
    html = (
        '<b>Bold <i>both</i></b> &lt;3 &amp; &quot;q&quot; &#128512; <a href="https://example.com">link</a> '
        '<code>c</code> <pre><code class="language-python">x = 1</code></pre> <tg-spoiler>s</tg-spoiler> '
        '<span class="tg-spoiler">t</span> <blockquote expandable>quote</blockquote> <u>u</u> <s>s</s> /help'
    )
    sent = await ok(http, api, "sendMessage", chat_id=alice.id, text=html, parse_mode="HTML")
    assert sent["text"] == 'Bold both <3 & "q" 😀 link c x = 1 s t quote u s /help'
    types = [(e["type"], e["offset"], e["length"]) for e in sent["entities"]]
    assert types == [
        ("bold", 0, 9),
        ("italic", 5, 4),
        ("text_link", 22, 4),
        ("code", 27, 1),
        ("pre", 29, 5),
        ("spoiler", 35, 1),
        ("spoiler", 37, 1),
        ("expandable_blockquote", 39, 5),
        ("underline", 45, 1),
        ("strikethrough", 47, 1),
        ("bot_command", 49, 5),
    ]
    assert sent["entities"][2]["url"] == "https://example.com/"
    assert sent["entities"][4]["language"] == "python"
    message = api.last_message(alice)
    assert message is not None and message.html.startswith("<b>Bold <i>both</i></b> &lt;3 &amp;")


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("Grüße <x>hi</x>", 'Unsupported start tag "x" at byte offset 8'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<b", "Unclosed start tag at byte offset 0"),
        ('<a href="x>y</a>', "Unclosed start tag at byte offset 0"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        (
            "<a href>x</a>",
            'Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0',
        ),
    ],
)
async def test_html_errors_have_telegrams_words(
    api: BotApiServer, http: httpx.AsyncClient, html: str, error: str
) -> None:
    alice = started(api)
    await fails(
        http,
        api,
        "sendMessage",
        400,
        f"Bad Request: can't parse entities: {error}",
        chat_id=alice.id,
        text=html,
        parse_mode="HTML",
    )


async def test_unknown_character_references_stay_literal(api: BotApiServer, http: httpx.AsyncClient) -> None:
    alice = started(api)
    sent = await ok(
        http, api, "sendMessage", chat_id=alice.id, text="AT&T &nbsp; &#x41; &#0;", parse_mode="HTML"
    )
    assert sent["text"] == "AT&T &nbsp; A &#0;"


def test_offsets_count_utf16_across_plain_runs_and_detection_needs_its_mark() -> None:
    """Plain text is taken in runs between tags; a character outside the BMP still counts two units."""
    text, entities = parse_html("😀 Grüße <b>fett</b> 🎉🎉 <i>x</i>")
    assert text == "😀 Grüße fett 🎉🎉 x"
    assert [(e["type"], e["offset"], e["length"]) for e in entities] == [("bold", 9, 4), ("italic", 19, 1)]
    _, found = finish_text("😀 mail a@b.de, /start, #tag, $USD, @someone www.x.org", [])
    assert [(e["type"], e["offset"]) for e in found] == [
        ("email", 8),
        ("bot_command", 16),
        ("hashtag", 24),
        ("cashtag", 30),
        ("mention", 36),
        ("url", 45),
    ]
    assert finish_text("no marks here, only words and 3 · 5 levels", []) == (
        "no marks here, only words and 3 · 5 levels",
        [],
    )


def test_html_rendering_round_trips() -> None:
    html = '<b>a <i>b</i></b> c <a href="https://x.org/">d</a> <pre><code class="language-py">e</code></pre>'
    text, entities = parse_html(html)
    clean = [{k: v for k, v in e.items() if not k.startswith("_")} for e in entities]
    assert entities_to_html(text, clean) == html
    assert utf16_len("a😀") == 3


async def test_captions_markup_and_unknown_parse_mode(api: BotApiServer, http: httpx.AsyncClient) -> None:
    alice = started(api)
    photo = ("p.png", make_png())
    too_long = await http.post(
        f"{api.api_url}/sendPhoto",
        data={"chat_id": str(alice.id), "caption": "c" * 1025},
        files={"photo": photo},
    )
    assert too_long.json()["description"] == "Bad Request: message caption is too long"
    await fails(
        http,
        api,
        "sendMessage",
        400,
        "Bad Request: unsupported parse_mode",
        chat_id=alice.id,
        text="x",
        parse_mode="Fancy",
    )
    cases = [
        (
            {"inline_keyboard": [[{"text": "x", "callback_data": "d" * 65}]]},
            "Bad Request: BUTTON_DATA_INVALID",
        ),
        (
            {"inline_keyboard": [[{"text": "x", "callback_data": "ä" * 33}]]},
            "Bad Request: BUTTON_DATA_INVALID",
        ),
        ({"inline_keyboard": [[{"text": "x", "callback_data": ""}]]}, "Bad Request: BUTTON_DATA_INVALID"),
        ({"inline_keyboard": [[{"text": "x", "url": "not a url"}]]}, "Bad Request: BUTTON_URL_INVALID"),
        (
            {"inline_keyboard": [[{"text": "x"}]]},
            "Bad Request: can't parse inline keyboard button: "
            "Text buttons are unallowed in the inline keyboard",
        ),
        (
            {"inline_keyboard": [{"text": "x", "callback_data": "y"}]},
            'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
        ),
    ]
    for markup, error in cases:
        await fails(http, api, "sendMessage", 400, error, chat_id=alice.id, text="x", reply_markup=markup)
    fine = {
        "inline_keyboard": [
            [{"text": "x", "callback_data": "ä" * 32}, {"text": "y", "url": "https://t.me/x"}]
        ]
    }
    await ok(http, api, "sendMessage", chat_id=alice.id, text="x", reply_markup=fine)


async def test_replies_and_link_preview_options(api: BotApiServer, http: httpx.AsyncClient) -> None:
    alice = started(api)
    question = await alice.send_text(None, "question?")
    answer = await ok(
        http,
        api,
        "sendMessage",
        chat_id=alice.id,
        text="answer",
        reply_parameters={"message_id": question.id},
        link_preview_options={"is_disabled": True},
        disable_notification=True,
    )
    assert answer["reply_to_message"]["text"] == "question?"
    assert answer["link_preview_options"] == {"is_disabled": True}
    assert api.last_message(alice).reply_to_user is alice  # type: ignore[union-attr]
    await fails(
        http,
        api,
        "sendMessage",
        400,
        "Bad Request: message to be replied not found",
        chat_id=alice.id,
        text="x",
        reply_to_message_id=999,
    )
    loose = await ok(
        http,
        api,
        "sendMessage",
        chat_id=alice.id,
        text="x",
        reply_parameters={"message_id": 999, "allow_sending_without_reply": True},
    )
    assert "reply_to_message" not in loose


# ----------------------------------------------------------------------------- editing and deleting


async def test_edit_and_delete(api: BotApiServer, http: httpx.AsyncClient) -> None:
    alice = started(api)
    sent = await ok(
        http, api, "sendMessage", chat_id=alice.id, text="<b>v1</b>", parse_mode="HTML", reply_markup=KEYBOARD
    )
    target = {"chat_id": alice.id, "message_id": sent["message_id"]}
    same = (
        "Bad Request: message is not modified: specified new message content and reply markup are exactly "
        "the same as a current content and reply markup of the message"
    )
    await fails(
        http,
        api,
        "editMessageText",
        400,
        same,
        text="<b>v1</b>",
        parse_mode="HTML",
        reply_markup=KEYBOARD,
        **target,
    )
    edited = await ok(http, api, "editMessageText", text="<b>v1</b>", parse_mode="HTML", **target)
    assert "reply_markup" not in edited and edited["edit_date"] >= sent["date"]
    await fails(http, api, "editMessageReplyMarkup", 400, same, **target)
    await ok(http, api, "editMessageReplyMarkup", reply_markup=KEYBOARD, **target)
    message = api.last_message(alice)
    assert (
        message is not None and message.edit_count == 2 and message.buttons == [[("1", "a:1"), ("3", "a:3")]]
    )
    missing = {"chat_id": alice.id, "message_id": 999}
    await fails(
        http, api, "editMessageText", 400, "Bad Request: message to edit not found", text="x", **missing
    )
    await fails(http, api, "deleteMessage", 400, "Bad Request: message to delete not found", **missing)
    own = await alice.send_text(None, "mine")
    await fails(
        http,
        api,
        "editMessageText",
        400,
        "Bad Request: message can't be edited",
        text="x",
        chat_id=alice.id,
        message_id=own.id,
    )
    assert await ok(http, api, "deleteMessage", **target) is True
    assert (
        message.deleted
        and message not in api.chat(alice)
        and message in api.chat(alice, include_deleted=True)
    )
    await fails(http, api, "deleteMessage", 400, "Bad Request: message to delete not found", **target)


async def test_group_deletion_needs_rights(api: BotApiServer, http: httpx.AsyncClient) -> None:
    lead, team = await team_with_bot(api, supergroup=True)
    note = await lead.send_text(team, "/note hello")
    await fails(
        http,
        api,
        "deleteMessage",
        400,
        "Bad Request: message can't be deleted",
        chat_id=team.id,
        message_id=note.id,
    )
    sent = await ok(http, api, "sendMessage", chat_id=team.id, text="pin me")
    await fails(
        http,
        api,
        "pinChatMessage",
        400,
        "Bad Request: not enough rights to manage pinned messages in the chat",
        chat_id=team.id,
        message_id=sent["message_id"],
    )
    await api.promote_bot(team)
    assert await ok(http, api, "deleteMessage", chat_id=team.id, message_id=note.id) is True
    assert await ok(http, api, "pinChatMessage", chat_id=team.id, message_id=sent["message_id"]) is True
    assert api.chat(team)[-1].service["pinned_message"].text == "pin me"


# ----------------------------------------------------------------------------- callback queries


async def test_callback_queries_are_answered_once_and_in_time(
    api: BotApiServer, http: httpx.AsyncClient
) -> None:
    alice = started(api)
    await ok(http, api, "sendMessage", chat_id=alice.id, text="Rate", reply_markup=KEYBOARD)
    message = api.last_message(alice)
    assert message is not None
    press = asyncio.create_task(alice.press(message, "3"))
    update = await api.wait_for(lambda: next((u for u in api.updates if "callback_query" in u), None))
    query = update["callback_query"]
    assert set(query) == {"id", "from", "message", "chat_instance", "data"} and query["data"] == "a:3"
    assert query["message"]["reply_markup"] == KEYBOARD
    await ok(http, api, "answerCallbackQuery", callback_query_id=query["id"], text="Saved", show_alert=True)
    pressed = await press
    assert (pressed.answer_text, pressed.show_alert, alice.answers[-1].text) == ("Saved", True, "Saved")
    too_old = "Bad Request: query is too old and response timeout expired or query ID is invalid"
    await fails(http, api, "answerCallbackQuery", 400, too_old, callback_query_id=query["id"])
    await fails(http, api, "answerCallbackQuery", 400, too_old, callback_query_id="12345")
    stale = await alice.press(message, "1", wait=False)
    stale.expire()
    await fails(http, api, "answerCallbackQuery", 400, too_old, callback_query_id=stale.id)
    api.callback_timeout = 0.0
    late = await alice.press_data(message, "forged:data", wait=False)
    await fails(http, api, "answerCallbackQuery", 400, too_old, callback_query_id=late.id)
    api.callback_timeout = 15.0
    long = await alice.press(message, "1", wait=False)
    await fails(
        http,
        api,
        "answerCallbackQuery",
        400,
        "Bad Request: MESSAGE_TOO_LONG",
        callback_query_id=long.id,
        text="x" * 201,
    )


async def test_press_checks_what_a_person_could_press(api: BotApiServer, http: httpx.AsyncClient) -> None:
    alice, bob = started(api), started(api, "Bob")
    markup = {
        "inline_keyboard": [
            [{"text": "Yes", "callback_data": "y"}, {"text": "Yes, all", "callback_data": "ya"}],
            [{"text": "Open", "url": f"https://t.me/{USERNAME}?start=abc"}],
        ]
    }
    await ok(http, api, "sendMessage", chat_id=alice.id, text="Sure?", reply_markup=markup)
    message = api.last_message(alice)
    assert message is not None
    with pytest.raises(SimulationError):
        await bob.press(message, "Yes", wait=False)
    with pytest.raises(SimulationError):
        await alice.press(message, "Nope", wait=False)
    with pytest.raises(SimulationError):
        await alice.press(message, "Open", wait=False)
    assert (await alice.press(message, "Yes", wait=False)).data == "y"
    assert (await alice.press(message, data="ya", wait=False)).data == "ya"
    started_again = await alice.follow(message, "Open")
    assert started_again is not None and started_again.text == "/start abc"


# ----------------------------------------------------------------------------- who may be written to


async def test_private_chats_need_a_start_and_no_block(api: BotApiServer, http: httpx.AsyncClient) -> None:
    alice = api.add_user("Alice")
    await fails(
        http,
        api,
        "sendMessage",
        403,
        "Forbidden: bot can't initiate conversation with a user",
        chat_id=alice.id,
        text="hi",
    )
    await alice.send_text(None, "hello")
    await ok(http, api, "sendMessage", chat_id=alice.id, text="hi")
    alice.block_bot()
    await fails(
        http, api, "sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=alice.id, text="hi"
    )
    kinds = [next(k for k in u if k != "update_id") for u in api.updates]
    assert kinds == ["message", "my_chat_member"]
    assert api.updates[-1]["my_chat_member"]["new_chat_member"]["status"] == "kicked"
    await alice.start()
    await ok(http, api, "sendMessage", chat_id=alice.id, text="welcome back")
    alice.deactivate()
    await fails(http, api, "sendMessage", 403, "Forbidden: user is deactivated", chat_id=alice.id, text="hi")
    await fails(http, api, "sendMessage", 400, "Bad Request: chat not found", chat_id=42, text="hi")
    await fails(http, api, "sendMessage", 400, "Bad Request: chat_id is empty", text="hi")


async def test_groups_the_bot_left_or_never_joined(api: BotApiServer, http: httpx.AsyncClient) -> None:
    lead = api.add_user("Lena")
    team = api.add_group("Team", creator=lead)
    await fails(
        http,
        api,
        "sendMessage",
        403,
        "Forbidden: bot is not a member of the group chat",
        chat_id=team.id,
        text="x",
    )
    joined = await api.add_bot_to_group(team, by=lead)
    assert joined.service["new_chat_members"] == [api.bot]
    kinds = [next(k for k in u if k != "update_id") for u in api.updates]
    assert kinds == ["my_chat_member", "message"]
    await ok(http, api, "sendMessage", chat_id=team.id, text="hello team")
    await api.remove_bot_from_group(team, by=lead)
    assert api.updates[-1]["my_chat_member"]["new_chat_member"]["status"] == "kicked"
    await fails(
        http,
        api,
        "sendMessage",
        403,
        "Forbidden: bot was kicked from the group chat",
        chat_id=team.id,
        text="x",
    )
    with pytest.raises(SimulationError):
        await api.add_user("Stranger").send_text(team, "hi")


async def test_migrated_group_points_to_the_supergroup(api: BotApiServer, http: httpx.AsyncClient) -> None:
    lead, team = await team_with_bot(api)
    supergroup = await api.migrate_to_supergroup(team, by=lead)
    body = await fails(
        http,
        api,
        "sendMessage",
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        chat_id=team.id,
        text="x",
    )
    assert body["parameters"] == {"migrate_to_chat_id": supergroup.id}
    messages = [u["message"] for u in api.updates]
    assert messages[0]["migrate_to_chat_id"] == supergroup.id
    assert messages[1]["migrate_from_chat_id"] == team.id and messages[1]["chat"]["type"] == "supergroup"
    await ok(http, api, "sendMessage", chat_id=supergroup.id, text="still here")
    moved = await lead.send_text(team, "/status")
    assert moved.chat is supergroup


async def test_members_and_chats(api: BotApiServer, http: httpx.AsyncClient) -> None:
    lead, team = await team_with_bot(api, admin_bot=True, supergroup=True)
    bob, carla, dan = api.add_user("Bob"), api.add_user("Carla"), api.add_user("Dan")
    api.set_member(team, bob, "administrator", rights={"can_delete_messages": False}, custom_title="Boss")
    api.set_member(team, carla, "restricted", rights={"can_send_messages": True}, until_date=0)
    api.set_member(team, dan, "kicked")
    owner = await ok(http, api, "getChatMember", chat_id=team.id, user_id=lead.id)
    assert owner == {"status": "creator", "user": lead.json(), "is_anonymous": False}
    admin = await ok(http, api, "getChatMember", chat_id=team.id, user_id=bob.id)
    assert admin["status"] == "administrator" and admin["can_delete_messages"] is False
    assert (
        admin["custom_title"] == "Boss"
        and admin["can_pin_messages"] is True
        and "can_post_messages" not in admin
    )
    restricted = await ok(http, api, "getChatMember", chat_id=team.id, user_id=carla.id)
    assert restricted["is_member"] is True and restricted["can_send_messages"] is True
    assert restricted["can_send_photos"] is False and restricted["until_date"] == 0
    assert (await ok(http, api, "getChatMember", chat_id=team.id, user_id=dan.id))["status"] == "kicked"
    outsider = api.add_user("Olga")
    assert (await ok(http, api, "getChatMember", chat_id=team.id, user_id=outsider.id))["status"] == "left"
    await fails(http, api, "getChatMember", 400, "Bad Request: user not found", chat_id=team.id, user_id=7)
    admins = await ok(http, api, "getChatAdministrators", chat_id=team.id)
    assert {a["user"]["id"] for a in admins} == {lead.id, bob.id, api.bot.id}
    assert await ok(http, api, "getChatMemberCount", chat_id=team.id) == 4
    info = await ok(http, api, "getChat", chat_id=team.id)
    assert info["type"] == "supergroup" and info["title"] == "Team" and "accepted_gift_types" in info
    await ok(http, api, "sendChatAction", chat_id=team.id, action="typing")
    await fails(
        http,
        api,
        "sendChatAction",
        400,
        "Bad Request: wrong parameter action in request",
        chat_id=team.id,
        action="dancing",
    )
    sent = await ok(http, api, "sendMessage", chat_id=team.id, text="pin me")
    assert await ok(http, api, "pinChatMessage", chat_id=team.id, message_id=sent["message_id"]) is True
    assert (await ok(http, api, "getChat", chat_id=team.id))["pinned_message"]["text"] == "pin me"
    assert await ok(http, api, "unpinChatMessage", chat_id=team.id) is True
    assert await ok(http, api, "leaveChat", chat_id=team.id) is True
    assert api.updates[-1]["my_chat_member"]["new_chat_member"]["status"] == "left"
    await fails(
        http, api, "getChat", 403, "Forbidden: bot is not a member of the supergroup chat", chat_id=team.id
    )


async def test_join_leave_and_chat_member_updates(api: BotApiServer, http: httpx.AsyncClient) -> None:
    _, team = await team_with_bot(api, admin_bot=True)
    await ok(http, api, "getUpdates", allowed_updates=["message", "chat_member"])
    bob = api.add_user("Bob")
    await bob.join(team)
    await bob.leave(team)
    kinds = [next(k for k in u if k != "update_id") for u in api.updates]
    assert kinds == ["chat_member", "message", "chat_member", "message"]
    assert api.updates[1]["message"]["new_chat_members"][0]["id"] == bob.id
    assert api.updates[3]["message"]["left_chat_member"]["id"] == bob.id
    await ok(http, api, "getUpdates", allowed_updates=[])
    await bob.join(team)
    assert [next(k for k in u if k != "update_id") for u in api.updates][-1] == "message"


# ----------------------------------------------------------------------------- updates


async def test_get_updates_offset_long_poll_and_conflict(api: BotApiServer, http: httpx.AsyncClient) -> None:
    alice = api.add_user("Alice")
    await alice.send_text(None, "one")
    await alice.send_text(None, "two")
    first = await ok(http, api, "getUpdates")
    assert [u["message"]["text"] for u in first] == ["one", "two"]
    assert first[1]["update_id"] == first[0]["update_id"] + 1
    assert await ok(http, api, "getUpdates", offset=first[1]["update_id"], limit=1) == first[1:]
    assert await ok(http, api, "getUpdates", offset=first[1]["update_id"] + 1, timeout=0) == []
    poll = asyncio.create_task(ok(http, api, "getUpdates", offset=first[1]["update_id"] + 1, timeout=5))
    await api.wait_for(lambda: api._poll_owner is not None)
    began = time.monotonic()
    await alice.send_text(None, "three")
    woken = await poll
    assert time.monotonic() - began < 0.5 and woken[0]["message"]["text"] == "three"
    slow = asyncio.create_task(call(http, api, "getUpdates", offset=woken[0]["update_id"] + 1, timeout=5))
    await api.wait_for(lambda: api._poll_owner is not None)
    assert await ok(http, api, "getUpdates", offset=woken[0]["update_id"] + 1, timeout=0) == []
    status, body = await slow
    assert status == 409 and body["description"].startswith(
        "Conflict: terminated by other getUpdates request"
    )


async def test_allowed_updates_filter_new_updates(api: BotApiServer, http: httpx.AsyncClient) -> None:
    alice = started(api)
    await ok(http, api, "sendMessage", chat_id=alice.id, text="Rate", reply_markup=KEYBOARD)
    await ok(http, api, "getUpdates", allowed_updates=["message"])
    message = api.last_message(alice)
    assert message is not None
    await alice.press(message, "1", wait=False)
    await alice.send_text(None, "text")
    assert [list(u)[1] for u in await ok(http, api, "getUpdates")] == ["message"]
    assert await ok(http, api, "deleteWebhook", drop_pending_updates=True) is True
    assert await ok(http, api, "getUpdates") == []


async def test_privacy_mode_in_groups(api: BotApiServer, http: httpx.AsyncClient) -> None:
    lead, team = await team_with_bot(api)
    other_bot = api.add_user("Helper", username="helper_bot", is_bot=True)
    api.set_member(team, other_bot, "member")
    await lead.send_text(team, "just chatting")
    await lead.send_text(team, "/status")
    await lead.send_text(team, f"/status@{USERNAME}")
    await lead.send_text(team, "/status@helper_bot")
    await other_bot.send_text(team, "/status")
    texts = [u["message"]["text"] for u in api.updates]
    assert texts == ["/status", f"/status@{USERNAME}"]
    assert api.updates[0]["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 7}]
    await lead.send_text(team, "/status")
    assert [u["message"]["text"] for u in api.updates] == texts  # another bot spoke last
    reply_target = await ok(http, api, "sendMessage", chat_id=team.id, text="question")
    await lead.send_text(team, "an answer", reply_to=team.message(reply_target["message_id"]))
    assert api.updates[-1]["message"]["text"] == "an answer"
    await api.promote_bot(team, by=lead)
    await lead.send_text(team, "chatting again")
    assert api.updates[-1]["message"]["text"] == "chatting again"


# ----------------------------------------------------------------------------- commands and settings


async def test_commands_per_scope_and_language(api: BotApiServer, http: httpx.AsyncClient) -> None:
    lead, team = await team_with_bot(api)
    private = [{"command": "start", "description": "Start"}]
    group_de = [{"command": "newround", "description": "Neue Runde"}]
    await ok(http, api, "setMyCommands", commands=private, scope={"type": "all_private_chats"})
    await ok(
        http,
        api,
        "setMyCommands",
        commands=group_de,
        scope={"type": "all_chat_administrators"},
        language_code="de",
    )
    assert await ok(http, api, "getMyCommands", scope={"type": "all_private_chats"}) == private
    assert await ok(http, api, "getMyCommands", scope={"type": "all_chat_administrators"}) == []
    assert (
        await ok(http, api, "getMyCommands", scope={"type": "all_chat_administrators"}, language_code="de")
        == group_de
    )
    lead.language_code = "de"
    assert api.commands_for(lead, team) == group_de
    assert api.commands_for(lead) == private
    assert api.commands_for(api.add_user("Bob", language_code="de"), team) == []
    await ok(http, api, "deleteMyCommands", scope={"type": "all_private_chats"})
    assert await ok(http, api, "getMyCommands", scope={"type": "all_private_chats"}) == []
    await fails(
        http,
        api,
        "setMyCommands",
        400,
        "Bad Request: BOT_COMMAND_INVALID",
        commands=[{"command": "NewRound", "description": "x"}],
    )
    await fails(
        http,
        api,
        "setMyCommands",
        400,
        "Bad Request: command description must be non-empty",
        commands=[{"command": "x", "description": " "}],
    )
    await ok(http, api, "setMyDescription", description="Checks maturity", language_code="en")
    assert await ok(http, api, "getMyDescription", language_code="en") == {"description": "Checks maturity"}
    await ok(http, api, "setMyShortDescription", short_description="Maturity")


# ----------------------------------------------------------------------------- files


async def test_photos_albums_documents_and_downloads(api: BotApiServer, http: httpx.AsyncClient) -> None:
    alice = started(api)
    png = make_png(30, 20)
    album = await http.post(
        f"{api.api_url}/sendMediaGroup",
        data={
            "chat_id": str(alice.id),
            "media": json.dumps(
                [
                    {
                        "type": "photo",
                        "media": "attach://one",
                        "caption": "<b>Chart</b>",
                        "parse_mode": "HTML",
                    },
                    {"type": "photo", "media": "attach://two"},
                ]
            ),
        },
        files={"one": ("one.png", png), "two": ("two.png", make_png(10, 10))},
    )
    first, second = album.json()["result"]
    assert first["media_group_id"] == second["media_group_id"]
    assert first["caption"] == "Chart" and first["caption_entities"] == [
        {"type": "bold", "offset": 0, "length": 5}
    ]
    assert "caption" not in second
    assert api.chat(alice)[0].photos == [png]
    file = await ok(http, api, "getFile", file_id=first["photo"][-1]["file_id"])
    download = await http.get(f"{api.base_file_url}{TOKEN}/{file['file_path']}")
    assert download.content == png
    again = await ok(http, api, "sendPhoto", chat_id=alice.id, photo=first["photo"][-1]["file_id"])
    assert again["photo"][0]["file_id"] == first["photo"][-1]["file_id"]
    bad_image = await http.post(
        f"{api.api_url}/sendPhoto",
        data={"chat_id": str(alice.id)},
        files={"photo": ("x.png", b"not an image")},
    )
    assert bad_image.json()["description"] == "Bad Request: IMAGE_PROCESS_FAILED"
    skinny = await http.post(
        f"{api.api_url}/sendPhoto",
        data={"chat_id": str(alice.id)},
        files={"photo": ("x.png", make_png(500, 10))},
    )
    assert skinny.json()["description"] == "Bad Request: PHOTO_INVALID_DIMENSIONS"
    await fails(
        http,
        api,
        "sendMediaGroup",
        400,
        "Bad Request: too many messages to send as an album",
        chat_id=alice.id,
        media=[{"type": "photo", "media": "attach://x"}] * 11,
    )
    await fails(
        http,
        api,
        "sendMediaGroup",
        400,
        "Bad Request: can't parse InputMedia: media not found",
        chat_id=alice.id,
        media=[{"type": "photo", "media": "attach://x"}] * 2,
    )
    await fails(
        http, api, "sendPhoto", 400, "Bad Request: there is no photo in the request", chat_id=alice.id
    )
    await fails(http, api, "getFile", 400, "Bad Request: invalid file_id", file_id="nope")
    document = await http.post(
        f"{api.api_url}/sendDocument",
        data={"chat_id": str(alice.id), "caption": "data"},
        files={"document": ("ratings.csv", b"a,b\n1,2\n", "text/csv")},
    )
    assert document.json()["result"]["document"]["file_name"] == "ratings.csv"
    assert document.json()["result"]["document"]["mime_type"] == "text/csv"


async def test_people_send_media_and_edit(api: BotApiServer) -> None:
    alice = api.add_user("Alice")
    photo = await alice.send_photo(None, caption="look")
    sticker = await alice.send_sticker(None)
    document = await alice.send_document(None, b"x", file_name="notes.txt")
    text = await alice.send_text(None, "typo")
    await alice.edit_text(text, "fixed")
    kinds = [list(u)[1] for u in api.updates]
    assert kinds == ["message", "message", "message", "message", "edited_message"]
    assert api.updates[0]["message"]["photo"][0]["width"] == 64 and photo.caption == "look"
    assert api.updates[1]["message"]["sticker"]["emoji"] == "👍" and sticker.sticker is not None
    assert (
        api.updates[2]["message"]["document"]["mime_type"] == "text/plain" and document.document is not None
    )
    assert (
        api.updates[4]["edited_message"]["text"] == "fixed"
        and "edit_date" in api.updates[4]["edited_message"]
    )
    with pytest.raises(SimulationError):
        await alice.send_text(None, "")


# ----------------------------------------------------------------------------- faults, latency, limits


async def test_flood_then_success_and_server_errors(api: BotApiServer, http: httpx.AsyncClient) -> None:
    alice = started(api)
    fault = api.faults.inject("sendMessage", "flood", retry_after=3)
    status, body = await call(http, api, "sendMessage", chat_id=alice.id, text="x")
    assert (status, body) == (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        },
    )
    assert api.chat(alice) == [] and fault.remaining == 0
    await ok(http, api, "sendMessage", chat_id=alice.id, text="x")
    api.faults.inject("*", "server_error", status=502, times=2)
    assert (await call(http, api, "getMe"))[1]["description"] == "Bad Gateway"
    assert (await call(http, api, "getMe"))[0] == 502
    await ok(http, api, "getMe")


async def test_after_processing_faults_duplicate_sends(api: BotApiServer, http: httpx.AsyncClient) -> None:
    alice = started(api)
    api.faults.inject("sendMessage", "server_error", after_processing=True)
    assert (await call(http, api, "sendMessage", chat_id=alice.id, text="once"))[0] == 500
    await ok(http, api, "sendMessage", chat_id=alice.id, text="once")
    assert [m.text for m in api.chat(alice)] == ["once", "once"]
    api.faults.inject("sendMessage", "drop", after_processing=True)
    with pytest.raises(httpx.RemoteProtocolError):
        await call(http, api, "sendMessage", chat_id=alice.id, text="lost answer")
    assert api.chat(alice)[-1].text == "lost answer"
    api.faults.inject("sendMessage", "timeout", hold=5)
    with pytest.raises(httpx.ReadTimeout):
        await http.post(
            f"{api.api_url}/sendMessage", json={"chat_id": alice.id, "text": "never"}, timeout=0.2
        )
    assert api.chat(alice)[-1].text == "lost answer"
    assert [c.fault for c in api.calls("sendMessage")] == ["server_error", None, "drop", "timeout"]


async def test_latency_is_added_to_every_call(api: BotApiServer, http: httpx.AsyncClient) -> None:
    api.latency = 0.1
    began = time.monotonic()
    await asyncio.gather(*(ok(http, api, "getMe") for _ in range(10)))
    assert 0.1 <= time.monotonic() - began < 0.9  # concurrent sleeps, not one after the other


async def test_limit_accounting_and_enforcement(api: BotApiServer, http: httpx.AsyncClient) -> None:
    alice = started(api)
    _, team = await team_with_bot(api)
    for _ in range(3):
        await ok(http, api, "sendMessage", chat_id=alice.id, text="fast")
    assert api.limit_breaches() == []  # a short burst is tolerated, as Telegram's FAQ says
    for _ in range(2):
        await ok(http, api, "sendMessage", chat_id=alice.id, text="fast")
    breaches = api.limit_breaches()
    assert [(b.rule, b.chat_id, b.count, b.limit) for b in breaches] == [
        ("per_chat", alice.id, 4, 3),
        ("per_chat", alice.id, 5, 3),
    ]
    assert breaches[-1].window_end - breaches[-1].window_start < 1.0
    api.rate.limits = RateLimits(per_chat=1, per_chat_burst=1)
    assert [(b.rule, b.count, b.limit) for b in api.limit_breaches()][:2] == [
        ("per_chat", 2, 1),
        ("per_chat", 3, 1),
    ]
    api.rate.limits = RateLimits(per_chat=100, per_group=20, overall=1000)
    for _ in range(21):
        await ok(http, api, "sendMessage", chat_id=team.id, text="team")
    group = [b for b in api.limit_breaches() if b.rule == "per_group"]
    assert len(group) == 1 and group[0].count == 21 and group[0].chat_id == team.id
    assert api.sent_count == 26 == len(api.sends)
    api.enforce_limits = True
    body = await fails(
        http, api, "sendMessage", 429, "Too Many Requests: retry after 60", chat_id=team.id, text="x"
    )
    assert body["parameters"]["retry_after"] == 60
    assert api.sent_count == 26


async def test_group_edits_and_album_photos_count_as_telegram_counts(
    api: BotApiServer, http: httpx.AsyncClient
) -> None:
    """Edits count in groups, not in private chats; an album counts its photos in a group's minute and once
    in the chat's pace; ``busiest_window`` gives the most messages a group got in any 60 s."""
    alice = started(api)
    _, team = await team_with_bot(api)
    api.rate.limits = RateLimits(per_chat=100, per_chat_burst=100, per_group=5)
    mine = await ok(http, api, "sendMessage", chat_id=alice.id, text="private")
    await ok(http, api, "editMessageText", chat_id=alice.id, message_id=mine["message_id"], text="edited")
    posted = await ok(http, api, "sendMessage", chat_id=team.id, text="group")
    await ok(http, api, "editMessageText", chat_id=team.id, message_id=posted["message_id"], text="edited")
    assert [(r.method, r.chat_id) for r in api.counted] == [
        ("sendMessage", alice.id),
        ("sendMessage", team.id),
        ("editMessageText", team.id),
    ]
    assert [r.method for r in api.sends] == ["sendMessage", "sendMessage"] and api.sent_count == 2
    album = [{"type": "photo", "media": "attach://one"}, {"type": "photo", "media": "attach://two"}]
    response = await http.post(
        f"{api.api_url}/sendMediaGroup",
        data={"chat_id": str(team.id), "media": json.dumps(album)},
        files={"one": ("one.png", make_png(10, 10)), "two": ("two.png", make_png(10, 10))},
    )
    assert response.status_code == 200
    assert api.busiest_window(team) == 4 and api.busiest_window(alice.id) == 1
    assert api.limit_breaches() == []
    await ok(http, api, "sendMessage", chat_id=team.id, text="fifth")
    await ok(http, api, "editMessageText", chat_id=team.id, message_id=posted["message_id"], text="sixth")
    assert [(b.rule, b.count, b.limit) for b in api.limit_breaches()] == [("per_group", 6, 5)]
    assert api.busiest_window(team) == 6 and api.busiest_window(team, window=0.000_001) <= 2
    api.enforce_limits = True
    await fails(
        http,
        api,
        "editMessageText",
        429,
        "Too Many Requests: retry after 60",
        chat_id=team.id,
        message_id=posted["message_id"],
        text="seventh",
    )
    await ok(http, api, "editMessageText", chat_id=alice.id, message_id=mine["message_id"], text="free")


async def test_flood_control_at_a_rate_hits_about_that_share(
    api: BotApiServer, http: httpx.AsyncClient
) -> None:
    alice = started(api)
    fault = api.faults.inject(["sendMessage", "editMessageText"], "flood", times=None, rate=1 / 3, seed=7)
    outcomes = [(await call(http, api, "sendMessage", chat_id=alice.id, text="x"))[0] for _ in range(90)]
    assert set(outcomes) == {200, 429} and 20 <= outcomes.count(429) <= 40
    assert fault.hits == outcomes.count(429) and fault.remaining is None
    await ok(http, api, "getMe")  # other methods are untouched
    again = BotApiServer(TOKEN)
    repeated = again.faults.inject("sendMessage", "flood", times=None, rate=1 / 3, seed=7)
    drawn = [repeated.matches("sendMessage", {}) for _ in range(90)]
    assert [code == 429 for code in outcomes] == drawn  # the same seed, the same calls hit
    with pytest.raises(ValueError, match="probability"):
        api.faults.inject("sendMessage", rate=1.5)


# ----------------------------------------------------------------------------- python-telegram-bot as client


async def test_python_telegram_bot_reads_every_shape(api: BotApiServer) -> None:
    alice = api.add_user("Alice", last_name="Müller", username="alice", language_code="de")
    lead, team = await team_with_bot(api)
    api.set_member(team, alice, "member")
    bot = telegram.Bot(TOKEN, base_url=api.base_url, base_file_url=api.base_file_url)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        async with bot:
            me = await bot.get_me()
            assert (me.id, me.username, me.can_read_all_group_messages) == (123456789, USERNAME, False)
            await alice.send_text(None, "/start abc")
            updates = await bot.get_updates(timeout=1)
            assert (
                updates[0].message.text == "/start abc" and updates[0].message.from_user.last_name == "Müller"
            )
            assert updates[0].message.entities[0].type == telegram.constants.MessageEntityType.BOT_COMMAND
            keyboard = telegram.InlineKeyboardMarkup(
                [[telegram.InlineKeyboardButton("3 – ok", callback_data="a:3")]]
            )
            sent = await bot.send_message(
                alice.id, "<b>Statement</b> 1/6", parse_mode="HTML", reply_markup=keyboard
            )
            assert sent.text == "Statement 1/6" and sent.entities[0].type == "bold"
            assert sent.reply_markup == keyboard
            press = asyncio.create_task(alice.press(api.last_message(alice), "3"))  # type: ignore[arg-type]
            updates = await bot.get_updates(offset=updates[-1].update_id + 1, timeout=2)
            query = updates[0].callback_query
            assert (
                query.data == "a:3" and query.from_user.id == alice.id and query.message.message_id == sent.id
            )
            await query.answer("Saved")
            assert (await press).answer_text == "Saved"
            edited = await bot.edit_message_text(
                "<i>done</i>", chat_id=alice.id, message_id=sent.id, parse_mode="HTML"
            )
            assert isinstance(edited, telegram.Message) and edited.edit_date is not None
            assert api.last_message(alice).html == "<i>done</i>"  # type: ignore[union-attr]
            with pytest.raises(telegram.error.BadRequest, match=r"(?i)message is not modified"):
                await bot.edit_message_text(
                    "<i>done</i>", chat_id=alice.id, message_id=sent.id, parse_mode="HTML"
                )
            album = await bot.send_media_group(
                team.id,
                [
                    telegram.InputMediaPhoto(make_png(), caption="Charts"),
                    telegram.InputMediaPhoto(make_png(8, 8)),
                ],
            )
            assert len(album) == 2 and album[0].media_group_id == album[1].media_group_id
            assert album[0].caption == "Charts" and album[1].caption is None
            photo_file = await bot.get_file(album[0].photo[-1].file_id)
            assert bytes(await photo_file.download_as_bytearray()) == make_png()
            member = await bot.get_chat_member(team.id, alice.id)
            assert isinstance(member, telegram.ChatMemberMember)
            owner = await bot.get_chat_member(team.id, lead.id)
            assert isinstance(owner, telegram.ChatMemberOwner)
            chat = await bot.get_chat(team.id)
            assert chat.title == "Team" and chat.type == "group"
            assert (await bot.get_chat_administrators(team.id))[0].user.id == lead.id
            with pytest.raises(telegram.error.Forbidden, match=r"(?i)bot can.t initiate conversation"):
                await bot.send_message(api.add_user("Zoe").id, "hi")
            supergroup = await api.migrate_to_supergroup(team)
            with pytest.raises(telegram.error.ChatMigrated) as migrated:
                await bot.send_message(team.id, "hi")
            assert migrated.value.new_chat_id == supergroup.id
            api.faults.inject("sendMessage", "flood", retry_after=2)
            warnings.simplefilter("ignore", telegram.warnings.PTBDeprecationWarning)  # RetryAfter's own
            with pytest.raises(telegram.error.RetryAfter) as flood:
                await bot.send_message(alice.id, "x")
            assert "Retry in 2 seconds" in str(flood.value)
            updates = await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
            assert [u.message.migrate_to_chat_id for u in updates[:1]] == [supergroup.id]
    assert not api.internal_errors


async def test_application_replies_to_start(api: BotApiServer) -> None:
    async def start(update: telegram.Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_html(f"<b>Hello</b> {' '.join(context.args or [])}")

    app = Application.builder().token(TOKEN).base_url(api.base_url).base_file_url(api.base_file_url).build()
    app.add_handler(CommandHandler("start", start))
    alice = api.add_user("Alice")
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            await api.wait_for(lambda: api.calls("getUpdates"))
            began = time.monotonic()
            await alice.start("abc")
            reply = await api.wait_for_message(alice, "Hello", timeout=5)
            assert time.monotonic() - began < 1.5  # the long poll wakes at once, not after its timeout
            assert reply.html == "<b>Hello</b> abc" and reply.text == "Hello abc"
        finally:
            await app.updater.stop()
            await app.stop()
    assert not api.errors and not api.internal_errors


async def test_channel_posts_dates_and_the_deletion_window() -> None:
    now = [1_795_000_000.0]
    async with (
        BotApiServer(TOKEN, bot_username=USERNAME, clock=lambda: now[0]) as server,
        httpx.AsyncClient() as http,
    ):
        owner = server.add_user("Olga")
        channel = server.add_channel("News", username="news_channel", creator=owner)
        server.set_member(channel, server.bot, "administrator")
        post = await owner.send_text(channel, "Hello subscribers")
        update = server.updates[-1]["channel_post"]
        assert (
            update["sender_chat"]["id"] == channel.id
            and "from" not in update
            and update["date"] == 1_795_000_000
        )
        sent = await ok(http, server, "sendMessage", chat_id="@news_channel", text="from the bot")
        assert sent["chat"] == {
            "id": channel.id,
            "type": "channel",
            "title": "News",
            "username": "news_channel",
        }
        now[0] += 49 * 3600
        await fails(
            http,
            server,
            "deleteMessage",
            400,
            "Bad Request: message can't be deleted for everyone",
            chat_id=channel.id,
            message_id=post.id,
        )


# ----------------------------------------------------------------------------- observing, standalone


async def test_wait_for_reports_what_happened(api: BotApiServer, http: httpx.AsyncClient) -> None:
    alice = started(api)
    await fails(
        http, api, "sendMessage", 400, "Bad Request: message text is empty", chat_id=alice.id, text=""
    )
    with pytest.raises(TimeoutError, match="sendMessage 400 Bad Request: message text is empty"):
        await api.wait_for_message(alice, "never", timeout=0.1)
    waiter = asyncio.create_task(api.wait_for_message(alice, "soon", timeout=5))
    await ok(http, api, "sendMessage", chat_id=alice.id, text="soon enough")
    assert (await waiter).text == "soon enough"
    assert "#1 bot: soon enough" in api.transcript(alice)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_standalone_mode_serves_until_stopped() -> None:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.offline.telegram_server", "--port", str(port), "--token", TOKEN],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = await asyncio.to_thread(process.stdout.readline)
        assert f"http://127.0.0.1:{port}/bot" in line
        async with httpx.AsyncClient() as client:
            response = await client.get(f"http://127.0.0.1:{port}/bot{TOKEN}/getMe")
        assert response.json()["result"]["id"] == 123456789
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()
