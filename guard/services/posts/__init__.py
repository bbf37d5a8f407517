"""Posts: judge a draft; write (schedule, edit, approve, cancel) and read them."""
