"""The images Meta fetches for Instagram, at signed addresses."""
