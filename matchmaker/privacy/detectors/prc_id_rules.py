"""Plausibility rules shared by the PRC-style 18- and 15-digit numbers: area codes and birth dates.

A checksum alone lets one random 18-digit number in eleven through; requiring a real province code
and a real birth date at the right place cuts that by another factor of several hundred, which is
what keeps bank card, order and tracking numbers in the text.
"""

from __future__ import annotations

import datetime

__all__ = ["PROVINCE_CODES", "RESIDENCE_PERMIT_AREAS", "is_birth_date", "is_province"]

#: First two digits of a PRC administrative division (GB/T 2260), plus 71 (Taiwan) and 81/82 (HK/Macau).
PROVINCE_CODES = frozenset(
    {
        *("11", "12", "13", "14", "15"),  # North
        *("21", "22", "23"),  # North-east
        *("31", "32", "33", "34", "35", "36", "37"),  # East
        *("41", "42", "43", "44", "45", "46"),  # Centre and south
        *("50", "51", "52", "53", "54"),  # South-west
        *("61", "62", "63", "64", "65"),  # North-west
        *("71", "81", "82"),  # Taiwan, Hong Kong, Macau
    }
)
#: Area codes of the residence permits for Hong Kong, Macau and Taiwan residents.
RESIDENCE_PERMIT_AREAS = frozenset({"810000", "820000", "830000"})

_EARLIEST_YEAR = 1900


def is_province(code: str) -> bool:
    """True when the first two characters of ``code`` are a province code."""
    return code[:2] in PROVINCE_CODES


def is_birth_date(yyyymmdd: str) -> bool:
    """True when ``yyyymmdd`` is a calendar date from 1900 up to today."""
    if len(yyyymmdd) != 8 or not yyyymmdd.isdigit():
        return False
    year, month, day = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:])
    if year < _EARLIEST_YEAR:
        return False
    try:
        born = datetime.date(year, month, day)
    except ValueError:
        return False
    return born <= datetime.date.today()
