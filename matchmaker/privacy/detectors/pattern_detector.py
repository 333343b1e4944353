r"""``PatternDetector``: a detector made of one compiled regex, a validation, and context words.

It also holds the regex vocabulary the concrete detectors are written in:

* ``SEP``: what may stand between two characters of one number (spaces, a hyphen or a line break,
  as in ``110101 19900307 123X``, ``E-1234-5678`` or a number wrapped at the end of a line);
* ``spaced(*tokens)``: tokens joined by ``SEP``;
* ``START`` and ``END``: the number's edges, written as lookarounds on ASCII letters and digits
  because ``\b`` does not separate ``号`` from ``1`` (CJK characters are word characters);
* ``lead(first)``: the number's first character and its left edge in one, written so that the
  compiled pattern starts with a character set and the regex engine skips fast to where it can match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from matchmaker.privacy.detectors.base import Detector, Finding
from matchmaker.privacy.detectors.context_words import ContextWords
from matchmaker.privacy.normalize import NormalizedText

__all__ = ["END", "SEP", "START", "PatternDetector", "digits", "lead", "spaced"]

_SPACE = "[ \\t\\u00ad\\u200b-\\u200d\\u2060\\ufeff]"
_BREAK = "(?:[-\\u2010-\\u2015\\u2212]|\\r\\n|[\\n\\r\\v\\f\\x85\\u2028\\u2029])"
#: Between two characters of a number: up to three spaces, a hyphen or one line break, three spaces.
#: Atomic, so a failed match never retries the ways of splitting the same spaces (no backtracking blow-up).
SEP = f"(?>{_SPACE}{{0,3}}{_BREAK}?{_SPACE}{{0,3}})"
START = "(?<![0-9A-Za-z])"
END = "(?![0-9A-Za-z])"
_SEPARATOR_CHARS = re.compile(f"{_SPACE}|{_BREAK}")
# A list of numbers under one label ("护照：E12345678、G12345678 and ..."): what may stand between two.
_LIST_GAP = re.compile(r"\s*(?:[,;/|、，；]|and|or|&|和|及|或)?\s*", re.IGNORECASE)
# More digits just before or after a candidate, in the same group of digits (spaces or hyphens).
_DIGITS_BEFORE = re.compile(f"[0-9]{_SPACE}{{0,3}}-?{_SPACE}{{0,3}}\\Z")
_DIGITS_AFTER = re.compile(f"{_SPACE}{{0,3}}-?{_SPACE}{{0,3}}[0-9]")


def lead(first: str) -> str:
    """``START`` followed by the character class ``first``, with the class first (see module docstring)."""
    return first + r"(?<![0-9A-Za-z][\s\S])"


def spaced(*tokens: str) -> str:
    """A regex matching the tokens in order, with ``SEP`` allowed between each two."""
    return SEP.join(tokens)


def digits(count: int) -> list[str]:
    """``count`` single-digit tokens, for :func:`spaced`."""
    return ["[0-9]"] * count


class PatternDetector(Detector):
    """Regex candidates, validated one by one; context words where the format has no check.

    Subclasses set ``pattern`` (compiled once, at class creation), override ``is_valid`` with the
    format's checksum or plausibility test, and set ``context`` when docs/privacy.md asks for context (its
    words become ``required_words``). A costly ``pattern`` can have a ``prefilter``: a cheap regex
    that matches inside every match, searched first.
    Candidates may overlap (a long digit run holds many 18-digit windows): after a rejected candidate
    the search resumes one character further, after an accepted one past its end.

    Fail closed on context: a lookup table (area, province, county codes) may refine a decision where
    nothing else speaks, but next to an identity word it must never be the reason a number stays. A
    detector whose ``is_valid`` consults such a table also sets ``identity_context`` and overrides
    ``fits_format`` with the format and checksum alone: a candidate that fits them and stands next
    to one of those words is removed whatever the table says.
    """

    pattern: re.Pattern[str]
    context: ClassVar[ContextWords | None] = None
    identity_context: ClassVar[ContextWords | None] = None

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        if cls.context is not None:
            cls.required_words = cls.context.words

    def is_valid(self, compact: str) -> bool:
        """True when the candidate, with separators removed, passes the format's checks."""
        return True

    def is_valid_match(self, matched: str, compact: str) -> bool:
        """``is_valid`` on the candidate; a subclass may also look at how it was written."""
        return self.is_valid(compact)

    def fits_format(self, compact: str) -> bool:
        """The format and checksum alone, without lookup tables (see ``identity_context``)."""
        return self.is_valid(compact)

    def in_context(self, lowered: str, start: int, end: int, compact: str) -> bool:
        """True when a context word applies to the candidate at ``lowered[start:end]``."""
        return self.context is None or self.context.around(lowered, start, end)

    def find(self, text: NormalizedText, spans: Sequence[tuple[int, int]] | None = None) -> list[Finding]:
        """All validated matches of ``pattern`` in ``text`` (with context where required)."""
        folded = text.text
        regions = ((0, len(folded)),) if spans is None else spans
        context = self.context
        if context is not None and not context.occur_in(text.lowered):
            return []
        prefilter = self.prefilter
        if prefilter is not None:
            for low, high in regions:
                if prefilter.search(folded, low, high) is not None:
                    break
            else:
                return []
        search = self.pattern.search
        findings: list[Finding] = []
        last_end = -1
        for low, high in regions:
            match = search(folded, low, high)
            while match is not None:
                start, end = match.span()
                matched = match.group()
                compact = _SEPARATOR_CHARS.sub("", matched)
                # After "+" (or 0086), digits are an international phone number, never an identity number.
                if _after_plus(folded, start) or _CN_INTERNATIONAL_MOBILE.fullmatch(compact) is not None:
                    match = search(folded, start + 1, high)
                    continue
                if (
                    self.is_valid_match(matched, compact)
                    and (
                        context is None
                        or (
                            not (len(compact) < len(matched) and _inside_longer_group(folded, start, end))
                            and (
                                (last_end >= 0 and _LIST_GAP.fullmatch(folded, last_end, start) is not None)
                                or self.in_context(text.lowered, start, end, compact)
                            )
                        )
                    )
                ) or self._identity_fallback(text, start, end, matched, compact):
                    original_start, original_end = text.span_to_original(start, end)
                    findings.append(Finding(original_start, original_end, self.kind))
                    last_end = end
                    match = search(folded, end, high)
                else:
                    match = search(folded, start + 1, high)
        return findings

    def _identity_fallback(
        self, text: NormalizedText, start: int, end: int, matched: str, compact: str
    ) -> bool:
        """True when an identity word stands next to a candidate that fits the format and checksum."""
        return (
            self.identity_context is not None
            and self.fits_format(compact)
            and not (len(compact) < len(matched) and _inside_longer_group(text.text, start, end))
            and self.identity_words_around(text.lowered, start, end)
        )

    def identity_words_around(self, lowered: str, start: int, end: int) -> bool:
        """True when a word of ``identity_context`` applies to the number at ``lowered[start:end]``."""
        words = self.identity_context
        return words is not None and words.around(lowered, start, end)


#: ``+`` (or ``0086``), then up to a country code and an area code: ``+86 ``, ``+49 30 ``, ``+44 (20) ``.
_PHONE_PREFIX = re.compile(
    r"(?:[+＋]|(?<![0-9])0086)[ \u3000]?"
    r"(?:[(（]?\d{1,3}[)）]?[ \u3000-]?)?(?:[(（]?\d{1,4}[)）]?[ \u3000-])?\Z"
)
#: "0086", China's country code after the 00 of a call from abroad, then a mainland mobile number
#: ("0086 138 1234 5678", as one candidate: it fits a 15-digit legacy ID).
_CN_INTERNATIONAL_MOBILE = re.compile(r"00861[3-9][0-9]{9}", re.ASCII)


def _after_plus(folded: str, start: int) -> bool:
    """True when the digits at ``start`` follow ``+`` or ``0086``, with a country or area code or not.

    Such digits are a phone number, whatever word stands before the ``+``.
    """
    if not folded[start : start + 1].isdigit():
        return False
    return _PHONE_PREFIX.search(folded, max(0, start - 16), start) is not None


def _inside_longer_group(folded: str, start: int, end: int) -> bool:
    """True when the digits at ``folded[start:end]`` continue, across a separator, on either side.

    A spaced candidate cut out of a longer spaced number (``86 130 0000`` out of
    ``+86 130 0000 0000``) is a piece of something else, and a context word does not make it a
    number of its own. (A candidate written as one block is still taken: ``E12345678 13812345678``.)
    """
    return (
        _DIGITS_BEFORE.search(folded, max(0, start - 8), start) is not None
        or _DIGITS_AFTER.match(folded, end) is not None
    )
