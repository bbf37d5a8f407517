"""Sending: dispatch due posts, reconcile after a crash, re-check future posts, tell the clerk."""
