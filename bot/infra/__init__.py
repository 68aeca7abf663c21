"""How the process talks to Telegram and uses the CPU: HTTP transport, rate limiter, update order, workers.

Nothing here imports the rest of ``bot``: these are mechanisms, and the bot plugs its own work into them.
"""
