"""The election calendar and the restricted-period feeds built from it."""
