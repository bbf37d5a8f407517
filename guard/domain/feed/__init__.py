"""The restricted-period feed: which periods it shows and their iCalendar text."""
