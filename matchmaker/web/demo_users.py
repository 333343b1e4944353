"""The demo data as the sign-in page and the filter suggestions see it: ids, names, halls, countries.

A real portal knows its own users and its fair's halls; this reference page reads them from the
demo fixtures (public profile fields only, never a contact card) so a newcomer has someone to be.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

#: How many users of each side the sign-in page offers in its lists (any id can be typed).
OFFERED = 40


@dataclass(frozen=True)
class DemoDirectory:
    """Who can sign in on the demo page, and the values the list's filters suggest."""

    purchasers: tuple[tuple[str, str], ...] = ()
    exhibitors: tuple[tuple[str, str], ...] = ()
    halls: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    languages: tuple[str, ...] = field(default=())

    @classmethod
    def load(cls, folder: Path | None) -> DemoDirectory:
        """Read ``exhibitors.jsonl`` and ``purchasers.jsonl`` in ``folder``; empty when absent."""
        if folder is None:
            return cls()
        people: dict[str, list[tuple[str, str]]] = {"ROLE_PURCHASER": [], "ROLE_EXHIBITOR": []}
        halls: set[str] = set()
        countries: set[str] = set()
        categories: set[str] = set()
        languages: set[str] = set()
        for name in ("purchasers.jsonl", "exhibitors.jsonl"):
            path = folder / name
            if not path.is_file():
                continue
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    if not line.strip():
                        continue
                    record = json.loads(line)
                    role = str(record.get("role", ""))
                    if role in people and len(people[role]) < OFFERED:
                        people[role].append((str(record["id"]), str(record.get("organization", ""))))
                    if record.get("hall"):
                        halls.add(str(record["hall"]))
                    if record.get("country"):
                        countries.add(str(record["country"]))
                    categories.update(str(c).split(" > ")[0] for c in record.get("categories", []))
                    languages.update(str(tag) for tag in record.get("languages", []))
        return cls(
            purchasers=tuple(people["ROLE_PURCHASER"]),
            exhibitors=tuple(people["ROLE_EXHIBITOR"]),
            halls=tuple(sorted(halls)),
            countries=tuple(sorted(countries)),
            categories=tuple(sorted(categories)),
            languages=tuple(sorted(languages)),
        )
