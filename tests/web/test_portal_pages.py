"""The portal page in a real browser, compared with real gRPC calls to the same server."""

from __future__ import annotations

import json
import math
import re
from functools import cache
from pathlib import Path

import grpc
import pytest
from playwright.sync_api import Page

from matchmaker.api._gen.matchmaker.v1 import (
    match_service_pb2,
    privacy_service_pb2,
    profile_service_pb2,
)
from tests.support import ADMIN_TOKEN, FIXTURES, ROOT, metadata
from tests.web.helpers import Stack, sign_in

pytestmark = pytest.mark.slow


@cache
def fixture_records(name: str) -> dict[str, dict[str, object]]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return {r["id"]: r for r in (json.loads(line) for line in lines if line.strip())}


def plain_purchasers() -> list[str]:
    """Demo purchasers with the default privacy choices, in id order: one per test that changes state."""
    return [i for i, r in fixture_records("purchasers.jsonl").items() if not r.get("preferences")]


def listed_ids(page: Page) -> list[str]:
    return [str(item.get_attribute("data-candidate")) for item in page.locator("#items > li").all()]


def recommend(stack: Stack, user: str, **fields: object) -> match_service_pb2.RecommendResponse:
    request = match_service_pb2.RecommendRequest(subject_id=user, limit=10, **fields)  # type: ignore[arg-type]
    return stack.matches.RecommendExhibitors(request, metadata=stack.as_user(user), timeout=30)


def test_the_list_shows_the_first_ten_exhibitors_that_recommend_exhibitors_returns(
    page: Page, stack: Stack
) -> None:
    user = plain_purchasers()[0]
    sign_in(page, stack, user)
    expected = recommend(stack, user)
    assert len(expected.items) == 10 and expected.personalized
    assert listed_ids(page) == [item.candidate_id for item in expected.items]
    first = page.locator("#items > li").first
    assert first.locator(".org").inner_text() == expected.items[0].organization
    assert first.get_attribute("data-rank") == "1"
    assert page.get_attribute("#mode", "data-personalized") == "true"
    assert "Personalized" in page.inner_text("#mode")
    # Paging through next_page_token: the second page goes on at rank 11, as the API's does.
    page.click("#next-page")
    page.wait_for_url(re.compile(r".*page=.*"))
    assert page.locator("#items > li").first.get_attribute("data-rank") == "11"
    second = recommend(stack, user, page_token=expected.next_page_token)
    assert listed_ids(page) == [item.candidate_id for item in second.items]


def test_why_this_shows_every_factor_with_contributions_summing_to_the_score(
    page: Page, stack: Stack
) -> None:
    user = plain_purchasers()[1]
    sign_in(page, stack, user)
    listed_score = float(page.locator("#items > li .score").first.get_attribute("data-score") or "nan")
    page.locator("#items > li").first.get_by_role("link", name=re.compile("Why this")).click()
    page.wait_for_selector("#why")
    decision_id, candidate_id = page.url.rstrip("/").split("/")[-2:]
    explained = stack.matches.ExplainRecommendation(
        match_service_pb2.ExplainRecommendationRequest(decision_id=decision_id, candidate_id=candidate_id),
        metadata=stack.as_user(user),
        timeout=30,
    )
    rows = page.locator("#factors tbody tr").all()
    names = [row.get_attribute("data-name") for row in rows]
    assert names == [f.name for f in explained.factors] + [a.name for a in explained.adjustments]
    assert len(explained.factors) >= 10  # every factor is shown, also those that contributed nothing
    contributions = [float(row.get_attribute("data-contribution") or "nan") for row in rows]
    score = float(page.get_attribute("#why", "data-score") or "nan")
    assert math.isclose(sum(contributions), score, abs_tol=1e-6)
    assert math.isclose(score, listed_score, abs_tol=1e-9)
    assert math.isclose(score, explained.score, abs_tol=1e-12)
    # One bar per row, sized by its contribution; the largest fills the track.
    widths = [float(row.locator("svg.bar rect").get_attribute("width") or "nan") for row in rows]
    largest = max(abs(c) for c in contributions)
    for width, contribution in zip(widths, contributions, strict=True):
        assert math.isclose(width, abs(contribution) / largest * 100, abs_tol=0.01)
    for factor, row in zip(explained.factors, rows, strict=False):
        for phrase in factor.evidence:
            assert phrase in row.inner_text()
    assert page.inner_text("#summary") == explained.summary
    assert page.locator("#controls li").count() == len(explained.controls) > 0
    assert page.locator("#data-used li").count() == max(1, len(explained.data_used))


def test_turning_personalization_off_shows_the_non_personalized_list(page: Page, stack: Stack) -> None:
    user, other = plain_purchasers()[2:4]
    sign_in(page, stack, user)
    assert page.get_attribute("#mode", "data-personalized") == "true"
    page.click("#personalization-switch")
    page.wait_for_selector("#mode[data-personalized=false]")
    assert "Not personalized" in page.inner_text("#mode")
    assert "Completeness" in (page.locator("#items > li .score .label").first.text_content() or "")
    # The same list the API serves the opted-out user, and any user asking without personalization.
    now = recommend(stack, user)
    assert not now.personalized
    assert listed_ids(page) == [item.candidate_id for item in now.items]
    anyone = recommend(stack, other, non_personalized=True)
    assert listed_ids(page) == [item.candidate_id for item in anyone.items]
    prefs = stack.privacy.GetPreferences(
        privacy_service_pb2.GetPreferencesRequest(profile_id=user), metadata=stack.as_user(user), timeout=30
    )
    assert prefs.personalized_recommendations is False
    page.click("#personalization-switch")
    page.wait_for_selector("#mode[data-personalized=true]")
    assert listed_ids(page) == [item.candidate_id for item in recommend(stack, user).items]


def test_contest_with_a_reason_shows_the_review_ticket(page: Page, stack: Stack) -> None:
    from matchmaker.storage.database import Database
    from matchmaker.storage.reviews import ReviewRepository

    user = plain_purchasers()[4]
    sign_in(page, stack, user)
    page.locator("#items > li").first.get_by_role("link", name=re.compile("Why this")).click()
    page.fill("#reason", "We do not buy canned fish <b>at all</b>")
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_selector("#ticket-id")
    ticket_id = page.inner_text("#ticket-id").strip()
    assert ticket_id and page.get_attribute("#ticket-status", "data-status") == "open"
    assert "a person will review it" in page.inner_text("#ticket-status")
    db = Database(stack.database_url)
    try:
        ticket = next(t for t in ReviewRepository(db).tickets(None) if t.id == ticket_id)
    finally:
        db.dispose()
    assert ticket.subject_id == user
    assert ticket.reason == "We do not buy canned fish <b>at all</b>"


def test_export_downloads_my_data_with_identity_numbers_masked(page: Page, stack: Stack) -> None:
    records = fixture_records("purchasers.jsonl")
    user = next(
        i
        for i in plain_purchasers()[5:]
        if all(records[i]["contact"].get(k) for k in ("idNumber", "passportNumber"))  # type: ignore[union-attr]
    )
    sign_in(page, stack, user)
    decision_id = page.inner_text("#decision-id")
    page.get_by_role("link", name="My data").click()
    with page.expect_download() as download_info:
        page.click("#export-button")
    download = download_info.value
    assert download.suggested_filename == "matchmaker-my-data.json"
    text = Path(download.path()).read_text(encoding="utf-8")
    document = json.loads(text)
    assert document["profile"]["id"] == user
    assert decision_id in [d["decisionId"] for d in document["decisions"]]
    card = fixture_records("purchasers.jsonl")[user]["contact"]
    assert isinstance(card, dict)
    for name in ("idNumber", "passportNumber"):
        number = str(card[name])
        assert number not in text
        assert document["contact"][name] == "*" * (len(number) - 4) + number[-4:]


def test_not_relevant_leaves_the_candidate_out_of_the_next_list(page: Page, stack: Stack) -> None:
    user = plain_purchasers()[6]
    sign_in(page, stack, user)
    first = listed_ids(page)[0]
    page.locator("#items > li").first.get_by_role("button", name=re.compile("Not relevant")).click()
    page.wait_for_selector("#flash")
    assert "not relevant" in page.inner_text("#flash")
    assert first not in listed_ids(page)
    assert listed_ids(page) == [item.candidate_id for item in recommend(stack, user).items]


def test_a_contact_card_shows_what_was_removed_never_the_value(page: Page, stack: Stack) -> None:
    exhibitors = fixture_records("exhibitors.jsonl")
    sharing = {i for i, r in exhibitors.items() if (r.get("preferences") or {}).get("shareContactCard")}  # type: ignore[union-attr]
    user, owner = next(
        (user, item.candidate_id)
        for user in plain_purchasers()[20:60]
        for item in recommend(stack, user).items
        if item.candidate_id in sharing
    )
    sign_in(page, stack, user)
    item = page.locator(f"#items > li[data-candidate='{owner}']")
    item.get_by_role("button", name=re.compile("Request contact card")).click()
    page.wait_for_selector("#contact-card")
    shown = page.inner_text("#contact-card")
    served = stack.privacy.GetContactCard(
        privacy_service_pb2.GetContactCardRequest(owner_id=owner), metadata=stack.as_user(user), timeout=30
    )
    assert served.name and served.name in shown
    for redaction in served.redactions:
        assert redaction.kind in page.inner_text("#redactions")
    card = exhibitors[owner]["contact"]
    assert isinstance(card, dict)
    content = page.content()
    for name in ("idNumber", "passportNumber"):
        if card.get(name):
            assert str(card[name]) not in content
    # A candidate that does not share: the service's refusal, as a readable message.
    page.goto(f"{stack.url}/u/{user}")
    refused = next(i for i in listed_ids(page) if i not in sharing)
    page.locator(f"#items > li[data-candidate='{refused}']").get_by_role(
        "button", name=re.compile("Request contact card")
    ).click()
    page.wait_for_selector("#problem")
    assert "FAILED_PRECONDITION" in page.inner_text("#problem")
    assert "Traceback" not in page.content()


def test_every_form_needs_this_sessions_csrf_token(page: Page, stack: Stack) -> None:
    user = plain_purchasers()[7]
    sign_in(page, stack, user)
    token = page.get_attribute("input[name=csrf]", "value")
    target = f"{stack.url}/u/{user}/preferences"
    refused = page.request.post(target, form={"personalized_recommendations": "off"}, max_redirects=0)
    assert refused.status == 403 and "expired" in refused.text()
    wrong = page.request.post(target, form={"csrf": "x" * 43, "personalized_recommendations": "off"})
    assert wrong.status == 403
    foreign = page.request.post(
        target,
        form={"csrf": token or "", "personalized_recommendations": "off"},
        headers={"origin": "http://evil.example"},
        max_redirects=0,
    )
    assert foreign.status == 403
    prefs = stack.privacy.GetPreferences(
        privacy_service_pb2.GetPreferencesRequest(profile_id=user), metadata=stack.as_user(user), timeout=30
    )
    assert prefs.personalized_recommendations is True  # nothing was changed
    allowed = page.request.post(
        target, form={"csrf": token or "", "personalized_recommendations": "on"}, max_redirects=0
    )
    assert allowed.status == 303


def test_pages_of_another_user_need_that_users_sign_in(page: Page, stack: Stack) -> None:
    page.goto(f"{stack.url}/u/{plain_purchasers()[8]}")
    assert page.url == stack.url + "/"
    assert "Sign in first" in page.inner_text("#flash")
    sign_in(page, stack, plain_purchasers()[8])
    page.goto(f"{stack.url}/u/{plain_purchasers()[9]}/data")
    assert page.url == stack.url + "/"


def test_api_errors_are_readable_messages(page: Page, stack: Stack) -> None:
    user = plain_purchasers()[10]
    sign_in(page, stack, user)
    response = page.goto(f"{stack.url}/u/{user}/why/no-such-decision/exh-0001")
    assert response is not None and response.status in (400, 404)
    assert page.locator("#problem").is_visible()
    assert "Traceback" not in page.content()
    page.goto(stack.url + "/")
    page.fill("#typed_id", "nobody-here")
    page.click("#sign-in button[type=submit]")
    assert "Not found" in page.inner_text("#problem-message")
    page.goto(stack.url + "/")
    page.fill("#typed_id", "<script>alert(1)</script>")
    page.click("#sign-in button[type=submit]")
    assert "1 to 64" in page.inner_text("#flash")


def test_a_correction_is_stored_and_shown_escaped(page: Page, stack: Stack) -> None:
    user = plain_purchasers()[11]
    sign_in(page, stack, user)
    page.get_by_role("link", name="My data").click()
    hostile = "Importers of <script>document.title='owned'</script> olive oil & wine"
    page.fill("#c-offering", hostile)
    page.get_by_role("button", name="Save").last.click()
    page.wait_for_selector("#flash")
    assert "corrected (version 2)" in page.inner_text("#flash")
    assert page.input_value("#c-offering") == hostile
    assert page.locator("script").count() == 0 and page.title() != "owned"
    stored = stack.profiles.GetProfile(
        profile_service_pb2.GetProfileRequest(profile_id=user), metadata=stack.as_user(user), timeout=30
    )
    assert stored.offering == hostile
    card = fixture_records("purchasers.jsonl")[user]["contact"]
    assert isinstance(card, dict)
    export = stack.privacy.ExportPersonalData(
        privacy_service_pb2.ExportPersonalDataRequest(profile_id=user),
        metadata=stack.as_user(user),
        timeout=30,
    )
    assert export.contact.name == card["name"] and export.contact.email == card.get("email", "")
    # A bad value: the field and its rule, the form kept.
    page.fill("#c-country", "XX")
    page.get_by_role("button", name="Save").last.click()
    page.wait_for_selector("#problem")
    assert "country" in page.inner_text("#problem")


def test_erasure_needs_confirmation_then_removes_the_profile(page: Page, stack: Stack) -> None:
    user = plain_purchasers()[12]
    sign_in(page, stack, user)
    page.goto(f"{stack.url}/u/{user}/erase")
    page.click("#erase-button")
    assert page.locator("#erase [role=alert]").is_visible()
    stack.profiles.GetProfile(
        profile_service_pb2.GetProfileRequest(profile_id=user), metadata=metadata(ADMIN_TOKEN), timeout=30
    )
    page.check("#erase-confirm")
    page.click("#erase-button")
    page.wait_for_selector("#erased")
    with pytest.raises(grpc.RpcError) as gone:
        stack.profiles.GetProfile(
            profile_service_pb2.GetProfileRequest(profile_id=user), metadata=metadata(ADMIN_TOKEN), timeout=30
        )
    assert gone.value.code() == grpc.StatusCode.NOT_FOUND
    page.goto(f"{stack.url}/u/{user}")
    assert page.url == stack.url + "/"  # the session ended with the erasure


def test_chinese_speakers_get_the_page_and_the_explanation_in_chinese(page: Page, stack: Stack) -> None:
    user = next(
        i
        for i in plain_purchasers()
        if fixture_records("purchasers.jsonl")[i].get("languages") == ["zh", "en"]
    )
    page.goto(stack.url + "/")
    page.fill("#typed_id", user)
    page.click("#sign-in button[type=submit]")
    page.wait_for_url(f"**/u/{user}")
    assert page.get_attribute("html", "lang") == "zh-CN"
    assert page.inner_text("h1") == "推荐展商"
    page.locator("#items > li").first.get_by_role("link", name=re.compile("为什么推荐")).click()
    page.wait_for_selector("#why")
    assert re.search(r"[\u4e00-\u9fff]", page.inner_text("#summary"))
    with page.expect_navigation():
        page.click("#switch-language")
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("h1") == "Why this recommendation?"


def test_an_exhibitor_sees_recommended_purchasers_filtered_by_country(page: Page, stack: Stack) -> None:
    user = "exh-0002"
    sign_in(page, stack, user)
    assert page.inner_text("h1") == "Recommended purchasers"
    page.click(".filters summary")
    page.fill("#f-country", "CN")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r".*country=CN.*"))
    expected = stack.matches.RecommendPurchasers(
        match_service_pb2.RecommendRequest(
            subject_id=user, limit=10, filter=match_service_pb2.RecommendFilter(countries=["CN"])
        ),
        metadata=stack.as_user(user),
        timeout=30,
    )
    assert listed_ids(page) == [item.candidate_id for item in expected.items] != []
    assert all(c.inner_text().startswith("CN") for c in page.locator("#items .meta").all())


def test_screenshots_of_the_list_and_the_why_panel(page: Page, stack: Stack, tmp_path: Path) -> None:
    """Pictures for the README (docs/portal-*.png), taken from the running page."""
    import os

    out = ROOT / "docs" if os.environ.get("MATCHMAKER_WRITE_SCREENSHOTS") else tmp_path
    records = fixture_records("purchasers.jsonl")
    user = next(i for i in plain_purchasers() if "zh" not in records[i].get("languages", []))  # type: ignore[operator]
    sign_in(page, stack, user)
    page.set_viewport_size({"width": 1100, "height": 900})
    page.screenshot(path=str(out / "portal-list.png"), full_page=False)
    page.locator("#items > li").first.get_by_role("link", name=re.compile("Why this")).click()
    page.wait_for_selector("#why")
    page.locator("#why").screenshot(path=str(out / "portal-why.png"))
    for name in ("portal-list.png", "portal-why.png"):
        assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_log_lines_name_routes_never_ids_or_cards(stack: Stack) -> None:
    """Runs last: every request above logged its route template, never a profile id or a card field."""
    web_lines = [line for line in stack.logs.lines if line.startswith(("matchmaker.web", "uvicorn"))]
    assert any("GET /u/{profile_id}" in line for line in web_lines)
    cards = [r["contact"] for r in fixture_records("purchasers.jsonl").values()][:200]
    for line in web_lines:
        assert not re.search(r"\b(pur-\d{5}|exh-\d{4})\b", line), line
        for card in cards:
            assert isinstance(card, dict)
            assert str(card.get("email", "@@")) not in line


def test_the_layout_fits_a_phone_and_works_from_the_keyboard(
    page: Page, stack: Stack, tmp_path: Path
) -> None:
    user = plain_purchasers()[13]
    sign_in(page, stack, user)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    fits = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    assert page.evaluate(fits)
    # Keyboard only: Tab from the top reaches "Why this?" of the first item; Enter opens it.
    page.keyboard.press("Tab")
    for _ in range(40):
        focused = page.evaluate("document.activeElement.textContent.trim()")
        if focused == "Why this?":
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached a 'Why this?' link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("#why")
    page.screenshot(path=str(tmp_path / "phone-why.png"), full_page=True)
    assert page.evaluate(fits)
    # Every form control has a label a screen reader can read.
    page.goto(f"{stack.url}/u/{user}/data")
    unlabelled = page.evaluate(
        """[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).length"""
    )
    assert unlabelled == 0
