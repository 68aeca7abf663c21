"""The getUpdates transport leaves out what the bot never reads of a pressed message, and nothing else."""

from __future__ import annotations

import json

from telegram import Bot, Update

from bot.infra.http import UpdatesRequest

CHAT = {"id": 7, "type": "private", "first_name": "Anna"}
USER = {"id": 7, "is_bot": False, "first_name": "Anna"}
KEYBOARD = {"inline_keyboard": [[{"text": "1 · Initial", "callback_data": "a:1:s1:1"}]]}
BOLD = [{"type": "bold", "offset": 0, "length": 4}]


def payload() -> bytes:
    pressed = {
        "message_id": 42,
        "date": 1,
        "chat": CHAT,
        "text": "1/24 When we develop…",
        "entities": BOLD,
        "reply_markup": KEYBOARD,
    }
    command = {
        "message_id": 43,
        "date": 2,
        "chat": CHAT,
        "from": USER,
        "text": "/start abc",
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
    }
    press = {"id": "q1", "from": USER, "chat_instance": "c", "data": "a:1:s1:3", "message": pressed}
    updates = [{"update_id": 1, "callback_query": press}, {"update_id": 2, "message": command}]
    return json.dumps({"ok": True, "result": updates}).encode()


def test_a_pressed_message_arrives_without_its_keyboard_and_formatting() -> None:
    data = UpdatesRequest.parse_json_payload(payload())
    pressed = data["result"][0]["callback_query"]["message"]
    assert "reply_markup" not in pressed and "entities" not in pressed
    assert pressed["message_id"] == 42 and pressed["chat"] == CHAT and pressed["text"].startswith("1/24")


def test_everything_else_arrives_whole() -> None:
    data = UpdatesRequest.parse_json_payload(payload())
    command = data["result"][1]["message"]
    assert command["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]  # commands need them
    assert data["result"][0]["callback_query"]["data"] == "a:1:s1:3"


def test_python_telegram_bot_still_reads_the_updates() -> None:
    bot = Bot("123:abc")
    first, second = Update.de_list(UpdatesRequest.parse_json_payload(payload())["result"], bot)
    assert first.callback_query is not None and first.effective_chat.id == 7
    assert first.callback_query.message.message_id == 42 and first.callback_query.message.reply_markup is None
    assert second.message is not None and second.message.text == "/start abc"
    assert second.message.entities[0].type == "bot_command"


def test_error_answers_are_read_as_before() -> None:
    data = UpdatesRequest.parse_json_payload(b'{"ok": false, "error_code": 409, "description": "Conflict"}')
    assert data == {"ok": False, "error_code": 409, "description": "Conflict"}
