"""The record's pages: the audit trail and the archive of what was published."""
