"""The web app's static files, shipped in the wheel as guard.static."""
