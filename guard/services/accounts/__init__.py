"""The council's platform accounts connected in the app: the key, the tokens and their state."""
