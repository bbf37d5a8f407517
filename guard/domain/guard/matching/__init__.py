"""Finding the register in a post: search terms, one automaton scan, and the hits."""
