"""``MrzDetector``: machine-readable zones of passports (ICAO 9303 TD3) and ID cards (TD1)."""

from __future__ import annotations

import re

from matchmaker.privacy.checksums import mrz_check_digit
from matchmaker.privacy.detectors.pattern_detector import PatternDetector

__all__ = ["MrzDetector"]

_EDGE_BEFORE = "(?<![0-9A-Za-z<])"
_EDGE_AFTER = "(?![0-9A-Za-z<])"
_LINE_BREAK = r"[ \t]*(?:\r\n|[\n\r\u2028])?[ \t]*"
# TD3 (passport): two lines of 44. The first, the name line, is optional: a pasted second line alone
# still carries the passport number and four check digits.
_TD3_LINE1 = "P[A-Z<]{43}"
_TD3_LINE2 = "[A-Z0-9<]{9}[0-9][A-Z<]{3}[0-9]{6}[0-9][MFX<][0-9]{6}[0-9][A-Z0-9<]{14}[0-9<][0-9]"
# TD1 (identity card): three lines of 30; the third, the name line, is optional.
_TD1_LINE1 = "[ACI][A-Z<][A-Z<]{3}[A-Z0-9<]{9}[0-9<][A-Z0-9<]{15}"
_TD1_LINE2 = "[0-9]{6}[0-9][MFX<][0-9]{6}[0-9][A-Z<]{3}[A-Z0-9<]{11}[0-9]"
_TD1_LINE3 = "[A-Z<]{30}"

_TD3_LENGTH = 44
_TD1_LENGTH = 30


def _check(field: str, digit: str) -> bool:
    return mrz_check_digit(field) == digit


def _td3_valid(line2: str) -> bool:
    """Document number, birth date, expiry and composite check digits of a TD3 second line."""
    return (
        _check(line2[0:9], line2[9])
        and _check(line2[13:19], line2[19])
        and _check(line2[21:27], line2[27])
        and _check(line2[0:10] + line2[13:20] + line2[21:43], line2[43])
    )


def _td1_valid(line1: str, line2: str) -> bool:
    """Document number (unless continued in the optional field), birth date, expiry, composite."""
    return (
        (line1[14] == "<" or _check(line1[5:14], line1[14]))
        and _check(line2[0:6], line2[6])
        and _check(line2[8:14], line2[14])
        and _check(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29], line2[29])
    )


class MrzDetector(PatternDetector):
    """The MRZ printed at the foot of a passport's data page or the back of an ID card.

    Every check digit (weights 7 3 1, ``<`` = 0, A = 10 .. Z = 35) is validated; the whole zone is
    removed, name line included.
    """

    kind = "mrz"
    min_digits = 14  # birth date, check, sex, expiry, check: in one run whatever the rest holds
    reach = 100  # the name line(s) and fillers around the digits
    # Every zone holds a full line of 30 or 44 MRZ characters: a cheap test before the real pattern.
    prefilter = re.compile("[A-Z0-9<]{30}", re.ASCII)
    pattern = re.compile(
        _EDGE_BEFORE
        + f"(?:(?:{_TD3_LINE1}{_LINE_BREAK})?{_TD3_LINE2}"
        + f"|{_TD1_LINE1}{_LINE_BREAK}{_TD1_LINE2}(?:{_LINE_BREAK}{_TD1_LINE3})?)"
        + _EDGE_AFTER,
        re.ASCII,
    )

    def is_valid(self, compact: str) -> bool:
        """Check digits of the TD3 second line, or of the TD1 first and second lines."""
        if len(compact) in (_TD3_LENGTH, 2 * _TD3_LENGTH):
            return _td3_valid(compact[-_TD3_LENGTH:])
        if len(compact) in (2 * _TD1_LENGTH, 3 * _TD1_LENGTH):
            return _td1_valid(compact[:_TD1_LENGTH], compact[_TD1_LENGTH : 2 * _TD1_LENGTH])
        return False
