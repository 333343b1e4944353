"""Benchmark of the identifier scanner behind the contact-card filter, against Presidio.

Not a test: it prints figures. It builds N synthetic contact cards (ten short fields and a notes text,
Chinese and English; a few notes hold an identity number), then measures on one core:

* cards per second through ``IdentifierScanner.scan`` (every field of every card);
* cards per second through Presidio's ``AnalyzerEngine`` with its predefined recognizers, on the
  same fields (fewer cards: it is much slower);
* recall of both on the positive table of ``tests/privacy/identifier_cases.py`` (a case counts when
  no digit run of its numbers survives), and how many strings of the negative table each changes.

Presidio is not a dependency of the project; install it into the virtualenv for this script only::

    .venv/bin/pip install presidio-analyzer

Presidio's spaCy engine wants a trained pipeline (``en_core_web_lg``), which is not published on
PyPI. When no ``en_core_web_*`` package is installed, the script gives Presidio a blank English spaCy
pipeline (tokenizer only): every pattern recognizer (phone, credit card, IBAN, passport, ...) works,
the NER-based ones (person, location, date) find nothing. It says which one it used. (Presidio's
e-mail recognizer would also fetch the public suffix list from the internet; the script points
tldextract at the snapshot bundled with it.)

Speeds are cards per second of CPU time of this process, pinned to one core, best of three runs:
on a shared machine other work then does not count; on an idle one it equals wall-clock time.

Usage: ``.venv/bin/python scripts/bench_filter.py [--cards 20000] [--presidio-cards 300]``
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matchmaker.privacy.scanner import IdentifierScanner
from tests.privacy.identifier_cases import (
    NEGATIVE_CASES,
    POSITIVE_CASES,
    Case,
    digit_runs,
    hk_id,
    resident_id,
)

Card = dict[str, str]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "秀英",
    "建华",
)
WESTERN = (
    "John Smith",
    "Anna Müller",
    "Carlos Gómez",
    "Priya Sharma",
    "Kenji Tanaka",
    "Olga Ivanova",
    "Ahmed Hassan",
)
COMPANIES = (
    "Shenzhen Bright LED Technology Co., Ltd.",
    "宁波海天塑料机械有限公司",
    "Guangzhou Sunrise Textile Co., Ltd.",
    "Müller Maschinenbau GmbH",
    "义乌市小商品进出口有限公司",
    "Tata Components Pvt. Ltd.",
    "佛山市顺德区美的家电配件厂",
    "Andes Foods S.A.",
)
TITLES = ("Sales Manager", "采购经理", "Export Director", "总经理", "Purchasing Agent", "外贸业务员", "CEO")
COUNTRIES = ("China", "中国", "Germany", "India", "Brazil", "Japan", "Kenya", "United States")
PRODUCTS = (
    "LED panel lights",
    "注塑机",
    "cotton fabric",
    "小家电配件",
    "auto parts",
    "coffee beans",
    "太阳能组件",
)
SENTENCES = (
    "我们主要生产{p}，MOQ {n} pcs，交货期约{d}天。",
    "Interested in {p}; please send the catalogue and FOB Ningbo prices.",
    "Met at the fair on 2024-10-{day}, follow up next week.",
    "样品已寄出，快递单号 SF{long}，请查收。",
    "Order SO-2024{mmdd}-{short} confirmed, 30% deposit, balance before shipment.",
    "Looking for distributors in Europe and South America, OEM welcome.",
    "请通过微信或邮件联系，工作时间 9:00-18:00。",
    "Annual capacity {n}0,000 units, ISO 9001 certified, HS code 8541.40.",
    "Price USD {d}.50/pc, payment T/T or L/C at sight.",
    "展位在{hall}号馆，欢迎参观。",
)


def _hotel_booking(r: random.Random) -> str:
    number = resident_id("440305", f"19{r.randint(60, 99)}0612", str(r.randint(100, 999)))
    return f"酒店预订：入住人身份证号 {number}"


IDENTITY_NOTES: tuple[Callable[[random.Random], str], ...] = (
    _hotel_booking,
    lambda r: f"Visa invitation: passport no. E{r.randint(10000000, 99999999)}",
    lambda r: f"HKID {hk_id('A', str(r.randint(100000, 999999)))} for the badge",
    lambda r: f"台胞证 {r.randint(10000000, 99999999)}，请办理入场",
)


def make_card(rng: random.Random, identity_share: float) -> Card:
    """One synthetic contact card: ten short fields and a notes text."""
    chinese = rng.random() < 0.6
    name = rng.choice(SURNAMES) + rng.choice(GIVEN) if chinese else rng.choice(WESTERN)
    mobile = f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
    mobile = rng.choice((mobile, f"+86 {mobile[:3]} {mobile[3:7]} {mobile[7:]}", f"+86-{mobile}"))
    notes = " ".join(
        rng.choice(SENTENCES).format(
            p=rng.choice(PRODUCTS),
            n=rng.randint(100, 5000),
            d=rng.randint(7, 60),
            day=rng.randint(10, 28),
            long=rng.randint(10**11, 10**12 - 1),
            mmdd=f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
            short=rng.randint(100, 999),
            hall=rng.randint(1, 17),
        )
        for _ in range(rng.randint(2, 4))
    )
    if rng.random() < identity_share:
        notes += " " + rng.choice(IDENTITY_NOTES)(rng)
    return {
        "name": name,
        "company": rng.choice(COMPANIES),
        "title": rng.choice(TITLES),
        "email": f"sales{rng.randint(1, 99)}@example-{rng.randint(1, 999)}.com",
        "mobile": mobile,
        "phone": f"0{rng.choice(('755', '574', '20'))}-{rng.randint(2000, 8999)} {rng.randint(1000, 9999)}",
        "booth": f"{rng.randint(1, 17)}.{rng.randint(1, 3)}{rng.choice('ABCDEFGH')}{rng.randint(1, 40):02d}",
        "country": rng.choice(COUNTRIES),
        "address": rng.choice(
            (
                f"深圳市南山区科园路{rng.randint(1, 300)}号{rng.randint(1, 30)}01室 518057",
                f"{rng.randint(1, 999)} Industrial Road, Ningbo 315000, China",
                f"Hauptstraße {rng.randint(1, 200)}, {rng.randint(10000, 99999)} Stuttgart",
            )
        ),
        "website": f"www.example-{rng.randint(1, 999)}.com",
        "notes": notes,
    }


def pin_to_one_core() -> str:
    """Run on one CPU, so that the figures are per core."""
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to CPU {core}"
    return "not pinned (no sched_setaffinity)"


def cards_per_second(cards: Sequence[Card], scrub: Callable[[str], Any], repeat: int = 3) -> float:
    """Cards per second of CPU time: best of ``repeat`` runs over all fields of all cards.

    CPU time of this process, pinned to one core, so that other work on a shared machine does not
    count; on an idle machine it equals the wall-clock time.
    """
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for card in cards:
            for value in card.values():
                scrub(value)
        best = min(best, time.process_time() - start)
    return len(cards) / best


def removed_all(case: Case, scrubbed: str) -> bool:
    """True when no digit run of the case's numbers is left (the criterion of the tests)."""
    folded = unicodedata.normalize("NFKC", scrubbed)
    return all(run not in folded for secret in case.secrets for run in digit_runs(secret))


def _redact(text: str, spans: list[tuple[int, int]]) -> str:
    pieces: list[str] = []
    position = 0
    for start, end in sorted(spans):
        if start < position:
            start = position
        if end <= start:
            continue
        pieces += [text[position:start], "<REDACTED>"]
        position = end
    return "".join(pieces) + text[position:]


class Presidio:
    """Presidio's AnalyzerEngine with its predefined recognizers, and which spaCy pipeline it runs."""

    def __init__(self) -> None:
        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        import spacy
        import tldextract

        # Presidio's e-mail recognizer calls tldextract, which by default fetches the public suffix
        # list from the internet; use the snapshot bundled with the package instead.
        tldextract.extract = tldextract.TLDExtract(suffix_list_urls=())  # type: ignore[assignment]
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import SpacyNlpEngine

        model = next(
            (m for m in ("en_core_web_lg", "en_core_web_md", "en_core_web_sm") if spacy.util.is_package(m)),
            None,
        )
        if model is not None:
            engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": model}])
            self.pipeline = f"spaCy model {model}"
        else:

            class BlankSpacyNlpEngine(SpacyNlpEngine):
                """Presidio's spaCy engine over a blank English pipeline (no model download)."""

                def load(self) -> None:
                    self.nlp = {"en": spacy.blank("en")}  # type: ignore[assignment]

            engine = BlankSpacyNlpEngine(models=[{"lang_code": "en", "model_name": "blank:en"}])
            self.pipeline = "blank English spaCy pipeline (no en_core_web_* model on PyPI; NER finds nothing)"
        engine.load()
        self.analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])

    def analyze(self, text: str) -> list[Any]:
        return self.analyzer.analyze(text=text, language="en")

    def redact(self, text: str) -> str:
        return _redact(text, [(r.start, r.end) for r in self.analyze(text)])


def quality(scrub: Callable[[str], str]) -> tuple[int, int]:
    """(positive cases fully removed, negative cases changed)."""
    found = sum(removed_all(case, scrub(case.text)) for case in POSITIVE_CASES)
    changed = sum(scrub(case.text) != case.text for case in NEGATIVE_CASES)
    return found, changed


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=20_000, help="cards for the scanner")
    parser.add_argument("--presidio-cards", type=int, default=300, help="cards for Presidio")
    parser.add_argument("--identity-share", type=float, default=0.03, help="share of notes with an ID")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-presidio", action="store_true")
    args = parser.parse_args(argv)

    print(f"CPU: {pin_to_one_core()}; Python {sys.version.split()[0]}")
    rng = random.Random(args.seed)
    cards = [make_card(rng, args.identity_share) for _ in range(args.cards)]
    fields = sum(len(c) for c in cards) / len(cards)
    chars = sum(len(v) for c in cards for v in c.values()) / len(cards)
    print(f"{len(cards)} synthetic cards, {fields:.0f} fields and {chars:.0f} characters per card on average")

    started = time.perf_counter()
    scanner = IdentifierScanner()
    scanner.scan("warm-up １２３４５６")  # builds the folding table once
    print(f"scanner start-up (folding table, regexes): {time.perf_counter() - started:.2f} s")
    removed = sum(bool(scanner.scan(v).kinds) for c in cards for v in c.values())
    print(f"fields with an identifier removed: {removed}")

    ours = cards_per_second(cards, scanner.scan)
    ours_found, ours_changed = quality(lambda text: scanner.scan(text).text)
    rows = [("IdentifierScanner", ours, ours_found, ours_changed)]

    if not args.no_presidio:
        try:
            presidio = Presidio()
        except ImportError as error:
            print(
                f"Presidio not available ({error}); install it with: .venv/bin/pip install presidio-analyzer"
            )
        else:
            print(f"Presidio AnalyzerEngine, predefined recognizers, {presidio.pipeline}")
            subset = cards[: args.presidio_cards]
            theirs = cards_per_second(subset, presidio.analyze, repeat=1)
            theirs_found, theirs_changed = quality(presidio.redact)
            rows.append(("Presidio AnalyzerEngine", theirs, theirs_found, theirs_changed))

    print()
    header = (
        f"{'engine':<26}{'cards/s':>10}{'µs/card':>10}{'recall (positives)':>22}{'negatives changed':>20}"
    )
    print(header)
    print("-" * len(header))
    for name, speed, found, changed in rows:
        recall = f"{found}/{len(POSITIVE_CASES)} ({found / len(POSITIVE_CASES):.0%})"
        print(
            f"{name:<26}{speed:>10,.0f}{1e6 / speed:>10.1f}{recall:>22}"
            f"{f'{changed}/{len(NEGATIVE_CASES)}':>20}"
        )
    if len(rows) == 2:
        print(f"\nspeed-up over Presidio: {rows[0][1] / rows[1][1]:,.0f}x")
    missed = [case.name for case in POSITIVE_CASES if not removed_all(case, scanner.scan(case.text).text)]
    if missed:
        print("scanner missed:", ", ".join(missed))


if __name__ == "__main__":
    main()
