"""The councillor register's pages: list, add, edit, remove, import and export."""
