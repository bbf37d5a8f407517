"""The store: SQLModel tables, the engine and the queries that turn rows into domain values."""
