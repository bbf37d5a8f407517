"""Text as the guard reads it: normalised, look-alikes folded, links found and resolved."""
