"""When a contact card may leave the service (PIPL Art. 23: separate consent, matched parties only)."""

from __future__ import annotations

from datetime import date

from matchmaker.config import Settings
from matchmaker.domain import Profile
from matchmaker.validation import is_unconsented_minor


def card_refusal(owner: Profile, matched: bool, settings: Settings, today: date) -> str | None:
    """Why ``owner``'s card may not go to a viewer (None when it may). Reasons name no personal data."""
    if not owner.preferences.share_contact_card:
        return "the owner has not agreed to share their contact card"
    if not owner.preferences.discoverable:
        return "the owner does not take part in matchmaking"
    if is_unconsented_minor(owner, settings, today):
        return "the owner's contact card needs a guardian's consent"
    if not matched:
        return "contact cards are shared only between parties that were matched with each other"
    return None


def may_attach_card(owner: Profile, settings: Settings, today: date) -> bool:
    """Whether a recommended candidate's card may go with the recommendation (the match is this one)."""
    return card_refusal(owner, True, settings, today) is None
