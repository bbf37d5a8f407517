"""Pre-election guard: keeps a council's posts within the rules of the pre-election period."""

__version__ = "0.1.0"
