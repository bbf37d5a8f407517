"""The calendar's pages: the month view, the elections and the public feeds."""
