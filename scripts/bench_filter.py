"""Benchmark of the identifier scanner behind the contact-card filter, against Presidio.

Not a test: it prints figures. It builds N synthetic contact cards (ten short fields and a notes text,
Chinese and English; a few notes hold an identity number), then measures on one core:

* cards per second through ``IdentifierScanner.scan`` (every field of every card);
* cards per second through Presidio's ``AnalyzerEngine`` with its predefined recognizers, on the
  same fields (fewer cards: it is much slower);
* recall of both on the positive table of ``tests/privacy/identifier_cases.py`` (a case counts when
  no digit run of its numbers survives), and how many strings of the negative table each changes;
* the same on an independent corpus nobody here wrote (``--corpus``): national identity numbers from
  Faker's locale providers, the valid examples in python-stdnum's own documentation and passport
  MRZs from the ``mrz`` package, each written after its country's usual label and bare; and
  look-alikes from Faker (phones of the same locales, IBANs, bank cards, EAN barcodes, VAT and company
  numbers, dates). Removed and kept shares are printed per kind.

Presidio, Faker and mrz are not dependencies of the project; install them into the virtualenv for this
script only::

    .venv/bin/pip install presidio-analyzer faker mrz

Presidio's spaCy engine wants a trained pipeline (``en_core_web_lg``), which is not published on
PyPI. When no ``en_core_web_*`` package is installed, the script gives Presidio a blank English spaCy
pipeline (tokenizer only): every pattern recognizer (phone, credit card, IBAN, passport, ...) works,
the NER-based ones (person, location, date) find nothing. It says which one it used. (Presidio's
e-mail recognizer would also fetch the public suffix list from the internet; the script points
tldextract at the snapshot bundled with it.)

Speeds are cards per second of CPU time of this process, pinned to one core, best of three runs:
on a shared machine other work then does not count; on an idle one it equals wall-clock time.

Usage: ``.venv/bin/python scripts/bench_filter.py [--cards 20000] [--presidio-cards 300] [--corpus 40]``
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import re
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


# ---------------------------------------------------------------------------------------------
# The independent corpus: generators and examples written outside this project.
# ---------------------------------------------------------------------------------------------

#: (Faker locale, provider method, kind, the label a person of that country writes before it).
FAKER_IDENTIFIERS = (
    ("ko_KR", "ssn", "kr_rrn", "주민등록번호"),
    ("en_US", "ssn", "us_ssn", "SSN"),
    ("en_US", "itin", "us_itin", "ITIN"),
    ("fr_FR", "ssn", "fr_nir", "N° de sécurité sociale"),
    ("it_IT", "ssn", "it_codice_fiscale", "Codice fiscale"),
    ("es_ES", "nif", "es_dni", "DNI"),
    ("es_ES", "nie", "es_nie", "NIE"),
    ("nl_NL", "ssn", "nl_bsn", "BSN"),
    ("sv_SE", "ssn", "se_personnummer", "Personnummer"),
    ("pl_PL", "pesel", "pl_pesel", "PESEL"),
    ("fi_FI", "ssn", "fi_hetu", "Henkilötunnus"),
    ("no_NO", "ssn", "no_fodselsnummer", "Fødselsnummer"),
    ("de_CH", "ssn", "ch_ahv", "AHV-Nr."),
    ("pt_BR", "cpf", "br_cpf", "CPF"),
    ("es_CL", "person_rut", "cl_rut", "RUT"),
    ("es_AR", "cuil", "ar_cuil", "CUIL"),
    ("es_MX", "curp", "mx_curp", "CURP"),
    ("en_IN", "aadhaar_id", "in_aadhaar", "Aadhaar"),
    ("th_TH", "ssn", "th_id", "เลขประจำตัวประชาชน"),
    ("ru_RU", "individuals_inn", "ru_inn", "ИНН"),
    ("ru_RU", "snils", "ru_snils", "СНИЛС"),
    ("tr_TR", "ssn", "tr_kimlik", "T.C. Kimlik No"),
    ("he_IL", "ssn", "il_id", "תעודת זהות"),
    ("ro_RO", "ssn", "ro_cnp", "CNP"),
)
#: (python-stdnum module, kind, label): the valid examples of its documentation.
STDNUM_IDENTIFIERS = (
    ("kr.rrn", "kr_rrn", "RRN"),
    ("us.ssn", "us_ssn", "SSN"),
    ("us.itin", "us_itin", "ITIN"),
    ("de.idnr", "de_steuer_idnr", "Steuer-IdNr."),
    ("fr.nir", "fr_nir", "NIR"),
    ("it.codicefiscale", "it_codice_fiscale", "Codice fiscale"),
    ("es.dni", "es_dni", "DNI"),
    ("es.nie", "es_nie", "NIE"),
    ("nl.bsn", "nl_bsn", "BSN"),
    ("se.personnummer", "se_personnummer", "Personnummer"),
    ("pl.pesel", "pl_pesel", "PESEL"),
    ("fi.hetu", "fi_hetu", "HETU"),
    ("dk.cpr", "dk_cpr", "CPR-nr."),
    ("no.fodselsnummer", "no_fodselsnummer", "Fødselsnummer"),
    ("ch.ssn", "ch_ahv", "AHV-Nr."),
    ("br.cpf", "br_cpf", "CPF"),
    ("cl.rut", "cl_rut", "RUT"),
    ("ar.dni", "ar_dni", "DNI"),
    ("mx.curp", "mx_curp", "CURP"),
    ("in_.aadhaar", "in_aadhaar", "Aadhaar"),
    ("in_.pan", "in_pan", "PAN"),
    ("th.pin", "th_id", "Thai ID"),
    ("my.nric", "my_mykad", "MyKad"),
    ("id.nik", "id_nik", "NIK"),
    ("au.tfn", "au_tfn", "TFN"),
    ("nz.ird", "nz_ird", "IRD number"),
    ("ru.inn", "ru_inn", "ИНН"),
    ("tr.tckimlik", "tr_kimlik", "TC Kimlik No"),
    ("il.idnr", "il_id", "Teudat Zehut"),
    ("za.idnr", "za_id", "ID number"),
    ("ro.cnp", "ro_cnp", "CNP"),
    ("jp.in_", "jp_my_number", "個人番号"),
    ("cn.ric", "cn_resident_id", "身份证"),
)
#: Faker locales whose phone numbers must stay (international and national forms).
PHONE_LOCALES = (
    "ko_KR en_US de_DE fr_FR it_IT es_ES en_GB nl_NL sv_SE pl_PL fi_FI da_DK no_NO de_CH pt_BR es_CL "
    "es_AR es_MX en_IN th_TH id_ID vi_VN en_AU en_NZ ru_RU tr_TR he_IL zu_ZA ar_EG ro_RO ja_JP zh_CN"
).split()
_EXAMPLE = re.compile(r">>> (?:validate|is_valid)\('([^']+)'\)\n(?!Traceback)(?:'|True)")


def stdnum_examples(module: str) -> list[str]:
    """The numbers python-stdnum's documentation of ``module`` shows as valid."""
    import importlib

    loaded = importlib.import_module(f"stdnum.{module}")
    found = _EXAMPLE.findall(loaded.__doc__ or "")
    return [number for number in dict.fromkeys(found) if loaded.is_valid(number)]


def independent_corpus(per_kind: int, seed: int) -> tuple[list[tuple[str, Case]], list[tuple[str, str]]]:
    """(kind, case) pairs to remove and (source, text) look-alikes to keep, from third-party generators."""
    from faker import Faker
    from mrz.generator.td3 import TD3CodeGenerator

    positives: list[tuple[str, Case]] = []
    for locale, method, kind, label in FAKER_IDENTIFIERS:
        fake = Faker(locale)
        fake.seed_instance(seed)
        for i in range(per_kind):
            number = str(getattr(fake, method)())
            positives.append((kind, Case(f"faker-{kind}-{i}", f"{label}: {number}", (kind,), (number,))))
    for module, kind, label in STDNUM_IDENTIFIERS:
        for i, number in enumerate(stdnum_examples(module)):
            positives.append((kind, Case(f"stdnum-{kind}-{i}", f"{label} {number}", (kind,), (number,))))
    fake = Faker("en_US")
    fake.seed_instance(seed)
    for i in range(per_kind):
        code = TD3CodeGenerator(
            "P",
            "CHN",
            fake.last_name().upper(),
            fake.first_name().upper(),
            f"E{fake.random_number(8, fix_len=True)}",
            "CHN",
            fake.date_of_birth().strftime("%y%m%d"),
            fake.random_element("MF"),
            fake.future_date("+3650d").strftime("%y%m%d"),
            "",
        )
        text = str(code)
        positives.append(("mrz", Case(f"mrz-{i}", text, ("mrz",), (text.split("\n")[1][:9],))))

    negatives: list[tuple[str, str]] = []
    for locale in PHONE_LOCALES:
        fake = Faker(locale)
        fake.seed_instance(seed)
        for _ in range(per_kind):
            negatives.append(("phone", f"Tel: {fake.phone_number()}"))
        for name in (
            "vat_id",
            "company_vat",
            "cnpj",
            "company_rut",
            "company_cuit",
            "businesses_inn",
            "gstin",
        ):
            provider = getattr(fake, name, None)
            if provider is not None:
                negatives.extend(
                    ("company number", f"{name}: {provider()}") for _ in range(per_kind // 4 + 1)
                )
    fake = Faker("en_US")
    fake.seed_instance(seed)
    for _ in range(per_kind):
        negatives.append(("iban", f"IBAN {fake.iban()}"))
        negatives.append(("bank card", f"Card {fake.credit_card_number()}"))
        negatives.append(("ean", f"EAN {fake.ean13()}"))
        negatives.append(("date", f"{fake.date()} {fake.time()}"))
        negatives.append(("timestamp", str(fake.unix_time()).split(".")[0]))
        negatives.append(("order", f"Order {fake.bothify('??-########-###').upper()}"))
    return positives, negatives


def corpus_report(
    name: str,
    scrub: Callable[[str], str],
    positives: Sequence[tuple[str, Case]],
    negatives: Sequence[tuple[str, str]],
    per_kind: bool,
) -> tuple[int, int]:
    """Print removed/total per kind and kept/total per source; return (removed, kept)."""
    by_kind: dict[str, list[int]] = {}
    for kind, case in positives:
        tally = by_kind.setdefault(kind, [0, 0])
        tally[0] += removed_all(case, scrub(case.text))
        tally[1] += 1
    by_source: dict[str, list[int]] = {}
    for source, text in negatives:
        tally = by_source.setdefault(source, [0, 0])
        tally[0] += scrub(text) == text
        tally[1] += 1
    removed = sum(t[0] for t in by_kind.values())
    kept = sum(t[0] for t in by_source.values())
    print(f"\n{name}: removed {removed}/{len(positives)}, kept {kept}/{len(negatives)} look-alikes")
    if per_kind:
        print("  " + ", ".join(f"{k} {r}/{n}" for k, (r, n) in sorted(by_kind.items())))
        print("  kept: " + ", ".join(f"{k} {r}/{n}" for k, (r, n) in sorted(by_source.items())))
    return removed, kept


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
    parser.add_argument(
        "--corpus", type=int, default=40, help="numbers per generator in the corpus (0: none)"
    )
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

    presidio: Presidio | None = None
    if not args.no_presidio:
        try:
            presidio = Presidio()
        except ImportError as error:
            presidio = None
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
    if args.corpus:
        try:
            positives, negatives = independent_corpus(args.corpus, args.seed)
        except ImportError as error:
            print(f"no corpus ({error}); install faker and mrz with: .venv/bin/pip install faker mrz")
        else:
            corpus_report(
                "IdentifierScanner, independent corpus",
                lambda t: scanner.scan(t).text,
                positives,
                negatives,
                True,
            )
            # An MRZ has no label to take away.
            unlabelled = [
                (k, Case(c.name, c.secrets[0], c.kinds, c.secrets)) for k, c in positives if k != "mrz"
            ]
            corpus_report(
                "IdentifierScanner, same numbers without labels",
                lambda t: scanner.scan(t).text,
                unlabelled,
                [],
                True,
            )
            if presidio is not None:
                corpus_report("Presidio, independent corpus", presidio.redact, positives, negatives, True)
    missed = [case.name for case in POSITIVE_CASES if not removed_all(case, scanner.scan(case.text).text)]
    if missed:
        print("scanner missed:", ", ".join(missed))


if __name__ == "__main__":
    main()
