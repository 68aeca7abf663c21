"""The state behind the server and the rules by which it changes: who is where, who sees what.

``World`` holds people, chats, messages, files and the queue of updates, and implements what happens
when a simulated person acts (a message, a button press, joining a group) and which of those the bot
is told about: privacy mode in groups, bots not seeing other bots, ``allowed_updates``, chat_member
updates only for administrators, poll and poll_answer updates only for the bot's own polls. The Bot API
methods (``methods.py``) and the HTTP layer (``server.py``) build on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import mimetypes
import re
import secrets
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .errors import SimulationError
from .media import image_size, make_png
from .model import (
    MEMBER_STATUSES,
    Button,
    CallbackAnswer,
    Member,
    PollView,
    SimCallbackQuery,
    SimChat,
    SimMessage,
    SimPoll,
    SimTopic,
    SimUser,
    StoredFile,
    default_admin_rights,
)
from .text import CAPTION_MAX, finish_text, utf16_len
from .webhook import WebhookState

UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "callback_query",
        "my_chat_member",
        "chat_member",
        "message_reaction",
        "message_reaction_count",
        "inline_query",
        "chosen_inline_result",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
    }
)
DEFAULT_ALLOWED_UPDATES = UPDATE_TYPES - {"chat_member", "message_reaction", "message_reaction_count"}


class World:
    """People, chats, messages and pending updates, with Telegram's rules for changing them."""

    def __init__(
        self,
        token: str,
        bot_username: str,
        bot_name: str,
        *,
        privacy_mode: bool,
        callback_timeout: float,
        clock: Callable[[], float],
    ) -> None:
        self.token = token
        bot_id = token.split(":", 1)[0]
        self.bot = SimUser(
            self, int(bot_id) if bot_id.isdigit() else 1, bot_name, username=bot_username, is_bot=True
        )
        self.privacy_mode = privacy_mode
        self.callback_timeout = callback_timeout
        self.clock = clock
        self.users: dict[int, SimUser] = {self.bot.id: self.bot}
        self.chats: dict[int, SimChat] = {}
        self.files: dict[str, StoredFile] = {}
        #: the file ids of every download the bot made, in order
        self.downloads: list[str] = []
        self.callback_queries: dict[str, SimCallbackQuery] = {}
        #: every poll the bot sent, by poll id
        self.polls: dict[str, SimPoll] = {}
        self.updates: list[dict[str, Any]] = []
        self.allowed_updates: frozenset[str] = DEFAULT_ALLOWED_UPDATES
        self.dropped_updates: list[dict[str, Any]] = []
        #: every update queued for the bot, confirmed or not, for ``redeliver``
        self.emitted_updates: list[dict[str, Any]] = []
        #: the webhook set with setWebhook (``webhook.config``; None: the bot polls) and its deliveries
        self.webhook = WebhookState()
        self._next_update_id = 800_000_001
        self._next_user_id = 5_000_000_001
        self._next_group = 1
        self._file_counter = 0
        self._changed = asyncio.Event()

    # ----------------------------------------------------------------- change notification

    def _notify(self) -> None:
        """Wake everyone waiting for a change (long polls, ``wait_for``, button presses)."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_change(self, timeout: float | None) -> None:
        event = self._changed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)

    def now(self) -> int:
        """The Unix time put into ``date`` fields."""
        return int(self.clock())

    # ----------------------------------------------------------------- people and chats

    def add_user(
        self,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        is_bot: bool = False,
        is_premium: bool = False,
        user_id: int | None = None,
    ) -> SimUser:
        """Create a person (or, with ``is_bot``, another bot) who can then act through the returned object."""
        if user_id is None:
            user_id = self._next_user_id
            self._next_user_id += 1
        if user_id in self.users:
            raise ValueError(f"user id {user_id} is taken")
        user = SimUser(
            self,
            user_id,
            first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
            is_bot=is_bot,
            is_premium=is_premium,
        )
        self.users[user_id] = user
        return user

    def add_group(
        self,
        title: str,
        *,
        supergroup: bool = False,
        username: str | None = None,
        creator: SimUser | None = None,
        members: Iterable[SimUser] = (),
        forum: bool = False,
    ) -> SimChat:
        """Create a group (basic, or a supergroup); ``creator`` and ``members`` join silently.

        ``forum``: a supergroup with topics (``create_topic``); its General topic has no thread id."""
        if forum and not supergroup:
            raise SimulationError("only supergroups have topics")
        number = self._next_group
        self._next_group += 1
        chat_id = -(1_002_000_000_000 + number) if supergroup else -(4_000_000_000 + number)
        chat = SimChat(self, chat_id, "supergroup" if supergroup else "group", title=title, username=username)
        chat.is_forum = forum
        self.chats[chat_id] = chat
        if creator is not None:
            self.set_member(chat, creator, "creator")
        for member in members:
            self.set_member(chat, member, "member")
        return chat

    def add_channel(
        self, title: str, *, username: str | None = None, creator: SimUser | None = None
    ) -> SimChat:
        """Create a channel; its creator (or any administrator) posts with ``send_text``."""
        number = self._next_group
        self._next_group += 1
        chat = SimChat(self, -(1_003_000_000_000 + number), "channel", title=title, username=username)
        self.chats[chat.id] = chat
        if creator is not None:
            self.set_member(chat, creator, "creator")
        return chat

    def private_chat(self, user: SimUser) -> SimChat:
        """The private chat between ``user`` and the bot (its id is the user's id)."""
        chat = self.chats.get(user.id)
        if chat is None:
            chat = SimChat(self, user.id, "private", user=user)
            self.chats[user.id] = chat
        return chat

    def set_member(
        self,
        chat: SimChat,
        user: SimUser,
        status: str = "member",
        *,
        rights: dict[str, bool] | None = None,
        is_member: bool = True,
        until_date: int = 0,
        custom_title: str | None = None,
    ) -> Member:
        """Set someone's standing in a group silently (no service message, no update).

        ``status`` is one of creator, administrator, member, restricted, left, kicked. ``rights`` are
        administrator rights or, for ``restricted``, the permissions kept (all False otherwise).
        """
        if status not in MEMBER_STATUSES:
            raise ValueError(f"status must be one of {MEMBER_STATUSES}")
        if chat.is_private:
            raise SimulationError("private chats have no members to set")
        if status == "creator":
            for other_id, other in chat.members.items():
                if other.status == "creator" and other_id != user.id:
                    raise SimulationError(f"{chat.title} already has a creator")
        if status == "administrator":
            stored = {**default_admin_rights(chat.type), **(rights or {})}
        else:
            stored = dict(rights or {})
        member = Member(status, stored, is_member, until_date, custom_title)
        chat.members[user.id] = member
        self._notify()
        return member

    def _member_update(self, chat: SimChat, user: SimUser, actor: SimUser, old: Member, new: Member) -> None:
        """Send my_chat_member (about the bot) or chat_member (about anyone else, to an admin bot)."""
        payload = {
            "chat": chat.json(),
            "from": actor.json(),
            "date": self.now(),
            "old_chat_member": old.json(user, chat.type),
            "new_chat_member": new.json(user, chat.type),
        }
        if user is self.bot:
            self._emit("my_chat_member", payload)
        elif chat.is_private or chat.member(self.bot).is_admin:
            self._emit("chat_member", payload)

    def _admin_of(self, chat: SimChat) -> SimUser:
        for user_id, member in chat.members.items():
            if member.status == "creator" and user_id != self.bot.id:
                return self.users[user_id]
        for user_id, member in chat.members.items():
            if member.status == "administrator" and user_id != self.bot.id:
                return self.users[user_id]
        raise SimulationError(f"{chat.title} has no administrator who could do that; pass by=")

    async def add_bot_to_group(
        self,
        chat: SimChat,
        *,
        by: SimUser | None = None,
        as_admin: bool = False,
        rights: dict[str, bool] | None = None,
    ) -> SimMessage:
        """``by`` adds the bot to the group: my_chat_member update plus a ``new_chat_members`` message."""
        actor = by or self._admin_of(chat)
        if not chat.member(actor).present:
            raise SimulationError(f"{actor} is not in {chat.title} and cannot add the bot")
        old = chat.member(self.bot)
        if old.present:
            raise SimulationError(f"the bot is already in {chat.title}")
        if as_admin and not chat.member(actor).is_admin:
            raise SimulationError(f"{actor} is no administrator and cannot add the bot as one")
        new = self.set_member(chat, self.bot, "administrator" if as_admin else "member", rights=rights)
        self._member_update(chat, self.bot, actor, old, new)
        message = self._new_message(chat, actor, service={"new_chat_members": [self.bot]})
        self._deliver(message)
        return message

    async def promote_bot(
        self, chat: SimChat, *, by: SimUser | None = None, rights: dict[str, bool] | None = None
    ) -> None:
        """Make the bot an administrator of a group it is in (my_chat_member update)."""
        actor = by or self._admin_of(chat)
        old = chat.member(self.bot)
        if not old.present:
            raise SimulationError(f"the bot is not in {chat.title}")
        new = self.set_member(chat, self.bot, "administrator", rights=rights)
        self._member_update(chat, self.bot, actor, old, new)

    async def demote_bot(self, chat: SimChat, *, by: SimUser | None = None) -> None:
        """Take the bot's administrator rights away (my_chat_member update)."""
        actor = by or self._admin_of(chat)
        old = chat.member(self.bot)
        if old.status != "administrator":
            raise SimulationError(f"the bot is no administrator of {chat.title}")
        new = self.set_member(chat, self.bot, "member")
        self._member_update(chat, self.bot, actor, old, new)

    async def remove_bot_from_group(self, chat: SimChat, *, by: SimUser | None = None) -> SimMessage:
        """``by`` removes the bot: my_chat_member (kicked) and a ``left_chat_member`` service message."""
        actor = by or self._admin_of(chat)
        old = chat.member(self.bot)
        if not old.present:
            raise SimulationError(f"the bot is not in {chat.title}")
        new = self.set_member(chat, self.bot, "kicked")
        self._member_update(chat, self.bot, actor, old, new)
        return self._new_message(chat, actor, service={"left_chat_member": self.bot})

    async def migrate_to_supergroup(self, chat: SimChat, *, by: SimUser | None = None) -> SimChat:
        """Upgrade a basic group to a supergroup with a new id, as Telegram does.

        The old group gets a ``migrate_to_chat_id`` service message, the new one ``migrate_from_chat_id``;
        members move over; the old id answers "group chat was upgraded to a supergroup chat" from then on.
        People acting on the old chat object act in the new one.
        """
        if chat.type != "group":
            raise SimulationError("only basic groups migrate")
        actor = by or self._admin_of(chat)
        number = self._next_group
        self._next_group += 1
        new = SimChat(self, -(1_002_000_000_000 + number), "supergroup", title=chat.title)
        self.chats[new.id] = new
        new.members = {
            user_id: Member(m.status, dict(m.rights), m.is_member, m.until_date, m.custom_title)
            for user_id, m in chat.members.items()
        }
        chat.migrated_to = new
        new.migrated_from = chat
        old_message = self._new_message(chat, actor, service={"migrate_to_chat_id": new.id})
        self._deliver(old_message)
        new_message = self._new_message(new, actor, service={"migrate_from_chat_id": chat.id})
        self._deliver(new_message)
        return new

    # ----------------------------------------------------------------- forum topics

    async def create_topic(self, chat: SimChat, name: str, *, by: SimUser | None = None) -> int:
        """``by`` opens a topic in a forum supergroup: a ``forum_topic_created`` service message, whose id
        is the topic's ``message_thread_id``; returns it."""
        if not chat.is_forum:
            raise SimulationError(f"{chat.title} has no topics")
        if not 1 <= len(name) <= 128:
            raise SimulationError("a topic's name has 1-128 characters")
        actor = by or self._admin_of(chat)
        if not chat.member(actor).present:
            raise SimulationError(f"{actor} is not in {chat.title}")
        thread_id = chat.next_message_id
        topic = SimTopic(thread_id, name)
        chat.topics[thread_id] = topic
        message = self._new_message(chat, actor, service={"forum_topic_created": topic}, thread_id=thread_id)
        self._deliver(message)
        return thread_id

    async def delete_topic(self, chat: SimChat, thread_id: int) -> None:
        """Delete a topic with all its messages, as an administrator can; the bot is not told (Telegram
        sends no update), and sending into it fails with "message thread not found"."""
        topic = chat.topic(thread_id)
        if topic is None:
            raise SimulationError(f"{chat.title} has no topic {thread_id}")
        topic.deleted = True
        for message in chat.messages:
            if message.thread_id == thread_id:
                message.deleted = True
        self._notify()

    def thread_of_reply(
        self, chat: SimChat, reply_to: SimMessage | None, thread_id: int | None
    ) -> int | None:
        """The topic a new message lands in: the one given, else that of the message it replies to."""
        if thread_id is None and reply_to is not None and chat.is_forum:
            return reply_to.thread_id
        return thread_id

    # ----------------------------------------------------------------- messages and files

    def _new_message(self, chat: SimChat, sender: SimUser | None, **fields: Any) -> SimMessage:
        message = SimMessage(chat, chat.next_message_id, self.now(), sender, **fields)
        chat.next_message_id += 1
        chat.append(message)
        if sender is not None and sender.is_bot:
            chat.last_bot_sender = sender.id
        self._notify()
        return message

    def _store_file(
        self,
        data: bytes,
        kind: str,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> StoredFile:
        self._file_counter += 1
        prefix = {"photo": "AgAC", "document": "BQAC", "sticker": "CAAC"}.get(kind, "AAAC")
        stored = StoredFile(
            file_id=f"{prefix}{self._file_counter:06d}{secrets.token_urlsafe(18)}",
            file_unique_id=f"AQAD{secrets.token_urlsafe(8)}",
            data=data,
            kind=kind,
            file_name=file_name,
            mime_type=mime_type or (mimetypes.guess_type(file_name)[0] if file_name else None),
        )
        if kind in ("photo", "sticker"):
            stored.width, stored.height = image_size(data) or (512, 512)
        self.files[stored.file_id] = stored
        return stored

    # ----------------------------------------------------------------- updates

    def _emit(self, kind: str, payload: dict[str, Any]) -> None:
        """Queue an update for getUpdates, unless ``allowed_updates`` excludes its type."""
        update = {"update_id": self._next_update_id, kind: payload}
        self._next_update_id += 1
        if kind in self.allowed_updates:
            self.updates.append(update)
            self.emitted_updates.append(update)
        else:
            self.dropped_updates.append(update)
        self._notify()

    def confirm_update(self, update_id: int) -> None:
        """The bot took an update (a webhook answered 2xx): it is no longer pending."""
        self.updates[:] = [u for u in self.updates if u["update_id"] != update_id]
        self._notify()

    def redeliver(self, updates: list[dict[str, Any]] | None = None, *, last: int | None = None) -> list[int]:
        """Offer updates once more, as Telegram does when a bot stops before it confirmed them.

        ``updates`` (default: every update so far, or the ``last`` n) keep their ``update_id``; a
        ``getUpdates`` whose offset does not confirm them, such as a restarted bot's first one, returns them
        again. Returns the ids offered again.
        """
        chosen = list(updates if updates is not None else self.emitted_updates)
        if last is not None:
            chosen = chosen[-last:]
        pending = {update["update_id"]: update for update in self.updates}
        for update in chosen:
            pending.setdefault(update["update_id"], update)
        self.updates[:] = [pending[key] for key in sorted(pending)]
        self._notify()
        return [update["update_id"] for update in chosen]

    def _bot_sees(self, message: SimMessage) -> bool:
        """Whether the bot is told about a message in a group: privacy mode as Telegram documents it."""
        chat = message.chat
        if chat.is_private:
            return message.sender is not None and not message.sender.is_bot
        bot_member = chat.member(self.bot)
        if not bot_member.present:
            return False
        if chat.type == "channel":
            return True
        if message.sender is not None and message.sender.is_bot:
            return False
        if not self.privacy_mode or bot_member.is_admin or message.is_service:
            return True
        if message.reply_to is not None and message.reply_to.from_bot:
            return True
        text = message.text if message.text is not None else (message.caption or "")
        entities = message.entities if message.text is not None else message.caption_entities
        for entity in entities:
            if entity["type"] == "bot_command" and entity["offset"] == 0:
                command = text[: entity["length"]]
                if "@" in command:
                    return command.split("@", 1)[1].lower() == (self.bot.username or "").lower()
                return chat.last_bot_sender in (None, self.bot.id)
        return False

    def _deliver(self, message: SimMessage, *, edited: bool = False) -> None:
        if not self._bot_sees(message):
            return
        kind = "channel_post" if message.chat.type == "channel" else "message"
        self._emit(f"edited_{kind}" if edited else kind, message.json())

    # ----------------------------------------------------------------- what people do

    def _user_target(self, user: SimUser, chat: SimChat | None) -> SimChat:
        if user.deactivated:
            raise SimulationError(f"{user} deleted their account")
        if chat is None or (chat.is_private and chat.user is user):
            if user.is_bot:
                raise SimulationError("bots cannot write to other bots")
            return self.private_chat(user)
        if chat.is_private:
            raise SimulationError(f"{user} cannot write into someone else's private chat")
        while chat.migrated_to is not None:
            chat = chat.migrated_to
        member = chat.member(user)
        if chat.type == "channel":
            if not member.is_admin:
                raise SimulationError(f"{user} is no administrator of the channel {chat.title}")
        elif not member.present:
            raise SimulationError(f"{user} is not a member of {chat.title} ({member.status})")
        return chat

    async def _user_send(
        self,
        user: SimUser,
        chat: SimChat | None,
        *,
        text: str | None = None,
        photo: bytes | None = None,
        document: tuple[bytes, str] | None = None,
        sticker: str | None = None,
        caption: str | None = None,
        reply_to: SimMessage | None = None,
        topic: int | None = None,
        mime_type: str | None = None,
    ) -> SimMessage:
        target = self._user_target(user, chat)
        member = target.member(user)
        fields: dict[str, Any] = {}
        if text is not None:
            if not text.strip():
                raise SimulationError("Telegram's apps do not send empty messages")
            if utf16_len(text) > 4096:
                raise SimulationError("Telegram's apps split texts over 4096 characters")
            fields["text"], fields["entities"] = finish_text(text, [])
        if caption is not None:
            if utf16_len(caption) > CAPTION_MAX:
                raise SimulationError(f"Telegram's apps allow captions of {CAPTION_MAX} characters")
            fields["caption"], fields["caption_entities"] = finish_text(caption, [])
        if photo is not None or (text is None and document is None and sticker is None):
            if target.member(user).status == "restricted" and not member.may("can_send_photos"):
                raise SimulationError(f"{user} may not send photos in {target.title}")
            fields["photo"] = self._store_file(photo if photo is not None else make_png(), "photo")
        if document is not None:
            fields["document"] = self._store_file(
                document[0], "document", file_name=document[1], mime_type=mime_type
            )
        if sticker is not None:
            fields["sticker"] = self._store_file(b"RIFF\x00\x00\x00\x00WEBPVP8 ", "sticker")
            fields["sticker_emoji"] = sticker
        if text is not None and member.status == "restricted" and not member.may("can_send_messages"):
            raise SimulationError(f"{user} may not send messages in {target.title}")
        if reply_to is not None:
            if reply_to.chat is not target or reply_to.deleted:
                raise SimulationError("a reply must be to a visible message in the same chat")
            fields["reply_to"] = reply_to
        if topic is not None:
            found = target.topic(topic)
            if found is None:
                raise SimulationError(f"{target.title_or_name} has no topic {topic}")
            if reply_to is None:
                # in a topic, Telegram shows every message as a reply to the message that opened it
                fields["reply_to"] = target.message(found.id)
        fields["thread_id"] = self.thread_of_reply(target, reply_to, topic)
        if target.is_private:
            user.started = True
            if user.blocked:
                self._set_blocked(user, False)
        sender = None if target.type == "channel" else user
        if sender is None:
            fields["sender_chat"] = target
        message = self._new_message(target, sender, **fields)
        self._deliver(message)
        return message

    async def _user_open_url(self, user: SimUser, url: str) -> SimMessage | None:
        user.opened_urls.append(url)
        parts = urlsplit(url)
        host = parts.netloc.lower()
        path = parts.path.strip("/")
        if parts.scheme == "tg" and host == "resolve":
            query = parse_qs(parts.query)
            path = query.get("domain", [""])[0]
        elif host not in ("t.me", "telegram.me"):
            self._notify()
            return None
        if path.lower() != (self.bot.username or "").lower():
            self._notify()
            return None
        start = parse_qs(parts.query).get("start")
        if start is not None:
            payload = start[0]
            if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", payload):
                raise SimulationError(f"Telegram ignores the invalid start parameter {payload!r}")
            return await user.start(payload)
        return await user.start()

    async def _user_edit(self, user: SimUser, message: SimMessage, text: str) -> SimMessage:
        if message.sender is not user or message.text is None or message.deleted:
            raise SimulationError("people can edit only their own visible text messages")
        new_text, entities = finish_text(text, [])
        if not new_text:
            raise SimulationError("Telegram's apps do not allow emptying a message")
        message.history.append((message.text, message.reply_markup))
        message.text, message.entities = new_text, entities
        message.edit_date = self.now()
        message.edit_count += 1
        self._notify()
        self._deliver(message, edited=True)
        return message

    def _can_see(self, user: SimUser, message: SimMessage) -> bool:
        chat = message.chat
        if message.deleted:
            return False
        if chat.is_private:
            return chat.user is user
        return chat.member(user).present or (chat.type == "channel")

    def _find_button(
        self, message: SimMessage, text: str | None, data: str | None, *, want_url: bool
    ) -> Button:
        buttons = [button for row in message.buttons for button in row]
        if data is not None:
            matches = [b for b in buttons if b.data == data]
        else:
            if text is None:
                raise SimulationError("press needs the button's text or its data")
            matches = [b for b in buttons if b.text == text] or [
                b for b in buttons if b.text.startswith(text)
            ]
        if not matches:
            raise SimulationError(f"no button {text or data!r} on {message!r}; buttons: {message.buttons}")
        if len(matches) > 1:
            raise SimulationError(f"{text!r} matches several buttons: {matches}")
        button = matches[0]
        if want_url and button.url is None:
            raise SimulationError(f"{button!r} is a callback button; use press()")
        if not want_url and button.data is None:
            raise SimulationError(f"{button!r} opens a link; use follow() or open_url()")
        return button

    async def _user_press(
        self, user: SimUser, message: SimMessage, data: str, *, wait: bool, timeout: float
    ) -> SimCallbackQuery:
        if not self._can_see(user, message):
            raise SimulationError(f"{user} cannot see {message!r}")
        query = SimCallbackQuery(
            id=str(secrets.randbits(62) + 10**17),
            user=user,
            message=message,
            data=data,
            chat_instance=message.chat.chat_instance,
            created_at=asyncio.get_running_loop().time(),
        )
        self.callback_queries[query.id] = query
        self._emit("callback_query", query.json())
        if wait:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + timeout
            while query.answer is None and loop.time() < deadline:
                await self._wait_change(deadline - loop.time())
        return query

    async def _user_join(self, user: SimUser, chat: SimChat) -> SimMessage:
        while chat.migrated_to is not None:
            chat = chat.migrated_to
        if not chat.is_group:
            raise SimulationError("people join groups")
        old = chat.member(user)
        if old.present:
            raise SimulationError(f"{user} is already in {chat.title}")
        if old.status == "kicked":
            raise SimulationError(f"{user} was banned from {chat.title}")
        new = self.set_member(chat, user, "member")
        self._member_update(chat, user, user, old, new)
        message = self._new_message(chat, user, service={"new_chat_members": [user]})
        self._deliver(message)
        return message

    async def _user_leave(self, user: SimUser, chat: SimChat) -> SimMessage:
        while chat.migrated_to is not None:
            chat = chat.migrated_to
        old = chat.member(user)
        if not old.present:
            raise SimulationError(f"{user} is not in {chat.title}")
        new = self.set_member(chat, user, "left")
        self._member_update(chat, user, user, old, new)
        message = self._new_message(chat, user, service={"left_chat_member": user})
        self._deliver(message)
        return message

    def _set_blocked(self, user: SimUser, blocked: bool) -> None:
        if user.blocked == blocked:
            return
        user.blocked = blocked
        chat = self.private_chat(user)
        old = Member("member" if blocked else "kicked")
        new = Member("kicked" if blocked else "member")
        self._member_update(chat, self.bot, user, old, new)

    # ----------------------------------------------------------------- polls

    def _close_poll(self, poll: SimPoll) -> None:
        """Close a poll and tell the bot its final state, as Telegram does for polls a bot sent."""
        poll.is_closed = True
        self._emit("poll", poll.json())

    def close_due_polls(self) -> list[PollView]:
        """Close every open poll whose ``open_period`` / ``close_date`` has passed on the server's clock.

        Telegram closes such polls by itself; here time only moves when the clock says so, so the check
        runs whenever a request arrives, a person votes, a long poll wakes, or ``wait_for`` re-checks,
        and a test may call it directly after moving its clock. Each poll closed sends a ``poll`` update,
        except a poll whose message was deleted: nobody sees it close. Returns the polls it closed.
        """
        now = self.clock()
        closed = []
        for poll in self.polls.values():
            if poll.is_closed or poll.close_date is None or now < poll.close_date:
                continue
            if poll.message is not None and poll.message.deleted:
                poll.is_closed = True
                continue
            self._close_poll(poll)
            closed.append(PollView(poll))
        return closed

    def _seconds_to_next_poll_close(self) -> float | None:
        """Clock seconds until the next timed poll closes (None: no open timed poll)."""
        dates = [
            poll.close_date
            for poll in self.polls.values()
            if not poll.is_closed and poll.close_date is not None
        ]
        return max(0.0, min(dates) - self.clock()) if dates else None

    def _votable_poll(self, user: SimUser, message: SimMessage) -> SimPoll:
        """The poll ``user`` may vote in through ``message``, or why Telegram's apps would not let them."""
        poll = message.poll_state
        if poll is None:
            raise SimulationError(f"{message!r} shows no poll")
        if user.is_bot:
            raise SimulationError("bots cannot vote in polls")
        if user.deactivated:
            raise SimulationError(f"{user} deleted their account")
        chat = message.chat
        if message.deleted:
            raise SimulationError(f"{user} cannot see the deleted {message!r}")
        if chat.is_private:
            if chat.user is not user:
                raise SimulationError(f"{user} cannot see a poll in someone else's private chat")
        elif not chat.member(user).present:
            raise SimulationError(
                f"{user} is not a member of {chat.title} ({chat.member(user).status}) and cannot vote"
            )
        self.close_due_polls()
        if poll.is_closed:
            raise SimulationError(f"the poll {poll.question!r} is closed")
        return poll

    @staticmethod
    def _option_index(poll: SimPoll, option: int | str) -> int:
        if isinstance(option, bool) or not isinstance(option, (int, str)):
            raise SimulationError(f"options are indices or texts, not {option!r}")
        texts = [o.text for o in poll.options]
        if isinstance(option, int):
            if not 0 <= option < len(texts):
                raise SimulationError(f"the poll has no option {option}; options: {texts}")
            return option
        matches = [index for index, text in enumerate(texts) if text == option]
        if not matches:
            raise SimulationError(f"the poll has no option {option!r}; options: {texts}")
        if len(matches) > 1:
            raise SimulationError(f"several options read {option!r}; vote by index")
        return matches[0]

    def _record_vote(self, poll: SimPoll, user: SimUser, chosen: tuple[int, ...]) -> None:
        """Store the new choice and send what Telegram sends the poll's bot: the answer, then the counts."""
        if chosen:
            poll.votes[user.id] = chosen
        else:
            poll.votes.pop(user.id, None)
        if not poll.is_anonymous:
            self._emit("poll_answer", poll.answer_json(user))
        self._emit("poll", poll.json())

    async def _user_vote(self, user: SimUser, message: SimMessage, options: Sequence[int | str]) -> PollView:
        poll = self._votable_poll(user, message)
        chosen = tuple(sorted({self._option_index(poll, option) for option in options}))
        if not chosen:
            raise SimulationError("a vote needs at least one option; retract_vote() takes a vote back")
        if len(chosen) > 1 and not poll.allows_multiple_answers:
            raise SimulationError(f"the poll {poll.question!r} allows one answer only")
        previous = poll.votes.get(user.id)
        if previous is not None and not poll.allows_revoting:
            raise SimulationError(f"the poll {poll.question!r} does not allow changing a vote")
        if previous != chosen:
            self._record_vote(poll, user, chosen)
        return PollView(poll)

    async def _user_retract_vote(self, user: SimUser, message: SimMessage) -> PollView:
        poll = self._votable_poll(user, message)
        if not poll.allows_revoting:
            raise SimulationError(f"the poll {poll.question!r} does not allow retracting a vote")
        if user.id not in poll.votes:
            raise SimulationError(f"{user} has not voted in the poll {poll.question!r}")
        self._record_vote(poll, user, ())
        return PollView(poll)

    # ----------------------------------------------------------------- callback answers

    def answer_callback(self, query: SimCallbackQuery, answer: CallbackAnswer) -> None:
        query.answer = answer
        query.user.callback_answers.append(answer)
        self._notify()

    def expire_callback_queries(self) -> None:
        """Make every unanswered button press too old to answer."""
        for query in self.callback_queries.values():
            query.expired = True

    def now_monotonic(self) -> float:
        return time.monotonic()
