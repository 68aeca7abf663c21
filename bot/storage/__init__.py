"""SQLite storage: the schema and its migrations, and the one module that holds SQL."""
