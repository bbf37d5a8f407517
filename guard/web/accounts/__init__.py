"""The Accounts page: the council's X account and Facebook Page, connected in the app."""
