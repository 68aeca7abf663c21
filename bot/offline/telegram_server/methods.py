"""The Bot API methods, implemented from https://core.telegram.org/bots/api with Telegram's error texts.

Each ``m_<method>`` takes the request's parameters and returns the ``result`` or raises ``ApiError``.
Parameters arrive as JSON values (JSON body) or strings (query string, form, multipart), so ``Params``
reads both, the way Telegram's server does.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .errors import ApiError, bad_request, forbidden
from .limits import RateAccounting, SendRecord
from .media import photo_problem
from .model import CallbackAnswer, Member, SimChat, SimMessage, SimPoll, SimPollOption, StoredFile
from .text import CAPTION_MAX, prepare_text, utf16_len
from .webhook import WebhookConfig
from .world import DEFAULT_ALLOWED_UPDATES, UPDATE_TYPES, World

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
COMMAND_SCOPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)
MAX_DOWNLOAD = 20 * 1024 * 1024
#: Where this server posts webhook updates: only to this machine (it serves tests and the demo).
LOOPBACK_HOSTS = frozenset({"localhost", "::1"})
#: "It is guaranteed that the link will be valid for at least 1 hour" (getFile); here it is exactly that.
FILE_LINK_SECONDS = 3600
DELETE_WINDOW = 48 * 3600
# Poll limits of Bot API 10.0 (sendPoll): 1-12 options (10.0 lowered the minimum from 2), questions of
# 1-300 and options of 1-100 characters after entity parsing, open_period and close_date 5-2628000 seconds
# ahead (9.6 raised the maximum from 600). Lengths count characters (code points), as TDLib does.
POLL_MAX_OPTIONS = 12
POLL_QUESTION_MAX = 300
POLL_OPTION_MAX = 100
POLL_MIN_OPEN_PERIOD = 5
POLL_MAX_OPEN_PERIOD = 2_628_000
#: sendPoll parameters whose effect this server does not simulate; refused when set rather than ignored,
#: so that a test never passes against behaviour Telegram would not show
UNSUPPORTED_POLL_PARAMETERS = (
    "allow_adding_options",
    "hide_results_until_closes",
    "shuffle_options",
    "members_only",
    "country_codes",
    "description",
    "description_entities",
    "media",
)


@dataclass
class Upload:
    """A file part of a multipart request."""

    filename: str | None
    data: bytes
    content_type: str | None = None


@dataclass
class Params:
    """The parameters of one call; ``files`` holds multipart file parts by field name."""

    values: dict[str, Any]
    files: dict[str, Upload] = field(default_factory=dict)

    def raw(self, name: str) -> Any:
        return self.values.get(name)

    def has(self, name: str) -> bool:
        value = self.values.get(name)
        return value is not None and value != ""

    def str(self, name: str) -> str | None:
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, (dict, list)):
            return json.dumps(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    def int(self, name: str, default: int | None = None) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return int(value)
        try:
            return int(value)
        except (TypeError, ValueError):
            try:
                return int(float(value))
            except (TypeError, ValueError):
                return None

    def bool(self, name: str, default: bool = False) -> bool:
        value = self.values.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            return value != 0
        return str(value).strip().lower() in ("true", "1", "yes", "on")

    def json(self, name: str, what: str) -> Any:
        """A JSON-serialized parameter (objects and arrays travel as JSON strings in forms)."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError as error:
                raise bad_request(f"can't parse {what} JSON object") from error
        return value


class BotApiMethods(World):
    """Bot API semantics on top of the world's state."""

    rate: RateAccounting
    commands: dict[tuple[str, str], list[dict[str, str]]]
    descriptions: dict[tuple[str, str], str]
    _poll_owner: object | None
    _stopping: asyncio.Event

    # ----------------------------------------------------------------- helpers: chats

    def _chat_by_param(self, p: Params) -> SimChat:
        raw = p.raw("chat_id")
        if raw is None or raw == "":
            raise bad_request("chat_id is empty")
        chat: SimChat | None = None
        text = str(raw).strip()
        if text.startswith("@"):
            name = text[1:].lower()
            chat = next(
                (c for c in self.chats.values() if not c.is_private and (c.username or "").lower() == name),
                None,
            )
        else:
            chat_id = p.int("chat_id")
            if chat_id is not None:
                chat = self.chats.get(chat_id)
                if chat is None and chat_id in self.users and chat_id != self.bot.id:
                    chat = self.private_chat(self.users[chat_id])
        if chat is None:
            raise bad_request("chat not found")
        if chat.migrated_to is not None:
            raise bad_request(
                "group chat was upgraded to a supergroup chat", {"migrate_to_chat_id": chat.migrated_to.id}
            )
        return chat

    def _check_present(self, chat: SimChat) -> None:
        """The bot must be in a group to do anything there."""
        if chat.is_private:
            return
        kind = {"group": "group", "supergroup": "supergroup", "channel": "channel"}[chat.type]
        status = chat.member(self.bot).status
        if status == "kicked":
            raise forbidden(f"bot was kicked from the {kind} chat")
        if not chat.member(self.bot).present:
            raise forbidden(f"bot is not a member of the {kind} chat")

    def _check_can_write(self, chat: SimChat, right: str = "can_send_messages") -> None:
        """Whether the bot may post into ``chat`` now, with Telegram's refusal if not."""
        if chat.is_private:
            user = chat.user
            assert user is not None
            if user.is_bot:
                raise forbidden("bot can't send messages to bots")
            if user.deactivated:
                raise forbidden("user is deactivated")
            if user.blocked:
                raise forbidden("bot was blocked by the user")
            if not user.started:
                raise forbidden("bot can't initiate conversation with a user")
            return
        self._check_present(chat)
        member = chat.member(self.bot)
        if chat.type == "channel":
            if not member.may("can_post_messages"):
                raise bad_request("need administrator rights in the channel chat")
            return
        if not member.may(right):
            what = {
                "can_send_messages": "text messages",
                "can_send_photos": "photos",
                "can_send_documents": "documents",
                "can_send_polls": "polls",
            }.get(right, "messages")
            raise bad_request(f"not enough rights to send {what} to the chat")

    # ----------------------------------------------------------------- helpers: content

    def _known_user(self, user_id: int) -> dict[str, Any] | None:
        user = self.users.get(user_id)
        return user.json() if user is not None else None

    def _text(
        self, p: Params, name: str, parse_name: str, entities_name: str
    ) -> tuple[str, list[dict[str, Any]]]:
        raw = p.str(name) or ""
        entities = p.json(entities_name, "entities")
        return prepare_text(raw, p.str(parse_name), entities, known_user=self._known_user)

    def _message_text(self, p: Params) -> tuple[str, list[dict[str, Any]]]:
        if not p.has("text"):
            raise bad_request("message text is empty")
        text, entities = self._text(p, "text", "parse_mode", "entities")
        if not text:
            raise bad_request("message text is empty")
        if utf16_len(text) > 4096:
            raise bad_request("message is too long")
        return text, entities

    def _caption(self, p: Params, name: str = "caption") -> tuple[str | None, list[dict[str, Any]]]:
        if not p.has(name):
            return None, []
        text, entities = self._text(p, name, "parse_mode", "caption_entities")
        if utf16_len(text) > CAPTION_MAX:
            raise bad_request("message caption is too long")
        return (text or None), entities

    def _reply_markup(self, p: Params, *, inline_only: bool = False) -> dict[str, Any] | None:
        markup = p.json("reply_markup", "reply keyboard markup")
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            if inline_only:
                raise bad_request("inline keyboard expected")
            if any(key in markup for key in ("keyboard", "remove_keyboard", "force_reply")):
                return markup
            raise bad_request("can't parse reply keyboard markup JSON object")
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        clean_rows: list[list[dict[str, Any]]] = []
        count = 0
        for row in rows:
            clean_row = []
            for button in row:
                clean_row.append(self._button(button))
                count += 1
            if clean_row:
                clean_rows.append(clean_row)
        if count > 100:
            raise bad_request("reply markup is too long")
        return {"inline_keyboard": clean_rows}

    @staticmethod
    def _button(button: Any) -> dict[str, Any]:
        if not isinstance(button, dict):
            raise bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
        text = button.get("text")
        if not isinstance(text, str):
            raise bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
        actions = [key for key in BUTTON_ACTIONS if button.get(key) is not None]
        if not actions:
            raise bad_request(
                "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
            )
        action = actions[0]
        value = button[action]
        if action == "callback_data":
            if not isinstance(value, str):
                raise bad_request(
                    'can\'t parse inline keyboard button: Field "callback_data" must be of type String'
                )
            if not 1 <= len(value.encode("utf-8")) <= 64:
                raise bad_request("BUTTON_DATA_INVALID")
        elif action == "url":
            if not isinstance(value, str):
                raise bad_request('can\'t parse inline keyboard button: Field "url" must be of type String')
            if not _valid_button_url(value):
                raise bad_request("BUTTON_URL_INVALID")
        return {"text": text, action: value}

    def _reply_target(self, p: Params, chat: SimChat) -> SimMessage | None:
        parameters = p.json("reply_parameters", "reply parameters")
        message_id: int | None
        allow_without = p.bool("allow_sending_without_reply")
        if isinstance(parameters, dict):
            try:
                message_id = int(parameters.get("message_id", 0))
            except (TypeError, ValueError):
                message_id = 0
            allow_without = bool(parameters.get("allow_sending_without_reply", allow_without))
            other_chat = parameters.get("chat_id")
            if other_chat not in (None, "", chat.id, str(chat.id)):
                if allow_without:
                    return None
                raise bad_request("message to be replied not found")
        else:
            message_id = p.int("reply_to_message_id")
        if not message_id:
            return None
        target = chat.message(message_id)
        if target is None or target.deleted:
            if allow_without:
                return None
            raise bad_request("message to be replied not found")
        return target

    def _link_preview(self, p: Params) -> dict[str, Any] | None:
        options = p.json("link_preview_options", "link preview options")
        if options is None and p.bool("disable_web_page_preview"):
            options = {"is_disabled": True}
        return options if isinstance(options, dict) and options else None

    def _record_send(self, method: str, chat: SimChat, messages: int) -> None:
        loop = asyncio.get_running_loop()
        self.rate.record(SendRecord(loop.time(), chat.id, chat.type, method, messages))

    def _thread(self, p: Params, chat: SimChat, reply_to: SimMessage | None) -> int | None:
        """``message_thread_id``: an open topic of a forum supergroup, or Telegram's refusal."""
        thread_id = p.int("message_thread_id")
        if thread_id and chat.topic(thread_id) is None:
            raise bad_request("message thread not found")
        return self.thread_of_reply(chat, reply_to, thread_id or None)

    def _record_edit(self, method: str, chat: SimChat) -> None:
        """An edit counts against Telegram's limits in a group or channel, like a send; not in private."""
        if not chat.is_private:
            self._record_send(method, chat, 1)

    def _send(self, p: Params, chat: SimChat, method: str, **fields: Any) -> SimMessage:
        """Store a message the bot sends, with the options every send method shares."""
        fields.setdefault("reply_to", self._reply_target(p, chat))
        fields["thread_id"] = self._thread(p, chat, fields["reply_to"])
        fields["disable_notification"] = p.bool("disable_notification")
        fields["protect_content"] = p.bool("protect_content")
        message = self._new_message(chat, self.bot, **fields)
        self._record_send(method, chat, 1)
        return message

    def _input_file(self, p: Params, value: Any, kind: str, missing: str) -> StoredFile | Upload:
        """A file given as a multipart part, ``attach://name``, a known file_id, or (refused) a URL."""
        if isinstance(value, Upload):
            return value
        if value is None or value == "":
            raise bad_request(missing)
        text = str(value)
        if text.startswith("attach://"):
            upload = p.files.get(text[len("attach://") :])
            if upload is None:
                raise bad_request("can't parse InputMedia: media not found")
            return upload
        stored = self.files.get(text)
        if stored is not None:
            if stored.kind != kind:
                raise bad_request(f"can't use file of type {stored.kind.capitalize()} as {kind.capitalize()}")
            return stored
        if "://" in text or "." in text:
            raise bad_request("failed to get HTTP URL content")
        raise bad_request("wrong file identifier/HTTP URL specified")

    def _photo(self, p: Params, value: Any) -> StoredFile:
        source = self._input_file(p, value, "photo", "there is no photo in the request")
        if isinstance(source, StoredFile):
            return source
        problem = photo_problem(source.data)
        if problem:
            raise bad_request(problem)
        return self._store_file(source.data, "photo")

    def _document(self, p: Params, value: Any) -> StoredFile:
        source = self._input_file(p, value, "document", "there is no document in the request")
        if isinstance(source, StoredFile):
            return source
        if not source.data:
            raise bad_request("file must be non-empty")
        name = source.filename or "document"
        content_type = (
            source.content_type if source.content_type not in (None, "application/octet-stream") else None
        )
        return self._store_file(source.data, "document", file_name=name, mime_type=content_type)

    def _target_message(self, p: Params, not_found: str) -> tuple[SimChat, SimMessage]:
        if p.has("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        chat = self._chat_by_param(p)
        self._check_present(chat)
        message_id = p.int("message_id")
        if not message_id:
            raise bad_request("message identifier is not specified")
        message = chat.message(message_id)
        if message is None or message.deleted:
            raise bad_request(not_found)
        return chat, message

    # ----------------------------------------------------------------- identity and settings

    def m_getme(self, p: Params) -> Any:
        body = self.bot.json()
        body.update(
            can_join_groups=True,
            can_read_all_group_messages=not self.privacy_mode,
            supports_inline_queries=False,
            can_connect_to_business=False,
            has_main_web_app=False,
        )
        return body

    def _scope_key(self, p: Params) -> str:
        scope = p.json("scope", "BotCommandScope")
        if scope is None:
            return json.dumps({"type": "default"})
        if not isinstance(scope, dict) or scope.get("type") not in COMMAND_SCOPES:
            raise bad_request("unsupported bot command scope type")
        key: dict[str, Any] = {"type": scope["type"]}
        if scope["type"] in ("chat", "chat_administrators", "chat_member"):
            chat = self._chat_by_param(Params({"chat_id": scope.get("chat_id")}))
            if scope["type"] != "chat" and chat.is_private:
                raise bad_request("can't use the scope in private chats")
            key["chat_id"] = chat.id
            if scope["type"] == "chat_member":
                user_id = scope.get("user_id")
                if not isinstance(user_id, int) or user_id not in self.users:
                    raise bad_request("user not found")
                key["user_id"] = user_id
        return json.dumps(key, sort_keys=True)

    @staticmethod
    def _language(p: Params) -> str:
        language = p.str("language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise bad_request("invalid language code specified")
        return language

    def m_setmycommands(self, p: Params) -> Any:
        commands = p.json("commands", "commands")
        if commands is None:
            commands = []
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("too many commands specified")
        clean = []
        for item in commands:
            if not isinstance(item, dict) or not isinstance(item.get("command"), str):
                raise bad_request('can\'t parse BotCommand: Field "command" must be of type String')
            command, description = item["command"], item.get("description")
            if not isinstance(description, str):
                raise bad_request("can't parse BotCommand: Can't find field \"description\"")
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command):
                raise bad_request("BOT_COMMAND_INVALID")
            if not description.strip():
                raise bad_request("command description must be non-empty")
            if len(description) > 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            clean.append({"command": command, "description": description})
        key = (self._scope_key(p), self._language(p))
        if clean:
            self.commands[key] = clean
        else:
            self.commands.pop(key, None)
        return True

    def m_getmycommands(self, p: Params) -> Any:
        return self.commands.get((self._scope_key(p), self._language(p)), [])

    def m_deletemycommands(self, p: Params) -> Any:
        self.commands.pop((self._scope_key(p), self._language(p)), None)
        return True

    def _set_description(self, p: Params, kind: str, name: str, limit: int) -> Any:
        text = p.str(name) or ""
        if len(text) > limit:
            raise bad_request(f"bot {kind} is too long")
        key = (kind, self._language(p))
        if text:
            self.descriptions[key] = text
        else:
            self.descriptions.pop(key, None)
        return True

    def m_setmydescription(self, p: Params) -> Any:
        return self._set_description(p, "description", "description", 512)

    def m_getmydescription(self, p: Params) -> Any:
        return {"description": self.descriptions.get(("description", self._language(p)), "")}

    def m_setmyshortdescription(self, p: Params) -> Any:
        return self._set_description(p, "short description", "short_description", 120)

    def m_getmyshortdescription(self, p: Params) -> Any:
        return {"short_description": self.descriptions.get(("short description", self._language(p)), "")}

    def m_setmyname(self, p: Params) -> Any:
        return self._set_description(p, "name", "name", 64)

    def m_getmyname(self, p: Params) -> Any:
        return {"name": self.descriptions.get(("name", self._language(p)), self.bot.first_name)}

    # ----------------------------------------------------------------- updates

    def _set_allowed_updates(self, p: Params) -> list[str] | None:
        """``allowed_updates`` of getUpdates or setWebhook: kept until the next call that gives it."""
        allowed = p.json("allowed_updates", "allowed_updates")
        if allowed is None:
            return None
        if not isinstance(allowed, list):
            raise bad_request("can't parse allowed_updates JSON object")
        chosen = frozenset(str(kind) for kind in allowed) & UPDATE_TYPES
        self.allowed_updates = chosen or DEFAULT_ALLOWED_UPDATES
        return sorted(self.allowed_updates)

    def m_setwebhook(self, p: Params) -> Any:
        url = p.str("url") or ""
        if not url:
            return self.m_deletewebhook(p)
        if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", url):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if urlsplit(url).hostname not in LOOPBACK_HOSTS and not (urlsplit(url).hostname or "").startswith(
            "127."
        ):
            raise bad_request("bad webhook: this local server delivers only to loopback addresses")
        secret = p.str("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise bad_request("bad webhook: secret token contains unallowed characters")
        connections = p.int("max_connections", 40) or 40
        if not 1 <= connections <= 100:
            raise bad_request("bad webhook: max_connections must be between 1 and 100")
        if p.files.get("certificate") is not None or p.has("certificate"):
            raise bad_request("certificate uploads are not supported by this local server")
        allowed = self._set_allowed_updates(p)
        if p.bool("drop_pending_updates"):
            self.updates.clear()
        self.webhook.config = WebhookConfig(
            url, secret or None, connections, p.str("ip_address") or None, allowed
        )
        self.webhook.backoff.clear()
        self._notify()
        return True

    def m_deletewebhook(self, p: Params) -> Any:
        if p.bool("drop_pending_updates"):
            self.updates.clear()
        self.webhook.config = None
        self._notify()
        return True

    def m_getwebhookinfo(self, p: Params) -> Any:
        config = self.webhook.config
        info: dict[str, Any] = {
            "url": config.url if config else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.updates),
        }
        if config is not None:
            if config.ip_address:
                info["ip_address"] = config.ip_address
            if self.webhook.last_error_date is not None:
                info["last_error_date"] = self.webhook.last_error_date
                info["last_error_message"] = self.webhook.last_error_message
            info["max_connections"] = config.max_connections
            if config.allowed_updates is not None:
                info["allowed_updates"] = config.allowed_updates
        return info

    async def m_getupdates(self, p: Params) -> Any:
        if self.webhook.config is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook "
                "to delete the webhook first",
            )
        offset = p.int("offset")
        limit = min(max(p.int("limit", 100) or 100, 1), 100)
        timeout = max(p.int("timeout", 0) or 0, 0)
        self._set_allowed_updates(p)
        if offset is not None:
            if offset < 0:
                del self.updates[: max(0, len(self.updates) + offset)]
            else:
                self.updates[:] = [u for u in self.updates if u["update_id"] >= offset]
        owner = object()
        self._poll_owner = owner
        self._notify()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if self._poll_owner is not owner:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            self.close_due_polls()
            if self.updates or loop.time() >= deadline or self._stopping.is_set():
                break
            # a timed poll closing during the wait is news for the bot: wake up for it (when the clock
            # is a test clock that stands still, this only shortens the wait)
            closing = self._seconds_to_next_poll_close()
            wait = deadline - loop.time()
            await self._wait_change(wait if closing is None else min(wait, max(closing, 0.05)))
        self._poll_owner = None
        return self.updates[:limit]

    # ----------------------------------------------------------------- sending

    def m_sendmessage(self, p: Params) -> Any:
        chat = self._chat_by_param(p)
        text, entities = self._message_text(p)
        markup = self._reply_markup(p)
        self._check_can_write(chat)
        message = self._send(
            p,
            chat,
            "sendMessage",
            text=text,
            entities=entities,
            reply_markup=markup,
            link_preview_options=self._link_preview(p),
        )
        return message.json()

    def m_sendphoto(self, p: Params) -> Any:
        chat = self._chat_by_param(p)
        caption, entities = self._caption(p)
        markup = self._reply_markup(p)
        photo = self._photo(p, p.files.get("photo") or p.raw("photo"))
        self._check_can_write(chat, "can_send_photos")
        message = self._send(
            p, chat, "sendPhoto", photo=photo, caption=caption, caption_entities=entities, reply_markup=markup
        )
        return message.json()

    def m_senddocument(self, p: Params) -> Any:
        chat = self._chat_by_param(p)
        caption, entities = self._caption(p)
        markup = self._reply_markup(p)
        document = self._document(p, p.files.get("document") or p.raw("document"))
        self._check_can_write(chat, "can_send_documents")
        message = self._send(
            p,
            chat,
            "sendDocument",
            document=document,
            caption=caption,
            caption_entities=entities,
            reply_markup=markup,
        )
        return message.json()

    def m_sendmediagroup(self, p: Params) -> Any:
        chat = self._chat_by_param(p)
        media = p.json("media", "media")
        if media is None:
            raise bad_request('parameter "media" is required')
        if not isinstance(media, list):
            raise bad_request("expected an Array of InputMedia")
        if not media:
            raise bad_request("there are no messages to send")
        if len(media) > 10:
            raise bad_request("too many messages to send as an album")
        kinds = []
        for item in media:
            if not isinstance(item, dict):
                raise bad_request("can't parse InputMedia: expected an Object")
            kind = item.get("type")
            if kind in ("video", "audio", "live_photo"):
                raise bad_request(f'InputMedia of type "{kind}" is not supported by this local server')
            if kind not in ("photo", "document"):
                raise bad_request(f'can\'t parse InputMedia: type "{kind}" is unsupported')
            kinds.append(kind)
        if "document" in kinds and "photo" in kinds:
            raise bad_request("document can't be mixed with other media types")
        prepared = []
        for position, item in enumerate(media, start=1):
            caption_params = Params(
                {
                    "caption": item.get("caption"),
                    "parse_mode": item.get("parse_mode"),
                    "caption_entities": item.get("caption_entities"),
                }
            )
            caption, entities = self._caption(caption_params)
            try:
                if item["type"] == "photo":
                    stored = self._photo(p, item.get("media"))
                else:
                    stored = self._document(p, item.get("media"))
            except ApiError as error:
                reason = error.description.removeprefix("Bad Request: ")
                if reason in ("IMAGE_PROCESS_FAILED", "PHOTO_INVALID_DIMENSIONS"):
                    raise bad_request(
                        f'failed to send message #{position} with the error message "{reason}"'
                    ) from error
                raise
            prepared.append((item["type"], stored, caption, entities))
        self._check_can_write(chat, "can_send_photos" if kinds[0] == "photo" else "can_send_documents")
        reply_to = self._reply_target(p, chat)
        thread_id = self._thread(p, chat, reply_to)
        group_id = str(secrets.randbits(62) + 10**17) if len(prepared) > 1 else None
        messages = []
        for kind, stored, caption, entities in prepared:
            fields: dict[str, Any] = {"photo" if kind == "photo" else "document": stored}
            message = self._new_message(
                chat,
                self.bot,
                caption=caption,
                caption_entities=entities,
                media_group_id=group_id,
                reply_to=reply_to,
                thread_id=thread_id,
                disable_notification=p.bool("disable_notification"),
                **fields,
            )
            messages.append(message)
        self._record_send("sendMediaGroup", chat, len(messages))
        return [message.json() for message in messages]

    def m_sendchataction(self, p: Params) -> Any:
        chat = self._chat_by_param(p)
        action = p.str("action") or ""
        if action not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self._check_can_write(chat)
        chat.actions.append((asyncio.get_running_loop().time(), action))
        return True

    # ----------------------------------------------------------------- polls

    def _poll_text(
        self, raw: str, parse_mode: str | None, entities: Any, limit: int, too_long: str
    ) -> tuple[str, list[dict[str, Any]]]:
        """A question or option text as TDLib stores it: normalized, only custom emoji entities kept."""
        text, found = prepare_text(raw, parse_mode, entities, known_user=self._known_user)
        if not text:
            raise bad_request("text must be non-empty")
        if len(text) > limit:
            raise bad_request(too_long)
        return text, [entity for entity in found if entity["type"] == "custom_emoji"]

    @staticmethod
    def _input_poll_options(p: Params) -> list[tuple[str, str | None, Any]]:
        """``options`` as the Bot API server reads it: InputPollOption objects, or plain strings as older
        clients send them; each as ``(text, text_parse_mode, text_entities)``."""
        options = p.json("options", "options")
        if options is None:
            return []
        if not isinstance(options, list):
            raise bad_request("can't parse options JSON object")
        read = []
        for option in options:
            if isinstance(option, str):
                read.append((option, None, None))
                continue
            if not isinstance(option, dict):
                raise bad_request("can't parse InputPollOption: Expected InputPollOption to be an Object")
            text = option.get("text")
            if not isinstance(text, str):
                raise bad_request('can\'t parse InputPollOption: Field "text" must be of type String')
            if option.get("media") is not None:
                raise bad_request("poll option media is not supported by this local server")
            read.append((text, option.get("text_parse_mode"), option.get("text_entities")))
        return read

    def _poll_closing(self, p: Params) -> tuple[int | None, int | None]:
        """``(open_period, close_date)`` of a new poll; either parameter fixes both.

        TDLib drops ``close_date`` when ``open_period`` is given, so the period wins rather than failing.
        """
        now = self.now()
        open_period = p.int("open_period") or 0
        if open_period:
            if not POLL_MIN_OPEN_PERIOD <= open_period <= POLL_MAX_OPEN_PERIOD:
                raise bad_request(
                    f"poll open_period must be {POLL_MIN_OPEN_PERIOD}-{POLL_MAX_OPEN_PERIOD} seconds"
                )
            return open_period, now + open_period
        close_date = p.int("close_date") or 0
        if close_date:
            if not POLL_MIN_OPEN_PERIOD <= close_date - now <= POLL_MAX_OPEN_PERIOD:
                raise bad_request(
                    f"poll close_date must be {POLL_MIN_OPEN_PERIOD}-{POLL_MAX_OPEN_PERIOD} seconds "
                    "in the future"
                )
            return close_date - now, close_date
        return None, None

    @staticmethod
    def _refuse_unsupported_poll_features(p: Params) -> None:
        for name in UNSUPPORTED_POLL_PARAMETERS:
            value = p.json(name, name) if name in ("country_codes", "description_entities") else p.raw(name)
            if value in (None, "", [], False, "false", "False", "0", 0):
                continue
            raise bad_request(f"{name} is not supported by this local server")

    def m_sendpoll(self, p: Params) -> Any:
        chat = self._chat_by_param(p)
        raw_options = self._input_poll_options(p)
        markup = self._reply_markup(p)
        kind = p.str("type") or "regular"
        if kind == "quiz":
            raise bad_request("quiz polls are not supported by this local server")
        if kind != "regular":
            raise bad_request("unsupported poll type specified")
        self._refuse_unsupported_poll_features(p)
        question, question_entities = self._poll_text(
            p.str("question") or "",
            p.str("question_parse_mode"),
            p.json("question_entities", "question entities"),
            POLL_QUESTION_MAX,
            f"poll question length must not exceed {POLL_QUESTION_MAX}",
        )
        if not raw_options:
            raise bad_request("poll must have at least one answer option")
        if len(raw_options) > POLL_MAX_OPTIONS:
            raise bad_request(f"poll can't have more than {POLL_MAX_OPTIONS} options")
        options = []
        too_long = f"poll options length must not exceed {POLL_OPTION_MAX}"
        for index, (raw, parse_mode, entities) in enumerate(raw_options):
            text, kept = self._poll_text(raw, parse_mode, entities, POLL_OPTION_MAX, too_long)
            options.append(SimPollOption(text, kept, str(index)))
        open_period, close_date = self._poll_closing(p)
        is_anonymous = p.bool("is_anonymous", True)
        self._check_can_write(chat, "can_send_polls")
        if chat.type == "channel" and not is_anonymous:
            raise bad_request("non-anonymous polls can't be sent to channel chats")
        poll = SimPoll(
            id=str(secrets.randbits(62) + 10**18),
            question=question,
            question_entities=question_entities,
            options=options,
            is_anonymous=is_anonymous,
            type="regular",
            allows_multiple_answers=p.bool("allows_multiple_answers"),
            allows_revoting=p.bool("allows_revoting", True),
            open_period=open_period,
            close_date=close_date,
            is_closed=p.bool("is_closed"),
        )
        message = self._send(p, chat, "sendPoll", poll_state=poll, reply_markup=markup)
        poll.message = message
        self.polls[poll.id] = poll
        return message.json()

    def m_stoppoll(self, p: Params) -> Any:
        _, message = self._target_message(p, "message with poll to stop not found")
        poll = message.poll_state
        if poll is None:
            raise bad_request("message is not a poll")
        if not message.from_bot:
            raise bad_request("poll can't be stopped")
        self._check_editable(message)
        markup = self._reply_markup(p, inline_only=True)
        if poll.is_closed:
            raise bad_request("poll has already been closed")
        message.reply_markup = markup
        self._close_poll(poll)
        self._record_edit("stopPoll", message.chat)
        return poll.json()

    # ----------------------------------------------------------------- editing and deleting

    def _check_editable(self, message: SimMessage) -> None:
        if not message.from_bot:
            raise bad_request("message can't be edited")
        if message.chat.is_private:
            self._check_can_write(message.chat)

    def _commit_edit(self, message: SimMessage, before: tuple[str | None, dict[str, Any] | None]) -> Any:
        """Record the version the people saw until now (``history`` holds earlier versions, oldest first)."""
        message.history.append(before)
        message.edit_date = self.now()
        message.edit_count += 1
        self._notify()
        return message.json()

    @staticmethod
    def _not_modified() -> ApiError:
        return bad_request(
            "message is not modified: specified new message content and reply markup are exactly the same "
            "as a current content and reply markup of the message"
        )

    def m_editmessagetext(self, p: Params) -> Any:
        _, message = self._target_message(p, "message to edit not found")
        self._check_editable(message)
        if message.text is None:
            raise bad_request("there is no text in the message to edit")
        text, entities = self._message_text(p)
        markup = self._reply_markup(p, inline_only=True)
        if text == message.text and entities == message.entities and markup == message.reply_markup:
            raise self._not_modified()
        before = (message.content, message.reply_markup)
        message.text, message.entities, message.reply_markup = text, entities, markup
        preview = self._link_preview(p)
        if preview is not None:
            message.link_preview_options = preview
        self._record_edit("editMessageText", message.chat)
        return self._commit_edit(message, before)

    def m_editmessagecaption(self, p: Params) -> Any:
        _, message = self._target_message(p, "message to edit not found")
        self._check_editable(message)
        if message.photo is None and message.document is None:
            raise bad_request("there is no caption in the message to edit")
        caption, entities = self._caption(p)
        markup = self._reply_markup(p, inline_only=True)
        if (
            caption == message.caption
            and entities == message.caption_entities
            and markup == message.reply_markup
        ):
            raise self._not_modified()
        before = (message.content, message.reply_markup)
        message.caption, message.caption_entities, message.reply_markup = caption, entities, markup
        self._record_edit("editMessageCaption", message.chat)
        return self._commit_edit(message, before)

    def m_editmessagereplymarkup(self, p: Params) -> Any:
        _, message = self._target_message(p, "message to edit not found")
        self._check_editable(message)
        markup = self._reply_markup(p, inline_only=True)
        if markup == message.reply_markup:
            raise self._not_modified()
        before = (message.content, message.reply_markup)
        message.reply_markup = markup
        self._record_edit("editMessageReplyMarkup", message.chat)
        return self._commit_edit(message, before)

    def _check_deletable(self, chat: SimChat, message: SimMessage) -> None:
        bot_member = chat.member(self.bot)
        if chat.is_private:
            allowed = True
        elif chat.type == "channel":
            allowed = bot_member.may("can_delete_messages") or (
                message.from_bot and bot_member.may("can_post_messages")
            )
        elif chat.type == "group":
            allowed = message.from_bot or bot_member.is_admin
        else:
            allowed = message.from_bot or bot_member.may("can_delete_messages")
        if not allowed:
            raise bad_request("message can't be deleted")
        if self.now() - message.date > DELETE_WINDOW:
            raise bad_request("message can't be deleted for everyone")

    def m_deletemessage(self, p: Params) -> Any:
        chat, message = self._target_message(p, "message to delete not found")
        self._check_deletable(chat, message)
        message.deleted = True
        self._notify()
        return True

    def m_deletemessages(self, p: Params) -> Any:
        chat = self._chat_by_param(p)
        self._check_present(chat)
        ids = p.json("message_ids", "message_ids")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise bad_request("message_ids must contain 1-100 identifiers")
        for message_id in ids:
            message = chat.message(int(message_id))
            if message is None or message.deleted:
                continue
            try:
                self._check_deletable(chat, message)
            except ApiError:
                continue
            message.deleted = True
        self._notify()
        return True

    # ----------------------------------------------------------------- callback queries

    def m_answercallbackquery(self, p: Params) -> Any:
        query_id = p.str("callback_query_id") or ""
        query = self.callback_queries.get(query_id)
        too_old = bad_request("query is too old and response timeout expired or query ID is invalid")
        if query is None or query.answered or query.expired:
            raise too_old
        if asyncio.get_running_loop().time() - query.created_at > self.callback_timeout:
            query.expired = True
            raise too_old
        text = p.str("text")
        if text is not None and len(text) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        url = p.str("url")
        if url and not url.startswith(f"https://t.me/{self.bot.username}?start="):
            raise bad_request("URL_INVALID")
        answer = CallbackAnswer(
            query.id, text or None, p.bool("show_alert"), url or None, p.int("cache_time", 0) or 0
        )
        self.answer_callback(query, answer)
        return True

    # ----------------------------------------------------------------- chats and members

    def m_getchat(self, p: Params) -> Any:
        chat = self._chat_by_param(p)
        self._check_present(chat)
        return chat.full_json()

    def _user_param(self, p: Params) -> int:
        user_id = p.int("user_id")
        if user_id is None:
            raise bad_request("invalid user_id specified")
        return user_id

    def m_getchatmember(self, p: Params) -> Any:
        chat = self._chat_by_param(p)
        self._check_present(chat)
        user_id = self._user_param(p)
        user = self.users.get(user_id)
        if user is None:
            raise bad_request("user not found")
        if chat.is_private:
            if user_id not in (chat.id, self.bot.id):
                raise bad_request("user not found")
            member = Member("member")
            return member.json(user, chat.type)
        return chat.member(user).json(user, chat.type)

    def m_getchatadministrators(self, p: Params) -> Any:
        chat = self._chat_by_param(p)
        if chat.is_private:
            raise bad_request("there are no administrators in the private chat")
        self._check_present(chat)
        return [
            member.json(self.users[user_id], chat.type)
            for user_id, member in chat.members.items()
            if member.is_admin
        ]

    def m_getchatmembercount(self, p: Params) -> Any:
        chat = self._chat_by_param(p)
        if chat.is_private:
            return 2
        self._check_present(chat)
        return sum(1 for member in chat.members.values() if member.present)

    m_getchatmemberscount = m_getchatmembercount

    def m_leavechat(self, p: Params) -> Any:
        chat = self._chat_by_param(p)
        if chat.is_private:
            raise bad_request("chat member status can't be changed in private chats")
        self._check_present(chat)
        old = chat.member(self.bot)
        new = self.set_member(chat, self.bot, "left")
        self._member_update(chat, self.bot, self.bot, old, new)
        self._new_message(chat, self.bot, service={"left_chat_member": self.bot})
        return True

    def m_pinchatmessage(self, p: Params) -> Any:
        chat, message = self._target_message(p, "message to pin not found")
        member = chat.member(self.bot)
        if chat.type == "supergroup" and not member.may("can_pin_messages"):
            raise bad_request("not enough rights to manage pinned messages in the chat")
        if chat.type == "channel" and not member.may("can_edit_messages"):
            raise bad_request("not enough rights to manage pinned messages in the chat")
        if message.message_id in chat.pinned:
            chat.pinned.remove(message.message_id)
        chat.pinned.append(message.message_id)
        if chat.type != "channel":
            self._new_message(chat, self.bot, service={"pinned_message": message})
        return True

    def m_unpinchatmessage(self, p: Params) -> Any:
        chat = self._chat_by_param(p)
        self._check_present(chat)
        member = chat.member(self.bot)
        if chat.type == "supergroup" and not member.may("can_pin_messages"):
            raise bad_request("not enough rights to manage pinned messages in the chat")
        message_id = p.int("message_id")
        if message_id:
            if message_id not in chat.pinned:
                raise bad_request("message to unpin not found")
            chat.pinned.remove(message_id)
        elif chat.pinned:
            chat.pinned.pop()
        self._notify()
        return True

    def m_unpinallchatmessages(self, p: Params) -> Any:
        chat = self._chat_by_param(p)
        self._check_present(chat)
        chat.pinned.clear()
        self._notify()
        return True

    # ----------------------------------------------------------------- files

    def m_getfile(self, p: Params) -> Any:
        """The file's ``file_path`` for a download within the hour; getFile again gives another hour."""
        stored = self.files.get(p.str("file_id") or "")
        if stored is None:
            raise bad_request("invalid file_id")
        if len(stored.data) > MAX_DOWNLOAD:
            raise bad_request("file is too big")
        if stored.file_path is None:
            folder = {"photo": "photos", "document": "documents", "sticker": "stickers"}.get(
                stored.kind, "files"
            )
            extension = _extension(stored)
            stored.file_path = (
                f"{folder}/file_{len([f for f in self.files.values() if f.file_path])}{extension}"
            )
        stored.path_given_at = self.clock()
        return stored.file()

    def download(self, path: str) -> StoredFile | None:
        """The file behind a download link: only a ``file_path`` getFile gave out, within its hour."""
        for stored in self.files.values():
            if stored.file_path == path and stored.path_given_at is not None:
                if self.clock() - stored.path_given_at > FILE_LINK_SECONDS:
                    return None
                self.downloads.append(stored.file_id)
                return stored
        return None


def _extension(stored: StoredFile) -> str:
    if stored.file_name and "." in stored.file_name:
        return "." + stored.file_name.rsplit(".", 1)[1]
    data = stored.data
    if data.startswith(b"\x89PNG"):
        return ".png"
    if data.startswith(b"\xff\xd8"):
        return ".jpg"
    if data.startswith(b"RIFF"):
        return ".webp"
    return ""


def _valid_button_url(url: str) -> bool:
    """URLs Telegram accepts on buttons: http(s) and tg links, or a bare domain (read as http)."""
    if re.fullmatch(r"(?i)https?://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?([/?#]\S*)?", url):
        host = re.split(r"[/:?#]", url.split("://", 1)[1])[0]
        return "." in host or host.lower() == "localhost"
    if re.fullmatch(r"(?i)tg://[a-z_]+(\?\S*)?", url):
        return True
    return bool(re.fullmatch(r"(?i)[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}([/?#]\S*)?", url))
