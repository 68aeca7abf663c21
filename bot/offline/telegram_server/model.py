"""The simulated Telegram world: people, chats, messages, buttons, callback queries, files.

Objects here are live: a ``SimMessage`` is updated in place when the bot edits or deletes it, so a test
that holds one sees its current state. Each object renders itself as the Bot API's JSON (``json()``),
shaped as https://core.telegram.org/bots/api documents User, Chat, ChatFullInfo, Message, ChatMember,
CallbackQuery, PhotoSize, Document, Sticker, File, Poll, PollOption and PollAnswer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .text import entities_to_html

ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)
ADMIN_RIGHTS_GROUP_ONLY = ("can_pin_messages", "can_manage_topics")
ADMIN_RIGHTS_CHANNEL_ONLY = ("can_post_messages", "can_edit_messages")
RESTRICTED_PERMISSIONS = (
    "can_send_messages",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_manage_topics",
    "can_edit_tag",
)
MEMBER_STATUSES = ("creator", "administrator", "member", "restricted", "left", "kicked")


def default_admin_rights(chat_type: str) -> dict[str, bool]:
    """What an administrator may do when a test gives no rights: what Telegram's apps preselect."""
    rights = dict.fromkeys(ADMIN_RIGHTS, True)
    rights["can_promote_members"] = False
    if chat_type == "channel":
        rights.update(can_post_messages=True, can_edit_messages=True)
    else:
        rights.update(can_pin_messages=True, can_manage_topics=False)
    return rights


@dataclass
class Member:
    """A person's (or the bot's) standing in a group: status plus rights or restrictions."""

    status: str
    rights: dict[str, bool] = field(default_factory=dict)
    is_member: bool = True
    until_date: int = 0
    custom_title: str | None = None

    @property
    def present(self) -> bool:
        """Whether the member is in the chat now (``restricted`` members only with ``is_member``)."""
        if self.status == "restricted":
            return self.is_member
        return self.status in ("creator", "administrator", "member")

    @property
    def is_admin(self) -> bool:
        return self.status in ("creator", "administrator")

    def may(self, right: str) -> bool:
        """Whether the member may do ``right`` (a ChatPermissions or administrator right name)."""
        if self.status == "creator":
            return True
        if self.status == "restricted":
            return self.is_member and self.rights.get(right, False)
        if self.status == "administrator":
            return self.rights.get(right, right not in ADMIN_RIGHTS + ADMIN_RIGHTS_GROUP_ONLY)
        admin_only = ADMIN_RIGHTS + ADMIN_RIGHTS_GROUP_ONLY + ADMIN_RIGHTS_CHANNEL_ONLY
        return self.status == "member" and right not in admin_only

    def json(self, user: SimUser, chat_type: str) -> dict[str, Any]:
        """The ChatMember object for this status, with the fields its variant requires."""
        body: dict[str, Any] = {"status": self.status, "user": user.json()}
        if self.status == "creator":
            body["is_anonymous"] = False
            if self.custom_title:
                body["custom_title"] = self.custom_title
        elif self.status == "administrator":
            rights = {**default_admin_rights(chat_type), **self.rights}
            body["can_be_edited"] = False
            body["is_anonymous"] = False
            for name in ADMIN_RIGHTS:
                body[name] = rights.get(name, False)
            extra = ADMIN_RIGHTS_CHANNEL_ONLY if chat_type == "channel" else ADMIN_RIGHTS_GROUP_ONLY
            for name in extra:
                body[name] = rights.get(name, False)
            if self.custom_title:
                body["custom_title"] = self.custom_title
        elif self.status == "member":
            if self.until_date:
                body["until_date"] = self.until_date
        elif self.status == "restricted":
            body["is_member"] = self.is_member
            for name in RESTRICTED_PERMISSIONS:
                body[name] = self.rights.get(name, False)
            body["until_date"] = self.until_date
        elif self.status == "kicked":
            body["until_date"] = self.until_date
        return body


@dataclass(eq=False)
class StoredFile:
    """A file the server holds: uploaded by the bot or sent by a simulated person."""

    file_id: str
    file_unique_id: str
    data: bytes
    kind: str
    file_name: str | None = None
    mime_type: str | None = None
    width: int = 0
    height: int = 0
    file_path: str | None = None
    #: when (server clock) getFile last gave out ``file_path``: the download link lives an hour from then
    path_given_at: float | None = None

    def photo_size(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "width": self.width,
            "height": self.height,
            "file_size": len(self.data),
        }

    def document(self) -> dict[str, Any]:
        body: dict[str, Any] = {"file_id": self.file_id, "file_unique_id": self.file_unique_id}
        if self.file_name:
            body["file_name"] = self.file_name
        if self.mime_type:
            body["mime_type"] = self.mime_type
        body["file_size"] = len(self.data)
        return body

    def file(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }
        if self.file_path:
            body["file_path"] = self.file_path
        return body


class Button(tuple):
    """An inline keyboard button as a person sees it: ``(text, callback_data or url)``.

    It compares equal to that plain pair; ``.text``, ``.data`` and ``.url`` name the parts.
    """

    text: str
    data: str | None
    url: str | None

    def __new__(cls, text: str, data: str | None = None, url: str | None = None) -> Button:
        self = super().__new__(cls, (text, data if data is not None else url))
        self.text = text
        self.data = data
        self.url = url
        return self

    def __repr__(self) -> str:
        target = f"data={self.data!r}" if self.data is not None else f"url={self.url!r}"
        return f"Button({self.text!r}, {target})"


@dataclass(eq=False)
class CallbackAnswer:
    """What a person saw after pressing a button: a toast or, with ``show_alert``, an alert."""

    query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int


@dataclass(eq=False)
class SimCallbackQuery:
    """A button press; ``answer`` is filled in when the bot calls answerCallbackQuery."""

    id: str
    user: SimUser
    message: SimMessage
    data: str
    chat_instance: str
    created_at: float
    answer: CallbackAnswer | None = None
    expired: bool = False

    @property
    def answered(self) -> bool:
        return self.answer is not None

    @property
    def answer_text(self) -> str | None:
        """The toast or alert text the person saw (None: no answer yet, or an empty one)."""
        return self.answer.text if self.answer else None

    @property
    def show_alert(self) -> bool:
        return bool(self.answer and self.answer.show_alert)

    def expire(self) -> None:
        """Make the query too old to answer, as if Telegram's answer timeout had passed."""
        self.expired = True

    def json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "from": self.user.json(),
            "message": self.message.json(),
            "chat_instance": self.chat_instance,
            "data": self.data,
        }


@dataclass(eq=False)
class SimPollOption:
    """One answer option of a poll: its text and the id that stays the same while options come and go."""

    text: str
    entities: list[dict[str, Any]]
    persistent_id: str


@dataclass(eq=False)
class SimPoll:
    """A native poll the bot sent, with every voter's current choice.

    Counts are derived from ``votes`` (user id -> chosen option indices) rather than kept apart, so the
    numbers the bot sees always agree with the answers people gave. ``close_date`` is the Unix time at
    which the poll closes by itself (``open_period`` seconds after it was sent), on the server's clock.
    """

    id: str
    question: str
    question_entities: list[dict[str, Any]]
    options: list[SimPollOption]
    is_anonymous: bool
    type: str
    allows_multiple_answers: bool
    allows_revoting: bool
    open_period: int | None = None
    close_date: int | None = None
    is_closed: bool = False
    votes: dict[int, tuple[int, ...]] = field(default_factory=dict)
    message: SimMessage | None = None

    def voter_count(self, index: int) -> int:
        """How many people chose option ``index`` (from 0)."""
        return sum(1 for chosen in self.votes.values() if index in chosen)

    @property
    def total_voter_count(self) -> int:
        """How many people voted (a multiple-answer vote counts once)."""
        return len(self.votes)

    def json(self) -> dict[str, Any]:
        """The Poll object, with every option's count as bots see them.

        ``open_period`` and ``close_date`` appear together, as the Bot API server writes them once
        Telegram has fixed both from either one.
        """
        body: dict[str, Any] = {"id": self.id, "question": self.question}
        if self.question_entities:
            body["question_entities"] = self.question_entities
        options = []
        for index, option in enumerate(self.options):
            item: dict[str, Any] = {"persistent_id": option.persistent_id, "text": option.text}
            if option.entities:
                item["text_entities"] = option.entities
            item["voter_count"] = self.voter_count(index)
            options.append(item)
        body["options"] = options
        body["total_voter_count"] = self.total_voter_count
        if self.open_period is not None and self.close_date is not None:
            body["open_period"] = self.open_period
            body["close_date"] = self.close_date
        body.update(
            is_closed=self.is_closed,
            is_anonymous=self.is_anonymous,
            type=self.type,
            allows_multiple_answers=self.allows_multiple_answers,
            allows_revoting=self.allows_revoting,
            members_only=False,
        )
        return body

    def answer_json(self, user: SimUser) -> dict[str, Any]:
        """The PollAnswer object for ``user``'s current choice (empty lists: the vote was retracted)."""
        chosen = self.votes.get(user.id, ())
        return {
            "poll_id": self.id,
            "user": user.json(),
            "option_ids": list(chosen),
            "option_persistent_ids": [self.options[index].persistent_id for index in chosen],
        }

    def describe(self) -> str:
        """A short summary for transcripts: who sees votes, how many answers, open or closed, voters."""
        parts = ["anonymous" if self.is_anonymous else "public"]
        if self.allows_multiple_answers:
            parts.append("multiple answers")
        parts.append("closed" if self.is_closed else "open")
        parts.append(f"{self.total_voter_count} voter{'' if self.total_voter_count == 1 else 's'}")
        return ", ".join(parts)


class PollView:
    """A live, read-only look at a poll: what the bot's poll message shows now.

    Tests read it through ``SimMessage.poll``; people change it only by voting (``SimUser.vote``) and the
    bot only through the Bot API (``stopPoll``), so that every change produces the updates Telegram sends.
    """

    def __init__(self, poll: SimPoll) -> None:
        self._poll = poll

    @property
    def id(self) -> str:
        return self._poll.id

    @property
    def question(self) -> str:
        return self._poll.question

    @property
    def options(self) -> list[tuple[str, int]]:
        """``(text, voter_count)`` per option, in order."""
        return [(option.text, self._poll.voter_count(i)) for i, option in enumerate(self._poll.options)]

    @property
    def total_voter_count(self) -> int:
        return self._poll.total_voter_count

    @property
    def is_closed(self) -> bool:
        return self._poll.is_closed

    @property
    def is_anonymous(self) -> bool:
        return self._poll.is_anonymous

    @property
    def type(self) -> str:
        return self._poll.type

    @property
    def allows_multiple_answers(self) -> bool:
        return self._poll.allows_multiple_answers

    @property
    def allows_revoting(self) -> bool:
        return self._poll.allows_revoting

    @property
    def open_period(self) -> int | None:
        return self._poll.open_period

    @property
    def close_date(self) -> int | None:
        return self._poll.close_date

    def chosen(self, user: SimUser) -> tuple[int, ...]:
        """The option indices ``user`` chose (empty when they have not voted), as their app shows them."""
        return self._poll.votes.get(user.id, ())

    def json(self) -> dict[str, Any]:
        """The Poll object as the bot receives it."""
        return self._poll.json()

    def __repr__(self) -> str:
        return f"<PollView {self.question!r} {self._poll.describe()}: {self.options}>"


@dataclass(eq=False)
class SimTopic:
    """A forum topic of a supergroup with topics; its id is the id of the service message that opened it
    (``message_thread_id`` of every message in it). A deleted topic takes its messages with it."""

    id: int
    name: str
    icon_color: int = 7322096
    deleted: bool = False


@dataclass(eq=False)
class SimMessage:
    """A message in a chat, as it is now (after edits); ``deleted`` once deleted."""

    chat: SimChat
    message_id: int
    date: int
    sender: SimUser | None
    text: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    caption: str | None = None
    caption_entities: list[dict[str, Any]] = field(default_factory=list)
    photo: StoredFile | None = None
    document: StoredFile | None = None
    sticker: StoredFile | None = None
    sticker_emoji: str | None = None
    poll_state: SimPoll | None = None
    media_group_id: str | None = None
    reply_to: SimMessage | None = None
    reply_markup: dict[str, Any] | None = None
    link_preview_options: dict[str, Any] | None = None
    disable_notification: bool = False
    protect_content: bool = False
    service: dict[str, Any] = field(default_factory=dict)
    sender_chat: SimChat | None = None
    edit_date: int | None = None
    edit_count: int = 0
    deleted: bool = False
    history: list[tuple[str | None, dict[str, Any] | None]] = field(default_factory=list)
    #: the forum topic the message is in (None: a chat without topics, or a forum's General topic)
    thread_id: int | None = None

    @property
    def id(self) -> int:
        return self.message_id

    @property
    def from_bot(self) -> bool:
        """Whether the bot under test sent it."""
        return self.sender is not None and self.sender is self.chat.server.bot

    @property
    def content(self) -> str:
        """The text, or the caption of a media message ("" when there is neither)."""
        return self.text if self.text is not None else (self.caption or "")

    @property
    def html(self) -> str:
        """The text (or caption) with its formatting, rendered as Telegram HTML."""
        if self.text is not None:
            return entities_to_html(self.text, self.entities)
        return entities_to_html(self.caption or "", self.caption_entities)

    @property
    def buttons(self) -> list[list[Button]]:
        """The inline keyboard, row by row (empty without one)."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [
            [Button(b["text"], data=b.get("callback_data"), url=b.get("url")) for b in row] for row in rows
        ]

    @property
    def photos(self) -> list[bytes]:
        """The bytes of the message's photo, as a one-item list (empty when it has none)."""
        return [self.photo.data] if self.photo else []

    @property
    def poll(self) -> PollView | None:
        """The native poll this message shows (None for other messages), live and read-only."""
        return PollView(self.poll_state) if self.poll_state is not None else None

    @property
    def is_service(self) -> bool:
        """Whether it is a service message (member joined or left, group migrated, message pinned...)."""
        return bool(self.service)

    @property
    def reply_to_user(self) -> SimUser | None:
        """Who wrote the message this one replies to."""
        return self.reply_to.sender if self.reply_to else None

    def json(self, *, with_reply: bool = True) -> dict[str, Any]:
        """The Message object as the bot receives it."""
        body: dict[str, Any] = {"message_id": self.message_id}
        if self.thread_id is not None:
            body["message_thread_id"] = self.thread_id
        if self.sender is not None:
            body["from"] = self.sender.json()
        if self.sender_chat is not None:
            body["sender_chat"] = self.sender_chat.json()
        body["chat"] = self.chat.json()
        body["date"] = self.date
        if self.edit_date is not None:
            body["edit_date"] = self.edit_date
        if self.reply_to is not None and with_reply and not self.reply_to.deleted:
            body["reply_to_message"] = self.reply_to.json(with_reply=False)
        if self.media_group_id:
            body["media_group_id"] = self.media_group_id
        if self.text is not None:
            body["text"] = self.text
            if self.entities:
                body["entities"] = self.entities
        if self.link_preview_options:
            body["link_preview_options"] = self.link_preview_options
        if self.photo is not None:
            body["photo"] = [self.photo.photo_size()]
        if self.document is not None:
            body["document"] = self.document.document()
        if self.sticker is not None:
            sticker = self.sticker.photo_size()
            sticker.update(type="regular", is_animated=False, is_video=False)
            if self.sticker_emoji:
                sticker["emoji"] = self.sticker_emoji
            body["sticker"] = sticker
        if self.poll_state is not None:
            body["poll"] = self.poll_state.json()
        if self.caption is not None:
            body["caption"] = self.caption
            if self.caption_entities:
                body["caption_entities"] = self.caption_entities
        if self.thread_id is not None:
            body["is_topic_message"] = True
        if self.protect_content:
            body["has_protected_content"] = True
        for key, value in self.service.items():
            if key == "new_chat_members":
                body[key] = [user.json() for user in value]
            elif key == "left_chat_member":
                body[key] = value.json()
            elif key == "pinned_message":
                body[key] = value.json(with_reply=False)
            elif key == "forum_topic_created":
                body[key] = {"name": value.name, "icon_color": value.icon_color}
            else:
                body[key] = value
        if self.reply_markup:
            body["reply_markup"] = self.reply_markup
        return body

    def __repr__(self) -> str:
        who = "bot" if self.from_bot else (self.sender.first_name if self.sender else "channel")
        poll = f"<poll> {self.poll_state.question}" if self.poll_state is not None else ""
        photo = "<photo>" if self.photo else ""
        what = self.content or photo or poll or ", ".join(self.service) or "<media>"
        if len(what) > 70:
            what = what[:67] + "..."
        flags = " deleted" if self.deleted else ""
        return f"<SimMessage {self.chat.title_or_name}#{self.message_id} from {who}{flags}: {what!r}>"


class World(Protocol):
    """What people and chats ask of the world they live in (``world.World``, and the server built on it).

    A protocol here, not an import of ``world``, which imports this module for its types.
    """

    def private_chat(self, user: SimUser) -> SimChat: ...

    def chat(self, where: SimChat | SimUser | int) -> list[SimMessage]: ...

    def _find_button(
        self, message: SimMessage, text: str | None, data: str | None, *, want_url: bool
    ) -> Button: ...

    def _set_blocked(self, user: SimUser, blocked: bool) -> None: ...

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
    ) -> SimMessage: ...

    async def _user_edit(self, user: SimUser, message: SimMessage, text: str) -> SimMessage: ...

    async def _user_open_url(self, user: SimUser, url: str) -> SimMessage | None: ...

    async def _user_press(
        self, user: SimUser, message: SimMessage, data: str, *, wait: bool, timeout: float
    ) -> SimCallbackQuery: ...

    async def _user_join(self, user: SimUser, chat: SimChat) -> SimMessage: ...

    async def _user_leave(self, user: SimUser, chat: SimChat) -> SimMessage: ...

    async def _user_vote(
        self, user: SimUser, message: SimMessage, options: Sequence[int | str]
    ) -> PollView: ...

    async def _user_retract_vote(self, user: SimUser, message: SimMessage) -> PollView: ...


class SimChat:
    """A chat: a person's private chat with the bot, a group, a supergroup or a channel."""

    def __init__(
        self,
        server: World,
        chat_id: int,
        chat_type: str,
        *,
        title: str | None = None,
        username: str | None = None,
        user: SimUser | None = None,
    ) -> None:
        self.server = server
        self.id = chat_id
        self.type = chat_type
        self.title = title
        self.username = username
        self.user = user
        self.members: dict[int, Member] = {}
        self.messages: list[SimMessage] = []
        self._by_id: dict[int, SimMessage] = {}
        self.next_message_id = 1
        self.migrated_to: SimChat | None = None
        self.migrated_from: SimChat | None = None
        self.pinned: list[int] = []
        self.actions: list[tuple[float, str]] = []
        self.chat_instance = str(abs(hash((chat_id, "instance"))) % 10**18 + 10**17)
        self.last_bot_sender: int | None = None
        #: a supergroup with topics (a forum); its topics by id
        self.is_forum = False
        self.topics: dict[int, SimTopic] = {}

    @property
    def is_private(self) -> bool:
        return self.type == "private"

    @property
    def is_group(self) -> bool:
        return self.type in ("group", "supergroup")

    @property
    def title_or_name(self) -> str:
        if self.title:
            return self.title
        return self.user.first_name if self.user else str(self.id)

    def member(self, user: SimUser) -> Member:
        """The user's standing; ``left`` for anyone never added."""
        return self.members.get(user.id, Member("left"))

    def message(self, message_id: int) -> SimMessage | None:
        """The message with this id (deleted ones included), or None."""
        return self._by_id.get(message_id)

    def append(self, message: SimMessage) -> None:
        """Add a new message at the end of the chat."""
        self.messages.append(message)
        self._by_id[message.message_id] = message

    def json(self) -> dict[str, Any]:
        """The Chat object embedded in messages and updates."""
        body: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.is_private and self.user is not None:
            body["first_name"] = self.user.first_name
            if self.user.last_name:
                body["last_name"] = self.user.last_name
            if self.user.username:
                body["username"] = self.user.username
        else:
            body["title"] = self.title
            if self.username:
                body["username"] = self.username
            if self.is_forum:
                body["is_forum"] = True
        return body

    def topic(self, thread_id: int) -> SimTopic | None:
        """The topic with this id if it exists now (not deleted)."""
        topic = self.topics.get(thread_id)
        return topic if topic is not None and not topic.deleted else None

    def full_json(self) -> dict[str, Any]:
        """The ChatFullInfo object getChat returns."""
        body = self.json()
        body["accent_color_id"] = 0
        body["max_reaction_count"] = 11
        body["accepted_gift_types"] = {
            "unlimited_gifts": True,
            "limited_gifts": True,
            "unique_gifts": True,
            "premium_subscription": True,
            "gifts_from_channels": True,
        }
        if not self.is_private:
            body["permissions"] = {
                name: True
                for name in RESTRICTED_PERMISSIONS
                if name not in ("can_change_info", "can_pin_messages", "can_manage_topics", "can_edit_tag")
            }
            body["permissions"].update(can_change_info=False, can_pin_messages=False, can_manage_topics=False)
        if self.pinned:
            pinned = self.message(self.pinned[-1])
            if pinned is not None and not pinned.deleted:
                body["pinned_message"] = pinned.json(with_reply=False)
        return body

    def __repr__(self) -> str:
        return f"<SimChat {self.type} {self.title_or_name!r} id={self.id}>"


class SimUser:
    """A simulated person (or another bot) who uses Telegram: writes, presses buttons, joins groups.

    Every action goes through the server exactly as Telegram's apps would make it happen: the bot
    receives the resulting updates over getUpdates.
    """

    def __init__(
        self,
        server: World,
        user_id: int,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        is_bot: bool = False,
        is_premium: bool = False,
    ) -> None:
        self.server = server
        self.id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.language_code = language_code
        self.is_bot = is_bot
        self.is_premium = is_premium
        self.started = False
        self.blocked = False
        self.deactivated = False
        self.callback_answers: list[CallbackAnswer] = []
        self.opened_urls: list[str] = []

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name

    def json(self) -> dict[str, Any]:
        """The User object."""
        body: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            body["last_name"] = self.last_name
        if self.username:
            body["username"] = self.username
        if self.language_code and not self.is_bot:
            body["language_code"] = self.language_code
        if self.is_premium:
            body["is_premium"] = True
        return body

    @property
    def private_chat(self) -> SimChat:
        """This person's private chat with the bot."""
        return self.server.private_chat(self)

    @property
    def chat(self) -> list[SimMessage]:
        """The transcript of the private chat with the bot (visible messages)."""
        return self.server.chat(self)

    @property
    def answers(self) -> list[CallbackAnswer]:
        """Toasts and alerts this person saw after pressing buttons, oldest first."""
        return self.callback_answers

    async def send_text(
        self,
        chat: SimChat | None,
        text: str,
        *,
        reply_to: SimMessage | None = None,
        topic: int | None = None,
    ) -> SimMessage:
        """Write ``text`` to a group (or, with ``chat=None``, to the bot in private); ``topic``: the
        forum topic to write in (None: the General topic; a reply goes to the topic of what it replies to)."""
        return await self.server._user_send(self, chat, text=text, reply_to=reply_to, topic=topic)

    async def start(self, payload: str | None = None) -> SimMessage:
        """Open the private chat with the bot by pressing Start (``/start payload`` from a deep link)."""
        return await self.send_text(None, f"/start {payload}" if payload else "/start")

    async def open_url(self, url: str) -> SimMessage | None:
        """Open a link; a ``t.me/<bot>?start=...`` deep link starts the bot with its payload."""
        return await self.server._user_open_url(self, url)

    async def follow(self, message: SimMessage, text: str) -> SimMessage | None:
        """Tap the URL button whose text starts with ``text`` and open its link."""
        button = self.server._find_button(message, text, None, want_url=True)
        return await self.open_url(button.url or "")

    async def send_photo(
        self, chat: SimChat | None, data: bytes | None = None, *, caption: str | None = None
    ) -> SimMessage:
        """Send a photo (a small PNG unless ``data`` is given)."""
        return await self.server._user_send(self, chat, photo=data, caption=caption)

    async def send_document(
        self,
        chat: SimChat | None,
        data: bytes = b"document",
        *,
        file_name: str = "file.txt",
        caption: str | None = None,
        mime_type: str | None = None,
        reply_to: SimMessage | None = None,
        topic: int | None = None,
    ) -> SimMessage:
        """Send a file as a document; ``mime_type`` as the app sets it (else guessed from the name);
        ``topic`` as for ``send_text``."""
        return await self.server._user_send(
            self,
            chat,
            document=(data, file_name),
            caption=caption,
            mime_type=mime_type,
            reply_to=reply_to,
            topic=topic,
        )

    async def send_sticker(self, chat: SimChat | None, emoji: str = "👍") -> SimMessage:
        """Send a sticker."""
        return await self.server._user_send(self, chat, sticker=emoji)

    async def edit_text(self, message: SimMessage, text: str) -> SimMessage:
        """Edit one's own text message (the bot receives an ``edited_message`` update)."""
        return await self.server._user_edit(self, message, text)

    async def press(
        self,
        message: SimMessage,
        text: str | None = None,
        *,
        data: str | None = None,
        wait: bool = True,
        timeout: float = 10.0,
    ) -> SimCallbackQuery:
        """Press the inline button whose text is ``text`` (or starts with it), or whose data is ``data``.

        With ``wait`` (default) returns once the bot answered the query or ``timeout`` passed.
        """
        button = self.server._find_button(message, text, data, want_url=False)
        return await self.server._user_press(self, message, button.data or "", wait=wait, timeout=timeout)

    async def press_data(
        self, message: SimMessage, data: str, *, wait: bool = True, timeout: float = 10.0
    ) -> SimCallbackQuery:
        """Send a forged callback query with arbitrary ``data`` for ``message``, as a modified app could."""
        return await self.server._user_press(self, message, data, wait=wait, timeout=timeout)

    async def vote(self, message: SimMessage, options: int | str | Iterable[int | str]) -> PollView:
        """Vote in the poll ``message`` shows: option indices (from 0), option texts, or a mix of both.

        Voting again replaces the earlier choice, where the poll allows revoting. The bot receives a
        ``poll_answer`` update (non-anonymous polls) and a ``poll`` update with the new counts.
        """
        chosen = [options] if isinstance(options, (int, str)) else list(options)
        return await self.server._user_vote(self, message, chosen)

    async def retract_vote(self, message: SimMessage) -> PollView:
        """Take one's vote back ("Retract vote"): ``poll_answer`` with empty ``option_ids``, then ``poll``."""
        return await self.server._user_retract_vote(self, message)

    async def join(self, chat: SimChat) -> SimMessage:
        """Join a group (service message with ``new_chat_members``)."""
        return await self.server._user_join(self, chat)

    async def leave(self, chat: SimChat) -> SimMessage:
        """Leave a group (service message with ``left_chat_member``)."""
        return await self.server._user_leave(self, chat)

    def block_bot(self) -> None:
        """Block the bot: it gets a ``my_chat_member`` update and 403 on every message to this person."""
        self.server._set_blocked(self, True)

    def unblock_bot(self) -> None:
        """Unblock the bot again."""
        self.server._set_blocked(self, False)

    def deactivate(self) -> None:
        """Delete the account: messages to it fail with "Forbidden: user is deactivated"."""
        self.deactivated = True

    def __repr__(self) -> str:
        return f"<SimUser {self.full_name!r} id={self.id}>"
