"""Benchmark of the identifier scanner behind the contact-card filter, against Presidio.

Not a test: it prints figures. It builds N synthetic contact cards (ten short fields and a notes text,
Chinese and English; a few notes hold an identity number), then measures on one core:

* cards per second through ``IdentifierScanner.scan`` (every field of every card);
* cards per second through Presidio's ``AnalyzerEngine`` with every predefined recognizer that
  needs no trained model or service (93 in Presidio 2.2: the generic ones and every country-specific
  one, national IDs included, also those its default configuration leaves disabled), each in the
  language it is written for: a text is analysed once per language (de, en, es, fi, it, ko, pl, sv,
  th, tr) and the findings pooled (fewer cards: it is much slower);
* removed per kind and kept per source, for both engines side by side (and Presidio counting only
  the entities that name identity or tax numbers), on the tables of
  ``tests/privacy/identifier_cases.py`` (a case counts when no digit run of its numbers survives);
* the same on an independent corpus nobody here wrote (``--corpus``): national identity numbers from
  Faker's locale providers, the valid examples in python-stdnum's own documentation and passport
  MRZs from the ``mrz`` package, each written after its country's usual label and bare; and
  look-alikes from Faker (phones of the same locales, IBANs, bank cards, EAN barcodes, VAT and company
  numbers, dates).

Presidio, Faker and mrz are not dependencies of the service; the project's ``bench`` extra installs
them::

    .venv/bin/pip install -e '.[bench]'

Presidio's spaCy engine wants trained pipelines (``en_core_web_lg``, ...), which are not published on
PyPI. Where none is installed, the script gives Presidio a blank spaCy pipeline of each language
(tokenizer only; the multi-language one for Korean and Thai, whose tokenizers need MeCab or
PyThaiNLP): every pattern recognizer works, the NER-based ones (person, location, date) find nothing.
It says which one it used. (Presidio's e-mail recognizer would also fetch the public suffix list from
the internet; the script points tldextract at the snapshot bundled with it.)

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
    ("en_CA", "ssn", "ca_sin", "SIN"),
    ("nl_BE", "ssn", "be_nn", "Rijksregisternummer"),
    ("de_AT", "ssn", "at_svnr", "SVNR"),
    ("et_EE", "ssn", "ee_ik", "Isikukood"),
    ("lv_LV", "ssn", "lv_pk", "Personas kods"),
    ("el_GR", "ssn", "gr_amka", "ΑΜΚΑ"),
    ("hr_HR", "ssn", "hr_oib", "OIB"),
    ("cs_CZ", "birth_number", "cz_rc", "Rodné číslo"),
    ("sk_SK", "birth_number", "cz_rc", "Rodné číslo"),
    ("mk_MK", "ssn", "jmbg", "ЕМБГ"),
    ("sr_BA", "ssn", "jmbg", "JMBG"),
    ("hu_HU", "ssn", "hu_szemelyi", "Személyi azonosító"),
    ("pl_PL", "identity_card_number", "pl_id_card", "Dowód osobisty"),
    ("uk_UA", "ssn", "ua_rntrc", "РНОКПП"),
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
    ("be.nn", "be_nn", "NISS"),
    ("be.bis", "be_nn", "BIS-nummer"),
    ("ca.sin", "ca_sin", "SIN"),
    ("ie.pps", "ie_pps", "PPS No"),
    ("at.vnr", "at_svnr", "SVNR"),
    ("pt.cc", "pt_cc", "Cartão de Cidadão"),
    ("pe.cui", "pe_cui", "DNI"),
    ("ee.ik", "ee_ik", "Isikukood"),
    ("lt.asmens", "lt_asmens", "Asmens kodas"),
    ("gr.amka", "gr_amka", "AMKA"),
    ("hr.oib", "hr_oib", "OIB"),
    ("cz.rc", "cz_rc", "Rodné číslo"),
    ("sk.rc", "cz_rc", "Rodné číslo"),
    ("bg.egn", "bg_egn", "ЕГН"),
    ("si.emso", "jmbg", "EMŠO"),
    ("ua.rntrc", "ua_rntrc", "РНОКПП"),
    ("is_.kennitala", "is_kennitala", "Kennitala"),
    ("pk.cnic", "pk_cnic", "CNIC"),
    ("ec.ci", "ec_ci", "Cédula"),
)
#: Faker locales whose phone numbers must stay (international and national forms).
PHONE_LOCALES = (
    "ko_KR en_US de_DE fr_FR it_IT es_ES en_GB nl_NL sv_SE pl_PL fi_FI da_DK no_NO de_CH pt_BR es_CL "
    "es_AR es_MX en_IN th_TH id_ID vi_VN en_AU en_NZ ru_RU tr_TR he_IL zu_ZA ar_EG ro_RO ja_JP zh_CN "
    "en_CA nl_BE de_AT pt_PT en_IE ar_AE et_EE lt_LT lv_LV el_GR hr_HR cs_CZ sk_SK bg_BG sl_SI sr_BA mk_MK "
    "hu_HU uk_UA is_IS en_PK fa_IR es_CO"
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


Tally = tuple[dict[str, list[int]], dict[str, list[int]]]


def tally(
    scrub: Callable[[str], str], positives: Sequence[tuple[str, Case]], negatives: Sequence[tuple[str, str]]
) -> Tally:
    """[removed, total] per kind of the positives and [kept, total] per source of the negatives."""
    by_kind: dict[str, list[int]] = {}
    for kind, case in positives:
        counts = by_kind.setdefault(kind, [0, 0])
        counts[0] += removed_all(case, scrub(case.text))
        counts[1] += 1
    by_source: dict[str, list[int]] = {}
    for source, text in negatives:
        counts = by_source.setdefault(source, [0, 0])
        counts[0] += scrub(text) == text
        counts[1] += 1
    return by_kind, by_source


def _share(counts: list[int] | None) -> str:
    if not counts:
        return "-"
    done, total = counts
    # One decimal unless exact: 1036/1039 is 99.7%, not "100%".
    share = f"{done / total:.0%}" if done in (0, total) else f"{done / total:.1%}"
    return f"{done}/{total} ({share})"


def report(title: str, tallies: dict[str, Tally]) -> None:
    """Print removed per kind and kept per source, one column per engine, and the totals."""
    names = list(tallies)
    width = max(len(name) for name in names) + 4
    print(f"\n{title}")
    for part, label in ((0, "removed per kind"), (1, "kept per source")):
        rows = sorted({key for t in tallies.values() for key in t[part]})
        if not rows:
            continue
        print(f"  {label:<28}" + "".join(f"{name:>{width}}" for name in names))
        for key in rows:
            print(f"  {key:<28}" + "".join(f"{_share(tallies[n][part].get(key)):>{width}}" for n in names))
        totals = {
            n: [sum(c[0] for c in tallies[n][part].values()), sum(c[1] for c in tallies[n][part].values())]
            for n in names
        }
        print(f"  {'all':<28}" + "".join(f"{_share(totals[n]):>{width}}" for n in names))


def table_corpus() -> tuple[list[tuple[str, Case]], list[tuple[str, str]]]:
    """The tables of tests/privacy/identifier_cases.py: positives by kind, negatives by name prefix."""
    positives = [
        (case.kinds[0] if len(case.kinds) == 1 else "several kinds", case) for case in POSITIVE_CASES
    ]
    negatives = [
        ("national look-alikes" if case.name.startswith("intl-") else case.name.split("-")[0], case.text)
        for case in NEGATIVE_CASES
    ]
    return positives, negatives


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


#: Where Presidio keeps recognizers that need a trained model, a service or a download (NER,
#: transformers, GLiNER, Azure, LangExtract): not loaded. Every other predefined recognizer is.
_PRESIDIO_MODEL_PACKAGES = (".ner.", ".nlp_engine_recognizers.", ".third_party.")


def presidio_recognizers() -> tuple[list[Any], list[str]]:
    """One instance of every predefined Presidio recognizer that needs no model, and the names left out.

    Country-specific ones included, also those Presidio's default configuration leaves disabled
    (most national-ID recognizers), each in the language it is written for.
    """
    import inspect

    import presidio_analyzer.predefined_recognizers as predefined
    from presidio_analyzer import EntityRecognizer

    recognizers: list[Any] = []
    left_out: list[str] = []
    for name in predefined.__all__:
        cls = getattr(predefined, name)
        if not (inspect.isclass(cls) and issubclass(cls, EntityRecognizer)):
            continue
        if any(part in cls.__module__ for part in _PRESIDIO_MODEL_PACKAGES):
            left_out.append(name)
            continue
        recognizers.append(cls())
    return recognizers, left_out


#: Presidio entities that are no identity or tax number of a person (for the "ID entities only" column).
NOT_IDENTITY_ENTITIES = frozenset(
    (
        "PHONE_NUMBER EMAIL_ADDRESS URL DATE_TIME IP_ADDRESS MAC_ADDRESS CRYPTO UUID CREDIT_CARD IBAN_CODE "
        "US_BANK_NUMBER ABA_ROUTING_NUMBER MEDICAL_LICENSE UK_POSTCODE CA_POSTAL_CODE DE_PLZ PERSON LOCATION "
        "NRP ORGANIZATION IT_VAT_CODE DE_VAT_ID AU_ABN AU_ACN IN_GSTIN SG_UEN KR_BRN SE_ORGANISATIONSNUMMER "
        "ZA_COMPANY_REGISTRATION ZA_VAT_NUMBER DE_HANDELSREGISTER ZA_MOBILE_NUMBER ZA_TELEPHONE_NUMBER "
        "IN_VEHICLE_REGISTRATION UK_VEHICLE_REGISTRATION NG_VEHICLE_REGISTRATION TR_LICENSE_PLATE DE_KFZ "
        "ZA_LICENSE_PLATE"
    ).split()
)


class Presidio:
    """Presidio's AnalyzerEngine with every predefined recognizer, in every language they are written for.

    A text is analysed once per language (each recognizer runs in its own language, with its own
    context words) and the findings are pooled.
    """

    def __init__(self) -> None:
        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        import spacy
        import tldextract

        # Presidio's e-mail recognizer calls tldextract, which by default fetches the public suffix
        # list from the internet; use the snapshot bundled with the package instead.
        tldextract.extract = tldextract.TLDExtract(suffix_list_urls=())  # type: ignore[assignment]
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import SpacyNlpEngine

        recognizers, self.left_out = presidio_recognizers()
        self.recognizers = len(recognizers)
        self.languages = sorted({r.supported_language for r in recognizers})
        pipelines: dict[str, Any] = {}
        notes: list[str] = []
        for language in self.languages:
            model = next(
                (
                    m
                    for m in (f"{language}_core_web_sm", f"{language}_core_news_sm")
                    if spacy.util.is_package(m)
                ),
                None,
            )
            if model is not None:
                pipelines[language] = spacy.load(model)
                notes.append(f"{language}: {model}")
                continue
            try:
                pipelines[language] = spacy.blank(language)
                notes.append(f"{language}: blank")
            except ImportError:
                # Korean and Thai tokenizers need MeCab or PyThaiNLP: the multi-language tokenizer.
                pipelines[language] = spacy.blank("xx")
                notes.append(f"{language}: blank xx")

        class BlankSpacyNlpEngine(SpacyNlpEngine):
            """Presidio's spaCy engine over pipelines that need no model download."""

            def load(self) -> None:
                self.nlp = pipelines  # type: ignore[assignment]

        engine = BlankSpacyNlpEngine(
            models=[{"lang_code": lang, "model_name": "blank"} for lang in self.languages]
        )
        engine.load()
        registry = RecognizerRegistry(recognizers=recognizers, supported_languages=self.languages)
        registry.add_nlp_recognizer(nlp_engine=engine)
        self.pipeline = (
            "spaCy pipelines without trained models (none on PyPI; NER finds nothing): " + ", ".join(notes)
        )
        self.analyzer = AnalyzerEngine(
            registry=registry, nlp_engine=engine, supported_languages=self.languages
        )

    def analyze(self, text: str) -> list[Any]:
        found: list[Any] = []
        for language in self.languages:
            found.extend(self.analyzer.analyze(text=text, language=language))
        return found

    def redact(self, text: str) -> str:
        return _redact(text, [(r.start, r.end) for r in self.analyze(text)])

    def redact_identity(self, text: str) -> str:
        """Only what Presidio names an identity or tax number (not phones, cards, VAT, dates, ...)."""
        return _redact(
            text, [(r.start, r.end) for r in self.analyze(text) if r.entity_type not in NOT_IDENTITY_ENTITIES]
        )


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
    engines: dict[str, Callable[[str], str]] = {"IdentifierScanner": lambda text: scanner.scan(text).text}
    speeds = {"IdentifierScanner": ours}

    if not args.no_presidio:
        try:
            presidio = Presidio()
        except ImportError as error:
            print(f"Presidio not available ({error}); install it with: .venv/bin/pip install -e '.[bench]'")
        else:
            print(
                f"Presidio AnalyzerEngine: {presidio.recognizers} predefined recognizers in "
                f"{len(presidio.languages)} languages ({', '.join(presidio.languages)}), each text analysed "
                f"once per language; left out (need a model or a service): {', '.join(presidio.left_out)}"
            )
            print(f"  {presidio.pipeline}")
            subset = cards[: args.presidio_cards]
            speeds["Presidio"] = cards_per_second(subset, presidio.analyze, repeat=1)
            engines["Presidio"] = presidio.redact
            engines["Presidio, ID entities only"] = presidio.redact_identity

    print()
    header = f"{'engine':<28}{'cards/s':>12}{'µs/card':>12}"
    print(header)
    print("-" * len(header))
    for name, speed in speeds.items():
        print(f"{name:<28}{speed:>12,.1f}{1e6 / speed:>12.1f}")
    if "Presidio" in speeds:
        print(f"\nIdentifierScanner / Presidio: {speeds['IdentifierScanner'] / speeds['Presidio']:,.0f}x")

    positives, negatives = table_corpus()
    report(
        f"Table (tests/privacy/identifier_cases.py): {len(positives)} identifiers, "
        f"{len(negatives)} look-alikes",
        {name: tally(scrub, positives, negatives) for name, scrub in engines.items()},
    )
    if args.corpus:
        try:
            positives, negatives = independent_corpus(args.corpus, args.seed)
        except ImportError as error:
            print(f"no corpus ({error}); install faker and mrz with: .venv/bin/pip install -e '.[bench]'")
        else:
            report(
                f"Independent corpus (Faker, python-stdnum's examples, mrz): {len(positives)} identifiers "
                f"with their labels, {len(negatives)} look-alikes",
                {name: tally(scrub, positives, negatives) for name, scrub in engines.items()},
            )
            # An MRZ has no label to take away.
            unlabelled = [
                (k, Case(c.name, c.secrets[0], c.kinds, c.secrets)) for k, c in positives if k != "mrz"
            ]
            report(
                f"Independent corpus, the same {len(unlabelled)} numbers without labels",
                {name: tally(scrub, unlabelled, []) for name, scrub in engines.items()},
            )
    missed = [case.name for case in POSITIVE_CASES if not removed_all(case, scanner.scan(case.text).text)]
    if missed:
        print("scanner missed:", ", ".join(missed))


if __name__ == "__main__":
    main()
