"""Tests of the tamper-evident record: audit chain, archive, evidence, retention, erasure."""
