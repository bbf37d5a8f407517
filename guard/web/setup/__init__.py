"""The first-run setup page."""
