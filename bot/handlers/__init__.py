"""Telegram glue: read the update, call domain and storage, render, reply."""
