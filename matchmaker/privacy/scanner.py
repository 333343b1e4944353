"""``IdentifierScanner``: finds identity-document numbers in free text and replaces them.

The contact-card filter runs it on every field of every card it shares, so it is built for speed:

1. a pre-check on the raw string skips it when it cannot hold any number the detectors look for:
   no six digits close together, no character that folds to a letter or digit, and no word of a
   detector whose numbers can have fewer digits (a German passport or ID card);
2. a string that passes is folded (``normalize``), and its runs of digits are located;
3. detectors that need context words run only when one of their words occurs in the text, or when
   one of their gates matches (all gates in one combined search, and each gate on its own only where
   that finds something), and only when their numbers fit in the longest run of digits;
4. the prefilters of the detectors about to run (HK and Taiwan IDs: their shape from the digits on)
   are searched together once; where none occurs, those detectors are skipped;
5. each detector searches only the windows around the runs of digits, with one regex compiled when
   its class was created, and validates its candidates (checksums, dates, context).

Every skip is exact: it only leaves out work that could not find anything.

Findings that overlap are merged into one replacement, ``[removed: <kind>]``, in the original text;
what is reported is the kinds, never the values. Markers already in the text (a second scan of a
scrubbed card) are masked before detection, so scanning is idempotent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from matchmaker.privacy.detectors.base import Detector, Finding
from matchmaker.privacy.detectors.context_words import ContextWords
from matchmaker.privacy.detectors.pattern_detector import END
from matchmaker.privacy.detectors.registry import default_detectors
from matchmaker.privacy.normalize import NormalizedText, character_class, fold_table, normalize

__all__ = ["PRECHECK_DIGITS", "IdentifierScanner", "ScanResult", "marker"]

#: A string without this many digits close together is skipped (see the module docstring).
PRECHECK_DIGITS = 6
# The widest gap between two digits of one number: three spaces, a line break, three spaces.
_PRECHECK_GAP = 8
# What can stand between two digits of one number: separators, brackets, letters, the MRZ filler,
# the dots of 123.456.789-09 (CPF), 12.345.678-5 (RUT) and 756.1234.5678.97 (AHV).
_GAP = r"\s\-\u2010-\u2015\u2212().<A-Za-z\u00ad\u200b-\u200d\u2060\ufeff"
# Maximal runs of digits with short gaps, each holding six digits or more, in folded text.
_DIGIT_RUN = re.compile(rf"[0-9](?:[{_GAP}]{{0,{_PRECHECK_GAP}}}[0-9]){{{PRECHECK_DIGITS - 1},}}")
_TWO_DIGITS = re.compile(r"\d\D*\d")
_TWO_ASCII_DIGITS = re.compile(r"[0-9][^0-9]*[0-9]")
_WORD_TAIL = re.compile(r"[0-9A-Za-z<]*")
# For counting digits: a translation table that drops every other ASCII character (fast on ASCII
# text), and a regex for the rest.
_KEEP_DIGITS = dict.fromkeys(c for c in range(128) if not chr(c).isdigit())
_NOT_DIGITS = re.compile(r"[^0-9]+")
# Strings up to this length are searched whole, without locating their runs of digits.
_SHORT = 64
# How far around a run of digits a gate can reach.
_GATE_REACH = 4
# The fewest digits a gate holds (``1234567A``): shorter runs cannot hold one.
_GATE_DIGITS = 7
_MARKER = re.compile(r"\[removed: [a-z0-9_]+\]")
_MARKER_PREFIX = "[removed: "
_MASK = "\x00"
# The detectors to run for a text and one regex for their prefilters (see ``IdentifierScanner._plan``).
_Plan = tuple[tuple[tuple[int, Detector, tuple[int, int], bool], ...], "re.Pattern[str] | None"]
# The gates worth searching for a text, and one regex for all of them (None: none is).
_GateChoice = tuple[tuple[int, ...], "re.Pattern[str] | None", "re.Pattern[str] | None"]


def marker(kind: str) -> str:
    """The text that replaces a number of ``kind``."""
    return f"[removed: {kind}]"


class ScanResult(NamedTuple):
    """The scrubbed text and the sorted kinds that were removed from it (never the values).

    A named tuple (immutable, and built three times faster than a frozen dataclass: the filter
    makes one for every field of every card).
    """

    text: str
    kinds: list[str]

    @property
    def changed(self) -> bool:
        """True when anything was removed."""
        return bool(self.kinds)


_new_result = tuple.__new__


class _ExoticCharacters:
    r"""Finds characters that fold to an ASCII letter or digit, decimal digits aside.

    A string holding one is not judged by the raw pre-check (``"①"`` is not ``\d``, ``"ｐ"`` is
    not ``p``): it goes to folding and the detectors. A string that is already NFKC-normal holds
    none; otherwise one compact class (the BMP ones, and any astral character) is searched first.
    """

    def __init__(self) -> None:
        exotic = [
            code_point
            for code_point, folded in fold_table().items()
            if not chr(code_point).isdecimal() and any(c.isascii() and c.isalnum() for c in folded)
        ]
        bmp = character_class(cp for cp in exotic if cp <= 0xFFFF)
        self._bmp = re.compile(bmp)
        # Raw text: any decimal digit, and between digits also any character that folds (to a
        # separator, a bracket, a letter): a superset of the runs that folding could produce.
        foldable = character_class(cp for cp in fold_table() if cp <= 0xFFFF and not chr(cp).isdecimal())[
            1:-1
        ]
        self.digit_run = re.compile(
            rf"\d(?:[{_GAP}{foldable}\U00010000-\U0010ffff]{{0,{_PRECHECK_GAP}}}\d){{{PRECHECK_DIGITS - 1},}}"
        )
        self._bmp_or_astral = re.compile(bmp[:-1] + "\U00010000-\U0010ffff]")
        self._astral = re.compile(character_class(cp for cp in exotic if cp > 0xFFFF))

    def search(self, text: str) -> bool:
        """True when ``text`` holds such a character."""
        if unicodedata.is_normalized("NFKC", text) or self._bmp_or_astral.search(text) is None:
            return False
        return self._bmp.search(text) is not None or self._astral.search(text) is not None


@cache
def _exotic_characters() -> _ExoticCharacters:
    """The process-wide instance (built once: it reads the whole folding table)."""
    return _ExoticCharacters()


class IdentifierScanner:
    """Runs the registered detectors over a string and scrubs what they find.

    Safe to share between threads: its only state after construction is small caches (which
    detectors and which gates to search for which combination of words and digits, with their
    combined regexes), filled on first use. ``scan`` never
    raises on a ``str``; the contact-card filter still treats any exception as "share nothing"
    (fail closed).
    """

    def __init__(self, detectors: Sequence[Detector] | None = None) -> None:
        self._detectors: tuple[Detector, ...] = tuple(default_detectors() if detectors is None else detectors)
        few_digit_words: dict[str, None] = {}
        for detector in self._detectors:
            if detector.min_digits < PRECHECK_DIGITS:
                if not detector.precheck_words:
                    raise ValueError(
                        f"{type(detector).__name__} finds numbers with fewer than {PRECHECK_DIGITS} digits "
                        "but names no precheck_words"
                    )
                few_digit_words.update(dict.fromkeys(detector.precheck_words))
        self._few_digit_words = ContextWords(few_digit_words) if few_digit_words else None
        # One regex for the context words of all detectors that need them, and which detectors
        # each word unlocks.
        owners: dict[str, set[int]] = {}
        for rank, detector in enumerate(self._detectors):
            for word in detector.required_words:
                owners.setdefault(word.lower(), set()).add(rank)
        self._words = ContextWords(owners) if owners else None
        # The combined regex reports the longest word at a position ("id no" rather than "id"): a
        # word also unlocks the detectors of every word it contains.
        self._word_owners = {
            word: frozenset().union(*(ranks for other, ranks in owners.items() if other in word))
            for word in owners
        }
        self._always = frozenset(r for r, d in enumerate(self._detectors) if not d.required_words)
        # The gates of detectors that also find numbers without their words, each compiled once with
        # the detectors it unlocks (several detectors may share one gate).
        gate_owners: dict[str, set[int]] = {}
        for rank, detector in enumerate(self._detectors):
            if detector.gate is not None and _looks_ahead(detector.gate):
                raise ValueError(f"{type(detector).__name__}'s gate looks ahead or at a boundary")
            if detector.gate is not None and detector.required_words:
                gate_owners.setdefault(detector.gate, set()).add(rank)
        # With each gate: the fewest digits its detectors' numbers hold (a text whose longest run
        # has fewer runs none of them, so the gate need not be searched).
        self._gates = tuple(
            (
                re.compile(gate),
                frozenset(ranks),
                tuple(_gate_separators(gate)),
                min(self._detectors[r].min_digits for r in ranks),
            )
            for gate, ranks in gate_owners.items()
        )
        # The gates rewritten to start with their digits (see ``_digit_first``), for one combined
        # search: how far before a region it must start, and the combinations compiled so far.
        rewritten = [_digit_first(gate.pattern) for gate, *_ in self._gates]
        self._gate_alternatives = tuple(pattern for pattern, _ in rewritten)
        self._gate_behind = max([behind for _, behind in rewritten], default=0)
        self._gate_separator_chars = "".join(sorted({c for *_, seps, _ in self._gates for c in seps}))
        self._gate_choices: dict[tuple[int, frozenset[int], str], _GateChoice] = {}
        self._few_digit_ranks = frozenset(
            r for r, d in enumerate(self._detectors) if d.min_digits < PRECHECK_DIGITS
        )
        # Digits in the longest run -> the largest ``min_digits`` it satisfies (the plan's key).
        thresholds = sorted({0, *(d.min_digits for d in self._detectors)})
        self._fits = [max(t for t in thresholds if t <= n) for n in range(thresholds[-1] + 1)]
        self._plans: dict[tuple[frozenset[int], int], _Plan] = {}
        # Detectors whose prefilter the scanner may search for them (see ``Detector.prefilter``).
        self._prefiltered = frozenset(
            r
            for r, d in enumerate(self._detectors)
            if d.prefilter is not None
            and _DIGIT_FIRST.match(d.prefilter.pattern)
            and not _looks_ahead(d.prefilter.pattern)
        )
        self._exotic = _exotic_characters()
        self._raw_digit_run = self._exotic.digit_run

    @property
    def detectors(self) -> tuple[Detector, ...]:
        """The detectors, in order of precedence."""
        return self._detectors

    def find(self, text: str) -> list[Finding]:
        """The identifiers in ``text``: merged, sorted spans of ``text`` with the winning kind."""
        # 1. The pre-check, on the raw string: most fields (names, e-mail addresses) stop here. On
        # ASCII text (nothing to fold) the plain ASCII regexes say the same, faster.
        few_digit_words = self._few_digit_words
        if text.isascii():
            first_run = _DIGIT_RUN.search(text)
            if first_run is None and (
                few_digit_words is None
                or _TWO_ASCII_DIGITS.search(text) is None
                or not few_digit_words.occur_in(text.lower())
            ):
                return []
        else:
            first_run = self._raw_digit_run.search(text)
            if first_run is None and not (
                self._exotic.search(text)
                or (
                    few_digit_words is not None
                    and _TWO_DIGITS.search(text) is not None
                    and few_digit_words.occur_in(text.lower())
                )
            ):
                return []

        # 2. Fold; locate the runs of digits, around which numbers can be, and count their digits.
        folded = normalize(text)
        if _MARKER_PREFIX in folded.text:
            folded = _mask_markers(folded)
        folded_text = folded.text
        length = len(folded_text)
        short = length <= _SHORT
        if short:
            most_digits = _count_digits(folded_text)
            runs = [(0, length, most_digits)]
        else:
            if folded_text is text and first_run is not None:
                # Nothing was folded: the digits are ASCII and the first run is already known.
                matches = [first_run, *_DIGIT_RUN.finditer(text, first_run.end())]
            else:
                matches = list(_DIGIT_RUN.finditer(folded_text))
            runs = [(m.start(), m.end(), _count_digits(m.group())) for m in matches]
            most_digits = max([n for _, _, n in runs]) if runs else 0

        # 3. Which detectors can find anything: those that need no context words, whose words occur
        # in the text, or whose gates match.
        active = self._always
        if self._words is not None:
            for word in self._words.words_in(folded.lowered):
                active = active | self._word_owners[word]
        fits = self._fits[min(most_digits, len(self._fits) - 1)]
        present = "".join([c for c in self._gate_separator_chars if c in folded_text])
        candidates, union, anything = self._gate_choice(fits, active, present)
        # Gates and prefilters all together in one search (they do not look ahead, so a match in a
        # region is also one in the whole text): in most texts it finds nothing.
        nothing = anything is None or anything.search(folded_text) is None
        # Then the gates alone, and only where that finds something (rare) around the runs of digits
        # and each on its own, to learn which detectors it unlocks.
        if not nothing and union is not None and union.search(folded_text) is not None:
            gate_regions = (
                [(0, length)] if short else _windows(folded_text, runs, _GATE_REACH, _GATE_DIGITS, short)
            )
            for low, high in gate_regions:
                if union.search(folded_text, max(0, low - self._gate_behind), high) is None:
                    continue
                for index in candidates:
                    gate, ranks = self._gates[index][0], self._gates[index][1]
                    if not ranks <= active and gate.search(folded_text, low, high) is not None:
                        active = active | ranks
        if not short and self._few_digit_words is not None and self._few_digit_words.occur_in(folded.lowered):
            # A few-digit number (a German passport) need not sit near a run of six digits: its
            # word anywhere in the text makes its detectors search the whole text.
            active = active | self._few_digit_ranks
        few_digit_search = not short and not self._few_digit_ranks.isdisjoint(active)

        # 4. Each of them whose numbers fit in the longest run of digits, on the windows around the
        # runs that can hold its numbers.
        ranked: list[tuple[int, int, int, str]] = []
        plan, prefilters = self._plan(active, most_digits)
        # Detectors with a prefilter run only when one of the planned ones occurs (one search).
        prefiltered = prefilters is None or (not nothing and prefilters.search(folded_text) is not None)
        if short:
            whole = [(0, length)]
            for rank, detector, _, needs_prefilter in plan:
                if needs_prefilter and not prefiltered:
                    continue
                found = detector.find(folded, whole)
                if found:
                    ranked.extend((f.start, f.end, rank, f.kind) for f in found)
            return _merge(ranked) if ranked else []
        # Windows with another minimum of digits are the same when the same runs qualify: keyed by
        # the fewest digits among the runs that do.
        counts = sorted({n for _, _, n in runs})
        windows: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for rank, detector, (reach, min_digits), needs_prefilter in plan:
            if needs_prefilter and not prefiltered:
                continue
            spans: list[tuple[int, int]] | None
            if few_digit_search and rank in self._few_digit_ranks:
                spans = None
            else:
                least = min_digits
                for count in counts:
                    if count >= min_digits:
                        least = count
                        break
                spans = windows.get((reach, least))
                if spans is None:
                    spans = windows[reach, least] = _windows(folded_text, runs, reach, least, short)
            found = detector.find(folded, spans)
            if found:
                ranked.extend((f.start, f.end, rank, f.kind) for f in found)
        return _merge(ranked) if ranked else []

    def _plan(self, active: frozenset[int], most_digits: int) -> _Plan:
        """The detectors to run (rank, window key, whether it waits for the prefilters) and their regex.

        A detector waits for the prefilters when its prefilter starts with a digit and looks neither
        ahead nor at a boundary (``_prefiltered``); the regex is None when none waits. The detectors
        are those that are active and whose numbers fit in ``most_digits`` digits (or that search the
        whole text for few-digit numbers). One plan per combination, kept: there are few.
        """
        fits = self._fits[min(most_digits, len(self._fits) - 1)]
        key = (active, fits)
        plan = self._plans.get(key)
        if plan is None:
            entries = tuple(
                (r, d, (d.reach, d.min_digits), d.prefilter is not None and r in self._prefiltered)
                for r, d in ((r, self._detectors[r]) for r in sorted(active))
                if d.min_digits <= fits or r in self._few_digit_ranks
            )
            prefilters = [entry[1].prefilter for entry in entries if entry[3]]
            union = _union([_scoped(p) for p in prefilters if p is not None]) if prefilters else None
            plan = self._plans[key] = (entries, union)
        return plan

    def _gate_choice(self, fits: int, active: frozenset[int], present: str) -> _GateChoice:
        """The gates worth searching, one regex for them, and one for them and the prefilters (kept per key).

        A gate is worth searching when some of its detectors are not active yet, its detectors'
        numbers fit in ``fits`` digits, and the text holds its separator (``present``). The second
        regex adds the prefilters of the detectors whose numbers fit (see ``_plan``). None: nothing
        to search.
        """
        key = (fits, active, present)
        choice = self._gate_choices.get(key)
        if choice is None:
            candidates = tuple(
                index
                for index, (_, ranks, separators, gate_digits) in enumerate(self._gates)
                if gate_digits <= fits
                and not ranks <= active
                and (not separators or any(c in present for c in separators))
            )
            alternatives = [self._gate_alternatives[i] for i in candidates]
            union = _union(alternatives) if alternatives else None
            # The prefilters of the detectors that may wait for them (whose numbers fit) as well:
            # where this finds nothing, neither gates nor prefilters need a search of their own.
            prefilters = [
                _scoped(prefilter)
                for r in sorted(self._prefiltered)
                if (self._detectors[r].min_digits <= fits or r in self._few_digit_ranks)
                and (prefilter := self._detectors[r].prefilter)
            ]
            anything = _union(alternatives + prefilters) if alternatives or prefilters else None
            choice = self._gate_choices[key] = (candidates, union, anything)
        return choice

    def scan(self, text: str) -> ScanResult:
        """``text`` with each identifier replaced by ``[removed: <kind>]``, and the kinds removed."""
        findings = self.find(text)
        if not findings:
            # Most fields: built without the named tuple's Python-level __new__.
            return _new_result(ScanResult, (text, []))
        pieces: list[str] = []
        position = 0
        for finding in findings:
            pieces.append(text[position : finding.start])
            pieces.append(marker(finding.kind))
            position = finding.end
        pieces.append(text[position:])
        return ScanResult("".join(pieces), sorted({f.kind for f in findings}))


def _gate_separators(gate: str) -> str:
    """The separators one of which a gate starts with (``-``, ``[-+]``, ``[.]``), or "" for other gates.

    A text holding none of them cannot match the gate, and ``in`` tells that faster than a search.
    """
    simple = re.match(r"\[([-+.])([-+.]?)\]|(-)", gate)
    return "".join(part for part in simple.groups() if part) if simple else ""


# A look-ahead or a boundary: its outcome can depend on where a search region ends.
_LOOK_AHEAD = re.compile(r"\(\?[=!]|\\[bBZ]|(?<!\\)\$")


def _looks_ahead(pattern: str) -> bool:
    """True when ``pattern`` may match in a region and not in the whole text (gates and prefilters must not).

    The scanner searches all gates, and the prefilters of the planned detectors, together in the
    whole text. ``END`` is allowed: regions end where no word is cut (``_windows``), so what follows
    a region's end is never a letter or digit, as ``END`` asks in both.
    """
    return _LOOK_AHEAD.search(pattern.replace(END, "")) is not None


# A regex that starts with a digit: a digit, or a class of digits and ranges of digits.
_DIGIT_FIRST = re.compile(r"(?:[0-9]|\[(?:[0-9](?:-[0-9])?)+\])(?![?*]|\{0)")
# A gate that starts with a separator whose digits before it sit in a look-behind ending with it:
# ``-(?<=[0-9]{3}-)[0-9]{2}-[0-9]{4}``.
_LOOK_BEHIND_GATE = re.compile(
    r"(?P<first>\[[^\]]*\]|\\?[^\[(])\(\?<=(?P<body>[^()|]*)\)(?P<rest>.*)", re.DOTALL
)
# One token of a fixed-width look-behind body: a class, an escape or a character, with ``{n}``.
_FIXED_TOKEN = re.compile(r"(?:\[[^\]]*\]|\\.|[^\[\\{}()?*+|])(?:\{(?P<count>[0-9]+)\})?")


def _digit_first(gate: str) -> tuple[str, int]:
    """``gate`` with its look-behind moved into the match, and how far before the original match it starts.

    ``-(?<=[0-9]{3}-)[0-9]{2}-[0-9]{4}`` becomes ``[0-9]{3}-[0-9]{2}-[0-9]{4}``, starting three
    characters earlier: it matches wherever the gate does (searched from that far before a region),
    and it starts with a digit. A gate of another form is kept as it is (0 characters earlier).
    """
    shape = _LOOK_BEHIND_GATE.fullmatch(gate)
    if shape is None or not shape["body"].endswith(shape["first"]):
        return gate, 0
    before = shape["body"][: -len(shape["first"])]
    width = 0
    position = 0
    while position < len(before):
        token = _FIXED_TOKEN.match(before, position)
        if token is None or token.end() == position:
            return gate, 0
        width += int(token["count"]) if token["count"] else 1
        position = token.end()
    return before + shape["first"] + shape["rest"], width


_SCOPED_FLAGS = (
    (re.ASCII, "a"),
    (re.IGNORECASE, "i"),
    (re.MULTILINE, "m"),
    (re.DOTALL, "s"),
    (re.VERBOSE, "x"),
)


def _union(alternatives: list[str]) -> re.Pattern[str]:
    """One regex for the alternatives.

    Those that start with a digit share one look-ahead for it, so that the engine skips fast over
    everything else.
    """
    digit_first = [a for a in alternatives if _DIGIT_FIRST.match(a)]
    others = [a for a in alternatives if not _DIGIT_FIRST.match(a)]
    parts = [f"(?=[0-9])(?:{'|'.join(digit_first)})"] if digit_first else []
    return re.compile("|".join(parts + others))


def _scoped(pattern: re.Pattern[str]) -> str:
    """A compiled regex as a group of a larger one, with its flags: ``(?ai:...)``."""
    flags = "".join(letter for flag, letter in _SCOPED_FLAGS if pattern.flags & flag)
    return f"(?{flags}:{pattern.pattern})" if flags else f"(?:{pattern.pattern})"


def _count_digits(text: str) -> int:
    """The number of ASCII digits in ``text``."""
    if text.isascii():
        return len(text.translate(_KEEP_DIGITS))
    return len(_NOT_DIGITS.sub("", text))


def _windows(
    text: str, runs: list[tuple[int, int, int]], reach: int, min_digits: int, short: bool
) -> list[tuple[int, int]]:
    """Regions ``reach`` characters around each run of at least ``min_digits`` digits, merged.

    A region ends where no word is cut, so that a pattern's end look-ahead sees what follows.
    """
    if short:
        return [(0, len(text))]
    merged: list[tuple[int, int]] = []
    for start, end, count in runs:
        if count < min_digits:
            continue
        low = max(0, start - reach)
        tail = _WORD_TAIL.match(text, min(len(text), end + reach))
        high = tail.end() if tail is not None else len(text)
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


def _mask_markers(folded: NormalizedText) -> NormalizedText:
    """Blank out ``[removed: …]`` markers so that their words are no context for a second scan."""
    masked = _MARKER.sub(lambda m: _MASK * len(m.group()), folded.text)
    return folded.with_text(masked)


def _merge(ranked: list[tuple[int, int, int, str]]) -> list[Finding]:
    """Overlapping spans become one, labelled with the kind of the detector listed first."""
    if not ranked:
        return []
    ranked.sort()
    merged: list[Finding] = []
    start, end, best_rank, kind = ranked[0]
    for next_start, next_end, rank, next_kind in ranked[1:]:
        if next_start < end:
            end = max(end, next_end)
            if rank < best_rank:
                best_rank, kind = rank, next_kind
        else:
            merged.append(Finding(start, end, kind))
            start, end, best_rank, kind = next_start, next_end, rank, next_kind
    merged.append(Finding(start, end, kind))
    return merged
