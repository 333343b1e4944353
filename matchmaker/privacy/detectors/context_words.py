"""Context words: what turns a number without a check character into an identity number.

Numbers such as a passport number (``E12345678``) or an 8-digit travel permit have no checksum, and
the same shapes are order numbers, dates or HS codes. docs/privacy.md therefore removes them only next to
a word naming an identity document. The word must stand close to the number, before it (``护照号码：``,
``Passport No.:``) or just after it (``E12345678（护照）``), with no other number in between: in
``护照 E12345678 电话 6888 8888`` the word belongs to the passport number, not to the telephone number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "GENERIC_WORDS",
    "IDENTITY_WORDS",
    "PASSPORT_WORDS",
    "PERMIT_WORDS",
    "RESIDENCE_WORDS",
    "TAIWAN_PERMIT_WORDS",
    "ContextWords",
    "canonical",
]

#: Words for any identity document. ``ID`` is "weak": it does not count after another English word
#: (``Order ID``, ``WeChat ID``, ``Booth ID`` name other things).
GENERIC_WORDS: tuple[str, ...] = (
    "证件",
    "證件",
    "ID",
    "national ID",
    "personal ID",
    "resident ID",
    "citizen ID",
    "document number",
    "document no",
    "doc no",
)
IDENTITY_WORDS: tuple[str, ...] = (
    "身份",
    "身分",
    "identity",
    "identit",
    "identification",
    "ID card",
    "ausweis",
    "Personalausweis",
    "BIR",
    "HKID",
    "Macau ID",
    "Macao ID",
)
PASSPORT_WORDS: tuple[str, ...] = (
    "护照",
    "護照",
    "passport",
    "reisepass",
    "passeport",
    "pasaporte",
    "passaporto",
    "paspoort",
    "паспорт",
    "여권",
    "旅券",
    "パスポート",
)
PERMIT_WORDS: tuple[str, ...] = (
    "通行证",
    "通行證",
    "回乡证",
    "回鄉證",
    "回乡卡",
    "回鄉卡",
    "港澳",
    "home return permit",
    "travel permit",
    "entry permit",
    "permit",
    "HRP",
)
#: Residence cards and permits: with an identity word, what fails the province or area table of an
#: 18-digit PRC-style number only (``外国人永久居留身份证：``, ``Permanent residence card no.``).
RESIDENCE_WORDS: tuple[str, ...] = (
    "居留",
    "居住证",
    "居住證",
    "永居",
    "permanent residence",
    "permanent resident",
    "residence card",
    "residence permit",
    "resident card",
    "residency",
)
TAIWAN_PERMIT_WORDS: tuple[str, ...] = (
    "台胞证",
    "台胞證",
    "台胞",
    "通行证",
    "通行證",
    "MTP",
    "travel permit",
    "Taiwan compatriot",
    "permit",
)

_WEAK_WORDS = frozenset({"id"})
# A number, or a masked replacement marker (see scanner), between word and number breaks the link.
# One or two digits do not: they count or label ("身份证（15位）：", "ID (18 digits):").
_BLOCKER = re.compile(r"[0-9]{3}|\x00")
# A word after a number must be on the same line, and the number must not be the tail of a longer
# group of digits ("130 0000 0000 passport" labels no 8-digit "0000 0000").
_LINE_BREAK = re.compile(r"[\n\r\v\f\x85\u2028\u2029]")
_CHAIN_BEFORE = re.compile(r"[0-9a-z][ \t\-\u3000]{1,3}\Z")
# What may join the parts of a multi-word context word ("national id", "national-id", "national_id").
_JOINER = r"[\s_\-./]*"
_JOINER_CHARS = re.compile(_JOINER)


def _rest_pattern(word: str) -> str:
    """Regex for a lower-case word after its first character (right boundary for short words)."""
    first, rest = word[0], word[1:]
    pattern = _JOINER.join(re.escape(part) for part in rest.split(" "))
    if word in _WEAK_WORDS:
        pattern = rf"(?<![a-z][ _\-.]{re.escape(first)})" + pattern
    if word.isascii() and sum(c.isalpha() for c in word) <= 3:
        pattern += "(?![a-z])"
    return pattern


def _words_pattern(words: Iterable[str]) -> str:
    """One regex for lower-case words, grouped by first character.

    Each alternative starts with a literal character (so the engine skips the alternatives that
    cannot match at a position, and the whole pattern gets a first-character prefix); ASCII words
    then check their left boundary with a look-behind, CJK words need none.
    """
    by_first: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        by_first.setdefault(word[0], []).append(word)
    alternatives = []
    for first, group in by_first.items():
        head = re.escape(first)
        if first.isascii():
            head += rf"(?<![a-z]{re.escape(first)})"
        alternatives.append(head + "(?:" + "|".join(_rest_pattern(w) for w in group) + ")")
    return "|".join(alternatives)


def canonical(matched: str) -> str:
    """The spelling of a matched word with joiners removed (``"national-id"`` -> ``"nationalid"``)."""
    return _JOINER_CHARS.sub("", matched)


class ContextWords:
    """A compiled set of context words and the rule for when they apply to a number.

    Words are matched in ``NormalizedText.lowered`` (lower case, same offsets as the folded text).
    ``window_before``: the most characters between the end of the word and the number;
    ``window_after``: the most characters between the number and a word that follows it.
    """

    def __init__(self, words: Iterable[str], *, window_before: int = 20, window_after: int = 8) -> None:
        self.words: tuple[str, ...] = tuple(dict.fromkeys(w.lower() for w in words))
        if not self.words or any(not w or w != w.strip() for w in self.words):
            raise ValueError("context words must be non-empty and stripped")
        self._regex = re.compile(_words_pattern(self.words))
        self._by_spelling = {canonical(w): w for w in self.words}
        if len(self._by_spelling) != len(self.words):
            raise ValueError("two context words differ only in their joiners")
        self.window_before = window_before
        self.window_after = window_after
        #: How far from a number a word can start or end and still apply to it.
        self.reach = max(window_before, window_after) + max(len(w) for w in self.words) + 8

    def occur_in(self, lowered: str, start: int = 0, end: int | None = None) -> bool:
        """True when any of the words occurs in ``lowered[start:end]``."""
        return self._regex.search(lowered, start, len(lowered) if end is None else end) is not None

    def words_in(self, lowered: str, start: int = 0, end: int | None = None) -> set[str]:
        """The words (as listed) that occur in ``lowered[start:end]``."""
        stop = len(lowered) if end is None else end
        first = self._regex.search(lowered, start, stop)
        if first is None:
            return set()
        found = (
            self._by_spelling.get(canonical(m.group()))
            for m in self._regex.finditer(lowered, first.start(), stop)
        )
        return {word for word in found if word is not None}

    def before(self, lowered: str, start: int) -> bool:
        """True when a word ends within the window before ``lowered[start]``, no number between."""
        low = max(0, start - self.reach)
        last = None
        for match in self._regex.finditer(lowered, low, start):
            last = match
        if last is None or start - last.end() > self.window_before:
            return False
        return _BLOCKER.search(lowered, last.end(), start) is None

    def after(self, lowered: str, start: int, end: int) -> bool:
        """True when a word starts shortly after ``lowered[start:end]`` on the same line.

        No number may stand between, and the number must not continue a group of digits before it.
        """
        match = self._regex.search(lowered, end, end + self.reach)
        if match is None or match.start() - end > self.window_after:
            return False
        return (
            _BLOCKER.search(lowered, end, match.start()) is None
            and _LINE_BREAK.search(lowered, end, match.start()) is None
            and _CHAIN_BEFORE.search(lowered, max(0, start - 4), start) is None
        )

    def around(self, lowered: str, start: int, end: int) -> bool:
        """True when a context word applies to the number at ``lowered[start:end]``."""
        return self.before(lowered, start) or self.after(lowered, start, end)
