"""Pure domain logic: no ``telegram``, no ``aiosqlite``. Plain data in, plain data out."""
