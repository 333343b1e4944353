"""``NationalIdDetector``: the shape shared by the national identity numbers of other countries.

Each country's number is one subclass in its own file (``kr_rrn_detector.KrRrnDetector``, ...), with
its regex, its validator (python-stdnum's where it exists and is right, else its own checksum) and its
context words in English and the country's languages. Two ways to be removed:

* ``free_shape``: a written form distinctive enough, with a checksum strong enough, to need no
  context (``123.456.789-09``, ``RSSMRA85T10A562S``); the candidate must match it whole and validate;
* any form that validates, next to one of the kind's context words (fail closed on context). A number
  without a checksum, or whose checksum is too weak to tell it from a phone number, has no
  ``free_shape`` and is removed only this way; the scanner then runs it only when a word occurs.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from typing import ClassVar

from matchmaker.privacy.detectors.context_words import GENERIC_WORDS, IDENTITY_WORDS, ContextWords, canonical
from matchmaker.privacy.detectors.pattern_detector import PatternDetector
from matchmaker.privacy.normalize import NormalizedText

__all__ = ["NATIONAL_GENERIC_WORDS", "NationalIdDetector"]

#: Words for any national identity number, added to each kind's own words.
NATIONAL_GENERIC_WORDS: tuple[str, ...] = (*GENERIC_WORDS, *IDENTITY_WORDS, "personal number", "ID no")

_DROP = str.maketrans("", "", " .-/+\t")
# A calendar date with a four-digit year written with separators (2026-11-10, 10.11.2026, 2026/11/10),
# and a time right after a candidate (``14:00``): no national number is written so, and dates and
# times must stay even next to an identity word ("2026-11-10 14:00 ... 身份证号").
_DATE = re.compile(
    r"(?:19|20)[0-9]{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12][0-9]|3[01])(?![0-9])"
    r"|(?<![0-9])(?:0?[1-9]|[12][0-9]|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)[0-9]{2}",
    re.ASCII,
)
_TIME_AFTER = re.compile(r"\s?[:：][0-5][0-9]")
# A mainland mobile number's shape (13812345678): next to a generic identity word only ("身份证复印件请发
# 手机 138..."), it is the phone number it looks like; another country's number of that shape needs
# its own word.
_CN_MOBILE = re.compile(r"1[3-9][0-9]{9}", re.ASCII)


class NationalIdDetector(PatternDetector):
    """A national identity number: ``pattern``, ``validate``, ``free_shape`` and ``words``."""

    free_shape: ClassVar[re.Pattern[str] | None] = None
    words: ClassVar[tuple[str, ...]] = ()
    #: The kind's own words, without the generic ones (see ``needs_own_words``).
    own_words: ClassVar[ContextWords | None] = None
    #: False for a kind whose numbers carry no check: any digits of its length fit its format, so a
    #: generic identity word is not enough (a mobile number after 身份证 is no Nigerian NIN).
    checked: ClassVar[bool] = True

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        if cls.words:
            spellings = {canonical(w.lower()): w for w in reversed(cls.words + NATIONAL_GENERIC_WORDS)}
            cls.identity_context = ContextWords(reversed(spellings.values()))
            own = {canonical(w.lower()): w for w in reversed(cls.words)}
            cls.own_words = ContextWords(reversed(own.values()))
            # Found only next to a word, or (with a free shape) where its ``gate`` matches: the
            # scanner skips it otherwise. A kind without a check needs its own words, so a generic
            # one does not wake it.
            cls.required_words = (cls.identity_context if cls.checked else cls.own_words).words
            if cls.free_shape is not None and cls.gate is None:
                raise TypeError(f"{cls.__name__} has a free shape but no gate")

    @abstractmethod
    def validate(self, compact: str) -> bool:
        """The format's checksum and plausibility rules, on the number without separators."""

    def validate_strict(self, compact: str) -> bool:
        """What the free shape must also pass (by default ``validate``; stricter where it is optional)."""
        return self.validate(compact)

    def is_valid_match(self, matched: str, compact: str) -> bool:
        """Removed without context: the distinctive written form, and the checksum."""
        shape = self.free_shape
        return shape is not None and shape.fullmatch(matched) is not None and self._checked(compact, True)

    def needs_own_words(self, compact: str) -> bool:
        """Whether a generic identity word (ID, identity, Ausweis, ...) is not enough for ``compact``.

        By default it is enough when the kind's numbers carry a check (``checked``); a kind without
        one, or whose shape other documents share (letters and digits), asks for one of its own words.
        """
        return not self.checked

    def _identity_fallback(
        self, text: NormalizedText, start: int, end: int, matched: str, compact: str
    ) -> bool:
        """A word around a number that fits and is no date or time (its own where ``needs_own_words``)."""
        if not super()._identity_fallback(text, start, end, matched, compact):
            return False
        if _DATE.search(matched) is not None or _TIME_AFTER.match(text.text, end) is not None:
            return False
        own = self.own_words
        if not self.needs_own_words(compact) and _CN_MOBILE.fullmatch(compact) is None:
            return True
        return own is not None and own.around(text.lowered, start, end)

    def fits_format(self, compact: str) -> bool:
        """Removed next to a context word: the checksum and plausibility rules."""
        return self._checked(compact)

    def _checked(self, compact: str, strict: bool = False) -> bool:
        number = compact.translate(_DROP).upper()
        try:
            return self.validate_strict(number) if strict else self.validate(number)
        except (ValueError, IndexError):
            return False
