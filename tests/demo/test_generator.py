"""The demo-data generator: determinism, composition, privacy rules, checksums and the fixtures."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import json_format

from matchmaker.api._gen.matchmaker.v1 import common_pb2
from matchmaker.api.convert import from_proto_profile
from matchmaker.countries import ISO_ALPHA2
from matchmaker.demo.generator import (
    AREAS,
    ID_KINDS,
    REFERENCE_DATE,
    DemoDataset,
    SyntheticId,
    cn_mobile,
    cn_resident_id,
    cn_resident_id_15,
    foreign_passport,
    foreign_permanent_residence,
    generate,
    generate_dataset,
    generate_with_truth,
    hk_id,
    hk_sar_passport,
    macao_sar_passport,
    minor_without_consent,
    mrz_td3,
    prc_passport,
    relevance,
    residence_permit,
    synthetic_ids,
    taxonomy_paths,
    to_jsonl,
    topic_paths,
    travel_permit,
    tw_id,
    uscc,
)
from matchmaker.errors import PolicyRefused
from matchmaker.privacy.checksums import (
    hkid_valid,
    mod11_2_valid,
    mrz_check_digit,
    taiwan_id_valid,
    uscc_valid,
)
from matchmaker.validation import validate_profile
from tests.support import make_settings

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "data" / "fixtures"
PROFILE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
BCP47 = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?$")
CJK = re.compile(r"[\u4e00-\u9fff]")
HALLS = {
    "Food & Agricultural Products": {"1.1", "2.1", "2.2"},
    "Automobile": {"7.1", "8.1"},
    "Intelligent Industry & Information Technology": {"4.1", "5.1", "6.1"},
    "Consumer Goods": {"6.2", "7.2", "8.2"},
    "Medical Equipment & Healthcare Products": {"1.2", "3.1"},
    "Trade in Services": {"4.2", "5.2"},
}
PASSPORT_SHAPES = {
    "cn_e8": r"E\d{8}",
    "cn_el7": r"E[A-Z]\d{7}",
    "cn_g8": r"G\d{8}",
    "hk_k8": r"K\d{8}",
    "mo_ma7": r"MA\d{7}",
    "us": r"[A-Z]?\d{8,9}",
    "gb": r"[A-Z]{2}\d{7}",
    "kr": r"[MSROD]\d{8}",
    "de": r"[CFGHJKLMNPRTVWXYZ0-9]{9}",
}


@pytest.fixture(scope="module")
def dataset() -> DemoDataset:
    return generate_dataset()


def everyone(data: DemoDataset) -> list[dict[str, Any]]:
    return data.exhibitors + data.purchasers


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


# -- independent re-validation of every identifier kind -------------------------------------------


def valid_date(text: str, fmt_len: int) -> bool:
    try:
        if fmt_len == 8:
            date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        else:
            date(1900 + int(text[:2]), int(text[2:4]), int(text[4:6]))
    except ValueError:
        return False
    return True


def mrz_valid(value: str) -> bool:
    lines = value.split("\n")
    if len(lines) != 2 or any(len(line) != 44 or not re.fullmatch(r"[A-Z0-9<]{44}", line) for line in lines):
        return False
    line1, line2 = lines
    if not line1.startswith("P<"):
        return False
    fields = ((0, 9, 9), (13, 19, 19), (21, 27, 27), (28, 42, 42))
    if any(mrz_check_digit(line2[a:b]) != line2[c] for a, b, c in fields):
        return False
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    return mrz_check_digit(composite) == line2[43]


def identity_valid(kind: str, variant: str, value: str) -> bool:
    if kind == "cn_resident_id":
        return (
            bool(re.fullmatch(r"\d{17}[\dX]", value)) and valid_date(value[6:14], 8) and mod11_2_valid(value)
        )
    if kind == "cn_resident_id_15":
        return bool(re.fullmatch(r"\d{15}", value)) and valid_date(value[6:12], 6)
    if kind == "residence_permit":
        prefix = {"hk": "810000", "mo": "820000", "tw": "830000"}[variant]
        return value.startswith(prefix) and valid_date(value[6:14], 8) and mod11_2_valid(value)
    if kind == "foreign_permanent_residence":
        return (
            bool(re.fullmatch(r"9\d{16}[\dX]", value)) and valid_date(value[6:14], 8) and mod11_2_valid(value)
        )
    if kind == "passport":
        return bool(re.fullmatch(PASSPORT_SHAPES.get(variant, r"[A-Z0-9]{6,9}"), value))
    if kind == "travel_permit":
        return bool(re.fullmatch(r"\d{8}" if variant == "tw" else r"[HM]\d{8}(\d{2})?", value))
    if kind == "hk_id":
        match = re.fullmatch(r"([A-Z]{1,2})(\d{6})\(([0-9A])\)", value)
        return match is not None and hkid_valid(*match.groups())
    if kind == "tw_id":
        return bool(re.fullmatch(r"[A-Z][1289]\d{8}", value)) and taiwan_id_valid(value)
    if kind == "mrz":
        return mrz_valid(value)
    return False


def canonical(text: str) -> str:
    """What a filter sees after NFKC and dropping the separators people type inside numbers."""
    return re.sub(r"[\s\-()]", "", unicodedata.normalize("NFKC", text)).upper()


# -- determinism and counts -----------------------------------------------------------------------


def test_same_seed_same_output_different_seed_different_output() -> None:
    first = generate(seed=7, exhibitors=30, purchasers=90)
    again = generate(seed=7, exhibitors=30, purchasers=90)
    other = generate(seed=8, exhibitors=30, purchasers=90)
    assert to_jsonl(first[0]) + to_jsonl(first[1]) == to_jsonl(again[0]) + to_jsonl(again[1])
    assert first != other


def test_no_global_random_state_is_used_or_touched() -> None:
    random.seed(1)
    before = random.getstate()
    a = generate(seed=3, exhibitors=10, purchasers=20)
    assert random.getstate() == before
    random.seed(99)
    assert generate(seed=3, exhibitors=10, purchasers=20) == a


def test_default_counts(dataset: DemoDataset) -> None:
    assert len(dataset.exhibitors) == 320
    assert len(dataset.purchasers) == 2100
    assert all(p["role"] == "ROLE_EXHIBITOR" for p in dataset.exhibitors)
    assert all(p["role"] == "ROLE_PURCHASER" for p in dataset.purchasers)


@pytest.mark.parametrize(("exhibitors", "purchasers"), [(0, 0), (1, 1), (6, 40), (500, 3000)])
def test_other_counts(exhibitors: int, purchasers: int) -> None:
    ex, pur = generate(seed=11, exhibitors=exhibitors, purchasers=purchasers)
    assert (len(ex), len(pur)) == (exhibitors, purchasers)


def test_ids_are_unique_well_formed_and_numbered(dataset: DemoDataset) -> None:
    ids = [p["id"] for p in everyone(dataset)]
    assert len(ids) == len(set(ids))
    assert all(PROFILE_ID.match(i) for i in ids)
    assert [p["id"] for p in dataset.exhibitors] == [f"exh-{i:04d}" for i in range(1, 321)]
    assert [p["id"] for p in dataset.purchasers] == [f"pur-{i:05d}" for i in range(1, 2101)]


# -- shape: the Profile proto and the API's limits ------------------------------------------------


def test_every_profile_parses_into_the_profile_proto_without_unknown_fields(dataset: DemoDataset) -> None:
    for profile in everyone(dataset):
        message = common_pb2.Profile()
        json_format.ParseDict(profile, message, ignore_unknown_fields=False)
        assert message.id == profile["id"]


def test_every_profile_passes_the_server_validation(dataset: DemoDataset, tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    for profile in everyone(dataset):
        message = json_format.ParseDict(profile, common_pb2.Profile())
        validate_profile(from_proto_profile(message).profile, settings, REFERENCE_DATE)


def test_countries_and_markets_are_iso_alpha2(dataset: DemoDataset) -> None:
    for profile in everyone(dataset):
        assert profile["country"] in ISO_ALPHA2
        assert profile["targetMarkets"], profile["id"]
        assert set(profile["targetMarkets"]) <= ISO_ALPHA2
        assert len(profile["targetMarkets"]) == len(set(profile["targetMarkets"]))


def test_api_limits_and_language_tags(dataset: DemoDataset) -> None:
    for profile in everyone(dataset):
        texts = [profile["offering"], profile["seeking"], profile["description"]]
        texts += [v for v in profile["contact"].values() if isinstance(v, str)]
        assert all(0 < len(t) <= 4000 for t in texts), profile["id"]
        assert 2 <= len(profile["categories"]) <= 64
        assert all(0 < len(c) <= 200 for c in profile["categories"])
        assert len(profile["targetMarkets"]) <= 250
        assert 1 <= len(profile["languages"]) <= 20
        assert all(BCP47.match(tag) for tag in profile["languages"]), profile["languages"]


def test_defaults_are_omitted(dataset: DemoDataset) -> None:
    for profile in everyone(dataset):
        assert profile.get("guardianConsent", True) is True
        assert profile.get("preferences", {"x": 1}) != {}
        assert all(v != "" for v in profile["contact"].values())
        prefs = profile.get("preferences", {})
        assert prefs.get("personalizedRecommendations", False) is False
        assert prefs.get("discoverable", False) is False
        assert prefs.get("shareContactCard", True) is True
        assert prefs.get("doNotTrack", True) is True


# -- composition ----------------------------------------------------------------------------------


def test_exhibitors_cover_the_six_areas_with_halls_and_one_to_four_paths(dataset: DemoDataset) -> None:
    areas = Counter(p["categories"][0] for p in dataset.exhibitors)
    assert set(areas) == set(AREAS)
    assert min(areas.values()) >= 20
    for profile in dataset.exhibitors:
        area, *paths = profile["categories"]
        assert profile["hall"] in HALLS[area]
        assert 1 <= len(paths) <= 4
        assert all(p not in AREAS for p in paths)
        assert profile["country"] != "CN"
    assert len({p["country"] for p in dataset.exhibitors}) >= 25


def test_purchasers_are_mostly_chinese_with_trading_groups(dataset: DemoDataset) -> None:
    purchasers = dataset.purchasers
    assert all("hall" not in p for p in purchasers)
    chinese = sum(p["country"] == "CN" for p in purchasers) / len(purchasers)
    assert 0.65 <= chinese <= 0.9
    assert len({p["country"] for p in purchasers}) >= 15
    groups = [p for p in purchasers if "Trading Group" in p["organization"] or "交易团" in p["organization"]]
    assert len(groups) >= 40
    for profile in purchasers:
        areas = [c for c in profile["categories"] if c in AREAS]
        assert areas and profile["categories"][: len(areas)] == areas
        assert 1 <= len(profile["categories"]) - len(areas) <= 6


def test_organisation_names_are_unique(dataset: DemoDataset) -> None:
    names = [p["organization"] for p in everyone(dataset)]
    assert len(names) == len(set(names))


def test_about_fifteen_percent_of_texts_are_chinese_or_mixed(dataset: DemoDataset) -> None:
    people = everyone(dataset)
    chinese = sum(any(CJK.search(p[f]) for f in ("offering", "seeking", "description")) for p in people)
    assert 0.1 <= chinese / len(people) <= 0.22


def test_contact_cards_look_like_people(dataset: DemoDataset) -> None:
    people = everyone(dataset)
    domains = {p["contact"]["email"].rsplit("@", 1)[1] for p in people}
    assert domains <= {"example.com", "example.cn", "example.org"}
    assert sum(bool(CJK.search(p["contact"]["name"])) for p in people) >= 300
    assert sum(not CJK.search(p["contact"]["name"]) for p in people) >= 1000
    assert all(p["contact"]["name"] and p["contact"]["title"] for p in people)
    websites = [p["contact"]["website"] for p in people if "website" in p["contact"]]
    assert all(re.fullmatch(r"https://[a-z0-9-]+\.example\.(com|cn|org)", w) for w in websites)


def test_preference_shares(dataset: DemoDataset) -> None:
    people = everyone(dataset)

    def share(key: str) -> float:
        return sum(key in p.get("preferences", {}) for p in people) / len(people)

    assert 0.06 <= share("personalizedRecommendations") <= 0.10
    assert 0.03 <= share("discoverable") <= 0.07
    assert 0.31 <= share("shareContactCard") <= 0.39
    assert 0.03 <= share("doNotTrack") <= 0.07


def test_minors_have_consent_and_everyone_else_is_an_adult(dataset: DemoDataset) -> None:
    minors: dict[str, list[str]] = {"ROLE_EXHIBITOR": [], "ROLE_PURCHASER": []}
    for profile in everyone(dataset):
        birth_text = profile["contact"].get("birthDate")
        if birth_text is None:
            assert "guardianConsent" not in profile
            continue
        birth = date.fromisoformat(birth_text)
        if age_on(birth, REFERENCE_DATE) < 14:
            assert profile.get("guardianConsent") is True, profile["id"]
            minors[profile["role"]].append(profile["id"])
        else:
            assert "guardianConsent" not in profile
            assert date(1955, 1, 1) <= birth <= date(2000, 12, 31)
    assert len(minors["ROLE_EXHIBITOR"]) >= 3
    assert len(minors["ROLE_PURCHASER"]) >= 3


def test_minor_without_consent_is_refused(tmp_path: Path) -> None:
    profile = minor_without_consent(random.Random(5))
    assert PROFILE_ID.match(profile["id"])
    assert "guardianConsent" not in profile
    assert age_on(date.fromisoformat(profile["contact"]["birthDate"]), REFERENCE_DATE) < 14
    assert profile == minor_without_consent(random.Random(5))
    message = json_format.ParseDict(profile, common_pb2.Profile(), ignore_unknown_fields=False)
    with pytest.raises(PolicyRefused):
        validate_profile(from_proto_profile(message).profile, make_settings(tmp_path), REFERENCE_DATE)


# -- identity numbers -----------------------------------------------------------------------------


def test_every_planted_identity_number_passes_its_checksum(dataset: DemoDataset) -> None:
    assert dataset.identifiers
    for planted in dataset.identifiers:
        assert planted.kind in ID_KINDS
        assert identity_valid(planted.kind, planted.variant, planted.value), planted


def test_planted_numbers_are_where_the_record_says(dataset: DemoDataset) -> None:
    by_id = {p["id"]: p for p in everyone(dataset)}
    for planted in dataset.identifiers:
        field_text = by_id[planted.profile_id]["contact"][planted.field]
        assert planted.text in field_text
        assert canonical(planted.text) == canonical(planted.value)


def test_every_structured_number_is_a_valid_synthetic_identity(dataset: DemoDataset) -> None:
    structured = {
        (p.profile_id, p.field): p for p in dataset.identifiers if p.field in ("idNumber", "passportNumber")
    }
    with_any = 0
    for profile in everyone(dataset):
        card = profile["contact"]
        with_any += "idNumber" in card or "passportNumber" in card
        for field in ("idNumber", "passportNumber"):
            if field in card:
                planted = structured[(profile["id"], field)]
                assert planted.value == card[field]
                assert identity_valid(planted.kind, planted.variant, card[field])
    assert with_any / len(everyone(dataset)) >= 0.8


def test_numbers_in_free_text_are_frequent_and_varied(dataset: DemoDataset) -> None:
    in_text = [p for p in dataset.identifiers if p.field in ("notes", "address")]
    cards = {p.profile_id for p in in_text}
    assert len(cards) / len(everyone(dataset)) >= 0.10
    assert {p.kind for p in in_text} == set(ID_KINDS)
    by_id = {p["id"]: p for p in everyone(dataset)}
    texts = [p.text for p in in_text]
    assert any(t != unicodedata.normalize("NFKC", t) for t in texts)  # full-width
    assert any(" " in t for t in texts if "\n" not in t)  # spaced groups
    assert any("-" in t for t in texts)  # hyphenated
    assert any("\n" in t for t in texts if not t.startswith("P<"))  # broken over lines
    assert any(t.startswith("P<") for t in texts)  # MRZ
    assert {p.field for p in in_text} == {"notes", "address"}

    def touches_cjk(planted: Any) -> bool:
        text = by_id[planted.profile_id]["contact"][planted.field]
        start = text.index(planted.text)
        return start > 0 and bool(CJK.match(text[start - 1]))

    assert sum(touches_cjk(p) for p in in_text) >= 20
    notes = " ".join(p["contact"].get("notes", "") for p in everyone(dataset))
    for context in ("身份证", "护照", "Passport No.", "MRZ"):
        assert context in notes


def test_numbers_that_must_survive_are_planted_and_are_not_identities(dataset: DemoDataset) -> None:
    by_id = {p["id"]: p for p in everyone(dataset)}
    kinds = Counter(k.kind for k in dataset.keep)
    assert {
        "mobile",
        "uscc",
        "order_number",
        "booth",
        "hs_code",
        "container",
        "bank_card",
        "card_number",
    } <= set(kinds)
    for kept in dataset.keep:
        assert kept.text in by_id[kept.profile_id]["contact"][kept.field]
        compact = re.sub(r"[\s+]", "", kept.text)
        if kept.kind == "uscc":
            assert uscc_valid(kept.text)
        if kept.kind == "mobile":
            assert re.fullmatch(r"(86)?1\d{10}", compact)
        if len(compact) == 18 and compact[:17].isdigit():
            assert not mod11_2_valid(compact), kept
    notes = " ".join(p["contact"].get("notes", "") for p in everyone(dataset))
    assert "统一社会信用代码" in notes


def test_synthetic_ids_cover_every_kind_and_validate() -> None:
    rng = random.Random(42)
    for _ in range(50):
        ids = synthetic_ids(rng)
        assert {i.kind for i in ids} == set(ID_KINDS)
        for synthetic in ids:
            assert isinstance(synthetic, SyntheticId)
            assert identity_valid(synthetic.kind, synthetic.variant, synthetic.value), synthetic


@pytest.mark.parametrize("seed", range(20))
def test_helpers_produce_valid_numbers(seed: int) -> None:
    rng = random.Random(seed)
    birth = date(1988, 2, 29)
    samples = [
        cn_resident_id(rng, birth, female=True),
        cn_resident_id_15(rng, date(1970, 1, 1)),
        residence_permit(rng, "HK"),
        residence_permit(rng, "MO"),
        residence_permit(rng, "TW"),
        foreign_permanent_residence(rng, "KR"),
        prc_passport(rng),
        hk_sar_passport(rng),
        macao_sar_passport(rng),
        travel_permit(rng, "HK"),
        travel_permit(rng, "MO"),
        travel_permit(rng, "TW"),
        hk_id(rng),
        tw_id(rng, resident=seed % 2 == 0),
        *(foreign_passport(rng, c) for c in ("US", "GB", "KR", "DE")),
        mrz_td3(
            rng, surname="O'Brien-Smith", given_names="Ana María", nationality="GB", birth=birth, female=True
        ),
    ]
    for synthetic in samples:
        assert identity_valid(synthetic.kind, synthetic.variant, synthetic.value), synthetic
    assert samples[0].value[6:14] == "19880229"
    assert int(samples[0].value[16]) % 2 == 0  # even order code: a woman
    code = uscc(rng)
    assert uscc_valid(code) and not (code.isdigit() and mod11_2_valid(code))
    assert re.fullmatch(r"1\d{10}", cn_mobile(rng))


def test_mrz_for_germany_uses_d_and_pads_to_44() -> None:
    mrz = mrz_td3(
        random.Random(1),
        surname="Müller",
        given_names="Jürgen",
        nationality="DE",
        birth=date(1975, 6, 1),
        female=False,
        passport_number="C01X00T47",
    )
    line1, line2 = mrz.value.split("\n")
    assert line1.startswith("P<D<<MULLER<<JURGEN<")
    assert line2.startswith("C01X00T47")
    assert mrz_valid(mrz.value)


# -- the hidden truth -----------------------------------------------------------------------------


def test_truth_covers_every_profile_with_taxonomy_topics(dataset: DemoDataset) -> None:
    known = set(topic_paths())
    taxonomy = taxonomy_paths()
    assert "Food, Beverages & Tobacco > Food Items > Meat, Seafood & Eggs > Seafood" in taxonomy
    for path in known:
        assert path in taxonomy or path.startswith("Services > ")
    for profile in everyone(dataset):
        topics = dataset.topics[profile["id"]]
        assert topics and topics <= known
        if profile["role"] == "ROLE_EXHIBITOR":
            assert 1 <= len(topics) <= 4
        for topic in topics:
            parent = topic.rsplit(" > ", 1)[0]
            if profile["role"] == "ROLE_EXHIBITOR":
                assert topic in profile["categories"] or parent in profile["categories"]


def test_generate_with_truth_matches_generate() -> None:
    exhibitors, purchasers, truth = generate_with_truth(seed=5, exhibitors=20, purchasers=60)
    assert (exhibitors, purchasers) == generate(seed=5, exhibitors=20, purchasers=60)
    assert set(truth) == {p["id"] for p in exhibitors + purchasers}


@pytest.mark.parametrize(
    ("needs", "offers", "expected"),
    [
        ({"A > B > C"}, {"A > B > C", "X > Y"}, 2),
        ({"A > B > C"}, {"A > B > D"}, 1),
        ({"A > B > C"}, {"A > E > C"}, 0),
        ({"A > B > C", "X > Y"}, {"X > Z"}, 1),
        (set(), {"A > B"}, 0),
    ],
)
def test_relevance(needs: set[str], offers: set[str], expected: int) -> None:
    assert relevance(needs, offers) == expected


def test_relevance_is_informative(dataset: DemoDataset) -> None:
    exhibitor_topics = [dataset.topics[e["id"]] for e in dataset.exhibitors]
    exact_shares = []
    for purchaser in dataset.purchasers[:400]:
        grades = [relevance(dataset.topics[purchaser["id"]], offers) for offers in exhibitor_topics]
        exact_shares.append(grades.count(2) / len(grades))
    assert sum(s > 0 for s in exact_shares) / len(exact_shares) >= 0.95
    assert max(exact_shares) < 0.25


def words(text: str) -> set[str]:
    common = {"distributors", "importers", "partners", "china", "southeast", "chinese", "online", "retail"}
    return set(re.findall(r"[a-z]{6,}", text.lower())) - common


def test_exhibitor_seeking_is_mostly_generic(dataset: DemoDataset) -> None:
    """Most exhibitors seek "distributors and importers in Southeast Asia", not their own products."""
    generic = sum(not (words(e["seeking"]) & words(e["offering"])) for e in dataset.exhibitors)
    assert generic / len(dataset.exhibitors) >= 0.6


def test_purchasers_word_needs_differently_from_exhibitors(dataset: DemoDataset) -> None:
    """A purchaser's seeking shares few words with the offering of exhibitors of the same topic."""
    by_topic: dict[str, list[set[str]]] = {}
    for exhibitor in dataset.exhibitors:
        for topic in dataset.topics[exhibitor["id"]]:
            by_topic.setdefault(topic, []).append(words(exhibitor["offering"]))
    close = 0
    for purchaser in dataset.purchasers:
        seeking = words(purchaser["seeking"])
        shared = [
            len(seeking & offer) for t in dataset.topics[purchaser["id"]] for offer in by_topic.get(t, [])
        ]
        close += max(shared, default=0) >= 3
    assert close / len(dataset.purchasers) < 0.15


# -- the committed fixtures -----------------------------------------------------------------------


def test_committed_fixtures_equal_a_fresh_generation() -> None:
    exhibitors, purchasers = generate()
    assert (FIXTURES / "exhibitors.jsonl").read_bytes() == to_jsonl(exhibitors).encode("utf-8")
    assert (FIXTURES / "purchasers.jsonl").read_bytes() == to_jsonl(purchasers).encode("utf-8")


def test_fixture_lines_are_utf8_json_objects() -> None:
    for name in ("exhibitors.jsonl", "purchasers.jsonl"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        assert text.endswith("\n") and "\r" not in text
        assert "\\u" not in text  # unescaped UTF-8
        for line in text.splitlines():
            assert isinstance(json.loads(line), dict)
