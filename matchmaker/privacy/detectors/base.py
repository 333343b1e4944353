"""The detector interface: what every identifier detector is and what it reports."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from matchmaker.privacy.normalize import NormalizedText

__all__ = ["Detector", "Finding"]


@dataclass(frozen=True, slots=True)
class Finding:
    """Where an identifier was found: a span of the *original* text and its kind.

    A finding never holds the value it covers, so it can be logged, counted and reported as it is.
    """

    start: int
    end: int
    kind: str

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError("a finding covers a non-empty span")


class Detector(ABC):
    r"""Finds one kind of identity-document number in folded text.

    Subclasses set ``kind``, the name reported in findings and written in the replacement marker,
    and may refine what the scanner uses to skip them cheaply:

    * ``min_digits``: the fewest ASCII digits any match holds in one run of digits (digits with at
      most eight other characters between each two). The scanner runs a detector only around runs
      with that many digits. It skips strings without a run of six, so a detector whose numbers
      can have fewer must require context and name its words in ``precheck_words``;
    * ``reach``: how far a match can extend beyond the run of digits it contains (letters, brackets,
      separators; an MRZ's name line). The scanner searches only around digit runs, this far out;
    * ``required_words``: when not empty, the detector finds nothing unless one of these context
      words occurs in the text, and the scanner does not run it otherwise;
    * ``gate``: with ``required_words``, a regex that every match found without those words contains
      (``-(?<=\d{3}-)\d{2}-\d{4}`` for ``123-45-6789``): the scanner also runs the detector where it
      matches. Start it with a literal or a small character class (the separator, with the digits
      before it in a look-behind), so that the regex engine skips fast to where it can match.
    * ``prefilter``: a regex that occurs inside every match the detector can report, with no
      look-ahead or boundary (so a match in a region is one in the whole text). The scanner searches
      the prefilters of all detectors it is about to run together, once per text, and skips those
      detectors when none occurs.
    """

    kind: str
    min_digits: int = 6
    precheck_words: tuple[str, ...] = ()
    reach: int = 16
    required_words: tuple[str, ...] = ()
    gate: str | None = None
    prefilter: re.Pattern[str] | None = None

    @abstractmethod
    def find(self, text: NormalizedText, spans: Sequence[tuple[int, int]] | None = None) -> list[Finding]:
        """All numbers of this kind in ``text``, as spans of ``text.original``, in order.

        ``spans``, when given, are the only regions of ``text.text`` to search: sorted, disjoint
        ``(start, end)`` pairs whose edges do not cut a word. ``None`` searches the whole text.
        """
