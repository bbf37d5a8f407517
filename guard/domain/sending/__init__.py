"""Deliveries: the states a send moves through, and the only moves allowed."""
