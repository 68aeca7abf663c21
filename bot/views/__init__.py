"""Everything a person sees: Telegram HTML, keyboards, charts, canvas, PNG, PDF.

Pure: data in, text or bytes out. Never storage, flows or telegram.ext.
"""
