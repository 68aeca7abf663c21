"""Errors of the local Bot API server: the ones the bot sees over HTTP, and misuse of the control API."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A Bot API error answer: ``{"ok": false, "error_code": code, "description": ...}``.

    Method handlers raise it; the HTTP layer turns it into the JSON Telegram sends, with the same status.
    """

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        """The JSON body of the answer."""
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(text: str, parameters: dict[str, Any] | None = None) -> ApiError:
    """A 400 answer; Telegram prefixes every such description with "Bad Request: "."""
    return ApiError(400, f"Bad Request: {text}", parameters)


def forbidden(text: str) -> ApiError:
    """A 403 answer (blocked, kicked, never started...)."""
    return ApiError(403, f"Forbidden: {text}")


def too_many_requests(retry_after: int) -> ApiError:
    """A 429 answer with the ``retry_after`` parameter clients must honour."""
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})


class SimulationError(Exception):
    """A test or the demo asked a simulated person to do what Telegram's apps would not let them do.

    Raised on the control side only (a user writing to a group they are not in, pressing a button that
    does not exist...), so that a mistaken test fails loudly instead of producing an impossible update.
    """
