r"""Unicode folding for the identifier scanner, with a map back to the original text.

Identifiers arrive typed on phones and pasted from scans: full-width digits (``１１０１０１``), full-width
letters, ideographic spaces, Arabic-Indic or mathematical digits. The detectors only ever look at ASCII
digits and letters, so every string is folded first:

* each character is replaced by its NFKC form (``"１"`` -> ``"1"``, ``"\u3000"`` -> ``" "``,
  ``"（"`` -> ``"("``, ``"①"`` -> ``"1"``);
* every Unicode decimal digit that NFKC leaves alone (``"٣"``, ``"३"``) becomes its ASCII digit;
* characters whose folded form could not change a match (``"，"``, ``"："``) are left alone, so
  most Chinese text needs no copy at all.

Folding is character-wise (each character on its own, never composed with its neighbours), so every
character of the folded text comes from exactly one character of the original, and a span found in
the folded text maps back to a span of the original that covers the same characters. The scanner
replaces that original span, so the rest of the user's text is returned exactly as it was typed.

Spaces, hyphens and line breaks *between* digit groups are not removed here: the detectors' patterns
allow them (see ``detectors.pattern_detector.SEP``), which keeps the offsets trivial and lets a number
be found both when it is written as one run and when it is split into groups.

The folding table is built once per process, lazily, from :mod:`unicodedata` (about 0.2 s).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from typing import NamedTuple

__all__ = ["MEANINGFUL_ASCII", "NormalizedText", "character_class", "fold_table", "normalize"]


#: ASCII characters that matter to a detector besides letters and digits: the separators inside a
#: number, the brackets of ``A123456(3)``, the MRZ filler, the joiners of multi-word context words.
MEANINGFUL_ASCII = frozenset(" \t-()<_./")


@cache
def fold_table() -> dict[int, str]:
    """Code point -> folded string, for every non-ASCII character whose folding can matter.

    Folding is NFKC of the character, then any remaining Unicode decimal digit mapped to ASCII.
    Only characters whose folded form holds an ASCII letter or digit, or one of ``MEANINGFUL_ASCII``,
    are listed: ``"，"`` (which NFKC turns into ``","``) stays as it is, since no detector could tell
    the two apart, and Chinese text without full-width letters, digits or brackets is not copied.
    No character folds to the empty string, so equal lengths before and after mean a 1:1 folding.
    """
    table: dict[int, str] = {}
    for code_point in range(0x80, 0x110000):
        char = chr(code_point)
        folded = unicodedata.normalize("NFKC", char)
        if not folded.isascii():
            folded = "".join(_ascii_digit(c) for c in folded)
        if folded == char or not folded:
            continue
        if any(c.isascii() and (c.isalnum() or c in MEANINGFUL_ASCII) for c in folded):
            table[code_point] = folded
    return table


@cache
def _foldable() -> re.Pattern[str]:
    """A regex finding any BMP character that ``fold_table`` lists, or any astral character.

    A compact class: strings with astral characters are simply folded.
    """
    bmp = character_class(cp for cp in fold_table() if cp <= 0xFFFF)
    return re.compile(bmp[:-1] + "\U00010000-\U0010ffff]")


def character_class(code_points: Iterable[int]) -> str:
    """A regex character class of the given code points, written as ranges."""
    ranges: list[tuple[int, int]] = []
    for code_point in sorted(code_points):
        if ranges and ranges[-1][1] == code_point - 1:
            ranges[-1] = (ranges[-1][0], code_point)
        else:
            ranges.append((code_point, code_point))
    body = "".join(
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in ranges
    )
    return f"[{body}]"


def _ascii_digit(char: str) -> str:
    """The ASCII digit of a Unicode decimal digit; any other character unchanged."""
    if char.isascii():
        return char
    value = unicodedata.decimal(char, None)
    return char if value is None else str(value)


class NormalizedText(NamedTuple):
    """A string folded for matching, and the way back to the string it came from (immutable).

    ``text`` is what detectors search; ``lowered`` is ``text`` in lower case with the same length
    (context words are matched in it); ``original`` is what the user typed. ``source`` maps each index
    of ``text`` to the index of the original character it came from; ``None`` means the two strings
    are aligned one to one (the common case: ASCII text, or folding that changed no length).

    A named tuple rather than a frozen dataclass: one is built for every string that passes the
    scanner's pre-check, and a named tuple is built three times faster.
    """

    original: str
    text: str
    lowered: str
    source: Sequence[int] | None = None

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``original`` covering the characters that produced ``text[start:end]``."""
        if self.source is None:
            return start, end
        if end <= start:
            position = self.source[start] if start < len(self.source) else len(self.original)
            return position, position
        return self.source[start], self.source[end - 1] + 1

    def with_text(self, text: str) -> NormalizedText:
        """The same original and offsets with another folded text of the same length (for masking)."""
        if len(text) != len(self.text):
            raise ValueError("a replacement text must keep the length")
        return NormalizedText(self.original, text, _lower(text), self.source)


_new_normalized = tuple.__new__


def _lower(text: str) -> str:
    """``text.lower()`` with its length kept (only U+0130 ``İ`` lowers to two characters)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text.replace("\u0130", "I").lower()
    return lowered


def normalize(text: str) -> NormalizedText:
    """Fold ``text`` for matching (see the module docstring); never raises on a ``str``."""
    if text.isascii():
        # ASCII lowers to the same length; built without the named tuple's Python-level __new__
        # (this runs for every field with digits).
        return _new_normalized(NormalizedText, (text, text, text.lower(), None))
    if _foldable().search(text) is None:
        return NormalizedText(text, text, _lower(text))
    table = fold_table()
    folded = text.translate(table)
    if len(folded) == len(text):
        return NormalizedText(text, folded, _lower(folded))
    # Some character expanded (``"⑽"`` -> ``"(10)"``, ``"㎏"`` -> ``"kg"``): record where each
    # folded character came from.
    source: list[int] = []
    for index, char in enumerate(text):
        source.extend([index] * len(table.get(ord(char), char)))
    return NormalizedText(text, folded, _lower(folded), source)
