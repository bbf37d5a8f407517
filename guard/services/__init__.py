"""Use cases: plain functions that the web app, the CLI and the scheduler all call."""


class InputError(ValueError):
    """The caller's input is wrong; the message names the problem. Nothing was written."""
