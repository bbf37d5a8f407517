"""Who may use the app: signing in and out, sessions and roles, and the users page."""
