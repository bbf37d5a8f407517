"""The Alembic migrations, shipped in the wheel as guard.migrations."""
