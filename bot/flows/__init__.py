"""Use cases: read storage, ask the domain, render with views, call the Bot API. No Update in sight."""
