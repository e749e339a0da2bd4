"""The one error type the command line knows: every stage raises a subclass with a one-line message."""

from __future__ import annotations


class KgError(Exception):
    """A failure to report to the user as one line (`kg: error: ...`) rather than a traceback."""


def one_line(detail: object, limit: int = 200) -> str:
    """A message (an exception, a server's answer) squashed onto one line and cut to `limit` characters.

    >>> one_line("no such\\n   table", 12)
    'no such tabl'
    """
    return " ".join(str(detail).split())[:limit]
