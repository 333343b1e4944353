"""A deterministic generator of demo profiles for a large import expo (CIIE-like).

Everything is drawn from one seeded ``random.Random``; no global random state, no I/O beyond
reading the bundled product taxonomy. The same seed and counts give the same profiles, byte for
byte, on every run and platform.

What it produces:

- Exhibitors and purchasers as dicts in the protobuf JSON form of ``matchmaker.v1.Profile``
  (lowerCamelCase names, default values omitted), over the six exhibition areas.
- A hidden truth (:func:`generate_with_truth`): for every profile the fine-grained topics it
  offers (exhibitor) or needs (purchaser), as taxonomy paths. :func:`relevance` turns two topic
  sets into a graded relevance (2 same leaf, 1 same parent, 0 otherwise). Purchasers word their
  needs differently from how exhibitors word their offer (synonyms, buyer jargon, Chinese), and
  exhibitors' ``seeking`` texts are mostly generic, so matching them is not a string lookup.
- Synthetic identity numbers of every kind in docs/privacy.md (public helpers below), all passing
  their checksums; contact cards carry them in ``idNumber`` / ``passportNumber`` and, for a
  share of cards, inside ``notes`` or ``address`` in varied renderings, next to numbers that
  must survive the filter (mobiles, credit codes, order and booth numbers, HS codes).
  :func:`generate_dataset` lists where each was planted, for tests and filter benchmarks.
"""

from __future__ import annotations

import json
import random
import string
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any, Final, TypeVar

from matchmaker.privacy.checksums import (
    hkid_check_char,
    mod11_2_check_char,
    mod11_2_valid,
    mrz_check_digit,
    taiwan_id_check_digit,
    uscc_check_char,
)

ProfileDict = dict[str, Any]
"""One profile in protobuf JSON form."""

_T = TypeVar("_T")

REFERENCE_DATE: Final = date(2026, 11, 29)
"""The day ages are computed on: contact persons under 14 then need a guardian's consent."""

ID_KINDS: Final = (
    "cn_resident_id",
    "cn_resident_id_15",
    "residence_permit",
    "foreign_permanent_residence",
    "passport",
    "travel_permit",
    "hk_id",
    "tw_id",
    "mrz",
)
"""The identity-document kinds the generator produces (the redaction kinds of the API)."""


# ---------------------------------------------------------------------------------------------
# Synthetic identity numbers
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SyntheticId:
    """A synthetic, checksum-valid identity-document number.

    ``kind`` is one of :data:`ID_KINDS`; ``variant`` names the sub-format (``"hk"`` for a
    Hong Kong residence permit, ``"us"`` for a US passport, ``"cn_e8"`` for an E+8 PRC passport,
    ...). An MRZ value holds its two 44-character lines separated by a newline.
    """

    kind: str
    value: str
    variant: str = ""


_DIGITS = string.digits
_LETTERS = string.ascii_uppercase
_LETTERS_NO_IO = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_DE_PASSPORT_ALPHABET = "CFGHJKLMNPRTVWXYZ0123456789"

# County-level administrative division codes (GB/T 2260) used as birthplaces.
# fmt: off
_CN_AREA_CODES: Final = (
    "110101", "110105", "110108", "120101", "130102", "210102", "220102", "230102",
    "310101", "310104", "310115", "320102", "320505", "330106", "330203", "340104",
    "350203", "360102", "370202", "410105", "420102", "430102", "440103", "440305",
    "450103", "500103", "510104", "530102", "610113", "620102",
)
# fmt: on
# Province codes of the authority that issues a foreigner's permanent residence card.
_FPR_PROVINCES: Final = ("11", "31", "32", "33", "44", "51")
_RESIDENCE_PERMIT_PREFIX: Final = {"HK": "810000", "MO": "820000", "TW": "830000"}
_TW_AREA_LETTERS: Final = "ABEFHJKLMNPQRTUVW"


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_DIGITS) for _ in range(n))


def _chars(rng: random.Random, n: int, alphabet: str) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _random_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def adult_birth_date(rng: random.Random) -> date:
    """A birth date of an adult contact person: between 1955-01-01 and 2000-12-31."""
    return _random_date(rng, date(1955, 1, 1), date(2000, 12, 31))


def minor_birth_date(rng: random.Random) -> date:
    """A birth date of someone aged 10 to 13 on :data:`REFERENCE_DATE`."""
    return _random_date(rng, date(2013, 1, 1), date(2016, 6, 30))


def _sequence(rng: random.Random, female: bool | None) -> str:
    """Three-digit order code; its last digit is odd for men and even for women."""
    if female is None:
        female = rng.random() < 0.5
    value = rng.randrange(1, 500) * 2 - (0 if female else 1)
    return f"{value:03d}"


def cn_resident_id(
    rng: random.Random, birth: date | None = None, *, female: bool | None = None
) -> SyntheticId:
    """An 18-character PRC resident identity card number (area, birth date, MOD 11-2)."""
    birth = birth or adult_birth_date(rng)
    body = f"{rng.choice(_CN_AREA_CODES)}{birth:%Y%m%d}{_sequence(rng, female)}"
    return SyntheticId("cn_resident_id", body + mod11_2_check_char(body), "18")


def cn_resident_id_15(
    rng: random.Random, birth: date | None = None, *, female: bool | None = None
) -> SyntheticId:
    """A legacy 15-digit PRC resident ID (area, YYMMDD, sequence; no check digit)."""
    birth = birth or _random_date(rng, date(1955, 1, 1), date(1984, 12, 31))
    if not 1900 <= birth.year <= 1999:
        raise ValueError("15-digit IDs encode birth years 1900-1999 only")
    value = f"{rng.choice(_CN_AREA_CODES)}{birth:%y%m%d}{_sequence(rng, female)}"
    return SyntheticId("cn_resident_id_15", value, "15")


def residence_permit(
    rng: random.Random, region: str = "HK", birth: date | None = None, *, female: bool | None = None
) -> SyntheticId:
    """A residence permit for Hong Kong, Macao or Taiwan residents (810000/820000/830000)."""
    prefix = _RESIDENCE_PERMIT_PREFIX[region]
    birth = birth or adult_birth_date(rng)
    body = f"{prefix}{birth:%Y%m%d}{_sequence(rng, female)}"
    return SyntheticId("residence_permit", body + mod11_2_check_char(body), region.lower())


def foreign_permanent_residence(
    rng: random.Random,
    nationality: str = "US",
    birth: date | None = None,
    *,
    female: bool | None = None,
) -> SyntheticId:
    """A 2023-format foreigner's permanent residence ID card number (starts with 9, MOD 11-2).

    Layout: 9, issuing province (2), ISO 3166 numeric nationality (3), birth date (8),
    sequence (3), check character.
    """
    numeric = _COUNTRIES[nationality].numeric if nationality in _COUNTRIES else "840"
    birth = birth or adult_birth_date(rng)
    body = f"9{rng.choice(_FPR_PROVINCES)}{numeric}{birth:%Y%m%d}{_sequence(rng, female)}"
    return SyntheticId("foreign_permanent_residence", body + mod11_2_check_char(body), "2023")


def prc_passport(rng: random.Random, variant: str | None = None) -> SyntheticId:
    """A PRC ordinary passport number: ``E`` + 8 digits, ``E`` + letter + 7 digits or ``G`` + 8 digits."""
    variant = variant or rng.choices(("cn_e8", "cn_el7", "cn_g8"), weights=(5, 3, 2))[0]
    if variant == "cn_e8":
        value = "E" + _digits(rng, 8)
    elif variant == "cn_el7":
        value = "E" + rng.choice(_LETTERS_NO_IO) + _digits(rng, 7)
    elif variant == "cn_g8":
        value = "G" + _digits(rng, 8)
    else:
        raise ValueError(f"unknown PRC passport variant {variant!r}")
    return SyntheticId("passport", value, variant)


def hk_sar_passport(rng: random.Random) -> SyntheticId:
    """A Hong Kong SAR passport number: ``K`` + 8 digits."""
    return SyntheticId("passport", "K" + _digits(rng, 8), "hk_k8")


def macao_sar_passport(rng: random.Random) -> SyntheticId:
    """A Macao SAR passport number: ``MA`` + 7 digits."""
    return SyntheticId("passport", "MA" + _digits(rng, 7), "mo_ma7")


def travel_permit(rng: random.Random, region: str = "HK", *, renewals: bool | None = None) -> SyntheticId:
    """A mainland travel permit: ``H``/``M`` + 8 digits (+ 2 renewal digits) or 8 digits for Taiwan."""
    if region == "TW":
        return SyntheticId("travel_permit", _digits(rng, 8), "tw")
    letter = {"HK": "H", "MO": "M"}[region]
    value = letter + _digits(rng, 8)
    if renewals if renewals is not None else rng.random() < 0.3:
        value += f"{rng.randrange(0, 10):02d}"
    return SyntheticId("travel_permit", value, region.lower())


def hk_id(rng: random.Random) -> SyntheticId:
    """A Hong Kong identity card number with its check character, e.g. ``A123456(3)``."""
    prefix = rng.choice("ACDEGKPRVZ") if rng.random() < 0.9 else rng.choice(("XA", "XB", "XC", "WX"))
    digits = _digits(rng, 6)
    return SyntheticId("hk_id", f"{prefix}{digits}({hkid_check_char(prefix, digits)})", str(len(prefix)))


def tw_id(rng: random.Random, *, female: bool | None = None, resident: bool = False) -> SyntheticId:
    """A Taiwan national ID (second digit 1/2) or resident certificate (8/9) with its check digit."""
    if female is None:
        female = rng.random() < 0.5
    second = ("9" if female else "8") if resident else ("2" if female else "1")
    first9 = rng.choice(_TW_AREA_LETTERS) + second + _digits(rng, 7)
    return SyntheticId(
        "tw_id", first9 + taiwan_id_check_digit(first9), "resident" if resident else "national"
    )


# Passport number shapes: L = letter (no I/O), D = digit, A = German passport alphabet.
_PASSPORT_SHAPES: Final = {
    "US": ("LDDDDDDDD", "DDDDDDDDD"),
    "GB": ("LLDDDDDDD",),
    "KR": ("KDDDDDDDD",),  # K: one of M S R O D
    "DE": ("CAAAAAAAA",),  # C: one of C F G H J K
    "JP": ("LLDDDDDDD",),
    "FR": ("DDLLDDDDD",),
    "IT": ("LLDDDDDDD",),
    "ES": ("LLLDDDDDD",),
    "AU": ("LDDDDDDD",),
    "CA": ("LLDDDDDD",),
    "TW": ("DDDDDDDDD",),
}


def foreign_passport(rng: random.Random, country: str) -> SyntheticId:
    """A passport number of another country (US, GB, KR, DE have their own shapes; others generic)."""
    shape = rng.choice(_PASSPORT_SHAPES.get(country, ("LLDDDDDDD",)))
    out = []
    for symbol in shape:
        if symbol == "L":
            out.append(rng.choice(_LETTERS_NO_IO))
        elif symbol == "D":
            out.append(rng.choice(_DIGITS))
        elif symbol == "K":
            out.append(rng.choice("MSROD"))
        elif symbol == "C":
            out.append(rng.choice("CFGHJK"))
        else:
            out.append(rng.choice(_DE_PASSPORT_ALPHABET))
    return SyntheticId("passport", "".join(out), country.lower())


def _mrz_text(text: str) -> str:
    """Upper-case Latin letters for an MRZ name field; everything else becomes ``<``."""
    folded = ascii_fold(text).upper()
    return "".join(c if c in _LETTERS else "<" for c in folded)


def mrz_td3(
    rng: random.Random,
    *,
    surname: str,
    given_names: str,
    nationality: str,
    birth: date,
    female: bool,
    passport_number: str | None = None,
    expiry: date | None = None,
) -> SyntheticId:
    """The two 44-character lines of an ICAO 9303 TD3 passport MRZ, every check digit correct.

    ``nationality`` is an ISO alpha-2 code (CN, DE, ...); it becomes the MRZ's three-letter
    code (``D<<`` for Germany) as issuing state and nationality.
    """
    code = _COUNTRIES[nationality].alpha3 if nationality in _COUNTRIES else "UTO"
    number = passport_number or foreign_passport(rng, nationality).value
    if len(number) > 9:
        raise ValueError("passport numbers in a TD3 MRZ have at most 9 characters")
    expiry = expiry or _random_date(rng, date(2027, 1, 1), date(2035, 12, 31))
    name = f"{_mrz_text(surname)}<<{_mrz_text(given_names)}"
    line1 = f"P<{code}{name}"[:44].ljust(44, "<")
    doc = number.ljust(9, "<")
    dob = f"{birth:%y%m%d}"
    exp = f"{expiry:%y%m%d}"
    personal = "<" * 14
    doc_cd, dob_cd, exp_cd, personal_cd = (mrz_check_digit(x) for x in (doc, dob, exp, personal))
    composite = mrz_check_digit(doc + doc_cd + dob + dob_cd + exp + exp_cd + personal + personal_cd)
    sex = "F" if female else "M"
    line2 = f"{doc}{doc_cd}{code}{dob}{dob_cd}{sex}{exp}{exp_cd}{personal}{personal_cd}{composite}"
    if len(line1) != 44 or len(line2) != 44:
        raise AssertionError("TD3 lines must be 44 characters")
    return SyntheticId("mrz", f"{line1}\n{line2}", "td3")


def uscc(rng: random.Random) -> str:
    """A unified social credit code (18 characters, valid MOD 31 check). Not an identity number.

    Codes that happen to be all digits and to pass the resident-ID MOD 11-2 check are
    drawn again, so that no credit code is also a valid-looking identity number.
    """
    while True:
        if rng.random() < 0.6:
            org = "MA" + _chars(rng, 7, _USCC_ALPHABET)
        else:
            org = _digits(rng, 8) + rng.choice(_USCC_ALPHABET)
        body = "91" + rng.choice(_CN_AREA_CODES) + org
        code = body + uscc_check_char(body)
        if not (code.isdigit() and mod11_2_valid(code)):
            return code


_CN_MOBILE_PREFIXES: Final = ("135", "136", "138", "139", "150", "158", "177", "186", "188", "199")


def cn_mobile(rng: random.Random, style: str = "plain") -> str:
    """A mainland mobile number (not an identity number): ``plain``, ``spaced`` or ``intl``."""
    prefix, rest = rng.choice(_CN_MOBILE_PREFIXES), _digits(rng, 8)
    if style == "plain":
        return prefix + rest
    if style == "spaced":
        return f"{prefix} {rest[:4]} {rest[4:]}"
    return f"+86 {prefix} {rest[:4]} {rest[4:]}"


def synthetic_ids(rng: random.Random) -> list[SyntheticId]:
    """One synthetic number of every kind and variant the generator knows, in a fixed order."""
    birth = adult_birth_date(rng)
    out = [
        cn_resident_id(rng, birth),
        cn_resident_id_15(rng),
        residence_permit(rng, "HK"),
        residence_permit(rng, "MO"),
        residence_permit(rng, "TW"),
        foreign_permanent_residence(rng, "DE"),
        prc_passport(rng, "cn_e8"),
        prc_passport(rng, "cn_el7"),
        prc_passport(rng, "cn_g8"),
        hk_sar_passport(rng),
        macao_sar_passport(rng),
        *(foreign_passport(rng, country) for country in ("US", "GB", "KR", "DE", "JP", "FR")),
        travel_permit(rng, "HK", renewals=False),
        travel_permit(rng, "MO", renewals=True),
        travel_permit(rng, "TW"),
        hk_id(rng),
        tw_id(rng),
        tw_id(rng, resident=True),
    ]
    out.append(
        mrz_td3(
            rng,
            surname="Müller",
            given_names="Anna Maria",
            nationality="DE",
            birth=birth,
            female=True,
        )
    )
    return out


# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------

_FOLD: Final = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i"}
)


def ascii_fold(text: str) -> str:
    """Latin text without diacritics (``Müller`` -> ``Muller``, ``Ålesund`` -> ``Alesund``)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


def _slug(text: str, limit: int = 28) -> str:
    words = "".join(c if c.isalnum() else " " for c in ascii_fold(text).lower()).split()
    out = ""
    for word in words:
        if word in {"co", "ltd", "inc", "llc", "gmbh", "ag", "sa", "srl", "spa", "the", "pte", "pty", "bv"}:
            continue
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or "org"


def _a(noun: str) -> str:
    """``noun`` with its indefinite article (``an elderly-care operator``, ``a university``)."""
    vowel = noun[0].lower() in "aeiou" and not noun.lower().startswith(("uni", "use", "eu"))
    return f"{'an' if vowel else 'a'} {noun}"


def _join_en(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _join_zh(items: Sequence[str]) -> str:
    return "、".join(items)


def _pick(rng: random.Random, items: Sequence[_T]) -> _T:
    return items[rng.randrange(len(items))]


def _weighted(rng: random.Random, pairs: Sequence[tuple[_T, float]]) -> _T:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|") if part.strip())


def _is_cjk(text: str) -> bool:
    """True when ``text`` has no Latin part to quote in English (a purely Chinese name)."""
    return not _english_part(text)


def _english_part(text: str) -> str:
    head = text.split(" (")[0]
    return "" if any("\u4e00" <= c <= "\u9fff" for c in head) else head


def _english_name(organization: str, fallback: str) -> str:
    """The Latin part of ``English (中文)`` names; ``fallback`` for names in Chinese only."""
    return _english_part(organization) or fallback


def _fullwidth(text: str) -> str:
    """ASCII letters, digits and parentheses as their full-width forms (undone by NFKC)."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and (c.isalnum() or c in "()") else c for c in text)


# ---------------------------------------------------------------------------------------------
# Countries and people
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Country:
    code: str
    name: str
    zh: str
    pools: tuple[str, ...]
    dial: str
    languages: tuple[str, ...]
    suffixes: tuple[str, ...]
    cities: tuple[tuple[str, str, str], ...]  # city, postcode, telephone area code
    streets: tuple[str, ...]
    style: str
    mobiles: tuple[str, ...]
    alpha3: str
    numeric: str
    currency: str


def _country(
    code: str,
    name: str,
    zh: str,
    pools: str,
    dial: str,
    languages: str,
    suffixes: str,
    cities: str,
    streets: str,
    style: str,
    mobiles: str,
    alpha3: str,
    numeric: str,
    currency: str,
) -> _Country:
    parsed = tuple([*c.split("/"), "", ""][:3] for c in cities.split(";"))
    return _Country(
        code,
        name,
        zh,
        _split(pools),
        dial,
        _split(languages),
        _split(suffixes),
        tuple((a, b, c) for a, b, c in parsed),
        _split(streets),
        style,
        _split(mobiles),
        alpha3,
        numeric,
        currency,
    )


# fmt: off
_COUNTRY_LIST: Final = (
    _country("DE", "Germany", "德国", "de", "49", "de", "GmbH|AG|GmbH & Co. KG",
             "Hamburg/20457/40;München/80331/89;Stuttgart/70173/711;Düsseldorf/40213/211;Bremen/28195/421",
             "Hafenstraße|Industriestraße|Schillerstraße|Am Sandtorkai", "eu", "151|160|170|176",
             "D<<", "276", "EUR"),
    _country("FR", "France", "法国", "fr", "33", "fr", "SAS|SA|SARL",
             "Paris/75008/1;Lyon/69002/4;Bordeaux/33000/5;Rennes/35000/2",
             "rue de la République|avenue Victor Hugo|boulevard Haussmann|quai des Chartrons", "fr", "6|7",
             "FRA", "250", "EUR"),
    _country("IT", "Italy", "意大利", "it", "39", "it", "S.r.l.|S.p.A.",
             "Milano/20121/02;Parma/43121/0521;Torino/10121/011;Verona/37121/045;Bologna/40121/051",
             "Via Roma|Corso Venezia|Via Garibaldi|Via Emilia", "eu", "333|347|320", "ITA", "380", "EUR"),
    _country("ES", "Spain", "西班牙", "es", "34", "es", "S.L.|S.A.",
             "Madrid/28001/91;Barcelona/08001/93;Valencia/46001/96;Murcia/30001/968",
             "Calle Mayor|Avenida Diagonal|Calle de Alcalá|"
             "Gran Vía", "eu", "600|655|699", "ESP", "724", "EUR"),
    _country("NL", "the Netherlands", "荷兰", "nl", "31", "nl", "B.V.|N.V.",
             "Rotterdam/3011 AA/10;Amsterdam/1012 AB/20;Eindhoven/5611 AB/40",
             "Coolsingel|Keizersgracht|Stationsplein", "eu", "6", "NLD", "528", "EUR"),
    _country("BE", "Belgium", "比利时", "nl|fr", "32", "nl|fr", "NV|SA|BV",
             "Antwerpen/2000/3;Brussel/1000/2;Gent/9000/9", "Meir|Wetstraat|Korenmarkt", "eu",
             "470|475|495", "BEL", "056", "EUR"),
    _country("CH", "Switzerland", "瑞士", "de|fr", "41", "de|fr", "AG|SA|GmbH",
             "Zürich/8001/44;Basel/4051/61;Genève/1201/22;Lausanne/1003/21",
             "Bahnhofstrasse|Freie Strasse|Rue du Rhône", "eu", "79|78|76", "CHE", "756", "CHF"),
    _country("AT", "Austria", "奥地利", "de", "43", "de", "GmbH|AG",
             "Wien/1010/1;Linz/4020/732;Graz/8010/316",
             "Kärntner Straße|Landstraße|Herrengasse", "eu", "664|676|699", "AUT", "040", "EUR"),
    _country("GB", "the United Kingdom", "英国", "en", "44", "en", "Ltd|plc",
             "London/EC2V 7HH/20;Manchester/M1 1AE/161;Edinburgh/EH2 2AD/131;Bristol/BS1 4DJ/117",
             "King Street|High Street|Queen's Road|Victoria Street", "anglo", "7700|7911|7400", "GBR", "826",
             "GBP"),
    _country("IE", "Ireland", "爱尔兰", "en", "353", "en|ga", "Ltd|DAC",
             "Dublin/D02 X285/1;Cork/T12 R2NC/21;Galway/H91 E2K3/91",
             "Grafton Street|Patrick Street|Shop Street",
             "anglo", "85|86|87", "IRL", "372", "EUR"),
    _country("NO", "Norway", "挪威", "nordic", "47", "no", "AS|ASA",
             "Bergen/5003/55;Oslo/0150/22;Ålesund/6002/70;Tromsø/9008/77",
             "Bryggen|Karl Johans gate|Storgata|Strandkaien", "eu", "4|9", "NOR", "578", "NOK"),
    _country("SE", "Sweden", "瑞典", "nordic", "46", "sv", "AB",
             "Stockholm/111 52/8;Göteborg/411 06/31;Malmö/211 20/40",
             "Drottninggatan|Kungsgatan|Storgatan", "eu", "70|72|73", "SWE", "752", "SEK"),
    _country("DK", "Denmark", "丹麦", "nordic", "45", "da", "A/S|ApS",
             "København/1050/33;Aarhus/8000/86;Odense/5000/66",
             "Vestergade|Kongensgade|Nørregade", "eu", "20|30|40", "DNK", "208", "DKK"),
    _country("FI", "Finland", "芬兰", "nordic", "358", "fi|sv", "Oy|Oyj",
             "Helsinki/00100/9;Espoo/02100/9;Tampere/33100/3;Oulu/90100/8",
             "Mannerheimintie|Hämeenkatu|Esplanadi", "eu", "40|50", "FIN", "246", "EUR"),
    _country("PL", "Poland", "波兰", "pl", "48", "pl", "Sp. z o.o.|S.A.",
             "Warszawa/00-001/22;Gdańsk/80-001/58;Kraków/30-001/12;Poznań/60-001/61",
             "ul. Marszałkowska|ul. Długa|ul. Floriańska", "eu", "501|600|793", "POL", "616", "PLN"),
    _country("PT", "Portugal", "葡萄牙", "pt", "351", "pt", "Lda.|S.A.",
             "Lisboa/1100-148/21;Porto/4050-297/22",
             "Rua Augusta|Avenida da Liberdade|"
             "Rua de Santa Catarina", "eu", "912|933|961", "PRT", "620", "EUR"),
    _country("US", "the United States", "美国", "en", "1", "en", "Inc.|LLC|Corp.",
             "Seattle, WA/98101/206;Chicago, IL/60601/312;Boston, MA/02110/617;San Jose, CA/95113/408;"
             "Minneapolis, MN/55401/612;Houston, TX/77002/713",
             "Main Street|Market Street|Harbor Drive|Commerce Avenue", "anglo", "206|312|617", "USA", "840",
             "USD"),
    _country("CA", "Canada", "加拿大", "en", "1", "en|fr", "Inc.|Ltd.",
             "Vancouver, BC/V6B 1A1/604;Toronto, ON/M5H 2N2/416;Halifax, NS/B3J 1S9/902;"
             "Montréal, QC/H3B 2Y5/514",
             "Granville Street|Bay Street|Water Street", "anglo", "604|416|902", "CAN", "124", "CAD"),
    _country("BR", "Brazil", "巴西", "pt", "55", "pt", "Ltda.|S.A.",
             "São Paulo/01310-100/11;Curitiba/80010-000/41;Porto Alegre/90010-150/51;Recife/50030-230/81",
             "Avenida Paulista|Rua XV de Novembro|Rua dos Andradas", "eu", "98|99|97", "BRA", "076", "BRL"),
    _country("AR", "Argentina", "阿根廷", "es", "54", "es", "S.A.|S.R.L.",
             "Buenos Aires/C1043AAZ/11;Mendoza/M5500/261;Rosario/S2000/341",
             "Avenida Corrientes|Calle San Martín|Avenida Belgrano", "eu", "9 11|9 261", "ARG", "032", "ARS"),
    _country("CL", "Chile", "智利", "es", "56", "es", "SpA|S.A.",
             "Santiago/8320000/2;Valparaíso/2340000/32;Puerto Montt/5480000/65;Rancagua/2820000/72",
             "Avenida Apoquindo|Calle Prat|Avenida Libertador Bernardo O'Higgins", "eu", "9", "CHL", "152",
             "CLP"),
    _country("PE", "Peru", "秘鲁", "es", "51", "es", "S.A.C.|S.A.",
             "Lima/15001/1;Arequipa/04001/54;Trujillo/13001/44",
             "Avenida Larco|Jirón de la Unión|Avenida Arequipa", "eu", "9", "PER", "604", "PEN"),
    _country("UY", "Uruguay", "乌拉圭", "es", "598", "es", "S.A.", "Montevideo/11000/2;Paysandú/60000/472",
             "Avenida 18 de Julio|Calle Sarandí", "eu", "9", "URY", "858", "UYU"),
    _country("AU", "Australia", "澳大利亚", "en", "61", "en", "Pty Ltd",
             "Melbourne VIC/3000/3;Sydney NSW/2000/2;Perth WA/6000/8;Adelaide SA/5000/8;Brisbane QLD/4000/7",
             "Collins Street|George Street|King William Street|"
             "Queen Street", "anglo", "4", "AUS", "036", "AUD"),
    _country("NZ", "New Zealand", "新西兰", "en", "64", "en|mi", "Ltd|Limited",
             "Auckland/1010/9;Christchurch/8011/3;Tauranga/3110/7;Nelson/7010/3",
             "Queen Street|Colombo Street|The Strand", "anglo", "21|27", "NZL", "554", "NZD"),
    _country("JP", "Japan", "日本", "ja", "81", "ja", "Co., Ltd.|Corporation|K.K.",
             "Tokyo/100-0005/3;Osaka/530-0001/6;Nagoya/450-0002/52;Yokohama/220-0011/45;Fukuoka/812-0011/92",
             "Marunouchi|Umeda|Meieki|Minatomirai|Hakata-ekimae", "jp", "90|80|70", "JPN", "392", "JPY"),
    _country("KR", "South Korea", "韩国", "ko", "82", "ko", "Co., Ltd.|Corp.",
             "Seoul/04524/2;Busan/48058/51;Incheon/21984/32;Daegu/41911/53",
             "Teheran-ro|Sejong-daero|Haeundae-ro|Dongdeok-ro", "anglo", "10", "KOR", "410", "KRW"),
    _country("SG", "Singapore", "新加坡", "sg|sg|malay", "65", "en|zh|ms", "Pte. Ltd.",
             "Singapore/018989/6;Singapore/048624/6;Singapore/068898/6",
             "Raffles Place|Robinson Road|Anson Road|Marina Boulevard", "anglo", "8|9", "SGP", "702", "SGD"),
    _country("MY", "Malaysia", "马来西亚", "sg|malay", "60", "ms|en|zh", "Sdn. Bhd.|Berhad",
             "Kuala Lumpur/50450/3;Penang/10200/4;Johor Bahru/80000/7",
             "Jalan Ampang|Jalan Sultan Ismail|Lebuh Pantai", "fr", "12|13|17", "MYS", "458", "MYR"),
    _country("TH", "Thailand", "泰国", "th", "66", "th|en", "Co., Ltd.|Public Co., Ltd.",
             "Bangkok/10110/2;Chiang Mai/50200/53;Songkhla/90000/74",
             "Sukhumvit Road|Silom Road|Rama IV Road",
             "fr", "81|89|92", "THA", "764", "THB"),
    _country("VN", "Vietnam", "越南", "vi", "84", "vi|en", "JSC|Co., Ltd.",
             "Ho Chi Minh City/700000/28;Hanoi/100000/24;Da Nang/550000/236;Can Tho/900000/292",
             "Nguyen Hue Boulevard|Le Duan Street|"
             "Tran Hung Dao Street", "fr", "90|91|98", "VNM", "704", "VND"),
    _country("ID", "Indonesia", "印度尼西亚", "malay", "62", "id|en", "Tbk|Indonesia",
             "Jakarta/10220/21;Surabaya/60271/31;Medan/20112/61",
             "Jalan Sudirman|Jalan Thamrin|Jalan Gatot Subroto",
             "fr", "812|813|857", "IDN", "360", "IDR"),
    _country("IN", "India", "印度", "in", "91", "en|hi", "Pvt. Ltd.|Ltd.",
             "Mumbai/400001/22;Bengaluru/560001/80;New Delhi/110001/11;Pune/411001/20",
             "Marine Drive|Residency Road|MG Road", "anglo", "98|99|90", "IND", "356", "INR"),
    _country("AE", "the United Arab Emirates", "阿联酋", "arab", "971", "ar|en", "LLC|FZE|FZCO",
             "Dubai/P.O. Box 24514/4;Abu Dhabi/P.O. Box 3766/2",
             "Sheikh Zayed Road|Corniche Road|Al Maktoum Road",
             "anglo", "50|55", "ARE", "784", "AED"),
    _country("SA", "Saudi Arabia", "沙特阿拉伯", "arab", "966", "ar|en", "Company Ltd.|Co.",
             "Riyadh/11564/11;Jeddah/21577/12;Dammam/32241/13",
             "King Fahd Road|Tahlia Street|Prince Turki Street",
             "anglo", "50|55", "SAU", "682", "SAR"),
    _country("IL", "Israel", "以色列", "he", "972", "he|en", "Ltd.",
             "Tel Aviv/6789141/3;Haifa/3303101/4;Rehovot/7610001/8",
             "Rothschild Boulevard|HaNassi Avenue|Herzl Street", "anglo", "50|52|54", "ISR", "376", "ILS"),
    _country("TR", "Türkiye", "土耳其", "tr", "90", "tr|en", "A.Ş.|Ltd. Şti.",
             "İstanbul/34394/212;İzmir/35210/232;Bursa/16140/224",
             "Büyükdere Caddesi|Kordon Boyu|Atatürk Bulvarı",
             "eu", "532|533|542", "TUR", "792", "TRY"),
    _country("RU", "Russia", "俄罗斯", "ru", "7", "ru|en", "LLC|JSC",
             "Moscow/125009/495;Saint Petersburg/191186/812;Vladivostok/690091/423;Novosibirsk/630099/383",
             "Tverskaya Street|Nevsky Prospekt|Svetlanskaya Street|Krasny Prospekt", "anglo", "916|921|903",
             "RUS", "643", "RUB"),
    _country("KZ", "Kazakhstan", "哈萨克斯坦", "ru", "7", "kk|ru", "LLP|JSC",
             "Almaty/050000/727;Astana/010000/7172",
             "Abay Avenue|Dostyk Avenue|Kabanbay Batyr Avenue", "anglo", "701|777", "KAZ", "398", "KZT"),
    _country("ZA", "South Africa", "南非", "en", "27", "en|af", "(Pty) Ltd",
             "Cape Town/8001/21;Johannesburg/2001/11;Durban/4001/31",
             "Long Street|Commissioner Street|Florida Road",
             "anglo", "82|83|72", "ZAF", "710", "ZAR"),
    _country("PK", "Pakistan", "巴基斯坦", "in", "92", "ur|en", "(Pvt) Ltd",
             "Karachi/74000/21;Lahore/54000/42",
             "Shahrah-e-Faisal|Mall Road", "anglo", "300|321|333", "PAK", "586", "PKR"),
    _country("HK", "Hong Kong, China", "中国香港", "hk", "852", "zh-Hant|en", "Limited|Co., Limited",
             "Central, Hong Kong//;Tsim Sha Tsui, Kowloon//;Wan Chai, Hong Kong//;Kwun Tong, Kowloon//",
             "Queen's Road Central|Nathan Road|Hennessy Road|How Ming Street", "hk", "5|6|9", "CHN", "344",
             "HKD"),
    _country("MO", "Macao, China", "中国澳门", "hk", "853", "zh-Hant|pt", "Limitada|Lda.", "Macau//;Taipa//",
             "Avenida de Almeida Ribeiro|Rua do Campo|Avenida da Praia Grande", "hk", "62|66", "CHN", "446",
             "MOP"),
    _country("TW", "Taiwan, China", "中国台湾", "tw", "886", "zh-Hant|en", "Co., Ltd.|Corp.",
             "Taipei/110/2;Taichung/407/4;Kaohsiung/806/7;Hsinchu/300/3",
             "Xinyi Road|Taiwan Boulevard|Zhongshan 2nd Road|Guangfu Road", "anglo", "912|933|988", "TWN",
             "158", "TWD"),
    _country("CN", "China", "中国", "zh", "86", "zh|en", "Co., Ltd.", "Shanghai/200120/21",
             "Century Avenue", "cn",
             "138", "CHN", "156", "CNY"),
)
# fmt: on
_COUNTRIES: Final = {c.code: c for c in _COUNTRY_LIST}


@dataclass(frozen=True)
class _CnCity:
    en: str
    zh: str
    phone: str
    postcode: str
    district_en: str
    district_zh: str
    streets: tuple[tuple[str, str], ...]


def _cn_city(en: str, zh: str, phone: str, postcode: str, district: str, streets: str) -> _CnCity:
    district_en, district_zh = district.split("=")
    pairs = tuple((s.split("=")[0], s.split("=")[1]) for s in _split(streets))
    return _CnCity(en, zh, phone, postcode, district_en, district_zh, pairs)


# fmt: off
_CN_CITIES: Final = (
    _cn_city("Shanghai", "上海", "21", "200120", "Pudong New Area=浦东新区",
             "Century Avenue=世纪大道|Zhangyang Road=张杨路|Lujiazui Ring Road=陆家嘴环路"),
    _cn_city("Shanghai", "上海", "21", "200040", "Jing'an District=静安区",
             "Nanjing West Road=南京西路|Yan'an Middle Road=延安中路"),
    _cn_city("Beijing", "北京", "10", "100020", "Chaoyang District=朝阳区",
             "Jianguo Road=建国路|East Third Ring Middle Road=东三环中路"),
    _cn_city("Guangzhou", "广州", "20", "510623", "Tianhe District=天河区",
             "Zhujiang West Road=珠江西路|Tianhe Road=天河路"),
    _cn_city("Shenzhen", "深圳", "755", "518057", "Nanshan District=南山区",
             "Keyuan Road=科苑路|Shennan Avenue=深南大道"),
    _cn_city("Hangzhou", "杭州", "571", "310013", "Xihu District=西湖区",
             "Wensan Road=文三路|Tianmushan Road=天目山路"),
    _cn_city("Suzhou", "苏州", "512", "215021", "Suzhou Industrial Park=工业园区",
             "Xinghu Street=星湖街|Suzhou Avenue East=苏州大道东"),
    _cn_city("Nanjing", "南京", "25", "210005", "Xuanwu District=玄武区",
             "Zhongshan Road=中山路|Beijing East Road=北京东路"),
    _cn_city("Chengdu", "成都", "28", "610041", "Wuhou District=武侯区",
             "Tianfu Avenue=天府大道|Renmin South Road=人民南路"),
    _cn_city("Chongqing", "重庆", "23", "400010", "Yuzhong District=渝中区",
             "Minzu Road=民族路|Zourong Road=邹容路"),
    _cn_city("Wuhan", "武汉", "27", "430022", "Jianghan District=江汉区",
             "Jianghan Road=江汉路|Xinhua Road=新华路"),
    _cn_city("Xiamen", "厦门", "592", "361001", "Siming District=思明区",
             "Lujiang Road=鹭江道|Hubin South Road=湖滨南路"),
    _cn_city("Qingdao", "青岛", "532", "266071", "Shinan District=市南区",
             "Hong Kong Middle Road=香港中路|Donghai West Road=东海西路"),
    _cn_city("Tianjin", "天津", "22", "300042", "Heping District=和平区", "Nanjing Road=南京路"),
    _cn_city("Ningbo", "宁波", "574", "315100", "Yinzhou District=鄞州区", "Tiantong South Road=天童南路"),
    _cn_city("Xi'an", "西安", "29", "710065", "Yanta District=雁塔区", "Gaoxin Road=高新路"),
    _cn_city("Zhengzhou", "郑州", "371", "450000", "Jinshui District=金水区", "Huayuan Road=花园路"),
    _cn_city("Changsha", "长沙", "731", "410005", "Furong District=芙蓉区", "Wuyi Avenue=五一大道"),
    _cn_city("Hefei", "合肥", "551", "230001", "Shushan District=蜀山区", "Changjiang West Road=长江西路"),
    _cn_city("Kunming", "昆明", "871", "650021", "Wuhua District=五华区", "Dongfeng West Road=东风西路"),
    _cn_city("Shenyang", "沈阳", "24", "110001", "Heping District=和平区", "Zhonghua Road=中华路"),
)
# fmt: on


@dataclass(frozen=True)
class _NamePool:
    surnames: tuple[str, ...]
    male: tuple[str, ...]
    female: tuple[str, ...]
    east: bool  # family name first
    script: bool  # entries are "native=Latin"


def _pool(surnames: str, male: str, female: str, *, east: bool = False, script: bool = False) -> _NamePool:
    return _NamePool(_split(surnames), _split(male), _split(female), east, script)


_POOLS: Final = {
    "zh": _pool(
        "王=Wang|李=Li|张=Zhang|刘=Liu|陈=Chen|杨=Yang|黄=Huang|赵=Zhao|吴=Wu|周=Zhou|徐=Xu|孙=Sun|马=Ma|朱=Zhu|"
        "胡=Hu|郭=Guo|何=He|林=Lin|罗=Luo|高=Gao|郑=Zheng|梁=Liang|谢=Xie|宋=Song|唐=Tang|韩=Han|冯=Feng|邓=Deng|"
        "曹=Cao|彭=Peng",
        "伟=Wei|磊=Lei|强=Qiang|洋=Yang|杰=Jie|浩然=Haoran|宇轩=Yuxuan|思远=Siyuan|建国=Jianguo|志强=Zhiqiang|"
        "文博=Wenbo|俊杰=Junjie|海涛=Haitao|一鸣=Yiming|明轩=Mingxuan|国华=Guohua|晨阳=Chenyang|子豪=Zihao",
        "芳=Fang|娜=Na|敏=Min|静=Jing|艳=Yan|婷=Ting|子涵=Zihan|欣怡=Xinyi|雨桐=Yutong|晓燕=Xiaoyan|丽华=Lihua|"
        "佳琪=Jiaqi|梦瑶=Mengyao|秀英=Xiuying|诗雨=Shiyu|慧敏=Huimin|雪梅=Xuemei|若曦=Ruoxi",
        east=True,
        script=True,
    ),
    "hk": _pool(
        "陳=Chan|黃=Wong|李=Lee|張=Cheung|梁=Leung|林=Lam|劉=Lau|吳=Ng|何=Ho|郭=Kwok|鄭=Cheng|麥=Mak",
        "志明=Chi Ming|家豪=Ka Ho|俊傑=Chun Kit|浩賢=Ho Yin|偉強=Wai Keung|子健=Tsz Kin",
        "嘉欣=Ka Yan|詠詩=Wing Sze|美玲=Mei Ling|淑儀=Suk Yee|曉彤=Hiu Tung|凱琳=Hoi Lam",
        east=True,
        script=True,
    ),
    "tw": _pool(
        "陳=Chen|林=Lin|黃=Huang|張=Chang|李=Lee|王=Wang|吳=Wu|劉=Liu|蔡=Tsai|楊=Yang|許=Hsu|鄭=Cheng",
        "志豪=Chih-Hao|家豪=Chia-Hao|冠宇=Kuan-Yu|承恩=Cheng-En|俊傑=Chun-Chieh|建宏=Chien-Hung",
        "怡君=Yi-Chun|雅婷=Ya-Ting|佩珊=Pei-Shan|欣怡=Hsin-Yi|淑芬=Shu-Fen|詩涵=Shih-Han",
        east=True,
        script=True,
    ),
    "sg": _pool(
        "陈=Tan|林=Lim|李=Lee|黄=Ng|王=Ong|吴=Goh|蔡=Chua|张=Teo|许=Koh|郑=Tay",
        "伟明=Wei Ming|俊杰=Jun Jie|凯文=Kai Wen|志强=Chee Keong|家豪=Kah Hao",
        "慧敏=Hui Min|欣怡=Xin Yi|美玲=Mei Ling|丽珠=Li Choo|佳慧=Jia Hui",
        east=True,
        script=True,
    ),
    "ja": _pool(
        "Sato|Suzuki|Takahashi|Tanaka|Watanabe|Ito|Yamamoto|Nakamura|Kobayashi|Kato|Yoshida|Yamada|Matsumoto",
        "Haruto|Kenji|Takeshi|Hiroshi|Daisuke|Shota|Kazuki|Ryo|Makoto",
        "Yui|Yuki|Aiko|Naoko|Emi|Haruka|Misaki|Ayaka|Sakura",
        east=True,
    ),
    "ko": _pool(
        "Kim|Lee|Park|Choi|Jung|Kang|Cho|Yoon|Jang|Lim|Han|Shin",
        "Min-jun|Ji-ho|Do-yoon|Hyun-woo|Seung-min|Jae-won|Tae-yang",
        "Seo-yeon|Ha-eun|Su-bin|Ji-won|Min-seo|Ye-jin|Hye-jin",
        east=True,
    ),
    "de": _pool(
        "Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Hoffmann|Schäfer|Koch|Richter|Bauer|Klein|"
        "Wolf|Zimmermann|Krüger|Hartmann",
        "Lukas|Felix|Jonas|Matthias|Tobias|Stefan|Florian|Andreas|Markus|Jan",
        "Anna|Lena|Katharina|Sabine|Julia|Claudia|Miriam|Franziska|Laura|Nina",
    ),
    "fr": _pool(
        "Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Moreau|Lefèvre|Girard|Fontaine|Rousseau",
        "Louis|Hugo|Julien|Antoine|Nicolas|Mathieu|Pierre|Étienne|Guillaume",
        "Camille|Chloé|Élodie|Manon|Claire|Sophie|Amélie|Juliette|Céline",
    ),
    "it": _pool(
        "Rossi|Russo|Ferrari|Esposito|Bianchi|Romano|Colombo|Ricci|Marino|Greco|Conti|Gallo|Bruno|Fontana",
        "Marco|Luca|Alessandro|Matteo|Davide|Giovanni|Lorenzo|Stefano|Andrea",
        "Giulia|Francesca|Chiara|Sara|Elena|Valentina|Federica|Martina|Alessia",
    ),
    "es": _pool(
        "García|Fernández|González|Rodríguez|López|Martínez|Sánchez|Pérez|Gómez|Díaz|Muñoz|Rojas|Torres|Vargas",
        "Javier|Diego|Pablo|Sebastián|Andrés|Mateo|Carlos|Joaquín|Tomás",
        "Lucía|María|Carmen|Valentina|Camila|Isabel|Florencia|Sofía|Paula",
    ),
    "pt": _pool(
        "Silva|Santos|Oliveira|Souza|Pereira|Costa|Rodrigues|Almeida|Nascimento|Ferreira|Carvalho|Gomes",
        "João|Pedro|Rafael|Gustavo|Thiago|Lucas|Bruno|Rodrigo|Miguel",
        "Ana|Beatriz|Mariana|Larissa|Juliana|Fernanda|Inês|Gabriela|Carolina",
    ),
    "en": _pool(
        "Smith|Johnson|Williams|Brown|Taylor|Wilson|Davies|Evans|Thompson|Walker|Clarke|Hughes|Murphy|Campbell|"
        "Anderson|Mitchell|O'Brien|Robinson|Kelly|Bennett",
        "James|Michael|Daniel|Thomas|Benjamin|Christopher|Andrew|William|Samuel|Liam|Oliver|Patrick",
        "Emily|Olivia|Sarah|Jessica|Hannah|Rachel|Laura|Charlotte|Grace|Megan|Chloe|Rebecca",
    ),
    "nl": _pool(
        "de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Visser|Smit|Meijer|de Boer|Peeters|Claes",
        "Daan|Bram|Ruben|Thijs|Joost|Pieter|Wouter|Maarten",
        "Sanne|Lotte|Femke|Eva|Anouk|Lieke|Marieke|Sofie",
    ),
    "nordic": _pool(
        "Hansen|Johansen|Olsen|Larsen|Andersson|Johansson|Nielsen|Jensen|Lindqvist|Virtanen|Korhonen|Berg|"
        "Solberg|Nyström|Pedersen",
        "Lars|Erik|Magnus|Anders|Mikko|Henrik|Ola|Jussi|Søren|Bjørn",
        "Ingrid|Astrid|Sofie|Maja|Linnea|Kristin|Sanna|Freja|Sigrid|Aino",
    ),
    "pl": _pool(
        "Nowak|Kowalski|Wiśniewski|Wójcik|Kamiński|Lewandowski|Zieliński|Szymański|Dąbrowski|Mazur",
        "Piotr|Tomasz|Michał|Krzysztof|Paweł|Marcin|Jakub",
        "Anna|Katarzyna|Agnieszka|Magdalena|Joanna|Ewa|Monika",
    ),
    "ru": _pool(
        "Ivanov|Smirnov|Kuznetsov|Popov|Volkov|Sokolov|Petrov|Morozov|Lebedev|Kozlov|Novikov|Orlov",
        "Dmitry|Sergey|Alexei|Nikolai|Andrei|Ivan|Pavel|Maxim|Nurlan|Arman",
        "Anna|Elena|Olga|Tatiana|Natalia|Irina|Ekaterina|Maria|Aigerim|Dana",
    ),
    "th": _pool(
        "Srisuk|Wongsawat|Chaiyaporn|Suksawat|Rattanakorn|Thongchai|Boonmee|Saetang|Kittisak|Phromma",
        "Somchai|Anan|Prasert|Chaiwat|Nattapong|Kittipong|Wichai",
        "Siriporn|Kanya|Naree|Wanida|Pimchanok|Suda|Ratana",
    ),
    "vi": _pool(
        "Nguyễn|Trần|Lê|Phạm|Hoàng|Phan|Vũ|Đặng|Bùi|Đỗ",
        "Văn Minh|Đức Anh|Quang Huy|Minh Tuấn|Hoàng Nam|Thành Long",
        "Thị Lan|Thu Trang|Ngọc Anh|Thanh Hương|Minh Châu|Thu Hà",
        east=True,
    ),
    "malay": _pool(
        "Abdullah|Rahman|Ismail|Hassan|Santoso|Wijaya|Pratama|Halim|Hidayat|Saputra|Ibrahim|Yusof",
        "Ahmad|Muhammad|Hafiz|Budi|Rizky|Faisal|Irfan|Arif",
        "Siti|Nurul|Aisyah|Dewi|Putri|Farah|Intan|Ayu",
    ),
    "in": _pool(
        "Sharma|Patel|Gupta|Iyer|Reddy|Khan|Chowdhury|Mehta|Nair|Kapoor|Malik|Qureshi",
        "Rahul|Arjun|Vikram|Imran|Rohan|Aditya|Sanjay|Bilal",
        "Priya|Ananya|Kavya|Sana|Neha|Aisha|Meera|Ayesha",
    ),
    "arab": _pool(
        "Al-Mansouri|Al-Hashimi|Haddad|Nasser|Al-Qahtani|El-Sayed|Al-Farsi|Khoury|Mahmoud|Saleh|Al-Otaibi",
        "Ahmed|Omar|Khalid|Youssef|Hassan|Faisal|Tariq|Saeed",
        "Fatima|Layla|Mariam|Noura|Aisha|Huda|Reem|Salma",
    ),
    "he": _pool(
        "Cohen|Levi|Mizrahi|Peretz|Biton|Friedman|Katz|Azoulay|Shapiro|Ben-David",
        "Yosef|Daniel|Itai|Eitan|Noam|Amit|Ori",
        "Noa|Tamar|Maya|Shira|Yael|Michal|Adi",
    ),
    "tr": _pool(
        "Yılmaz|Kaya|Demir|Şahin|Çelik|Aydın|Öztürk|Arslan|Doğan|Koç",
        "Mehmet|Mustafa|Emre|Burak|Can|Murat|Kerem",
        "Ayşe|Elif|Zeynep|Selin|Derya|Ebru|Merve",
    ),
}
_EN_NAMES_FOR_CHINESE: Final = {
    False: ("Kevin", "Jason", "Eric", "Leo", "Tony", "Frank", "David", "Steven", "Jack", "Michael", "Alan"),
    True: ("Lily", "Grace", "Vivian", "Cindy", "Sophie", "Amy", "Helen", "Joyce", "Wendy", "Iris", "Cathy"),
}


@dataclass(frozen=True)
class _Person:
    surname: str  # Latin script (pinyin, romanisation)
    given: str
    native: str  # full name in Chinese characters, or ""
    display: str
    email_local: str
    female: bool
    nationality: str
    pool: str
    birth: date


def _feminine_surname(pool: str, surname: str) -> str:
    if pool == "ru" and surname.endswith(("ov", "ev", "in")):
        return surname + "a"
    if pool == "pl" and surname.endswith(("ski", "cki")):
        return surname[:-1] + "a"
    return surname


def _email_local(given: str, surname: str, rng: random.Random) -> str:
    given_ascii = "".join(c for c in ascii_fold(given).lower() if c.isalnum())
    surname_ascii = "".join(c for c in ascii_fold(surname).lower() if c.isalnum())
    style = rng.random()
    if style < 0.6:
        return f"{given_ascii}.{surname_ascii}"
    if style < 0.8:
        return f"{given_ascii[:1]}{surname_ascii}"
    return f"{surname_ascii}.{given_ascii}"


def _make_person(rng: random.Random, nationality: str, birth: date, *, title_prefix: bool = False) -> _Person:
    country = _COUNTRIES[nationality]
    pool_name = _pick(rng, country.pools)
    pool = _POOLS[pool_name]
    female = rng.random() < 0.5
    surname_entry = _pick(rng, pool.surnames)
    given_entry = _pick(rng, pool.female if female else pool.male)
    if pool.script:
        sur_native, surname = surname_entry.split("=")
        giv_native, given = given_entry.split("=")
        native = sur_native + giv_native
        english = _pick(rng, _EN_NAMES_FOR_CHINESE[female])
        roll = rng.random()
        if pool_name == "zh":
            joined = given.replace(" ", "")
            options = (
                (native, f"{joined}.{surname}"),
                (f"{native} ({surname} {joined})", f"{joined}.{surname}"),
                (f"{surname} {joined}", f"{surname}{joined}"),
                (f"{english} {surname} ({native})", f"{english}.{surname}"),
                (f"{joined} {surname}", f"{joined}.{surname}"),
            )
            display, local = options[_weighted(rng, ((0, 30), (1, 25), (2, 20), (3, 15), (4, 10)))]
            given = joined
        else:
            if roll < 0.35:
                display, local = f"{english} {surname}", f"{english}.{surname}"
            elif roll < 0.6:
                display, local = f"{surname} {given}", f"{given}.{surname}"
            elif roll < 0.85:
                display, local = f"{native} ({surname} {given})", f"{given}.{surname}"
            else:
                display, local = f"{english} {surname} {given}", f"{english}.{surname}"
        local = "".join(c for c in ascii_fold(local).lower() if c.isalnum() or c == ".")
        return _Person(surname, given, native, display, local, female, nationality, pool_name, birth)
    surname = _feminine_surname(pool_name, surname_entry) if female else surname_entry
    given = given_entry
    display = f"{surname} {given}" if pool.east and rng.random() < 0.5 else f"{given} {surname}"
    if title_prefix and rng.random() < 0.35:
        display = f"Dr. {display}"
    return _Person(
        surname, given, "", display, _email_local(given, surname, rng), female, nationality, pool_name, birth
    )


# ---------------------------------------------------------------------------------------------
# Topics: taxonomy leaves with the words each side uses for them
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Leaf:
    name: str
    offer: tuple[str, ...]  # how an exhibitor names its products
    need: tuple[str, ...]  # how a purchaser names the same need (synonyms, buyer jargon)
    zh: tuple[str, ...]  # Chinese terms


@dataclass(frozen=True)
class _Group:
    parent: str  # taxonomy path of the leaves' parent
    makers: tuple[str, ...]  # what kind of company makes these
    words: tuple[str, ...]  # words for organisation names
    leaves: tuple[_Leaf, ...]


def _leaf(name: str, offer: str, need: str, zh: str) -> _Leaf:
    return _Leaf(name, _split(offer), _split(need), _split(zh))


def _group(parent: str, makers: str, words: str, *leaves: _Leaf) -> _Group:
    return _Group(parent, _split(makers), _split(words), leaves)


@dataclass(frozen=True)
class _Buyer:
    en: str  # "hypermarket chain"
    zh: str
    business: str  # what they do, with {n} and {region}
    business_zh: str
    channel: str  # for whom they buy, with {n} and {region}
    channel_zh: str
    sizes: tuple[int, int]  # the range of {n}
    names: tuple[tuple[str, str], ...]  # (English, Chinese) name words; "!" marks an institution
    focus: tuple[str, ...]  # what they buy: substrings of topic paths; empty for anything


def _buyer(spec: str) -> _Buyer:
    en, zh, business, business_zh, channel, channel_zh, sizes, names, focus = (
        p.strip() for p in spec.split("|")
    )
    low, high = sizes.split("-")
    words = tuple((w.split("=")[0], w.split("=")[1]) for w in names.split(";"))
    focus_words = () if focus == "*" else tuple(focus.split(";"))
    return _Buyer(
        en, zh, business, business_zh, channel, channel_zh, (int(low), int(high)), words, focus_words
    )


@dataclass(frozen=True)
class _Area:
    name: str
    zh: str
    halls: tuple[str, ...]
    groups: tuple[_Group, ...]
    exhibitor_countries: tuple[tuple[str, float], ...]
    buyers: tuple[_Buyer, ...]
    certifications: tuple[str, ...]
    capabilities: tuple[str, ...]
    capabilities_zh: tuple[str, ...]
    exhibitor_seeking: tuple[str, ...]  # with {region}
    exhibitor_seeking_zh: tuple[str, ...]  # with {region}
    requirements: tuple[str, ...]
    requirements_zh: tuple[str, ...]
    volumes: tuple[str, ...]  # with {n}
    volumes_zh: tuple[str, ...]
    buyer_titles: tuple[str, ...]


def _weights(spec: str) -> tuple[tuple[str, float], ...]:
    return tuple((p.split(":")[0], float(p.split(":")[1])) for p in spec.split())


def _pairs(spec: str) -> tuple[tuple[str, str], ...]:
    return tuple((p.split("=")[0], p.split("=")[1]) for p in _split(spec))


_F = "Food, Beverages & Tobacco"
_V = "Vehicles & Parts > Vehicle Parts & Accessories"
_BI = "Business & Industrial"
_HC = "Health & Beauty > Health Care"

_FOOD = _Area(
    name="Food & Agricultural Products",
    zh="食品及农产品",
    halls=("1.1", "2.1", "2.2"),
    groups=(
        _group(
            f"{_F} > Food Items > Meat, Seafood & Eggs > Seafood",
            "seafood processor|fishing and aquaculture company|seafood exporter",
            "Seafood|Fisheries|Ocean Foods|Aquaculture|Marine Harvest",
            _leaf(
                "Fresh & Frozen Seafood",
                "frozen Atlantic salmon fillets|live rock lobster|wild-caught Argentine red shrimp|"
                "IQF scallop meat|"
                "chilled king crab clusters|whole round Pacific cod",
                "chilled and frozen fish and shellfish|premium aquatic products for banquet menus|"
                "crustaceans such as prawns, crab and lobster|sashimi-grade fish|"
                "imported frozen seafood for retail counters",
                "冰鲜三文鱼|进口冷冻海鲜|活龙虾|帝王蟹|冻虾仁",
            ),
            _leaf(
                "Canned Seafood",
                "skipjack tuna in brine|sardines in olive oil|canned mackerel fillets|smoked mussels in tins",
                "shelf-stable fish conserves|tinned fish for private label|ambient seafood products",
                "金枪鱼罐头|沙丁鱼罐头|鱼罐头",
            ),
        ),
        _group(
            f"{_F} > Food Items > Meat, Seafood & Eggs > Meat",
            "meat packer|beef and lamb exporter|charcuterie producer",
            "Meat|Beef|Provisions|Pastoral|Salumi",
            _leaf(
                "Fresh & Frozen Meats",
                "grain-fed Angus beef primals|frozen pork bellies and trotters|halal lamb carcasses|"
                "Wagyu striploin|"
                "boneless chuck rolls",
                "chilled beef for steakhouse chains|frozen red meat from CN-registered plants|"
                "mutton and lamb cuts for hot-pot restaurants|pork offal and cuts",
                "冷冻牛肉|进口猪肉|羊肉卷|和牛",
            ),
            _leaf(
                "Lunch & Deli Meats",
                "Parma ham|dry-cured Ibérico ham|salami and mortadella|smoked turkey breast",
                "charcuterie for delicatessen counters|cold cuts and cured sausages|"
                "sliced ham for sandwich production",
                "火腿|萨拉米|冷切肉",
            ),
        ),
        _group(
            f"{_F} > Food Items > Dairy Products",
            "dairy cooperative|cheese maker|dairy processor",
            "Dairy|Creamery|Milk|Cheese|Alpine Dairy",
            _leaf(
                "Cheese",
                "aged Cheddar blocks|Parmigiano Reggiano wheels|IQF shredded mozzarella|Gouda and Edam|"
                "Comté AOP",
                "hard and semi-hard cheeses|pizza cheese for QSR chains|"
                "a European cheese assortment for gourmet stores",
                "奶酪|芝士|马苏里拉",
            ),
            _leaf(
                "Butter & Margarine",
                "unsalted lactic butter (82% fat)|pastry butter sheets|anhydrous milk fat",
                "baking fats for bakery chains|premium butter for croissant production",
                "黄油|无水奶油",
            ),
            _leaf(
                "Yogurt",
                "Greek-style strained yogurt|ambient drinking yogurt|organic set yogurt",
                "fermented dairy and cultured milk products|high-protein yoghurt for convenience stores",
                "酸奶|常温酸奶",
            ),
        ),
        _group(
            f"{_F} > Beverages > Alcoholic Beverages",
            "winery|distillery|brewery|wine and spirits house",
            "Wines|Vineyards|Cellars|Distillers|Brewing|Estate",
            _leaf(
                "Wine",
                "Bordeaux red blends|Barossa Valley Shiraz|Chilean Carménère|Prosecco DOC|Rioja Reserva|"
                "Marlborough Sauvignon Blanc",
                "imported red and white wines for the on-trade|sparkling wine for wedding banquets|"
                "entry-level table wine for supermarkets|fine wines for private clubs",
                "进口葡萄酒|红酒|起泡酒|干白",
            ),
            _leaf(
                "Beer",
                "craft IPA and lager|Belgian abbey ales|alcohol-free beer|wheat beer in cans",
                "imported craft beers for bars|premium brews and non-alcoholic beer",
                "精酿啤酒|进口啤酒",
            ),
            _leaf(
                "Liquor & Spirits",
                "single malt Scotch whisky|VSOP and XO cognac|premium vodka|London dry gin|aged rum",
                "brown spirits for duty-free stores|brandy and cognac for corporate gifting|"
                "whisky for cocktail bars",
                "威士忌|白兰地|洋酒|干邑",
            ),
        ),
        _group(
            f"{_F} > Beverages",
            "coffee roaster|tea house|beverage company|juice processor",
            "Beverages|Coffee|Tea Company|Drinks|Roasters",
            _leaf(
                "Coffee",
                "single-origin green coffee beans|roasted espresso blends|freeze-dried instant coffee|"
                "coffee capsules",
                "specialty arabica for café chains|coffee beans, green or roasted|"
                "ready-to-brew coffee for offices",
                "咖啡豆|精品咖啡|挂耳咖啡",
            ),
            _leaf(
                "Tea & Infusions",
                "Ceylon black tea|rooibos and herbal infusions|matcha powder|pyramid tea bags",
                "tea leaves and herbal blends for milk-tea shops|ingredients for functional herbal drinks",
                "红茶|花草茶|抹茶粉",
            ),
            _leaf(
                "Juice",
                "NFC orange juice|apple juice concentrate|cold-pressed vegetable juices|coconut water",
                "not-from-concentrate fruit juices|juice concentrates for beverage manufacturing|"
                "healthy drinks for convenience stores",
                "果汁|浓缩果汁|椰子水",
            ),
        ),
        _group(
            f"{_F} > Food Items > Fruits & Vegetables > Fresh & Frozen Fruits",
            "fruit grower and packer|fresh-produce exporter|orchard cooperative",
            "Fresh|Orchards|Produce|Fruits|Growers",
            _leaf(
                "Citrus Fruits",
                "navel oranges|Egyptian mandarins|Eureka lemons|Star Ruby grapefruit",
                "fresh citrus such as oranges and tangerines|juicing oranges|"
                "sweet easy-peel citrus for Spring Festival gifting",
                "橙子|柑橘|柠檬",
            ),
            _leaf(
                "Berries",
                "fresh blueberries|IQF raspberries|air-freighted strawberries",
                "soft fruit flown in fresh|frozen berries for bakery and yoghurt toppings",
                "蓝莓|树莓|草莓",
            ),
            _leaf(
                "Stone Fruits",
                "sweet cherries (Lapins, Santina)|white-flesh nectarines|Kensington Pride mangoes|"
                "plums and apricots",
                "cherries for New Year gift boxes|stone fruit for premium supermarkets",
                "车厘子|油桃|芒果",
            ),
            _leaf(
                "Avocados",
                "Hass avocados|ripened avocados in 4 kg trays|frozen avocado halves",
                "ready-to-eat avocado for salad bars|avocado pulp for food service",
                "牛油果|鳄梨",
            ),
            _leaf(
                "Kiwis",
                "green and gold kiwifruit|organic kiwifruit",
                "kiwi fruit for year-round supply",
                "奇异果|猕猴桃",
            ),
        ),
        _group(
            f"{_F} > Food Items > Grains, Rice & Cereal",
            "grain exporter|rice mill|cereal producer",
            "Grains|Agri|Milling|Harvest|Cereals",
            _leaf(
                "Rice",
                "Thai Hom Mali jasmine rice|aged basmati rice|Japonica sushi rice",
                "fragrant long-grain rice|premium rice for restaurant chains",
                "泰国香米|大米",
            ),
            _leaf(
                "Oats, Grits & Hot Cereal",
                "rolled oats|steel-cut oats|instant oat porridge",
                "oatmeal and breakfast cereals|oat flakes for plant-based milk production",
                "燕麦片|燕麦",
            ),
            _leaf(
                "Wheat",
                "Australian prime hard wheat|Canadian western red spring wheat|durum wheat",
                "milling wheat for flour mills|high-protein grain",
                "小麦|硬质小麦",
            ),
            _leaf(
                "Quinoa",
                "white and tricolour quinoa|organic royal quinoa",
                "ancient grains and superfoods",
                "藜麦",
            ),
        ),
        _group(
            f"{_F} > Food Items",
            "snack manufacturer|confectioner|nut processor",
            "Foods|Snacks|Confectionery|Nuts|Chocolatier",
            _leaf(
                "Nuts & Seeds",
                "in-shell macadamias|California almonds|pistachio kernels|roasted cashews|pecans",
                "tree nuts and kernels for snack production|ingredients for daily-nut mixes|"
                "premium nuts for gift packs",
                "坚果|夏威夷果|开心果|每日坚果",
            ),
            _leaf(
                "Candy & Chocolate",
                "Belgian pralines|single-origin dark chocolate bars|fruit gummies|caramel toffees",
                "confectionery for holiday gifting|chocolates for hotel turndown and weddings|"
                "sweets for convenience stores",
                "巧克力|糖果|喜糖",
            ),
        ),
        _group(
            f"{_F} > Food Items > Cooking & Baking Ingredients",
            "olive-oil mill|ingredients company|flour miller",
            "Ingredients|Oils|Olive|Mills|Frantoio",
            _leaf(
                "Cooking Oils",
                "extra virgin olive oil|cold-pressed rapeseed oil|high-oleic sunflower oil|avocado oil",
                "edible oils for retail and catering|healthy cooking oil for e-commerce",
                "橄榄油|食用油|葵花籽油",
            ),
            _leaf(
                "Flour",
                "type 00 pizza flour|French T55 bread flour|whole-grain rye flour",
                "wheat flour for bakeries|specialty flours for pastry",
                "面粉|烘焙粉",
            ),
            _leaf(
                "Sugar & Sweeteners",
                "raw cane sugar|stevia extract|erythritol",
                "sugar substitutes for low-sugar drinks|sweeteners for beverage formulation",
                "代糖|甜菊糖|赤藓糖醇",
            ),
        ),
        _group(
            f"{_F} > Food Items > Condiments & Sauces",
            "honey producer|sauce maker",
            "Honey|Sauces|Condiments|Apiaries",
            _leaf(
                "Honey",
                "Manuka honey UMF 10+|raw acacia honey|honeycomb",
                "natural bee products|premium honey for gift sets",
                "麦卢卡蜂蜜|蜂蜜",
            ),
            _leaf(
                "Pasta Sauce",
                "tomato-basil pasta sauces|pesto alla genovese",
                "Italian-style cooking sauces|western sauces for ready meals",
                "意面酱|番茄酱",
            ),
            _leaf(
                "Hot Sauce",
                "habanero hot sauces|sriracha chili sauce",
                "spicy condiments|chili sauces for restaurants",
                "辣椒酱",
            ),
        ),
    ),
    exhibitor_countries=_weights(
        "AU:8 NZ:6 FR:6 IT:6 ES:5 CL:5 US:5 BR:4 AR:4 NO:4 DE:3 NL:3 DK:3 IE:3 CA:3 PE:3 TH:4 VN:3 MY:3 ID:2 "
        "RU:3 KZ:1 UY:2 GB:3 PT:2 BE:2 TR:2 ZA:2 JP:3 KR:2 IN:2 PL:2 CH:2"
    ),
    buyers=tuple(
        _buyer(s)
        for s in (
            "hypermarket chain|连锁超市|"
            "operating {n} hypermarkets and convenience stores in {region}|在{region}经营{n}家大卖场和便利店|"
            "for our {n} stores in {region}|供应我们在{region}的{n}家门店|"
            "20-400|Supermarkets=超市;Retail=商业;Hypermarkets=购物广场|"
            "*",
            "food import and distribution company|食品进口分销商|"
            "importing and distributing food to {n} hotels and restaurants in {region}|"
            "向{region}的{n}家酒店和餐厅进口和分销食品|"
            "for distribution to hotels and restaurants in {region}|分销至{region}的酒店和餐厅|"
            "50-2000|Food Trading=食品贸易;Import & Export=进出口;Foodstuffs=食品|"
            "*",
            "hotel and restaurant group|酒店餐饮集团|"
            "running {n} hotels and restaurants across {region}|在{region}经营{n}家酒店和餐厅|"
            "for the kitchens of our {n} hotels and restaurants|用于旗下{n}家酒店和餐厅的厨房|"
            "5-80|Hospitality=酒店管理;Catering=餐饮|"
            "Seafood;Meat;Dairy;Alcoholic;Beverages;Fruits;Cooking;Condiments;Rice",
            "cross-border e-commerce platform|跨境电商平台|"
            "selling imported groceries to about {n}0,000 members in {region}|"
            "为{region}约{n}万会员销售进口食品|"
            "for our online flagship stores|用于我们的线上旗舰店|"
            "5-90|E-commerce=电子商务;Global Shopping=环球购|"
            "*",
            "fresh-produce wholesaler|生鲜批发商|"
            "supplying {n} fruit shops and markets in {region}|为{region}的{n}家水果店和农贸市场供货|"
            "for wholesale markets in {region}|供应{region}的批发市场|"
            "30-600|Fresh Produce=生鲜;Fruit Trading=果业|"
            "Fresh & Frozen Fruits;Seafood;Meat",
            "food manufacturer|食品加工企业|"
            "processing food in {n} plants in {region}|在{region}拥有{n}家食品加工厂|"
            "as raw material for our production lines|作为我们生产线的原料|"
            "1-8|Food Industries=食品工业;Foods=食品|"
            "Dairy;Grains;Cooking & Baking;Nuts;Candy;Fruits;Meat;Juice",
            "wine and spirits importer|酒类进口商|"
            "importing wine and spirits for {n} bars, restaurants and shops in {region}|"
            "为{region}的{n}家酒吧、餐厅和门店进口酒类|"
            "for our on-trade and gifting customers|用于餐饮渠道和商务礼品|"
            "20-500|Wine & Spirits=酒业;Cellars=酒窖|"
            "Alcoholic Beverages",
        )
    ),
    certifications=_split("HACCP|BRC|IFS|ISO 22000|Halal|EU Organic|FSSC 22000"),
    capabilities=_split(
        "Registered with China's GACC for export to China.|Annual capacity of about {n},000 tonnes.|"
        "Full cold chain from farm to port.|Private-label and OEM packing available.|"
        "Chinese back-labels and registration documents provided.|Shelf life of 18 to 24 months.|"
        "Traceability down to the farm or vessel."
    ),
    capabilities_zh=_split("已在海关总署注册|年产能约{n}千吨|全程冷链|可提供OEM及自有品牌|可提供中文背标"),
    exhibitor_seeking=_split(
        "Distributors and importers in {region}.|"
        "Looking for importers, wholesalers and supermarket chains in {region}.|"
        "HoReCa distributors and cross-border e-commerce partners in {region}.|"
        "A national distribution partner for China; open to private label.|"
        "Importers with their own cold-chain network in {region}.|"
        "Retail chains and online platforms in {region}."
    ),
    exhibitor_seeking_zh=_split("寻找{region}的进口商和经销商。|寻求{region}的商超及电商合作伙伴。"),
    requirements=_split(
        "Suppliers must hold a GACC overseas facility registration.|"
        "Shelf life of at least 12 months on arrival.|"
        "Chinese back-labels required.|HACCP or BRC certification preferred.|"
        "Halal certificates needed for part of the range.|"
        "Flexible MOQ for the first orders."
    ),
    requirements_zh=_split(
        "需具备海关总署境外生产企业注册。|到港保质期不少于12个月。|需提供中文背标。|优先考虑HACCP/BRC认证企业。"
    ),
    volumes=_split(
        "Expected volume: {n} containers per month.|Annual import budget about CNY {n} million.|"
        "Trial order of {n} pallets, then regular supply."
    ),
    volumes_zh=_split("预计每月{n}个货柜。|年进口预算约{n}百万元。|首单约{n}托盘，之后长期供货。"),
    buyer_titles=_split(
        "Category Manager – Imported Food|Head of Fresh Produce|Purchasing Manager|Food & Beverage Director|"
        "进口食品品类经理|生鲜采购总监"
    ),
)

_AUTO = _Area(
    name="Automobile",
    zh="汽车",
    halls=("7.1", "8.1"),
    groups=(
        _group(
            "Vehicles & Parts > Vehicles > Motor Vehicles",
            "vehicle manufacturer|EV maker|commercial-vehicle builder",
            "Motors|Automotive|Mobility|EV|Motor Works",
            _leaf(
                "Cars, Trucks & Vans",
                "battery-electric SUVs|plug-in hybrid sedans|light commercial vans|hydrogen fuel-cell trucks|"
                "luxury grand tourers",
                "new energy vehicles for fleets|EV and PHEV models for dealer networks|"
                "electric delivery vans for last-mile logistics|imported premium cars",
                "新能源汽车|电动车|进口豪华车|氢燃料电池卡车",
            ),
            _leaf(
                "Motorcycles & Scooters",
                "electric scooters|touring motorcycles|125 cc commuter bikes",
                "two-wheelers for urban delivery|premium motorbikes|e-mopeds",
                "摩托车|电动踏板车",
            ),
            _leaf(
                "Recreational Vehicles",
                "motorhomes|travel trailers|campervans",
                "RVs for rental and camping resorts|caravans",
                "房车|露营车",
            ),
            _leaf(
                "Golf Carts",
                "electric golf carts|utility carts",
                "low-speed electric vehicles for resorts and campuses",
                "高尔夫球车|观光车",
            ),
        ),
        _group(
            f"{_V} > Motor Vehicle Parts",
            "tier-1 automotive supplier|auto-parts manufacturer|powertrain specialist",
            "Automotive|Components|Drive Systems|Autoparts|Engineering",
            _leaf(
                "Motor Vehicle Braking",
                "brake pads and discs|electro-hydraulic brake boosters|ABS/ESC modules|brake-by-wire systems",
                "friction materials and calipers|braking components for assembly lines",
                "刹车片|制动系统|线控制动",
            ),
            _leaf(
                "Motor Vehicle Power & Electrical Systems",
                "800 V traction inverters|battery management systems|high-voltage wiring harnesses|"
                "on-board chargers|"
                "LFP battery modules",
                "EV power electronics|high-voltage battery packs|electric drive units",
                "动力电池|电驱系统|高压线束",
            ),
            _leaf(
                "Motor Vehicle Sensors & Gauges",
                "automotive LiDAR|77 GHz radar sensors|tyre-pressure sensors|driver-monitoring cameras",
                "ADAS perception hardware|sensors for autonomous driving|L2+ sensor suites",
                "激光雷达|毫米波雷达|自动驾驶传感器",
            ),
            _leaf(
                "Motor Vehicle Lighting",
                "LED matrix headlamps|OLED tail lamps|ambient interior lighting",
                "automotive lamps and light modules",
                "车灯|大灯总成",
            ),
            _leaf(
                "Motor Vehicle Seating",
                "ventilated power seats|lightweight seat frames|massage seat modules",
                "car seat systems for MPVs|seat comfort components",
                "汽车座椅|座椅按摩",
            ),
            _leaf(
                "Motor Vehicle Engine Parts",
                "turbochargers|forged pistons|piezo fuel injectors|timing chains",
                "engine components for the ICE aftermarket|replacement powertrain parts",
                "涡轮增压器|发动机配件",
            ),
            _leaf(
                "Motor Vehicle Wheel Systems",
                "forged alloy wheels|run-flat tyres|low-rolling-resistance EV tyres",
                "rims and tires|tyres for rental fleets",
                "轮毂|轮胎",
            ),
            _leaf(
                "Motor Vehicle Suspension Parts",
                "air suspension systems|adaptive dampers|control arms",
                "shock absorbers and struts|chassis components",
                "减震器|空气悬架",
            ),
        ),
        _group(
            f"{_V} > Motor Vehicle Electronics",
            "automotive electronics company|in-car audio specialist",
            "Auto Electronics|Car Audio|Infotainment|Acoustics",
            _leaf(
                "Motor Vehicle A/V Players & In-Dash Systems",
                "infotainment head units|digital cockpit domain controllers|head-up displays",
                "smart cockpit solutions|in-car multimedia systems",
                "智能座舱|车载娱乐系统|中控屏",
            ),
            _leaf(
                "Motor Vehicle Parking Cameras",
                "360° surround-view camera kits|rear-view cameras",
                "reversing cameras for retrofit|parking assistance",
                "倒车影像|全景影像",
            ),
            _leaf(
                "Motor Vehicle Speakers",
                "premium car-audio speaker systems|component speakers",
                "in-vehicle sound systems|branded audio for high-trim models",
                "汽车音响|车载扬声器",
            ),
        ),
        _group(
            f"{_V} > Vehicle Maintenance, Care & Decor",
            "lubricants maker|car-care brand|workshop-equipment maker",
            "Lubricants|Car Care|Tools|Oil",
            _leaf(
                "Vehicle Fluids",
                "fully synthetic 0W-20 engine oil|long-life coolant|"
                "dielectric thermal fluids for EV batteries|"
                "DOT 4 brake fluid",
                "lubricants for service stations|automotive fluids and oils",
                "机油|润滑油|防冻液",
            ),
            _leaf(
                "Vehicle Cleaning",
                "ceramic coatings|pH-neutral car shampoo|waterless wash sprays",
                "detailing products for car-care shops|car-wash chemicals",
                "汽车美容|洗车液|镀晶",
            ),
            _leaf(
                "Vehicle Repair & Specialty Tools",
                "OBD diagnostic scan tools|EV battery service tools|wheel alignment systems",
                "garage equipment for 4S dealerships|diagnostic equipment",
                "汽车诊断仪|维修工具",
            ),
        ),
    ),
    exhibitor_countries=_weights("DE:10 JP:7 US:5 IT:4 FR:4 KR:4 SE:3 GB:3 AT:2 ES:1 NL:1 CH:1 IL:1"),
    buyers=tuple(
        _buyer(s)
        for s in (
            "car dealer group|汽车经销商集团|"
            "running {n} 4S dealerships in {region}|在{region}经营{n}家4S店|"
            "for our {n} showrooms in {region}|用于我们在{region}的{n}家展厅|"
            "5-60|Automobile Sales=汽车销售;Motor Trading=汽车贸易|"
            "Motor Vehicles;Vehicle Maintenance",
            "automotive OEM|整车厂|"
            "building about {n}0,000 vehicles a year in {region}|在{region}年产整车约{n}万辆|"
            "for our vehicle programmes starting 2027|用于2027年起的新车型项目|"
            "2-60|Automobile=汽车;Motors=汽车工业|"
            "Motor Vehicle Parts;Motor Vehicle Electronics",
            "tier-1 supplier|一级零部件供应商|"
            "supplying modules to {n} carmakers from plants in {region}|从{region}的工厂为{n}家整车厂供货|"
            "for our module assembly lines|用于我们的模块装配线|"
            "3-20|Auto Parts=汽车零部件;Automotive Systems=汽车系统|"
            "Motor Vehicle Parts;Motor Vehicle Electronics",
            "fleet and ride-hailing operator|网约车及车队运营商|"
            "operating {n}00 vehicles in {region}|在{region}运营{n}00辆车|"
            "for fleet renewal in {region}|用于{region}的车队更新|"
            "5-90|Mobility=出行;Transport=运输|"
            "Motor Vehicles;Vehicle Maintenance;Wheel",
            "aftermarket parts distributor|汽配分销商|"
            "serving {n} repair shops in {region}|为{region}的{n}家维修厂供货|"
            "for independent workshops in {region}|供应{region}的独立维修厂|"
            "100-3000|Auto Parts Trading=汽配贸易;Automotive Service=汽车服务|"
            "Motor Vehicle Parts;Vehicle Maintenance;Motor Vehicle Electronics",
            "car rental company|租车公司|"
            "renting out {n}00 cars in {region}|在{region}出租{n}00辆汽车|"
            "for our rental fleet|用于我们的租赁车队|"
            "5-60|Car Rental=汽车租赁;Mobility=出行|"
            "Motor Vehicles;Vehicle Maintenance;Wheel",
        )
    ),
    certifications=_split("IATF 16949|ISO 26262 ASIL-D|ECE R10|E-mark|ISO 14001|UN R155 cybersecurity"),
    capabilities=_split(
        "Series supply to European and Japanese carmakers.|Engineering support team in Shanghai.|"
        "Annual capacity of {n} thousand units.|Local production in China under discussion.|"
        "Joint development from concept to SOP."
    ),
    capabilities_zh=_split("为欧洲和日本整车厂批量供货|上海设有工程支持团队|年产能{n}万件|可联合开发"),
    exhibitor_seeking=_split(
        "OEM partners and tier-1 suppliers in {region}.|Distributors and importers in {region}.|"
        "Dealer groups and fleet operators in {region}.|"
        "Joint-venture partners for local production in China.|"
        "Aftermarket distributors and workshop chains in {region}."
    ),
    exhibitor_seeking_zh=_split("寻找{region}的整车厂和一级供应商。|寻找{region}的经销商和进口商。"),
    requirements=_split(
        "IATF 16949 certification required.|Local technical support in China.|"
        "CCC certification for the parts concerned.|"
        "PPAP documentation in English or Chinese.|Delivery within 8 weeks."
    ),
    requirements_zh=_split("需通过IATF 16949认证。|需有中国本地技术支持。|需具备CCC认证。"),
    volumes=_split(
        "Around {n} thousand units a year.|Budget of about CNY {n} million for 2027.|Pilot lot of {n} sets."
    ),
    volumes_zh=_split("年需求约{n}千件。|2027年预算约{n}百万元。|首批试产{n}套。"),
    buyer_titles=_split(
        "Head of Supplier Development|Purchasing Manager – Chassis|Fleet Manager|采购部部长|供应商开发经理"
    ),
)

_ELEC = "Electronics"
_IT = _Area(
    name="Intelligent Industry & Information Technology",
    zh="智能及高端装备",
    halls=("4.1", "5.1", "6.1"),
    groups=(
        _group(
            f"{_BI} > Automation Control Components",
            "industrial automation company|drives and controls manufacturer",
            "Automation|Controls|Drives|Industrial Systems",
            _leaf(
                "Programmable Logic Controllers",
                "PLCs and distributed I/O|safety controllers|motion controllers|"
                "IEC 61131-3 engineering suites",
                "factory control systems for line retrofits|industrial controllers|"
                "automation hardware for smart factories",
                "PLC|可编程控制器|工业自动化控制",
            ),
            _leaf(
                "Variable Frequency & Adjustable Speed Drives",
                "low-voltage AC drives|servo drives and motors|medium-voltage drives",
                "inverters for pumps and fans (VFDs)|energy-saving motor speed control",
                "变频器|伺服驱动器",
            ),
        ),
        _group(
            _BI,
            "robotics company|machine-tool builder",
            "Robotics|Machine Tools|Engineering|Kinematics",
            _leaf(
                "Manufacturing",
                "six-axis industrial robots|collaborative robots|robotic welding cells|CNC machining centres|"
                "fibre laser cutting machines",
                "robotic automation for assembly|cobots for palletising|machine tools for precision parts",
                "工业机器人|协作机器人|数控机床",
            ),
        ),
        _group(
            f"{_BI} > Material Handling",
            "intralogistics supplier|materials-handling manufacturer",
            "Intralogistics|Handling|Lift|Conveyor Systems",
            _leaf(
                "Conveyors",
                "modular belt conveyors|cross-belt sorters|automated storage and retrieval systems",
                "warehouse automation|parcel sorting lines|"
                "intralogistics for e-commerce distribution centres",
                "输送线|分拣系统|智能仓储",
            ),
            _leaf(
                "Lifts & Hoists",
                "electric counterbalance forklifts|overhead cranes|scissor lifts",
                "lifting equipment|forklift trucks for warehouses",
                "叉车|起重机",
            ),
        ),
        _group(
            f"{_ELEC} > Circuit Boards & Components > Semiconductors",
            "semiconductor company|fabless chip designer",
            "Semiconductor|Micro|Silicon|Chips|Devices",
            _leaf(
                "Integrated Circuits & Chips",
                "analog front-end ICs|power-management ICs|FPGAs|DRAM and NAND flash",
                "chips for EMS lines|semiconductor components with long-term supply|memory and logic devices",
                "芯片|集成电路|存储芯片",
            ),
            _leaf(
                "Microcontrollers",
                "32-bit Arm Cortex-M MCUs|automotive-grade microcontrollers|wireless SoCs",
                "MCUs for IoT devices|embedded processors",
                "单片机|MCU",
            ),
            _leaf(
                "Transistors",
                "SiC MOSFETs|IGBT modules|GaN power transistors",
                "power semiconductors for inverters|power devices",
                "功率器件|IGBT|碳化硅",
            ),
        ),
        _group(
            f"{_ELEC} > Computers",
            "computer hardware maker|systems vendor",
            "Computing|Systems|Data|Compute",
            _leaf(
                "Computer Servers",
                "GPU servers for AI training|rack servers|liquid-cooled compute nodes",
                "data-centre compute capacity|AI training clusters|inference hardware",
                "服务器|算力|AI服务器",
            ),
            _leaf(
                "Interactive Kiosks",
                "self-service kiosks|digital signage totems",
                "self-ordering terminals for restaurants|smart retail terminals",
                "自助终端|自助点餐机",
            ),
            _leaf(
                "Tablet Computers",
                "rugged industrial tablets|Android handhelds",
                "mobile devices for field workers|ruggedised tablets",
                "三防平板|工业平板",
            ),
        ),
        _group(
            f"{_ELEC} > Networking",
            "networking vendor|cybersecurity company",
            "Networks|Connect|Secure|Net",
            _leaf(
                "Hubs & Switches",
                "industrial Ethernet switches|TSN switches|managed PoE switches",
                "network switching for factory floors|OT networking",
                "交换机|工业以太网",
            ),
            _leaf(
                "Network Security & Firewall Devices",
                "next-generation firewalls|OT security gateways|zero-trust appliances",
                "cybersecurity for OT networks|network protection hardware",
                "防火墙|网络安全",
            ),
            _leaf(
                "Repeaters & Transceivers",
                "400G optical transceivers|coherent optics",
                "optical modules for data centres",
                "光模块",
            ),
        ),
        _group(
            "Hardware > Power & Electrical Supplies",
            "energy technology company|electrical equipment maker",
            "Energy|Power|Solar|Electric",
            _leaf(
                "Solar Panels",
                "bifacial PV modules|TOPCon solar panels",
                "photovoltaic modules for rooftop projects|solar PV",
                "光伏组件|太阳能板",
            ),
            _leaf(
                "Power Inverters",
                "string inverters|hybrid inverters with battery storage|utility-scale energy storage systems",
                "energy storage and inverter solutions|battery storage for industrial parks",
                "储能系统|逆变器",
            ),
            _leaf(
                "Electrical Motors",
                "IE4 permanent-magnet motors|explosion-proof motors",
                "high-efficiency motors|electric motors for pumps and compressors",
                "电机|高效电机",
            ),
            _leaf(
                "Generators",
                "gas gensets|diesel standby generators",
                "backup power for data centres|power generation sets",
                "发电机组",
            ),
        ),
        _group(
            f"{_BI} > Science & Laboratory > Laboratory Equipment",
            "scientific-instrument maker|laboratory equipment company",
            "Instruments|Scientific|Analytical|Labtech",
            _leaf(
                "Spectrometers",
                "LC-MS/MS systems|ICP-OES spectrometers|FTIR and Raman spectrometers",
                "analytical instruments for QC labs|mass spec for food-safety testing",
                "质谱仪|光谱仪|色谱",
            ),
            _leaf(
                "Microscopes",
                "scanning electron microscopes|confocal microscopes",
                "imaging systems for materials research|high-resolution microscopy",
                "电子显微镜|显微镜",
            ),
            _leaf(
                "Centrifuges",
                "high-speed refrigerated centrifuges|benchtop centrifuges",
                "lab centrifugation equipment",
                "离心机",
            ),
            _leaf(
                "Laboratory Freezers",
                "-86 °C ultra-low freezers|cryogenic storage",
                "ULT storage for biobanks|cold storage for samples",
                "超低温冰箱",
            ),
        ),
        _group(
            "Software > Computer Software",
            "industrial software company|software developer",
            "Software|Digital|Soft|Cloud",
            _leaf(
                "Business & Productivity Software",
                "MES and ERP suites|PLM software|digital-twin platforms",
                "smart manufacturing software|production management systems|digital transformation tools",
                "工业软件|数字化工厂|MES系统",
            ),
            _leaf(
                "Antivirus & Security Software",
                "endpoint detection and response|data-loss prevention software",
                "cyber defence software|security software for enterprises",
                "安全软件|数据安全",
            ),
            _leaf(
                "Network Software",
                "SD-WAN software|network orchestration",
                "network management tools",
                "网络管理软件",
            ),
        ),
    ),
    exhibitor_countries=_weights(
        "DE:8 US:7 JP:6 KR:4 CH:4 FR:3 IT:3 NL:3 FI:2 SE:3 GB:3 IL:3 SG:3 AT:2 DK:2 "
        "TW:1 HK:1 BE:1 IE:1 ES:1 IN:1 CA:1"
    ),
    buyers=tuple(
        _buyer(s)
        for s in (
            "electronics manufacturing services (EMS) company|电子制造服务商|"
            "running {n} SMT lines in {region}|在{region}拥有{n}条SMT产线|"
            "for our SMT and box-build lines|用于我们的SMT和整机组装线|"
            "10-120|Electronics=电子;Precision Manufacturing=精密制造|"
            "Semiconductors;Automation;Material Handling;Manufacturing;Networking",
            "system integrator|系统集成商|"
            "delivering {n} factory-automation projects a year in {region}|"
            "每年在{region}交付{n}个工厂自动化项目|"
            "for customer projects in {region}|用于{region}的客户项目|"
            "10-80|Automation=自动化;Intelligent Technology=智能科技|"
            "Automation;Manufacturing;Networking;Software;Computers;Material Handling",
            "industrial park operator|产业园区运营方|"
            "managing {n} industrial parks in {region}|在{region}运营{n}个产业园区|"
            "for tenants of our parks|为园区企业集中采购|"
            "2-15|Industrial Park Development=园区开发;Industrial Investment=产业投资|"
            "Power & Electrical;Networking;Computers;Material Handling;Software",
            "data-centre operator|数据中心运营商|"
            "running {n} data centres in {region}|在{region}运营{n}个数据中心|"
            "for our data-centre build-out|用于数据中心扩建|"
            "2-30|Data Technology=数据科技;Cloud Computing=云计算|"
            "Computers;Networking;Power & Electrical;Software",
            "machinery manufacturer|装备制造企业|"
            "building machinery in {n} plants in {region}|在{region}有{n}个生产基地|"
            "for our new production base|用于新生产基地|"
            "1-8|Heavy Industry=重工;Intelligent Equipment=智能装备|"
            "Automation;Manufacturing;Power & Electrical;Semiconductors;Material Handling;Software",
            "university research institute|高校科研院所|"
            "running {n} research laboratories in {region}|在{region}拥有{n}个重点实验室|"
            "for our laboratories|用于实验室建设|"
            "3-40|!Research Institute=研究院;!Institute of Advanced Technology=先进技术研究院|"
            "Laboratory;Computers;Software;Manufacturing",
        )
    ),
    certifications=_split("CE|UL|ISO 9001|ISO 27001|IEC 62443|SEMI S2|CB scheme"),
    capabilities=_split(
        "Local service engineers in Shanghai and Shenzhen.|Chinese-language HMI and documentation.|"
        "Long-term availability guaranteed for 15 years.|Reference installations at {n} factories in Asia.|"
        "Open interfaces: OPC UA, MQTT and REST."
    ),
    capabilities_zh=_split("上海和深圳设有服务工程师|支持中文界面|产品长期供货15年|支持OPC UA和MQTT"),
    exhibitor_seeking=_split(
        "System integrators and OEMs in {region}.|Distributors and value-added resellers in {region}.|"
        "Manufacturers modernising their plants in {region}.|"
        "Research institutes and universities in {region}.|"
        "Strategic partners for local assembly in China."
    ),
    exhibitor_seeking_zh=_split("寻找{region}的系统集成商和设备制造商。|寻求{region}的代理商和增值经销商。"),
    requirements=_split(
        "CE or UL marking required.|Chinese-language documentation and support.|"
        "Compatible with IEC 61131-3 and OPC UA.|"
        "Delivery within 12 weeks.|Local spare-parts stock in China."
    ),
    requirements_zh=_split("需支持中文界面。|需有CE认证。|需在国内有备件库存。"),
    volumes=_split(
        "Budget of about CNY {n} million.|Around {n} units in 2027.|"
        "First project phase: {k} production lines."
    ),
    volumes_zh=_split("预算约{n}百万元。|2027年需求约{n}台。|一期项目{k}条产线。"),
    buyer_titles=_split(
        "Head of Equipment Procurement|Technical Director|Plant Manager|设备采购经理|技术总监"
    ),
)

_PC = "Health & Beauty > Personal Care"
_CONSUMER = _Area(
    name="Consumer Goods",
    zh="消费品",
    halls=("6.2", "7.2", "8.2"),
    groups=(
        _group(
            f"{_PC} > Cosmetics > Skin Care",
            "skincare brand|cosmetics laboratory",
            "Cosmetics|Beauty|Skin|Laboratoire|Derma",
            _leaf(
                "Lotion & Moisturizer",
                "hyaluronic acid day creams|ceramide body lotions|rich night creams",
                "moisturising skincare|hydrating creams for dry skin",
                "面霜|保湿乳液|身体乳",
            ),
            _leaf(
                "Sunscreen",
                "SPF50+ PA++++ mineral sunscreens|sun sticks|tinted UV fluids",
                "sun protection products|UV care for outdoor sports",
                "防晒霜|防晒",
            ),
            _leaf(
                "Anti-Aging Skin Care Kits",
                "retinol serum sets|peptide anti-wrinkle kits",
                "anti-ageing skincare|firming and wrinkle care",
                "抗衰老|抗皱精华",
            ),
            _leaf(
                "Skin Care Masks & Peels",
                "bio-cellulose sheet masks|clay masks|AHA peels",
                "facial masks|exfoliating treatments",
                "面膜",
            ),
        ),
        _group(
            f"{_PC} > Cosmetics",
            "perfume house|cosmetics brand",
            "Parfums|Beauty|Cosmetics|Maison",
            _leaf(
                "Perfume & Cologne",
                "eau de parfum|niche fragrances|travel-size fragrance sets",
                "fragrances for duty-free|niche perfumes",
                "香水|沙龙香",
            ),
            _leaf(
                "Makeup",
                "long-wear foundations|satin lipsticks|volumising mascaras",
                "colour cosmetics|make-up for Gen Z shoppers",
                "彩妆|口红",
            ),
        ),
        _group(
            "Home & Garden > Kitchen & Dining > Kitchen Appliances",
            "small-appliance brand|kitchen appliance maker",
            "Appliances|Kitchen|Home|Haushalt",
            _leaf(
                "Coffee Makers & Espresso Machines",
                "bean-to-cup espresso machines|capsule coffee machines|manual lever espresso makers",
                "coffee machines for home and office|espresso equipment",
                "咖啡机|全自动咖啡机",
            ),
            _leaf(
                "Food Mixers & Blenders",
                "high-speed blenders|stand mixers|hand blenders",
                "kitchen blending and mixing appliances",
                "破壁机|厨师机",
            ),
            _leaf(
                "Dishwashers",
                "countertop dishwashers|built-in dishwashers",
                "dishwashing appliances for compact kitchens",
                "洗碗机",
            ),
        ),
        _group(
            "Home & Garden > Household Appliances",
            "home-appliance manufacturer",
            "Home Appliances|Clean|Home",
            _leaf(
                "Vacuums",
                "cordless stick vacuums|robot vacuum cleaners with mopping",
                "floor-cleaning appliances|robotic cleaners",
                "吸尘器|扫地机器人",
            ),
        ),
        _group(
            "Home & Garden > Household Appliances > Climate Control Appliances",
            "air-treatment specialist",
            "Air|Climate|Breeze",
            _leaf(
                "Air Purifiers",
                "HEPA H13 air purifiers|purifier fans",
                "air cleaning devices for homes and offices",
                "空气净化器",
            ),
            _leaf(
                "Dehumidifiers",
                "compressor dehumidifiers|desiccant dehumidifiers",
                "moisture control appliances for the humid south",
                "除湿机",
            ),
            _leaf(
                "Humidifiers",
                "ultrasonic humidifiers|evaporative humidifiers",
                "humidifying appliances for northern winters",
                "加湿器",
            ),
        ),
        _group(
            "Apparel & Accessories > Jewelry",
            "watchmaker|jeweller",
            "Jewellery|Horlogerie|Gems|Gioielli",
            _leaf(
                "Watches",
                "Swiss automatic watches|chronographs|dive watches",
                "luxury timepieces|mechanical watches for boutiques",
                "腕表|机械表",
            ),
            _leaf(
                "Rings",
                "diamond engagement rings|platinum wedding bands",
                "bridal jewellery|diamond jewellery",
                "钻戒|婚戒",
            ),
            _leaf(
                "Necklaces",
                "South Sea pearl necklaces|gold pendants and chains",
                "pearl jewellery|gold necklaces for gifting",
                "珍珠项链|项链",
            ),
        ),
        _group(
            "Apparel & Accessories > Clothing > Outerwear",
            "apparel brand|outerwear label",
            "Apparel|Outdoor|Wear|Moda",
            _leaf(
                "Coats & Jackets",
                "goose-down parkas|merino wool coats|waterproof shell jackets",
                "winter outerwear|premium coats for department stores",
                "羽绒服|大衣|冲锋衣",
            ),
            _leaf("Vests", "down vests|fleece gilets", "gilets and sleeveless layers", "马甲"),
        ),
        _group(
            "Apparel & Accessories > Handbags, Wallets & Cases",
            "leather-goods maker",
            "Leather|Pelletteria|Atelier",
            _leaf(
                "Handbags",
                "leather tote bags|Italian leather handbags",
                "designer bags|leather goods for boutiques",
                "手袋|皮包",
            ),
            _leaf("Wallets & Money Clips", "card holders|leather wallets", "small leather goods", "钱包"),
        ),
        _group(
            "Baby & Toddler > Nursing & Feeding > Baby & Toddler Food",
            "infant-nutrition company",
            "Nutrition|Baby|Infant|Kids",
            _leaf(
                "Baby Formula",
                "A2 protein infant formula|goat-milk infant formula|organic follow-on formula",
                "infant milk powder for mother-and-baby stores|stage 1–3 formula",
                "婴幼儿配方奶粉|羊奶粉",
            ),
            _leaf(
                "Baby Food",
                "organic fruit purées in pouches|vegetable purées",
                "complementary foods for infants",
                "辅食|果泥",
            ),
            _leaf(
                "Baby Snacks", "freeze-dried yoghurt melts|teething rusks", "toddler snacks", "婴儿零食|溶豆"
            ),
        ),
        _group(
            "Toys & Games > Toys > Building Toys",
            "toy maker",
            "Toys|Play|Bricks",
            _leaf(
                "Interlocking Blocks",
                "brick construction sets|magnetic building sets",
                "building block toys|STEM construction kits",
                "积木",
            ),
            _leaf("Wooden Blocks", "FSC-certified wooden block sets", "natural wooden toys", "木制积木"),
        ),
        _group(
            "Sporting Goods > Exercise & Fitness > Cardio > Cardio Machines",
            "fitness-equipment maker",
            "Fitness|Sports|Motion",
            _leaf(
                "Treadmills",
                "commercial treadmills|foldable home treadmills",
                "running machines for gyms",
                "跑步机",
            ),
            _leaf(
                "Exercise Bikes",
                "smart indoor bikes|spin bikes",
                "stationary bikes for fitness studios",
                "动感单车",
            ),
            _leaf("Rowing Machines", "air and water rowers", "rowing ergometers", "划船机"),
        ),
    ),
    exhibitor_countries=_weights(
        "FR:7 IT:7 JP:6 KR:6 US:5 DE:4 CH:3 GB:3 ES:3 AU:3 NZ:2 TH:2 SE:2 DK:2 NL:2 BE:1 PT:1 TR:2 SG:1 MY:1 "
        "VN:1 HK:2 TW:1"
    ),
    buyers=tuple(
        _buyer(s)
        for s in (
            "department store group|百货集团|"
            "operating {n} department stores in {region}|在{region}经营{n}家百货商场|"
            "for our {n} department stores|用于旗下{n}家百货商场|"
            "5-60|Department Stores=百货;Retail Group=商业集团|"
            "Cosmetics;Jewelry;Clothing;Handbags;Kitchen Appliances;Household",
            "cross-border e-commerce platform|跨境电商平台|"
            "serving {n} million shoppers across {region}|服务{region}约{n}00万消费者|"
            "for our imported-goods channel|用于进口商品频道|"
            "2-80|E-commerce=电子商务;Global Shopping=环球购|"
            "*",
            "duty-free operator|免税店运营商|"
            "running {n} duty-free stores in {region}|在{region}经营{n}家免税店|"
            "for our duty-free stores|用于我们的免税店|"
            "3-40|Duty Free=免税品;Travel Retail=旅游零售|"
            "Cosmetics;Jewelry;Handbags",
            "brand distributor|品牌代理商|"
            "representing {n} foreign brands in {region}|在{region}代理{n}个海外品牌|"
            "as exclusive distributor in {region}|作为{region}独家代理|"
            "5-60|Brand Management=品牌管理;Trading=贸易|"
            "*",
            "live-streaming e-commerce agency|直播电商机构|"
            "running {n} live-streaming rooms for shoppers in {region}|为{region}的消费者运营{n}个直播间|"
            "for our live-streaming sessions|用于直播带货|"
            "3-50|Media=传媒;Digital Commerce=数字商务|"
            "Cosmetics;Kitchen Appliances;Household;Baby;Toys;Clothing;Cardio",
            "home-appliance retail chain|家电零售连锁|"
            "operating {n} appliance stores in {region}|在{region}经营{n}家家电门店|"
            "for our stores in {region}|用于{region}的门店|"
            "20-600|Electrical Appliances=电器;Home Retail=家居零售|"
            "Kitchen Appliances;Household Appliances;Cardio",
            "mother-and-baby store chain|母婴连锁|"
            "running {n} mother-and-baby stores in {region}|在{region}经营{n}家母婴店|"
            "for our {n} stores|用于旗下{n}家门店|"
            "20-800|Mother & Baby=母婴;Kids=童品|"
            "Baby;Toys;Skin Care",
        )
    ),
    certifications=_split("ISO 9001|ISO 14001|BSCI|SGS tested|CE"),
    capabilities=_split(
        "Products already listed on Tmall Global and JD.com.|NMPA filing completed for the core range.|"
        "Made in our own factories.|Exclusive distribution rights available for China.|"
        "Gift packaging for Singles' Day and Chinese New Year."
    ),
    capabilities_zh=_split("已入驻天猫国际和京东国际|核心产品已完成备案|可提供中国独家代理权|可定制节日礼盒"),
    exhibitor_seeking=_split(
        "Distributors and importers in {region}.|"
        "Cross-border e-commerce partners and department stores in {region}.|"
        "An exclusive brand partner for China.|Duty-free operators and travel retail in {region}.|"
        "Live-streaming agencies and online retailers in {region}."
    ),
    exhibitor_seeking_zh=_split("寻找{region}的品牌代理商。|寻求{region}的跨境电商和百货合作伙伴。"),
    requirements=_split(
        "NMPA filing for cosmetics must be in place.|"
        "Products must be on the cross-border e-commerce positive list.|"
        "Exclusive distribution rights preferred.|CCC certification for appliances.|"
        "Marketing support for launches."
    ),
    requirements_zh=_split(
        "化妆品需完成备案。|需在跨境电商正面清单内。|希望获得独家代理权。|家电需CCC认证。"
    ),
    volumes=_split(
        "Opening order of about CNY {n} million.|Around {n} thousand units in the first year.|"
        "{n} SKUs for the first season."
    ),
    volumes_zh=_split("首单约{n}百万元。|首年约{n}千件。|首季{n}个单品。"),
    buyer_titles=_split(
        "Brand Director|Head of Imported Brands|Senior Buyer|Merchandising Manager|品牌总监|进口商品部经理"
    ),
)

_MED = "Business & Industrial > Medical"
_MEDICAL = _Area(
    name="Medical Equipment & Healthcare Products",
    zh="医疗器械及医药保健",
    halls=("1.2", "3.1"),
    groups=(
        _group(
            f"{_MED} > Medical Equipment",
            "medical device manufacturer|medtech company",
            "Medical|MedTech|Healthcare|Medizintechnik|Care Systems",
            _leaf(
                "Vital Signs Monitors",
                "multi-parameter patient monitors|wearable vital-signs patches|central monitoring stations",
                "bedside monitoring for ICUs|remote patient monitoring",
                "监护仪|多参数监护仪",
            ),
            _leaf(
                "Automated External Defibrillators",
                "public-access AEDs|professional defibrillators",
                "defibrillators for airports, schools and metro stations",
                "除颤仪|AED",
            ),
            _leaf(
                "Medical Stretchers & Gurneys",
                "emergency stretchers|patient transport trolleys",
                "patient transport equipment for ambulances",
                "担架|转运床",
            ),
            _leaf(
                "Patient Lifts",
                "ceiling hoist systems|mobile patient lifts",
                "patient handling aids for nursing homes",
                "移位机",
            ),
        ),
        _group(
            f"{_MED} > Medical Furniture",
            "hospital-furniture maker",
            "Hospital Systems|Care|Medical",
            _leaf(
                "Homecare & Hospital Beds",
                "electric ICU beds|low homecare beds with fall prevention",
                "nursing beds for elderly-care homes|hospital beds",
                "护理床|电动病床",
            ),
            _leaf(
                "Surgical Tables",
                "hybrid OR tables|orthopaedic operating tables",
                "operating theatre tables",
                "手术台",
            ),
            _leaf(
                "Examination Chairs & Tables",
                "gynaecological examination chairs|ENT treatment units",
                "clinic examination furniture",
                "检查床",
            ),
        ),
        _group(
            f"{_MED} > Medical Instruments",
            "surgical instrument maker",
            "Surgical|Instruments|Medical",
            _leaf(
                "Surgical Needles & Sutures",
                "absorbable PGA sutures|barbed sutures",
                "wound-closure products|sutures for hospital tenders",
                "缝合线",
            ),
            _leaf(
                "Scalpels",
                "safety scalpels|single-use stainless scalpels",
                "surgical blades and handles",
                "手术刀",
            ),
            _leaf(
                "Medical Forceps",
                "laparoscopic graspers|microsurgical forceps",
                "minimally invasive surgical instruments",
                "微创手术器械|手术钳",
            ),
        ),
        _group(
            f"{_MED} > Medical Supplies",
            "medical consumables manufacturer",
            "Medical|Care|Protect|Supplies",
            _leaf(
                "Disposable Gloves",
                "nitrile examination gloves|sterile surgical gloves",
                "medical-grade gloves|exam gloves in bulk",
                "丁腈手套|一次性手套",
            ),
            _leaf(
                "Medical Needles & Syringes",
                "safety syringes|insulin pen needles|prefilled syringe components",
                "injection consumables|syringes for vaccination programmes",
                "注射器|胰岛素针头",
            ),
            _leaf("Ostomy Supplies", "one-piece ostomy pouches", "stoma care products", "造口袋"),
        ),
        _group(
            f"{_HC} > Biometric Monitors",
            "digital-health company|diagnostics company",
            "Diagnostics|Health|Sense|Vital",
            _leaf(
                "Blood Glucose Meters",
                "continuous glucose monitoring (CGM) sensors|blood glucose meters and strips",
                "diabetes monitoring devices|CGM for endocrinology departments",
                "血糖仪|动态血糖监测",
            ),
            _leaf(
                "Blood Pressure Monitors",
                "upper-arm blood pressure monitors|ambulatory BP monitors",
                "home blood pressure devices|hypertension screening equipment",
                "血压计|电子血压计",
            ),
            _leaf("Pulse Oximeters", "fingertip pulse oximeters", "SpO2 measurement devices", "血氧仪"),
            _leaf(
                "Medical Thermometers", "infrared ear thermometers", "fever screening thermometers", "体温计"
            ),
        ),
        _group(
            f"{_HC} > Fitness & Nutrition",
            "nutrition company|supplement manufacturer",
            "Nutrition|Vitamins|Naturals|Wellness",
            _leaf(
                "Vitamins & Supplements",
                "omega-3 fish-oil softgels|probiotic capsules|marine collagen peptides|vitamin D3 gummies",
                "nutraceuticals for cross-border e-commerce|dietary supplements|"
                "health foods for the silver economy",
                "保健品|益生菌|鱼油|胶原蛋白",
            ),
            _leaf(
                "Nutrition Drinks & Shakes",
                "medical nutrition shakes|whey protein drinks",
                "clinical nutrition (FSMP) for hospitals|protein beverages",
                "特医食品|蛋白粉",
            ),
            _leaf("Tube Feeding Supplements", "enteral feeding formulas", "enteral nutrition", "肠内营养"),
        ),
        _group(
            f"{_HC} > Respiratory Care",
            "respiratory care company",
            "Respiratory|Breath|Air Medical",
            _leaf(
                "PAP Machines",
                "auto-CPAP devices|BiPAP ventilators",
                "sleep apnoea therapy devices|home ventilators",
                "呼吸机|睡眠呼吸机",
            ),
            _leaf("Nebulizers", "vibrating-mesh nebulizers", "aerosol therapy devices", "雾化器"),
            _leaf(
                "Oxygen Tanks", "medical oxygen cylinders and regulators", "oxygen supply equipment", "氧气瓶"
            ),
        ),
        _group(
            f"{_PC} > Vision Care",
            "ophthalmic optics company",
            "Optics|Vision|Optical",
            _leaf(
                "Contact Lenses",
                "silicone hydrogel daily lenses|orthokeratology lenses",
                "myopia-control lenses for children|soft contact lenses",
                "隐形眼镜|角膜塑形镜",
            ),
            _leaf(
                "Eyeglass Lenses",
                "defocus myopia-management spectacle lenses|progressive lenses",
                "optical lenses for eyewear chains",
                "眼镜片|离焦镜片",
            ),
        ),
        _group(
            _HC,
            "hearing-care company",
            "Hearing|Audio Care|Sonic",
            _leaf(
                "Hearing Aids",
                "rechargeable receiver-in-canal hearing aids|invisible-in-canal hearing aids",
                "hearing solutions for audiology clinics",
                "助听器",
            ),
        ),
        _group(
            f"{_BI} > Dentistry",
            "dental company",
            "Dental|Dentsply|Smile",
            _leaf(
                "Dental Cement",
                "glass-ionomer dental cements|resin composites",
                "dental restorative materials",
                "牙科材料",
            ),
            _leaf(
                "Dental Tools",
                "dental handpieces and mirrors|implantology instrument kits",
                "dental instruments for clinic chains",
                "牙科器械|种植牙工具",
            ),
        ),
    ),
    exhibitor_countries=_weights(
        "US:8 DE:8 CH:5 JP:5 NL:3 IE:2 DK:3 SE:3 GB:3 FR:3 IL:2 KR:3 IT:2 AU:2 BE:1 AT:1 FI:1 SG:1 NZ:1 NO:1"
    ),
    buyers=tuple(
        _buyer(s)
        for s in (
            "public tertiary hospital|三甲医院|"
            "with {n}00 beds in {region}|在{region}拥有{n}00张床位|"
            "for our clinical departments|用于医院各临床科室|"
            "8-40|!Central Hospital=中心医院;!Hospital=医院|"
            "Medical;Respiratory;Biometric;Dentistry;Vision Care",
            "private hospital group|民营医院集团|"
            "operating {n} hospitals and clinics in {region}|在{region}运营{n}家医院和诊所|"
            "for our {n} hospitals and clinics|用于旗下{n}家医院和诊所|"
            "3-60|Healthcare Group=医疗集团;Medical Management=医疗管理|"
            "Medical;Respiratory;Biometric;Dentistry;Vision Care;Hearing",
            "medical device distributor|医疗器械经销商|"
            "supplying {n} hospitals in {region}|为{region}的{n}家医院供货|"
            "for hospital tenders in {region}|用于{region}的医院招标|"
            "30-600|Medical Devices=医疗器械;Medical Supplies=医疗用品|"
            "Medical;Respiratory;Biometric;Dentistry",
            "pharmacy chain|连锁药房|"
            "running {n} pharmacies in {region}|在{region}经营{n}家药房|"
            "for our {n} pharmacies|用于旗下{n}家药房|"
            "50-3000|Pharmacy=大药房;Pharmaceutical Chain=医药连锁|"
            "Biometric;Fitness & Nutrition;Medical Supplies;Respiratory;Vision Care;Hearing",
            "elderly-care operator|养老机构|"
            "running {n} care homes in {region}|在{region}运营{n}家养老院|"
            "for our care homes|用于旗下养老院|"
            "3-60|Senior Care=养老服务;Health Industry=健康产业|"
            "Medical Furniture;Patient;Biometric;Fitness & Nutrition;Hearing;Respiratory;Medical Equipment",
            "health-supplement e-commerce company|保健品电商|"
            "selling health products to about {n}00,000 customers in {region}|"
            "向{region}约{n}0万客户销售健康产品|"
            "for our online health store|用于我们的线上健康商城|"
            "1-30|Health Technology=健康科技;Wellness=健康|"
            "Fitness & Nutrition;Biometric",
        )
    ),
    certifications=_split("CE MDR|FDA 510(k)|ISO 13485|NMPA registration|MDSAP|GMP"),
    capabilities=_split(
        "NMPA registration certificate for China obtained.|Clinical data from {n} hospitals.|"
        "Service engineers available in East China.|Training for clinical staff included.|"
        "Registration in China in progress; looking for a legal agent."
    ),
    capabilities_zh=_split("已取得NMPA注册证|提供临床培训|华东地区有售后工程师|正在办理国内注册"),
    exhibitor_seeking=_split(
        "Distributors with hospital access in {region}.|Hospital groups and private clinics in {region}.|"
        "A registration agent and national distributor for China.|"
        "Pharmacy chains and e-health platforms in {region}.|"
        "Partners for clinical studies in China."
    ),
    exhibitor_seeking_zh=_split("寻找{region}有医院渠道的经销商。|寻求{region}的医院和民营医疗机构合作。"),
    requirements=_split(
        "NMPA registration (Class II/III) is a must.|ISO 13485 certified manufacturing.|"
        "After-sales engineers in East China.|Pricing compatible with volume-based procurement.|"
        "Cross-border e-commerce positive list for supplements."
    ),
    requirements_zh=_split("需取得NMPA注册证。|需ISO 13485认证。|需在华东有售后工程师。|价格需适应集采。"),
    volumes=_split(
        "Budget of about CNY {n} million.|About {n} units for the first phase.|"
        "Annual tender volume of {n} thousand pieces."
    ),
    volumes_zh=_split("预算约{n}百万元。|一期约{n}台。|年招标量约{n}千件。"),
    buyer_titles=_split(
        "Director of Medical Equipment|Head of Procurement|Chief Pharmacist|设备科科长|采购中心主任"
    ),
)

_SV = "Services"
_SERVICES = _Area(
    name="Trade in Services",
    zh="服务贸易",
    halls=("4.2", "5.2"),
    groups=(
        _group(
            f"{_SV} > Logistics & Supply Chain",
            "logistics provider|freight forwarder",
            "Logistics|Freight|Shipping|Supply Chain",
            _leaf(
                "Cold Chain Logistics",
                "end-to-end cold-chain logistics|reefer container shipping|"
                "bonded cold storage at Yangshan port",
                "temperature-controlled transport for imported food|frozen goods warehousing",
                "冷链物流|冷库仓储",
            ),
            _leaf(
                "Freight Forwarding & Customs Brokerage",
                "ocean and air freight forwarding|customs brokerage|China-Europe rail freight",
                "import clearance support|a shipping agent for containers from Europe",
                "货代|报关|中欧班列",
            ),
            _leaf(
                "Cross-border E-commerce Fulfilment",
                "bonded-warehouse fulfilment for CBEC|last-mile delivery",
                "order fulfilment for Tmall Global and JD stores|overseas warehouse solutions",
                "跨境电商仓储|海外仓",
            ),
        ),
        _group(
            f"{_SV} > Financial Services",
            "bank|insurer|payments company",
            "Bank|Capital|Assurance|Pay",
            _leaf(
                "Trade Finance",
                "letters of credit and supply-chain finance|export factoring",
                "working-capital solutions for importers|financing for import contracts",
                "贸易融资|供应链金融",
            ),
            _leaf(
                "Trade Credit & Cargo Insurance",
                "trade credit insurance|marine cargo insurance",
                "protection against buyer default|insurance for shipments",
                "信用保险|货运险",
            ),
            _leaf(
                "Cross-border Payments",
                "multi-currency accounts and FX|RMB cross-border settlement",
                "international payment collection|foreign-exchange hedging",
                "跨境支付|外汇结算",
            ),
        ),
        _group(
            f"{_SV} > Professional Services",
            "consultancy|law firm|testing and certification body",
            "Consulting|Partners|Advisory|Certification",
            _leaf(
                "Testing, Inspection & Certification",
                "product testing and CE/CCC certification|factory audits|pre-shipment inspection",
                "conformity assessment for market access|quality inspection of suppliers",
                "检验检测|认证服务",
            ),
            _leaf(
                "Legal & Compliance Advisory",
                "cross-border M&A counsel|data-compliance advisory (PIPL, GDPR)|IP protection",
                "legal support for overseas expansion|trademark registration abroad",
                "法律服务|合规咨询|知识产权",
            ),
            _leaf(
                "Market-entry Consulting",
                "go-to-market strategy for China|distributor search",
                "advice on entering European markets|partner search abroad",
                "市场进入咨询|出海咨询",
            ),
        ),
        _group(
            f"{_SV} > Digital & Creative Services",
            "agency|cloud provider",
            "Digital|Creative|Cloud|Studio",
            _leaf(
                "Cloud & Data Services",
                "managed cloud hosting|data-analytics platforms",
                "cloud infrastructure for overseas subsidiaries",
                "云服务|数据分析",
            ),
            _leaf(
                "Brand Design & Marketing",
                "brand strategy and packaging design|social-media marketing in Europe",
                "an overseas marketing agency|brand localisation",
                "品牌设计|海外营销",
            ),
        ),
        _group(
            f"{_SV} > Tourism, Culture & Education",
            "tour operator|business school",
            "Travel|Academy|Education|Journeys",
            _leaf(
                "Travel & MICE Services",
                "incentive travel|trade-fair and conference organisation",
                "business travel management|inbound tourism packages",
                "商务旅行|会展服务",
            ),
            _leaf(
                "Education & Training",
                "executive education programmes|vocational training",
                "management training for managers|study-abroad partnerships",
                "教育培训|职业培训",
            ),
        ),
    ),
    exhibitor_countries=_weights(
        "SG:4 GB:4 US:4 DE:3 HK:4 FR:2 NL:2 CH:2 AE:2 JP:2 AU:2 IE:1 DK:1 MY:1 TH:1 CA:1"
    ),
    buyers=tuple(
        _buyer(s)
        for s in (
            "manufacturer expanding overseas|出海制造企业|"
            "exporting from {n} plants in {region}|从{region}的{n}个工厂出口|"
            "for our new subsidiaries abroad|用于海外子公司|"
            "1-10|Industrial=实业;Manufacturing=制造|"
            "Logistics;Financial;Professional;Digital",
            "foreign-trade company|外贸企业|"
            "handling about {n} containers a month through ports in {region}|"
            "每月经{region}港口进出口约{n}个货柜|"
            "for our import and export business|用于进出口业务|"
            "20-800|International Trade=国际贸易;Import & Export=进出口|"
            "Logistics;Financial;Professional",
            "retail chain|零售企业|"
            "operating {n} stores in {region}|在{region}经营{n}家门店|"
            "for our imported-goods supply chain|用于进口商品供应链|"
            "20-500|Retail=商业;Chain Stores=连锁|"
            "Logistics;Digital;Financial",
            "logistics park operator|物流园区运营方|"
            "managing {n} logistics parks in {region}|在{region}运营{n}个物流园区|"
            "for tenants of our parks|为园区企业服务|"
            "2-20|Logistics=物流;Supply Chain=供应链|"
            "Logistics;Digital;Financial",
            "tech start-up|科技初创企业|"
            "with {n} employees in {region}|在{region}拥有{n}名员工|"
            "for our first steps abroad|用于开拓海外市场|"
            "10-300|Technology=科技;Digital Technology=数字科技|"
            "Professional;Digital;Financial;Education",
            "tourism group|文旅集团|"
            "running {n} hotels and scenic areas in {region}|在{region}运营{n}家酒店和景区|"
            "for our inbound business|用于入境旅游业务|"
            "3-40|Culture & Tourism=文旅;Travel Group=旅游集团|"
            "Tourism;Digital",
        )
    ),
    certifications=_split("ISO 9001|AEO|IATA|ISO 27001|CNAS accreditation"),
    capabilities=_split(
        "Offices in Shanghai, Singapore and Rotterdam.|Bilingual teams in China and Europe.|"
        "Serving {n} clients from China.|Licensed in over 20 jurisdictions.|24/7 customer service in Chinese."
    ),
    capabilities_zh=_split(
        "在上海、新加坡和鹿特丹设有办公室|中英双语团队|已服务{n}家中国客户|中文客服全天候"
    ),
    exhibitor_seeking=_split(
        "Chinese companies going abroad.|Importers and exporters in {region}.|"
        "Manufacturers in {region} expanding overseas.|"
        "SMEs in {region} looking for international partners.|Retailers and e-commerce sellers in {region}."
    ),
    exhibitor_seeking_zh=_split("寻找{region}的出海企业。|寻求{region}的进出口企业合作。"),
    requirements=_split(
        "Bilingual (Chinese/English) team.|Experience with Chinese companies.|Transparent pricing.|"
        "Coverage of Europe and South-East Asia.|Licensed customs broker."
    ),
    requirements_zh=_split("团队需中英双语。|熟悉中国企业出海。|价格透明。|需覆盖欧洲和东南亚。"),
    volumes=_split(
        "Budget of about CNY {n} million a year.|Around {n} shipments a month.|Project for {n} subsidiaries."
    ),
    volumes_zh=_split("年预算约{n}百万元。|每月约{n}票货。|涉及{n}家子公司。"),
    buyer_titles=_split(
        "Head of International Business|Overseas Expansion Manager|CFO|Logistics Director|国际业务部总监|"
        "海外事业部经理"
    ),
)

_AREAS: Final = (_FOOD, _AUTO, _IT, _CONSUMER, _MEDICAL, _SERVICES)
AREAS: Final = tuple(a.name for a in _AREAS)
"""The six exhibition areas, in their usual order."""

_EXHIBITOR_AREA_WEIGHTS: Final = (22, 10, 19, 22, 16, 11)
_PURCHASER_AREA_WEIGHTS: Final = (30, 8, 15, 22, 15, 10)


@dataclass(frozen=True)
class _Topic:
    path: str
    parent: str
    area: _Area
    group: _Group
    leaf: _Leaf


def _topics_of(area: _Area) -> tuple[_Topic, ...]:
    return tuple(
        _Topic(f"{g.parent} > {leaf.name}", g.parent, area, g, leaf) for g in area.groups for leaf in g.leaves
    )


_TOPICS: Final = {a.name: _topics_of(a) for a in _AREAS}


# ---------------------------------------------------------------------------------------------
# Taxonomy and topics
# ---------------------------------------------------------------------------------------------

SERVICES_ROOT: Final = _SV
"""Root of the small service taxonomy used for Trade in Services (the product taxonomy has none)."""


@cache
def taxonomy_paths() -> frozenset[str]:
    """Every category path (``A > B > C``) of the bundled Google product taxonomy."""
    text = resources.files("matchmaker.demo").joinpath("product-taxonomy.tsv").read_text(encoding="utf-8")
    nodes: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("id\t"):
            continue
        ident, parent, title = line.split("\t")
        nodes[ident] = (parent, title)
    paths: set[str] = set()
    for ident in nodes:
        parts: list[str] = []
        current = ident
        while current:
            parent, title = nodes[current]
            parts.append(title)
            current = parent
        paths.add(" > ".join(reversed(parts)))
    return frozenset(paths)


def topic_paths() -> tuple[str, ...]:
    """Every topic the generator draws from: product-taxonomy paths and ``Services > ...`` paths."""
    return tuple(t.path for a in _AREAS for t in _TOPICS[a.name])


@cache
def _check_topics() -> None:
    known = taxonomy_paths()
    for path in topic_paths():
        if not path.startswith(SERVICES_ROOT + " > ") and path not in known:
            raise ValueError(f"topic {path!r} is not a path of the product taxonomy")


def topic_parent(path: str) -> str:
    """The parent path of a topic (everything before the last `` > ``)."""
    return path.rsplit(" > ", 1)[0]


def relevance(needs: Iterable[str], offers: Iterable[str]) -> int:
    """Graded relevance of two topic sets: 2 when they share a leaf, 1 a parent, else 0."""
    offer_list = list(offers)
    offer_parents = {topic_parent(o) for o in offer_list}
    best = 0
    for need in needs:
        if need in offer_list:
            return 2
        if topic_parent(need) in offer_parents:
            best = 1
    return best


# ---------------------------------------------------------------------------------------------
# The dataset
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlantedId:
    """An identity number placed in a contact card, and exactly how it was written there.

    ``field`` is the ContactCard JSON name (``idNumber``, ``passportNumber``, ``notes``,
    ``address``); ``text`` is the substring of that field as written (full-width, spaced,
    hyphenated ...); ``value`` is the canonical number.
    """

    profile_id: str
    field: str
    kind: str
    variant: str
    value: str
    text: str


@dataclass(frozen=True)
class PlantedText:
    """A number in a card's free text that is not an identity number and must survive the filter."""

    profile_id: str
    field: str
    kind: str
    text: str


@dataclass(frozen=True)
class DemoDataset:
    """Profiles, their hidden topic truth, and where identity and other numbers were planted."""

    exhibitors: list[ProfileDict]
    purchasers: list[ProfileDict]
    topics: dict[str, frozenset[str]]
    identifiers: tuple[PlantedId, ...]
    keep: tuple[PlantedText, ...]


_STEMS: Final = _split(
    "Blue Ridge|Silver Fern|Northwind|Aurora|Meridian|Summit|Crescent|Evergreen|Harbour|Sunrise|Orion|"
    "Atlas|Terra|"
    "Vista|Alpine|Coastal|Golden Valley|Red Rock|Highland|Pacific|Polaris|Cedar|Riverside|Lakeside|Stellar|"
    "Zenith|"
    "Greenfield|Ironwood|Bright Path|Southern Cross|Westwind|Clearwater|Oakridge|Seven Seas|Lighthouse|"
    "Kestrel"
)
_COINED_HEADS: Final = _split(
    "Neo|Vert|Lum|Quant|Syn|Axi|Opti|Medi|Helio|Vita|Cor|Xen|Tera|Omni|Sol|Aero|Bio|Flux|Nexo|Kine"
)
_COINED_TAILS: Final = _split(
    "tec|ix|ora|ion|lytics|wave|core|gen|med|tronic|sense|vision|dyn|link|logic|nova"
)
_CN_STEMS: Final = _pairs(
    "Hengyuan=恒源|Yuantai=元泰|Xinda=鑫达|Ruifeng=瑞丰|Jincheng=锦程|Jiahe=嘉禾|Shengshi=盛世|Dongfang=东方|"
    "Haina=海纳|Huitong=汇通|Hongtu=宏图|Tiancheng=天成|Boyuan=博远|Derun=德润|Ankang=安康|Xingchen=星辰|"
    "Junle=君乐|Jiamei=佳美|Tongzhou=同舟|Changfeng=长风|Mingyuan=明远|Ronghui=融汇|Xinhe=新禾|Jufeng=聚丰|"
    "Jiaxin=嘉信|Zhongsheng=中盛|Wanbang=万邦|Baichuan=百川|Huaxin=华信|Yongtai=永泰|Fuyuan=富源|Kangning=康宁|"
    "Tianrui=天瑞|Shunda=顺达|Guotai=国泰|Lianhe=联合|Qianhe=乾禾|Yida=亿达|Hexin=合信|Chuangyi=创逸"
)
_FOREIGN_BUYER_WORDS: Final = _split(
    "Trading|Distribution|Import & Export|Holdings|Group|Retail|Partners|Commerce"
)
_EXPORT_REGIONS: Final = _pairs(
    "China=中国|East China=华东|the Greater Bay Area=大湾区|Southeast Asia=东南亚|ASEAN markets=东盟|"
    "Central Asia=中亚|the Middle East=中东|China and Hong Kong=中国内地和香港|"
    "tier-1 and new tier-1 cities in China=中国一线及新一线城市"
)
_REGION_MARKETS: Final = {
    "Southeast Asia": ("SG", "MY", "TH", "VN", "ID", "PH"),
    "ASEAN markets": ("SG", "MY", "TH", "VN", "ID", "PH", "KH", "LA", "MM", "BN"),
    "Central Asia": ("KZ", "UZ", "KG", "TJ", "TM"),
    "the Middle East": ("AE", "SA", "QA", "KW", "OM", "BH"),
    "China and Hong Kong": ("HK", "MO"),
    "the Greater Bay Area": ("HK", "MO"),
}
_EXTRA_MARKETS: Final = (
    "HK",
    "MO",
    "SG",
    "MY",
    "TH",
    "VN",
    "ID",
    "PH",
    "KR",
    "JP",
    "AE",
    "SA",
    "KZ",
    "AU",
    "NZ",
    "IN",
)
_CN_REGIONS: Final = {
    "Shanghai": _pairs("Shanghai=上海|the Yangtze River Delta=长三角|East China=华东"),
    "Hangzhou": _pairs("Zhejiang=浙江|the Yangtze River Delta=长三角|East China=华东"),
    "Suzhou": _pairs("Jiangsu=江苏|the Yangtze River Delta=长三角"),
    "Nanjing": _pairs("Jiangsu=江苏|East China=华东"),
    "Ningbo": _pairs("Zhejiang=浙江|the Yangtze River Delta=长三角"),
    "Hefei": _pairs("Anhui=安徽|East China=华东"),
    "Guangzhou": _pairs("Guangdong=广东|the Greater Bay Area=大湾区|South China=华南"),
    "Shenzhen": _pairs("the Greater Bay Area=大湾区|South China=华南"),
    "Xiamen": _pairs("Fujian=福建|South China=华南"),
    "Beijing": _pairs("Beijing=北京|North China=华北|the Beijing-Tianjin-Hebei region=京津冀"),
    "Tianjin": _pairs("Tianjin=天津|North China=华北"),
    "Qingdao": _pairs("Shandong=山东|North China=华北"),
    "Shenyang": _pairs("Liaoning=辽宁|Northeast China=东北"),
    "Chengdu": _pairs("Sichuan=四川|Southwest China=西南地区"),
    "Chongqing": _pairs("Chongqing=重庆|Southwest China=西南地区"),
    "Kunming": _pairs("Yunnan=云南|Southwest China=西南地区"),
    "Wuhan": _pairs("Hubei=湖北|Central China=华中"),
    "Changsha": _pairs("Hunan=湖南|Central China=华中"),
    "Zhengzhou": _pairs("Henan=河南|Central China=华中"),
    "Xi'an": _pairs("Shaanxi=陕西|Northwest China=西北地区"),
}
_PURCHASER_FOREIGN: Final = _weights(
    "HK:12 MO:3 TW:4 SG:8 MY:8 TH:7 VN:7 ID:6 KZ:4 RU:6 AE:5 SA:3 PK:3 KR:4 JP:4 DE:2 US:2 BR:2 ZA:2 IN:3"
)
_TRADING_GROUPS: Final = (
    ("Shanghai", "上海", "Shanghai", _pairs("Pudong=浦东|Minhang=闵行|Jing'an=静安|Qingpu=青浦")),
    ("Jiangsu", "江苏", "Nanjing", _pairs("Suzhou=苏州|Nanjing=南京|Wuxi=无锡|Nantong=南通")),
    ("Zhejiang", "浙江", "Hangzhou", _pairs("Hangzhou=杭州|Ningbo=宁波|Wenzhou=温州|Yiwu=义乌")),
    ("Guangdong", "广东", "Guangzhou", _pairs("Guangzhou=广州|Shenzhen=深圳|Dongguan=东莞|Foshan=佛山")),
    ("Shandong", "山东", "Qingdao", _pairs("Qingdao=青岛|Jinan=济南|Yantai=烟台")),
    ("Sichuan", "四川", "Chengdu", _pairs("Chengdu=成都|Mianyang=绵阳")),
    ("Hubei", "湖北", "Wuhan", _pairs("Wuhan=武汉|Yichang=宜昌")),
    ("Fujian", "福建", "Xiamen", _pairs("Xiamen=厦门|Fuzhou=福州|Quanzhou=泉州")),
    ("Anhui", "安徽", "Hefei", _pairs("Hefei=合肥|Wuhu=芜湖")),
    ("Henan", "河南", "Zhengzhou", _pairs("Zhengzhou=郑州|Luoyang=洛阳")),
    ("Hunan", "湖南", "Changsha", _pairs("Changsha=长沙|Zhuzhou=株洲")),
    ("Beijing", "北京", "Beijing", _pairs("Chaoyang=朝阳|Haidian=海淀")),
    ("Tianjin", "天津", "Tianjin", _pairs("Binhai=滨海|Heping=和平")),
    ("Chongqing", "重庆", "Chongqing", _pairs("Liangjiang=两江|Yuzhong=渝中")),
    ("Shaanxi", "陕西", "Xi'an", _pairs("Xi'an=西安|Baoji=宝鸡")),
    ("Yunnan", "云南", "Kunming", _pairs("Kunming=昆明|Xishuangbanna=西双版纳")),
    ("Liaoning", "辽宁", "Shenyang", _pairs("Shenyang=沈阳|Dalian=大连")),
    ("Central SOEs", "中央企业", "Beijing", _pairs("Energy=能源|Manufacturing=制造|Trade=贸易")),
)
_EXHIBITOR_TITLES: Final = _split(
    "Export Manager|Sales Director Asia-Pacific|Head of Business Development|Managing Director|CEO|"
    "Key Account Manager|"
    "Regional Sales Manager, Greater China|Marketing Manager|Commercial Director|Founder|"
    "International Sales Manager"
)
_CN_REP_TITLES: Final = _split(
    "Chief Representative, Shanghai Office|China Country Manager|Business Development Manager, Greater China|"
    "首席代表|中国区销售经理|大中华区业务发展总监"
)
_PURCHASER_TITLES: Final = _split(
    "Purchasing Manager|Procurement Director|General Manager|Buyer|Vice President, Procurement|"
    "Head of Imports|"
    "Sourcing Specialist|采购经理|总经理|采购总监|进口业务部主任"
)
_TG_TITLES: Final = _split(
    "Secretary-General|Deputy Head of Delegation|Liaison Officer|交易团秘书长|分团联络员"
)
_MINOR_TITLES: Final = _split(
    "Student delegate, youth entrepreneurship programme|Junior ambassador (school exchange)|"
    "青少年创业体验营学员"
)
_NOTES_EN: Final = _split(
    "Prefers morning meetings.|Please send the product catalogue before the expo.|"
    "Interpreter needed (Mandarin).|"
    "Available for factory visits after the expo.|Met at last year's expo; follow up on samples.|"
    "Vegetarian; no business lunch.|Decision maker for procurement.|Only available 5–7 November.|"
    "Prefers WhatsApp over e-mail.|Bring price list in CNY and USD."
)
_NOTES_ZH: Final = _split(
    "请提前发送产品目录。|需要英文翻译。|展会后可安排工厂参观。|上届进博会已对接，跟进样品。|仅11月5日至7日在沪。|"
    "采购决策人。|偏好微信沟通。|请准备人民币报价。"
)
_HS_CODES: Final = _split(
    "0303.14|0201.30|2204.21|8703.80|8471.50|9018.19|3304.99|8508.11|3004.90|0810.90|8542.31"
)
_PRODUCT_OFFERS: Final = (
    "We produce and export {items}.",
    "{org} manufactures {items} for retail, professional and industrial customers.",
    "Product range: {items}.",
    "Our portfolio covers {items}.",
    "Manufacturer and exporter of {items}.",
    "Specialised in {items}; we serve customers in more than {k} countries.",
)
_SERVICE_OFFERS: Final = (
    "We provide {items}.",
    "Services: {items}.",
    "{org} offers {items} to companies trading with China.",
    "Our team delivers {items} for clients in more than {k} countries.",
)
_MAJOR_CURRENCIES: Final = frozenset(
    {"EUR", "USD", "GBP", "CHF", "AUD", "CAD", "NZD", "SGD", "SEK", "NOK", "DKK"}
)
_ORDINALS: Final = ("second", "third", "fourth", "fifth", "sixth", "seventh")
_ID_CONTEXT_ZH: Final = {
    "cn_resident_id": _split("身份证号：{v}|身份证号码{v}|证件号码：{v}|居民身份证{v}，已核验|（身份证{v}）"),
    "cn_resident_id_15": _split("老身份证号{v}|身份证（15位）：{v}"),
    "residence_permit": _split("港澳台居民居住证：{v}|居住证号码{v}"),
    "foreign_permanent_residence": _split("外国人永久居留身份证号码：{v}|永居证{v}"),
    "passport": _split("护照号码：{v}|护照号{v}，有效期至2031年|护照：{v}"),
    "travel_permit": _split("回乡证号码：{v}|港澳居民来往内地通行证{v}"),
    "travel_permit_tw": _split("台胞证号码：{v}|台湾居民来往大陆通行证{v}"),
    "hk_id": _split("香港身份證：{v}|身份证{v}"),
    "tw_id": _split("台灣身分證字號：{v}|身分證{v}"),
    "mrz": ("护照机读码：\n{v}",),
}
_ID_CONTEXT_EN: Final = {
    "cn_resident_id": _split("ID card no. {v}|Chinese ID: {v}|ID {v}"),
    "cn_resident_id_15": ("old ID card {v}",),
    "residence_permit": ("Residence permit {v}",),
    "foreign_permanent_residence": _split("Permanent residence card: {v}|PR card {v}"),
    "passport": _split("Passport No. {v}|passport {v} (for the visa invitation letter)|Passport number: {v}"),
    "travel_permit": _split("Home Return Permit {v}|Mainland travel permit: {v}"),
    "travel_permit_tw": ("Taiwan compatriot permit {v}",),
    "hk_id": _split("HKID {v}|HK ID card: {v}"),
    "tw_id": ("Taiwan ID {v}",),
    "mrz": _split("MRZ (for the hotel booking):\n{v}|Passport scan:\n{v}"),
}
_CHINESE_POOLS: Final = frozenset({"zh", "hk", "tw"})


def _container_number(rng: random.Random) -> str:
    """An ISO 6346 container number with its check digit (e.g. ``MSCU1234565``)."""
    values = {c: v for c, v in zip(_LETTERS, [v for v in range(10, 39) if v % 11], strict=True)}
    body = rng.choice(("MSC", "MAE", "CMA", "COS", "OOL", "HLX", "EGH")) + "U" + _digits(rng, 6)
    total = sum((values[c] if c.isalpha() else int(c)) * 2**i for i, c in enumerate(body))
    return body + str(total % 11 % 10)


def _luhn_number(rng: random.Random, length: int) -> str:
    body = "62" + _digits(rng, length - 3)
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)


class _Builder:
    """Draws profiles one at a time from a shared random stream, keeping names and e-mails unique."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.orgs: set[str] = set()
        self.emails: set[str] = set()
        self.identifiers: list[PlantedId] = []
        self.keep: list[PlantedText] = []
        self.english_names: dict[str, str] = {}  # Chinese-only organisation names -> English

    # -- small draws ------------------------------------------------------------------------

    def fill(self, template: str) -> str:
        rng = self.rng
        return template.format(n=rng.randint(2, 60), k=rng.randint(2, 9), year=rng.randint(1890, 2012))

    def digits(self, count: int) -> str:
        return _digits(self.rng, count)

    # -- names --------------------------------------------------------------------------------

    def unique_org(self, make: Callable[[], str], fallback: str) -> str:
        for _ in range(40):
            name = make()
            if name not in self.orgs:
                self.orgs.add(name)
                return name
        number = 2
        while f"{fallback} ({number})" in self.orgs:
            number += 1
        self.orgs.add(f"{fallback} ({number})")
        return f"{fallback} ({number})"

    def exhibitor_org(self, country: _Country, city: str, group: _Group, area: _Area) -> str:
        rng = self.rng

        def make() -> str:
            word = _pick(rng, group.words)
            style = rng.random()
            if style < 0.3:
                pool = _POOLS[_pick(rng, country.pools)]
                surname = _pick(rng, pool.surnames).split("=")[-1]
                base = f"{surname} {word}"
            elif style < 0.45 and country.code not in ("HK", "MO", "SG"):
                base = f"{city.split(',')[0].split(' ')[0]} {word}"
            elif style < 0.75 and area in (_IT, _MEDICAL, _AUTO, _SERVICES):
                coined = _pick(rng, _COINED_HEADS) + _pick(rng, _COINED_TAILS)
                base = coined if rng.random() < 0.4 else f"{coined} {word}"
            else:
                base = f"{_pick(rng, _STEMS)} {word}"
            suffix = _pick(rng, country.suffixes)
            return f"PT {base} {suffix}" if country.code == "ID" else f"{base} {suffix}"

        return self.unique_org(make, f"{_pick(rng, _STEMS)} {group.words[0]}")

    def cn_org(self, city: _CnCity, buyer: _Buyer, mode: str) -> str:
        rng = self.rng

        def make() -> str:
            stem_en, stem_zh = _pick(rng, _CN_STEMS)
            word_en, word_zh = _pick(rng, buyer.names)
            if word_en.startswith("!"):
                en, zh = f"{city.en} {stem_en} {word_en[1:]}", f"{city.zh}{stem_zh}{word_zh}"
            elif rng.random() < 0.1:
                en, zh = f"{stem_en} {word_en} Group", f"{stem_zh}{word_zh}集团"
            else:
                en, zh = f"{city.en} {stem_en} {word_en} Co., Ltd.", f"{city.zh}{stem_zh}{word_zh}有限公司"
            roll = rng.random() + (0.4 if mode == "zh" else 0.0)
            display = en if roll < 0.6 else f"{en} ({zh})" if roll < 0.85 else zh
            self.english_names[display] = en
            return display

        return self.unique_org(make, f"{city.en} {_pick(rng, _CN_STEMS)[0]} Trading Co., Ltd.")

    def foreign_buyer_org(self, country: _Country, city: str, buyer: _Buyer) -> str:
        rng = self.rng

        def make() -> str:
            word = _pick(rng, buyer.names)[0]
            if word.startswith("!"):  # an institution: named after its city, no company suffix
                return f"{city.split(',')[0]} {_pick(rng, _STEMS)} {word[1:]}"
            if rng.random() < 0.3:
                word = _pick(rng, _FOREIGN_BUYER_WORDS)
            if rng.random() < 0.5:
                pool = _POOLS[_pick(rng, country.pools)]
                base = f"{_pick(rng, pool.surnames).split('=')[-1]} {word}"
            else:
                base = f"{_pick(rng, _STEMS)} {word}"
            suffix = _pick(rng, country.suffixes)
            return f"PT {base} {suffix}" if country.code == "ID" else f"{base} {suffix}"

        return self.unique_org(make, f"{_pick(rng, _STEMS)} Trading")

    def email(self, person: _Person, chinese_org: bool) -> str:
        rng = self.rng
        if chinese_org:
            domain = "example.cn" if rng.random() < 0.8 else "example.com"
        else:
            domain = "example.com" if rng.random() < 0.8 else "example.org"
        local = person.email_local.strip(".") or "contact"
        address = f"{local}@{domain}"
        number = 2
        while address in self.emails:
            address = f"{local}{number}@{domain}"
            number += 1
        self.emails.add(address)
        return address

    # -- places -------------------------------------------------------------------------------

    def street_address(self, country: _Country, city: tuple[str, str, str]) -> str:
        rng = self.rng
        name, postcode, _area = city
        street = _pick(rng, country.streets)
        number = rng.randint(1, 180)
        land = country.name.removeprefix("the ")
        if country.style == "eu":
            return f"{street} {number}, {postcode} {name}, {land}"
        if country.style == "fr":
            return f"{number} {street}, {postcode} {name}, {land}"
        if country.style == "jp":
            block = f"{rng.randint(1, 4)}-{rng.randint(1, 12)}-{rng.randint(1, 30)}"
            return f"{block} {street}, {name} {postcode}, Japan"
        if country.style == "hk":
            room = f"Room {rng.randint(1, 30)}{rng.choice('ABCDEF')}, {rng.randint(2, 40)}/F"
            return f"{room}, {number} {street}, {name}"
        tail = f"{name} {postcode}".strip() if postcode and not postcode.startswith("P.O.") else name
        extra = f", {postcode}" if postcode.startswith("P.O.") else ""
        return f"{number} {street}, {tail}{extra}, {land}"

    def cn_address(self, city: _CnCity, chinese: bool) -> str:
        rng = self.rng
        street_en, street_zh = _pick(rng, city.streets)
        number, floor = rng.randint(1, 1888), rng.randint(2, 45)
        if chinese:
            return f"{city.zh}市{city.district_zh}{street_zh}{number}号{floor}楼"
        return f"{floor}F, No. {number} {street_en}, {city.district_en}, {city.en} {city.postcode}, China"

    def phone(self, country: _Country, area_code: str) -> str:
        if country.code in ("US", "CA"):
            return f"+1 {area_code} 555 01{self.digits(2)}"
        if not area_code:
            return f"+{country.dial} {self.digits(4)} {self.digits(4)}"
        if len(area_code) == 1:
            return f"+{country.dial} {area_code}{self.digits(3)} {self.digits(4)}"
        return f"+{country.dial} {area_code} {self.digits(4)} {self.digits(4)}"

    def mobile(self, country: _Country) -> str:
        if country.code == "CN":
            return cn_mobile(self.rng, self.rng.choice(("plain", "intl", "intl")))
        if country.code in ("US", "CA"):
            return f"+1 {_pick(self.rng, country.mobiles)} 555 01{self.digits(2)}"
        prefix = _pick(self.rng, country.mobiles)
        if len(prefix) == 1:
            return f"+{country.dial} {prefix}{self.digits(3)} {self.digits(4)}"
        if len(prefix) == 2:
            return f"+{country.dial} {prefix} {self.digits(4)} {self.digits(4)}"
        return f"+{country.dial} {prefix} {self.digits(3)} {self.digits(4)}"

    # -- identity numbers ---------------------------------------------------------------------

    def identity(
        self, person: _Person, lives_in_china: bool
    ) -> tuple[SyntheticId | None, SyntheticId | None]:
        rng = self.rng
        birth, female, nat = person.birth, person.female, person.nationality
        id_number: SyntheticId | None = None
        passport: SyntheticId | None = None
        if nat == "CN":
            if rng.random() < 0.88:
                if birth.year <= 1984 and rng.random() < 0.15:
                    id_number = cn_resident_id_15(rng, birth, female=female)
                else:
                    id_number = cn_resident_id(rng, birth, female=female)
            if rng.random() < 0.5:
                passport = prc_passport(rng)
        elif nat in ("HK", "MO"):
            if rng.random() < 0.85:
                if nat == "HK" and rng.random() < 0.7:
                    id_number = hk_id(rng)
                else:
                    id_number = residence_permit(rng, nat, birth, female=female)
            roll = rng.random()
            if roll < 0.35:
                passport = hk_sar_passport(rng) if nat == "HK" else macao_sar_passport(rng)
            elif roll < 0.8:
                passport = travel_permit(rng, nat)
        elif nat == "TW":
            if rng.random() < 0.85:
                id_number = (
                    tw_id(rng, female=female) if rng.random() < 0.6 else residence_permit(rng, "TW", birth)
                )
            roll = rng.random()
            if roll < 0.5:
                passport = travel_permit(rng, "TW")
            elif roll < 0.7:
                passport = foreign_passport(rng, "TW")
        else:
            if rng.random() < (0.6 if lives_in_china else 0.1):
                id_number = foreign_permanent_residence(rng, nat, birth, female=female)
            if rng.random() < 0.85:
                passport = foreign_passport(rng, nat)
        return id_number, passport

    def render(self, sid: SyntheticId) -> str:
        """The number as a person might type it: plain, full-width, spaced, hyphenated, broken."""
        rng = self.rng
        v = sid.value
        if sid.kind == "mrz":
            return v
        roll = rng.random()
        if sid.kind == "hk_id":
            options = (v, v.replace("(", "").replace(")", ""), v.replace("(", " ("), _fullwidth(v))
            return options[_weighted(rng, ((0, 50), (1, 20), (2, 15), (3, 15)))]
        if len(v) == 18:
            if roll < 0.4:
                return v
            if roll < 0.55:
                return _fullwidth(v)
            if roll < 0.68:
                return f"{v[:6]} {v[6:14]} {v[14:]}"
            if roll < 0.78:
                return f"{v[:6]} {v[6:10]} {v[10:14]} {v[14:]}"
            if roll < 0.9:
                return f"{v[:6]}-{v[6:14]}-{v[14:]}"
            if roll < 0.95:
                return f"{v[:10]}\n{v[10:]}"
            return v.lower() if v.endswith("X") else _fullwidth(v[:9]) + v[9:]
        if roll < 0.6:
            return v
        if roll < 0.75:
            return _fullwidth(v)
        half = len(v) // 2
        if roll < 0.9:
            return f"{v[:half]} {v[half:]}"
        head = 2 if v[:2].isalpha() else 1 if v[:1].isalpha() else half
        return f"{v[:head]}-{v[head:]}"

    def plant(self, profile_id: str, field: str, sid: SyntheticId, chinese: bool, german: bool) -> str:
        """A phrase carrying ``sid`` in context; records where it went."""
        text = self.render(sid)
        key = "travel_permit_tw" if sid.kind == "travel_permit" and sid.variant == "tw" else sid.kind
        if german and sid.kind == "passport" and not chinese:
            template = "Reisepass-Nr. {v}"
        else:
            template = _pick(self.rng, (_ID_CONTEXT_ZH if chinese else _ID_CONTEXT_EN)[key])
        self.identifiers.append(PlantedId(profile_id, field, sid.kind, sid.variant, sid.value, text))
        return template.format(v=text)

    def keep_fragment(self, profile_id: str, chinese: bool, hall: str) -> str:
        """A phrase with a number that is not an identity number (it must not be removed)."""
        rng = self.rng
        kind = _pick(
            rng,
            (
                "mobile",
                "uscc",
                "order_number",
                "booth",
                "hs_code",
                "postcode",
                "container",
                "date",
                "bank_card",
                "invoice",
                "card_number",
            ),
        )
        if kind == "mobile":
            value = cn_mobile(rng, rng.choice(("plain", "spaced", "intl")))
            phrase = (
                (f"手机：{value}" if rng.random() < 0.5 else f"手机{value}")
                if chinese
                else f"Mobile/WhatsApp: {value}"
            )
        elif kind == "uscc":
            value = uscc(rng)
            phrase = (
                _pick(rng, (f"统一社会信用代码：{value}", f"信用代码{value}"))
                if chinese
                else f"USCC: {value}"
            )
        elif kind == "order_number":
            value = f"PO-2026-{self.digits(5)}"
            phrase = f"订单号：{value}" if chinese else f"Sample order {value}"
        elif kind == "booth":
            value = f"{hall or _pick(rng, _FOOD.halls)}-{rng.choice('ABCDEFGH')}{rng.randint(1, 99):02d}"
            phrase = f"展位号{value}" if chinese else f"Booth {value}"
        elif kind == "hs_code":
            value = _pick(rng, _HS_CODES)
            phrase = f"HS编码：{value}" if chinese else f"HS code {value}"
        elif kind == "postcode":
            value = _pick(rng, _CN_CITIES).postcode
            phrase = f"邮编{value}" if chinese else f"Postcode {value}"
        elif kind == "container":
            value = _container_number(rng)
            phrase = f"柜号{value}" if chinese else f"Container {value}"
        elif kind == "date":
            day, hour = rng.randint(5, 10), rng.randint(9, 17)
            value = f"2026-11-{day:02d} {hour}:{rng.choice(('00', '30'))}"
            phrase = f"已约{value}洽谈" if chinese else f"Meeting confirmed for {value}"
        elif kind == "bank_card":
            raw = _luhn_number(rng, rng.choice((16, 19)))
            value = " ".join(raw[i : i + 4] for i in range(0, len(raw), 4)) if rng.random() < 0.5 else raw
            phrase = f"开户账号：{value}" if chinese else f"Deposit paid from account {value}"
        elif kind == "invoice":
            value = f"INV-2026-{self.digits(6)}"
            phrase = f"发票号{value}" if chinese else f"Invoice {value}"
        else:
            valid = cn_resident_id(rng).value
            wrong = _pick(rng, [c for c in "0123456789X" if c != valid[-1]])
            value = valid[:-1] + wrong
            phrase = f"会员卡号{value}" if chinese else f"Loyalty card {value}"
        self.keep.append(PlantedText(profile_id, "notes", kind, value))
        return phrase

    # -- contact card -------------------------------------------------------------------------

    def contact(
        self,
        profile_id: str,
        person: _Person,
        *,
        title: str,
        chinese_org: bool,
        address: str,
        phone: str,
        website: str,
        hall: str,
        minor: bool,
    ) -> ProfileDict:
        rng = self.rng
        nat_country = _COUNTRIES[person.nationality]
        chinese_person = person.pool in _CHINESE_POOLS
        card: ProfileDict = {"name": person.display, "title": title, "email": self.email(person, chinese_org)}
        if phone and rng.random() < 0.85:
            card["phone"] = phone
        if rng.random() < 0.75:
            card["mobile"] = self.mobile(
                _COUNTRIES["CN"] if chinese_org and person.nationality == "CN" else nat_country
            )
        if rng.random() < (0.8 if chinese_person or chinese_org else 0.2):
            card["wechat"] = (
                f"wxid_{_chars(rng, 10, string.ascii_lowercase + _DIGITS)}"
                if rng.random() < 0.4
                else f"{person.email_local.replace('.', '_')[:14]}{self.digits(rng.randint(2, 4))}"
            )
        if website:
            card["website"] = website
        if address and rng.random() < 0.85:
            card["address"] = address
        id_number, passport = self.identity(person, chinese_org)
        if id_number is not None:
            card["idNumber"] = id_number.value
            self.identifiers.append(
                PlantedId(
                    profile_id,
                    "idNumber",
                    id_number.kind,
                    id_number.variant,
                    id_number.value,
                    id_number.value,
                )
            )
        if passport is not None:
            card["passportNumber"] = passport.value
            self.identifiers.append(
                PlantedId(
                    profile_id,
                    "passportNumber",
                    passport.kind,
                    passport.variant,
                    passport.value,
                    passport.value,
                )
            )
        chinese_notes = chinese_person and rng.random() < 0.75
        fragments: list[str] = []
        if minor:
            fragments.append(
                "监护人已同意，洽谈需监护人陪同。"
                if chinese_notes
                else "Guardian consent on file; meetings only with a guardian present."
            )
        if rng.random() < 0.5:
            fragments.append(_pick(rng, _NOTES_ZH if chinese_notes else _NOTES_EN))
        if rng.random() < 0.3:
            fragments.append(self.keep_fragment(profile_id, chinese_notes, hall))
            if rng.random() < 0.25:
                fragments.append(self.keep_fragment(profile_id, chinese_notes, hall))
        if rng.random() < 0.18:
            self.plant_in_text(profile_id, person, card, fragments, id_number, passport, chinese_notes)
        if fragments:
            rng.shuffle(fragments)
            card["notes"] = ("\n" if rng.random() < 0.3 else " ").join(
                f if f.endswith(("。", ".", ")", "）")) or "\n" in f else f + ("。" if chinese_notes else ".")
                for f in fragments
            )
        card["birthDate"] = person.birth.isoformat()
        if not minor and rng.random() < 0.15:
            del card["birthDate"]
        return card

    def plant_in_text(
        self,
        profile_id: str,
        person: _Person,
        card: ProfileDict,
        fragments: list[str],
        id_number: SyntheticId | None,
        passport: SyntheticId | None,
        chinese: bool,
    ) -> None:
        rng = self.rng
        choices: list[SyntheticId] = [s for s in (id_number, passport) if s is not None]
        if (
            passport is not None
            and len(passport.value) <= 9
            and person.nationality != "TW"
            and rng.random() < 0.3
        ):
            choices = [
                mrz_td3(
                    rng,
                    surname=person.surname,
                    given_names=person.given,
                    nationality=person.nationality,
                    birth=person.birth,
                    female=person.female,
                    passport_number=passport.value if passport.kind == "passport" else None,
                )
            ]
        if not choices or rng.random() < 0.3:
            choices = [self.any_identity(person)]
        sid = _pick(rng, choices)
        german = person.pool == "de"
        if "address" in card and sid.kind != "mrz" and rng.random() < 0.3:
            phrase = self.plant(profile_id, "address", sid, chinese, german)
            card["address"] = (
                f"{card['address']}，收件人{phrase}"
                if chinese
                else f"{card['address']} (c/o reception, {phrase})"
            )
        else:
            fragments.append(self.plant(profile_id, "notes", sid, chinese, german))

    def any_identity(self, person: _Person) -> SyntheticId:
        """A number of a kind picked for variety, plausible for the person."""
        rng = self.rng
        makers: list[Callable[[], SyntheticId]] = [
            lambda: cn_resident_id(rng),
            lambda: residence_permit(rng, rng.choice(("HK", "MO", "TW"))),
            lambda: foreign_permanent_residence(rng, rng.choice(("US", "DE", "JP", "KR", "GB", "FR"))),
            lambda: prc_passport(rng),
            lambda: travel_permit(rng, rng.choice(("HK", "MO"))),
            lambda: hk_id(rng),
            lambda: tw_id(rng),
            lambda: foreign_passport(rng, rng.choice(("US", "GB", "KR", "DE"))),
        ]
        if person.birth.year <= 1984:
            makers.append(lambda: cn_resident_id_15(rng, person.birth))
        return _pick(rng, makers)()

    # -- preferences --------------------------------------------------------------------------

    def preferences(self) -> ProfileDict:
        rng = self.rng
        prefs: ProfileDict = {}
        if rng.random() < 0.08:
            prefs["personalizedRecommendations"] = False
        if rng.random() < 0.05:
            prefs["discoverable"] = False
        if rng.random() < 0.35:
            prefs["shareContactCard"] = True
        if rng.random() < 0.05:
            prefs["doNotTrack"] = True
        return prefs

    # -- topics -------------------------------------------------------------------------------

    def topics_from(
        self, area: _Area, count: int, same_group: float, focus: Sequence[str] = ()
    ) -> list[_Topic]:
        rng = self.rng
        pool = [t for t in _TOPICS[area.name] if not focus or any(f in t.path for f in focus)]
        if not pool:
            raise ValueError(f"no topic of {area.name} matches {focus}")
        group = _pick(rng, list(dict.fromkeys(t.group for t in pool)))
        chosen = [_pick(rng, [t for t in pool if t.group is group])]
        while len(chosen) < count:
            siblings = [t for t in pool if t.group is chosen[0].group and t not in chosen]
            candidates = (
                siblings if siblings and rng.random() < same_group else [t for t in pool if t not in chosen]
            )
            if not candidates:
                break
            chosen.append(_pick(rng, candidates))
        return chosen

    def categories(self, area_names: Sequence[str], topics: Sequence[_Topic], leaf_share: float) -> list[str]:
        rng = self.rng
        paths: list[str] = []
        for topic in topics:
            path = topic.path if rng.random() < leaf_share else topic.parent
            if path not in paths:
                paths.append(path)
        return [*dict.fromkeys(area_names), *paths]

    # -- exhibitors ---------------------------------------------------------------------------

    def exhibitor(
        self, profile_id: str, area: _Area, *, minor: bool = False
    ) -> tuple[ProfileDict, frozenset[str]]:
        rng = self.rng
        country = _COUNTRIES[_weighted(rng, area.exhibitor_countries)]
        topics = self.topics_from(area, _weighted(rng, ((1, 25), (2, 35), (3, 25), (4, 15))), 0.65)
        city = _pick(rng, country.cities)
        organization = self.exhibitor_org(country, city[0], topics[0].group, area)
        hall = _pick(rng, area.halls)
        roll = rng.random()
        person_country = "CN" if roll < 0.2 and not minor else country.code
        birth = minor_birth_date(rng) if minor else adult_birth_date(rng)
        person = _make_person(rng, person_country, birth, title_prefix=area is _MEDICAL)
        mode = self.exhibitor_mode(country, person)
        region = _pick(rng, _EXPORT_REGIONS)
        if minor:
            title = _pick(rng, _MINOR_TITLES)
        elif person_country == "CN" and country.code != "CN":
            title = _pick(rng, _CN_REP_TITLES)
        else:
            title = _pick(rng, _EXHIBITOR_TITLES)
        if person_country == "CN" and country.code != "CN":
            cn_city = _pick(rng, _CN_CITIES[:3])
            address = self.cn_address(cn_city, rng.random() < 0.5)
            phone = f"+86 {cn_city.phone} {self.digits(4)} {self.digits(4)}"
        else:
            address = self.street_address(country, city)
            phone = self.phone(country, city[2])
        website = (
            f"https://{_slug(organization)}.example.{rng.choice(('com', 'com', 'org'))}"
            if rng.random() < 0.85
            else ""
        )
        contact = self.contact(
            profile_id,
            person,
            title=title,
            chinese_org=person_country == "CN",
            address=address,
            phone=phone,
            website=website,
            hall=hall,
            minor=minor,
        )
        profile = _profile(
            profile_id=profile_id,
            role="ROLE_EXHIBITOR",
            organization=organization,
            country=country.code,
            categories=self.categories([area.name], topics, 0.8),
            offering=self.exhibitor_offering(organization, topics, area, mode),
            seeking=self.exhibitor_seeking(topics, area, mode, region),
            description=self.exhibitor_description(
                organization, country, city[0], topics[0].group, area, mode
            ),
            target_markets=self.exhibitor_markets(country, region[0]),
            languages=self.exhibitor_languages(country, person),
            hall=hall,
            contact=contact,
            preferences=self.preferences(),
            guardian_consent=minor,
        )
        return profile, frozenset(t.path for t in topics)

    def exhibitor_mode(self, country: _Country, person: _Person) -> str:
        rng = self.rng
        roll = rng.random()
        if country.code in ("HK", "MO", "TW"):
            return "zh" if roll < 0.2 else "mixed" if roll < 0.6 else "en"
        if person.nationality == "CN" or country.code in ("SG", "MY"):
            return "zh" if roll < 0.06 else "mixed" if roll < 0.22 else "en"
        return "mixed" if roll < 0.03 else "en"

    def exhibitor_offering(self, organization: str, topics: Sequence[_Topic], area: _Area, mode: str) -> str:
        rng = self.rng
        items: list[str] = []
        for topic in topics:
            k = 1 if len(topics) > 2 or len(topic.leaf.offer) == 1 else rng.choice((1, 2))
            items.extend(rng.sample(topic.leaf.offer, k))
        zh_items = [_pick(rng, t.leaf.zh) for t in topics]
        certs = rng.sample(area.certifications, rng.randint(1, 3))
        short = organization.split(" (")[0]
        template = _pick(rng, _SERVICE_OFFERS if area is _SERVICES else _PRODUCT_OFFERS)
        en = template.format(items=_join_en(items), org=short, k=rng.randint(8, 60))
        en += " " + self.fill(_pick(rng, area.capabilities))
        if rng.random() < 0.6:
            en += f" Certifications: {', '.join(certs)}"
            en += "" if en.endswith(".") else "."
        zh_body = f"{self.fill(_pick(rng, area.capabilities_zh))}，通过{'、'.join(certs)}认证。"
        if mode == "en":
            return en
        if mode == "zh":
            if rng.random() < 0.6:
                return f"主营{_join_zh(zh_items)}。{zh_body}"
            return f"主营产品：{_join_en(items)}（{_join_zh(zh_items)}）。{zh_body}"
        zh = f"主营{_join_zh(zh_items)}。{zh_body}"
        if rng.random() < 0.5:
            return f"{en}\n{zh}"
        capability = self.fill(_pick(rng, area.capabilities))
        return f"Main products 主营产品: {_join_en(items)}（{_join_zh(zh_items)}）。{capability}"

    def exhibitor_seeking(
        self, topics: Sequence[_Topic], area: _Area, mode: str, region: tuple[str, str]
    ) -> str:
        rng = self.rng
        if rng.random() < 0.7:
            en = _pick(rng, area.exhibitor_seeking).format(region=region[0])
        else:
            item = _pick(rng, topics[0].leaf.offer)
            en = _pick(
                rng,
                (
                    "Importers and distributors for our {item} in {region}.",
                    "Buyers for {item}: wholesalers, retail chains and online platforms in {region}.",
                    "Long-term partners in {region} for {item}.",
                ),
            ).format(item=item, region=region[0])
        if rng.random() < 0.25:
            en += " " + _pick(
                rng,
                (
                    "Also open to OEM/ODM cooperation.",
                    "Exclusive agreements possible.",
                    "Samples available at the booth.",
                    "Happy to meet at our booth any day.",
                ),
            )
        zh = _pick(rng, area.exhibitor_seeking_zh).format(region=region[1])
        if mode == "en":
            return en
        if mode == "zh":
            return zh
        return f"{en} {zh}"

    def exhibitor_description(
        self, organization: str, country: _Country, city: str, group: _Group, area: _Area, mode: str
    ) -> str:
        rng = self.rng
        ownership_options = ["family-owned", "privately held", "listed"]
        if area is _FOOD:
            ownership_options.append("farmer-owned cooperative")
        if area in (_IT, _MEDICAL):
            ownership_options.append("venture-backed")
        ownership = _pick(rng, ownership_options)
        if any(mark in organization for mark in ("Public", "plc", "ASA", "Oyj", "Tbk", "Berhad")):
            ownership = "listed"
        if ownership == "venture-backed":
            year = rng.randint(2005, 2021)
        else:
            year = rng.choice((rng.randint(1850, 1990), rng.randint(1960, 2021), rng.randint(1990, 2021)))
        maker = _pick(rng, group.makers)
        if ownership == "farmer-owned cooperative":
            first = (
                f"{organization} is a farmer-owned cooperative founded in {year} in {city}, {country.name}."
            )
        else:
            first = (
                f"{organization} is {_a(ownership)} {maker} founded in {year} "
                f"and based in {city}, {country.name}."
            )
        employees = rng.choice((rng.randint(12, 90), rng.randint(100, 900), rng.randint(1000, 40000)))
        currency = country.currency if country.currency in _MAJOR_CURRENCIES else "USD"
        second = _pick(
            rng,
            (
                f"It employs about {employees} people and exports to {rng.randint(5, 80)} countries.",
                f"Annual turnover is around {currency} {rng.randint(3, 900)} million, "
                f"{rng.randint(20, 90)}% of it from exports.",
                f"It has {rng.randint(2, 40)} offices worldwide and {employees} employees."
                if area is _SERVICES
                else f"The company operates {rng.randint(2, 12)} production sites "
                f"and employs {employees} people.",
            ),
        )
        third = _pick(
            rng,
            (
                f"This is its {_pick(rng, _ORDINALS)} time at the expo.",
                f"It has served Chinese customers since {rng.randint(max(year, 1995), 2024)} through a "
                "representative office in Shanghai.",
                "It is new to the Chinese market and exhibits for the first time.",
                "It works with importers in more than ten Asian markets.",
            ),
        )
        en = f"{first} {second} {third}"
        zh = (
            f"{organization}成立于{year}年，总部位于{country.zh}{city}，员工约{employees}人，"
            f"产品销往{rng.randint(5, 80)}个国家和地区。"
            + _pick(
                rng,
                (
                    f"本次是第{rng.randint(2, 8)}次参展进博会。",
                    "首次进入中国市场，期待结识合作伙伴。",
                ),
            )
        )
        if mode == "en":
            return en
        if mode == "zh":
            return zh
        return f"{en}\n{zh}" if rng.random() < 0.5 else zh

    def exhibitor_markets(self, country: _Country, region: str) -> list[str]:
        rng = self.rng
        markets = ["CN"]
        markets.extend(_REGION_MARKETS.get(region, ()))
        markets.extend(rng.sample(_EXTRA_MARKETS, rng.randint(0, 4)))
        if rng.random() < 0.3 and country.code not in markets:
            markets.append(country.code)
        return list(dict.fromkeys(markets))

    def exhibitor_languages(self, country: _Country, person: _Person) -> list[str]:
        rng = self.rng
        languages = [*country.languages[:2], "en"]
        if person.nationality == "CN" or rng.random() < 0.3:
            languages.append("zh")
        return list(dict.fromkeys(languages))

    # -- purchasers ---------------------------------------------------------------------------

    def purchaser(
        self, profile_id: str, area: _Area, *, minor: bool = False, consent: bool = True
    ) -> tuple[ProfileDict, frozenset[str]]:
        rng = self.rng
        chinese_org = rng.random() < 0.75
        country = _COUNTRIES["CN"] if chinese_org else _COUNTRIES[_weighted(rng, _PURCHASER_FOREIGN)]
        buyer = _pick(rng, area.buyers)
        topics = self.topics_from(area, _weighted(rng, ((1, 45), (2, 40), (3, 15))), 0.5, buyer.focus)
        areas = [area.name]
        if rng.random() < 0.12:
            other = _pick(rng, [a for a in _AREAS if a is not area])
            extra = self.topics_from(other, 1, 0.0)[0]
            topics.append(extra)
            areas.append(other.name)
        if chinese_org:
            cn_city = _pick(rng, _CN_CITIES)
            region = _pick(rng, _CN_REGIONS[cn_city.en])
            roll = rng.random()
            mode = "zh" if roll < 0.11 else "mixed" if roll < 0.2 else "en"
            organization = self.cn_org(cn_city, buyer, mode)
            city_name, city_zh = cn_city.en, cn_city.zh
        else:
            city = _pick(rng, country.cities)
            region = (country.name, country.zh)
            roll = rng.random()
            if country.code in ("HK", "MO", "TW"):
                mode = "zh" if roll < 0.1 else "mixed" if roll < 0.3 else "en"
            elif country.code in ("SG", "MY"):
                mode = "mixed" if roll < 0.1 else "en"
            else:
                mode = "en"
            organization = self.foreign_buyer_org(country, city[0], buyer)
            city_name, city_zh = city[0], city[0]
        birth = minor_birth_date(rng) if minor else adult_birth_date(rng)
        if chinese_org:
            nat = _weighted(rng, (("CN", 94), ("HK", 2), ("TW", 1), ("DE", 1), ("US", 1), ("SG", 1)))
        else:
            nat = "CN" if rng.random() < 0.1 and not minor else country.code
        person = _make_person(rng, nat, birth, title_prefix=area is _MEDICAL)
        if minor:
            title = _pick(rng, _MINOR_TITLES)
        else:
            titles = [*area.buyer_titles, *_PURCHASER_TITLES]
            if person.pool not in _CHINESE_POOLS:
                titles = [t for t in titles if t.isascii() or "–" in t]
            title = _pick(rng, titles)
        if chinese_org:
            address = self.cn_address(cn_city, mode == "zh" or rng.random() < 0.5)
            phone = f"+86 {cn_city.phone} {self.digits(4)} {self.digits(4)}"
            domain = "cn"
        else:
            address = self.street_address(country, city)
            phone = self.phone(country, city[2])
            domain = "com"
        slug = _slug(self.english_names.get(organization, organization))
        website = f"https://{slug}.example.{domain}" if rng.random() < 0.5 else ""
        contact = self.contact(
            profile_id,
            person,
            title=title,
            chinese_org=chinese_org,
            address=address,
            phone=phone,
            website=website,
            hall="",
            minor=minor,
        )
        n = rng.randint(*buyer.sizes)
        profile = _profile(
            profile_id=profile_id,
            role="ROLE_PURCHASER",
            organization=organization,
            country=country.code,
            categories=self.categories(areas, topics, 0.3),
            offering=self.purchaser_offering(organization, buyer, region, city_name, city_zh, mode, n),
            seeking=self.purchaser_seeking(topics, area, buyer, region, mode, n),
            description=self.purchaser_description(organization, mode),
            target_markets=self.purchaser_markets(country),
            languages=self.purchaser_languages(country),
            hall="",
            contact=contact,
            preferences=self.preferences(),
            guardian_consent=minor and consent,
        )
        return profile, frozenset(t.path for t in topics)

    def purchaser_offering(
        self,
        organization: str,
        buyer: _Buyer,
        region: tuple[str, str],
        city: str,
        city_zh: str,
        mode: str,
        n: int,
    ) -> str:
        rng = self.rng
        business = buyer.business.format(n=n, region=region[0])
        subject = f"{_english_name(organization, 'We')} {'are' if _is_cjk(organization) else 'is'}"
        en = f"{subject} {_a(buyer.en)} headquartered in {city}, {business}."
        if rng.random() < 0.4:
            en += " " + _pick(
                rng,
                (
                    f"Founded in {rng.randint(1985, 2020)}.",
                    "We import directly and handle customs clearance ourselves.",
                    "We work with overseas suppliers on exclusive and private-label terms.",
                    "Our own logistics cover bonded warehousing and last-mile delivery.",
                ),
            )
        zh = f"我们是总部位于{city_zh}的{buyer.zh}，{buyer.business_zh.format(n=n, region=region[1])}。"
        if mode == "en":
            return en
        if mode == "zh":
            return zh
        return f"{en} {zh}" if rng.random() < 0.5 else zh

    def purchaser_seeking(
        self, topics: Sequence[_Topic], area: _Area, buyer: _Buyer, region: tuple[str, str], mode: str, n: int
    ) -> str:
        rng = self.rng
        needs: list[str] = []
        for topic in topics:
            needs.extend(
                rng.sample(topic.leaf.need, 1 if len(topics) > 1 or len(topic.leaf.need) == 1 else 2)
            )
        zh_needs = list(dict.fromkeys(_pick(rng, t.leaf.zh) for t in topics))
        channel = buyer.channel.format(n=n, region=region[0])
        channel_zh = buyer.channel_zh.format(n=n, region=region[1])
        requirement = _pick(rng, area.requirements)
        volume = self.fill(_pick(rng, area.volumes))
        template = _pick(
            rng,
            (
                "We are sourcing {needs} {channel}. {volume} {req}",
                "Looking for reliable suppliers of {needs} {channel}. {req}",
                "Procurement plan 2027: {needs}. {volume} {req}",
                "Interested in {needs}. {req} {volume}",
                "Need: {needs}, {channel}. {req}",
            ),
        )
        en = template.format(needs=_join_en(needs), channel=channel, volume=volume, req=requirement)
        req_zh = _pick(rng, area.requirements_zh)
        volume_zh = self.fill(_pick(rng, area.volumes_zh))
        zh = _pick(
            rng,
            (
                f"寻找{_join_zh(zh_needs)}的海外优质供应商，{channel_zh}。{req_zh}",
                f"我司计划采购{_join_zh(zh_needs)}，{volume_zh}{req_zh}",
                f"求购：{_join_zh(zh_needs)}。{channel_zh}，{req_zh}",
            ),
        )
        if mode == "en":
            return en
        if mode == "zh":
            return zh
        return _pick(
            rng,
            (
                f"Looking for {_join_en(needs)} / 寻找{_join_zh(zh_needs)}供应商。{req_zh}",
                f"需求：{_join_zh(zh_needs)}（{_join_en(needs)}），{channel_zh}。",
                f"{en}\n{zh}",
            ),
        )

    def purchaser_description(self, organization: str, mode: str) -> str:
        rng = self.rng
        year = rng.randint(1980, 2021)
        employees = _weighted(
            rng, ((rng.randint(15, 200), 60), (rng.randint(200, 2000), 30), (rng.randint(2000, 20000), 10))
        )
        name = _english_name(organization, "the company")
        en = f"Founded in {year}, {name} employs about {employees} people. "
        en += _pick(
            rng,
            (
                f"We have attended the expo every year since {rng.randint(2018, 2024)}.",
                "Our procurement team visits Europe and South-East Asia twice a year.",
                "Listed on the Shenzhen Stock Exchange.",
                "A subsidiary of a provincial state-owned group.",
                "Family-owned and growing fast in lower-tier cities.",
                "We focus on quality imports for middle-class consumers.",
            ),
        )
        zh = f"公司成立于{year}年，员工约{employees}人。" + _pick(
            rng,
            (
                "连续多年参加进博会。",
                "采购团队每年赴欧洲和东南亚考察。",
                "隶属于省属国有企业集团。",
                "专注于高品质进口商品。",
            ),
        )
        if mode == "en":
            return en
        if mode == "zh":
            return zh
        return zh if rng.random() < 0.5 else f"{en} {zh}"

    def purchaser_markets(self, country: _Country) -> list[str]:
        rng = self.rng
        if country.code == "CN":
            return ["CN"] if rng.random() < 0.75 else ["CN", "HK", "MO"]
        markets = [country.code]
        if rng.random() < 0.3:
            markets.append("CN")
        return markets

    def purchaser_languages(self, country: _Country) -> list[str]:
        rng = self.rng
        if country.code == "CN":
            return list(
                _weighted(
                    rng,
                    (
                        (("zh",), 35),
                        (("zh", "en"), 50),
                        (("zh-Hans", "en"), 10),
                        (("zh", "en", "ja"), 2),
                        (("zh", "en", "ru"), 2),
                        (("zh", "en", "ko"), 1),
                    ),
                )
            )
        languages = [*country.languages[:2], "en"]
        if rng.random() < 0.3:
            languages.append("zh")
        return list(dict.fromkeys(languages))

    # -- trading groups -----------------------------------------------------------------------

    def trading_group(self, profile_id: str) -> tuple[ProfileDict, frozenset[str]]:
        rng = self.rng
        province, province_zh, city_en, subs = _pick(rng, _TRADING_GROUPS)
        roll = rng.random()
        mode = "zh" if roll < 0.35 else "mixed" if roll < 0.7 else "en"

        def make() -> str:
            if rng.random() < 0.2:
                en, zh = f"{province} Trading Group", f"{province_zh}交易团"
            else:
                sub_en, sub_zh = _pick(rng, subs)
                en, zh = f"{province} Trading Group – {sub_en} Sub-group", f"{province_zh}交易团{sub_zh}分团"
            return _pick(rng, (en, f"{en} ({zh})", zh))

        organization = self.unique_org(make, f"{province} Trading Group")
        areas = rng.sample(_AREAS, rng.randint(2, 4))
        topics: list[_Topic] = []
        for area in areas:
            topics.extend(self.topics_from(area, rng.randint(1, 2), 0.3))
        topics = topics[:6]
        cn_city = next(c for c in _CN_CITIES if c.en == city_en)
        person = _make_person(rng, "CN", adult_birth_date(rng))
        n = rng.randint(40, 600)
        needs = [_pick(rng, t.leaf.need) for t in topics]
        zh_needs = list(dict.fromkeys(_pick(rng, t.leaf.zh) for t in topics))
        offering_en = (
            f"Trading delegation organised by the {province} commerce authorities; it coordinates "
            f"procurement for {n} member enterprises, including retailers, hospitals, manufacturers "
            "and e-commerce platforms."
        )
        offering_zh = (
            f"{province_zh}交易团由当地商务主管部门组织，汇集{n}家成员企业的采购需求，"
            "涵盖零售、医疗、制造和跨境电商。"
        )
        seeking_en = f"Member enterprises seek {_join_en(needs)}."
        seeking_zh = f"成员企业采购需求：{_join_zh(zh_needs)}。"
        description_en = (
            f"One of the expo's trading groups; {rng.randint(300, 3000)} registered professional visitors. "
            "Matchmaking sessions can be arranged on request."
        )
        description_zh = f"进博会交易团之一，已登记专业观众{rng.randint(300, 3000)}人，可按需安排供需对接会。"
        texts = {
            "en": (offering_en, seeking_en, description_en),
            "zh": (offering_zh, seeking_zh, description_zh),
            "mixed": (f"{offering_en} {offering_zh}", f"{seeking_en}\n{seeking_zh}", description_zh),
        }[mode]
        contact = self.contact(
            profile_id,
            person,
            title=_pick(rng, _TG_TITLES),
            chinese_org=True,
            address=self.cn_address(cn_city, rng.random() < 0.6),
            phone=f"+86 {cn_city.phone} {self.digits(4)} {self.digits(4)}",
            website=f"https://{_slug(province)}-trading-group.example.org" if rng.random() < 0.5 else "",
            hall="",
            minor=False,
        )
        profile = _profile(
            profile_id=profile_id,
            role="ROLE_PURCHASER",
            organization=organization,
            country="CN",
            categories=self.categories([a.name for a in areas], topics, 0.0),
            offering=texts[0],
            seeking=texts[1],
            description=texts[2],
            target_markets=["CN"],
            languages=["zh", "en"] if rng.random() < 0.7 else ["zh"],
            hall="",
            contact=contact,
            preferences=self.preferences(),
            guardian_consent=False,
        )
        return profile, frozenset(t.path for t in topics)


_MAX_TEXT = 4000


def _profile(
    *,
    profile_id: str,
    role: str,
    organization: str,
    country: str,
    categories: list[str],
    offering: str,
    seeking: str,
    description: str,
    target_markets: list[str],
    languages: list[str],
    hall: str,
    contact: ProfileDict,
    preferences: ProfileDict,
    guardian_consent: bool,
) -> ProfileDict:
    """Assemble a profile in proto JSON field order, omitting defaults; enforce the API limits."""
    texts = [offering, seeking, description, *(v for v in contact.values() if isinstance(v, str))]
    if any(len(t) > _MAX_TEXT for t in texts):
        raise ValueError(f"{profile_id}: a free-text field exceeds {_MAX_TEXT} characters")
    if len(categories) > 64 or any(len(c) > 200 for c in categories):
        raise ValueError(f"{profile_id}: too many or too long categories")
    if len(target_markets) > 250 or len(languages) > 20:
        raise ValueError(f"{profile_id}: too many target markets or languages")
    profile: ProfileDict = {
        "id": profile_id,
        "role": role,
        "organization": organization,
        "country": country,
        "categories": categories,
        "offering": offering,
        "seeking": seeking,
        "description": description,
        "targetMarkets": target_markets,
        "languages": languages,
    }
    if hall:
        profile["hall"] = hall
    profile["contact"] = contact
    if preferences:
        profile["preferences"] = preferences
    if guardian_consent:
        profile["guardianConsent"] = True
    return profile


def _allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Split ``total`` by ``weights`` (largest remainder), so that the counts add up exactly."""
    scale = sum(weights)
    raw = [total * w / scale for w in weights]
    counts = [int(r) for r in raw]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - raw[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------

_MIN_MINORS = 3
_TRADING_GROUP_SHARE = 0.03


def generate_dataset(seed: int = 2026, exhibitors: int = 320, purchasers: int = 2100) -> DemoDataset:
    """Generate the demo profiles, their topic truth and the planted numbers, deterministically."""
    if exhibitors < 0 or purchasers < 0:
        raise ValueError("counts must not be negative")
    _check_topics()
    rng = random.Random(seed)
    builder = _Builder(rng)
    topics: dict[str, frozenset[str]] = {}

    exhibitor_areas = [
        a
        for a, c in zip(_AREAS, _allocate(exhibitors, _EXHIBITOR_AREA_WEIGHTS), strict=True)
        for _ in range(c)
    ]
    rng.shuffle(exhibitor_areas)
    minors = set(rng.sample(range(exhibitors), min(_MIN_MINORS, exhibitors)))
    exhibitor_list: list[ProfileDict] = []
    for index, area in enumerate(exhibitor_areas):
        profile, truth = builder.exhibitor(f"exh-{index + 1:04d}", area, minor=index in minors)
        exhibitor_list.append(profile)
        topics[profile["id"]] = truth

    groups = round(purchasers * _TRADING_GROUP_SHARE)
    kinds: list[_Area | None] = [None] * groups
    kinds += [
        a
        for a, c in zip(_AREAS, _allocate(purchasers - groups, _PURCHASER_AREA_WEIGHTS), strict=True)
        for _ in range(c)
    ]
    rng.shuffle(kinds)
    minors = set(
        rng.sample(
            [i for i, k in enumerate(kinds) if k is not None], min(_MIN_MINORS + 1, purchasers - groups)
        )
    )
    purchaser_list: list[ProfileDict] = []
    for index, kind in enumerate(kinds):
        profile_id = f"pur-{index + 1:05d}"
        if kind is None:
            profile, truth = builder.trading_group(profile_id)
        else:
            profile, truth = builder.purchaser(profile_id, kind, minor=index in minors)
        purchaser_list.append(profile)
        topics[profile_id] = truth
    return DemoDataset(
        exhibitor_list, purchaser_list, topics, tuple(builder.identifiers), tuple(builder.keep)
    )


def generate_with_truth(
    seed: int = 2026, exhibitors: int = 320, purchasers: int = 2100
) -> tuple[list[ProfileDict], list[ProfileDict], dict[str, frozenset[str]]]:
    """Exhibitors, purchasers and the hidden truth: profile id -> the topic paths it offers or needs.

    Score a purchaser against an exhibitor with :func:`relevance` on their topic sets.
    """
    data = generate_dataset(seed, exhibitors, purchasers)
    return data.exhibitors, data.purchasers, data.topics


def generate(
    seed: int = 2026, exhibitors: int = 320, purchasers: int = 2100
) -> tuple[list[ProfileDict], list[ProfileDict]]:
    """Exhibitor and purchaser profiles in protobuf JSON form (the content of ``data/fixtures``)."""
    data = generate_dataset(seed, exhibitors, purchasers)
    return data.exhibitors, data.purchasers


def minor_without_consent(rng: random.Random) -> ProfileDict:
    """A purchaser whose contact person is under 14 and who has no guardian consent.

    The server must refuse it (FAILED_PRECONDITION); it never appears in the fixtures.
    """
    profile, _ = _Builder(rng).purchaser("pur-minor-0001", _pick(rng, _AREAS), minor=True, consent=False)
    return profile


def to_jsonl(profiles: Iterable[ProfileDict]) -> str:
    """Profiles as JSON Lines: one object per line, UTF-8 text unescaped, keys in proto field order."""
    return "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in profiles)
