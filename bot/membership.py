"""Who belongs to a team's group: asked of Telegram (getChatMember), never guessed."""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.constants import ChatMemberStatus
from telegram.error import BadRequest, Forbidden

logger = logging.getLogger(__name__)

MEMBER_STATUSES = {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.MEMBER}


async def is_group_member(bot: Bot, chat_id: int, user_id: int) -> bool | None:
    """Whether the user belongs to the group; None when Telegram will not tell us (bot not in the group)."""
    try:
        member = await bot.get_chat_member(chat_id, user_id)
    except (Forbidden, BadRequest) as exc:
        if "user not found" in str(exc).lower() or "participant_id_invalid" in str(exc).lower():
            return False
        logger.info("membership check in chat %s failed: %s", chat_id, exc)
        return None
    if member.status in MEMBER_STATUSES:
        return True
    return member.status == ChatMemberStatus.RESTRICTED and bool(getattr(member, "is_member", False))
