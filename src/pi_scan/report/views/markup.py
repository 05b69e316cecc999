"""The two things every piece of the HTML report does to what it shows: escape it, and write
numbers with thousands separators."""

from __future__ import annotations

from html import escape


def n(value: int) -> str:
    return f"{value:,}"


def h(text: object) -> str:
    return escape(str(text), quote=True)
