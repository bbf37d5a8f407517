"""The web app's Jinja templates, shipped in the wheel as guard.templates."""
