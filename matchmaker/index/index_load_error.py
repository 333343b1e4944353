"""The error raised when a saved index cannot be restored."""

from __future__ import annotations


class IndexLoadError(Exception):
    """A saved index is missing, corrupt or does not match what was expected.

    The index is derived data: the caller's answer is to rebuild it from the database. Messages
    name files and fields, never vector values or profile data.
    """
