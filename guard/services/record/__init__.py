"""The record: the audit chain, the archive of what was sent, evidence, retention and erasure."""
