"""Posts in the web app: compose, edit, review and the list with each post's page."""
