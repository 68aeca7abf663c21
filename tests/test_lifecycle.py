"""The webhook's address and secret: unguessable without the token, the same after a restart. (Polling,
the webhook and the clean stop run end to end in test_journeys_webhook.py and test_restart.py.)"""

from __future__ import annotations

import re

from bot.infra.lifecycle import webhook_for
from tests.helpers import TOKEN

OTHER = "987654321:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"


def test_the_webhook_path_and_secret_come_from_the_token() -> None:
    hook = webhook_for(TOKEN, "https://bot.example.org/telegram/", "0.0.0.0", 8443)
    assert hook == webhook_for(TOKEN, "https://bot.example.org/telegram", "0.0.0.0", 8443)
    assert re.fullmatch(r"https://bot\.example\.org/telegram/[0-9a-f]{32}", hook.url)
    assert hook.path == "/telegram/" + hook.url.rsplit("/", 1)[1]
    assert re.fullmatch(r"[0-9a-f]{64}", hook.secret_token)  # what Telegram allows: 1-256 of A-Za-z0-9_-
    other = webhook_for(OTHER, "https://bot.example.org/telegram", "0.0.0.0", 8443)
    assert other.path != hook.path and other.secret_token != hook.secret_token
    assert hook.secret_token not in hook.url and TOKEN.split(":")[1] not in hook.url + hook.secret_token
    assert (hook.listen, hook.port) == ("0.0.0.0", 8443)


def test_a_webhook_at_the_root_of_a_domain() -> None:
    hook = webhook_for(TOKEN, "https://bot.example.org", "127.0.0.1", 8080)
    assert re.fullmatch(r"/[0-9a-f]{32}", hook.path)
