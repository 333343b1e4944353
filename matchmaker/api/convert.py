"""Conversions between wire messages and domain objects: one ``to_proto_x``/``from_proto_x`` pair each."""

from __future__ import annotations

from datetime import datetime

from google.protobuf.timestamp_pb2 import Timestamp

from matchmaker.api._gen.matchmaker.v1 import (
    common_pb2,
    match_service_pb2,
    privacy_service_pb2,
    profile_service_pb2,
)
from matchmaker.domain import (
    BulkError,
    BulkResult,
    ContactCard,
    Disclosure,
    ErasureNotice,
    ErasureReceipt,
    Explanation,
    Factor,
    FeedbackAction,
    PersonalDataExport,
    Preferences,
    PreferencesPatch,
    Profile,
    RankingParameters,
    RecommendationPage,
    RecommendFilter,
    RecommendQuery,
    ReviewTicket,
    Role,
    ServedItem,
    SharedContactCard,
    UpsertResult,
)
from matchmaker.storage.repositories import ProfileWrite

_PREFERENCE_FIELDS = ("personalized_recommendations", "discoverable", "share_contact_card", "do_not_track")


def to_proto_timestamp(value: datetime | None) -> Timestamp | None:
    """A Timestamp for ``value`` (None stays None)."""
    if value is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(value)
    return stamp


def from_proto_role(value: int) -> Role:
    """The domain role; unknown numbers become UNSPECIFIED, which validation refuses."""
    try:
        return Role(value)
    except ValueError:
        return Role.UNSPECIFIED


def to_proto_contact_card(card: ContactCard) -> common_pb2.ContactCard:
    """The full card (for stored data returned to its owner, masked by the caller where required)."""
    return common_pb2.ContactCard(**{name: getattr(card, name) for name in ContactCard.text_field_names()})


def from_proto_contact_card(message: common_pb2.ContactCard) -> ContactCard:
    """The domain card."""
    return ContactCard(**{name: getattr(message, name) for name in ContactCard.text_field_names()})


def to_proto_preferences(preferences: Preferences) -> common_pb2.Preferences:
    """Every field set (resolved preferences)."""
    return common_pb2.Preferences(**{name: getattr(preferences, name) for name in _PREFERENCE_FIELDS})


def from_proto_preferences(message: common_pb2.Preferences) -> PreferencesPatch:
    """The fields present in the message; absent ones stay None."""
    return PreferencesPatch(
        personalized_recommendations=(
            message.personalized_recommendations if message.HasField("personalized_recommendations") else None
        ),
        discoverable=message.discoverable if message.HasField("discoverable") else None,
        share_contact_card=message.share_contact_card if message.HasField("share_contact_card") else None,
        do_not_track=message.do_not_track if message.HasField("do_not_track") else None,
    )


def to_proto_profile(profile: Profile) -> common_pb2.Profile:
    """The wire profile; ``contact`` is left unset when the card is empty."""
    message = common_pb2.Profile(
        id=profile.id,
        role=common_pb2.Role.ValueType(profile.role.value),
        organization=profile.organization,
        country=profile.country,
        categories=profile.categories,
        offering=profile.offering,
        seeking=profile.seeking,
        description=profile.description,
        target_markets=profile.target_markets,
        languages=profile.languages,
        hall=profile.hall,
        preferences=to_proto_preferences(profile.preferences),
        guardian_consent=profile.guardian_consent,
        meeting_capacity=profile.meeting_capacity,
        version=profile.version,
        created_at=to_proto_timestamp(profile.created_at),
        updated_at=to_proto_timestamp(profile.updated_at),
    )
    if not profile.contact.is_empty():
        message.contact.CopyFrom(to_proto_contact_card(profile.contact))
    return message


def from_proto_profile(message: common_pb2.Profile) -> ProfileWrite:
    """The profile to store and the preference fields the caller stated (output-only fields ignored)."""
    profile = Profile(
        id=message.id,
        role=from_proto_role(message.role),
        organization=message.organization,
        country=message.country,
        categories=tuple(message.categories),
        offering=message.offering,
        seeking=message.seeking,
        description=message.description,
        target_markets=tuple(message.target_markets),
        languages=tuple(message.languages),
        hall=message.hall,
        contact=from_proto_contact_card(message.contact),
        guardian_consent=message.guardian_consent,
        meeting_capacity=message.meeting_capacity,
    )
    return ProfileWrite(profile=profile, preferences=from_proto_preferences(message.preferences))


def to_proto_upsert_result(result: UpsertResult) -> profile_service_pb2.UpsertProfileResponse:
    """The UpsertProfile answer."""
    return profile_service_pb2.UpsertProfileResponse(
        profile_id=result.profile_id, version=result.version, created=result.created
    )


def to_proto_bulk_result(result: BulkResult) -> profile_service_pb2.BulkUpsertProfilesResponse:
    """The BulkUpsertProfiles answer."""
    return profile_service_pb2.BulkUpsertProfilesResponse(
        upserted=result.upserted,
        failed=result.failed,
        errors=[to_proto_bulk_error(e) for e in result.errors],
    )


def to_proto_bulk_error(error: BulkError) -> profile_service_pb2.BulkUpsertError:
    """One failed record of a bulk import."""
    return profile_service_pb2.BulkUpsertError(
        index=error.index, profile_id=error.profile_id, message=error.message
    )


def to_proto_erasure_receipt(receipt: ErasureReceipt) -> common_pb2.ErasureReceipt:
    """The answer to an erasure."""
    return common_pb2.ErasureReceipt(
        profile_id=receipt.profile_id,
        erased_at=to_proto_timestamp(receipt.erased_at),
        notified_recipients=receipt.notified_recipients,
    )


def from_proto_recommend_request(
    message: match_service_pb2.RecommendRequest, candidate_role: Role
) -> RecommendQuery:
    """The domain query; ``candidate_role`` says which RPC was called."""
    return RecommendQuery(
        subject_id=message.subject_id,
        candidate_role=candidate_role,
        limit=message.limit,
        page_token=message.page_token,
        filter=from_proto_recommend_filter(message.filter),
        non_personalized=message.non_personalized,
        include_contact_cards=message.include_contact_cards,
        exclude_ids=tuple(message.exclude_ids),
    )


def from_proto_recommend_filter(message: match_service_pb2.RecommendFilter) -> RecommendFilter:
    """The explicit filters."""
    return RecommendFilter(
        countries=tuple(message.countries),
        categories=tuple(message.categories),
        halls=tuple(message.halls),
        languages=tuple(message.languages),
    )


def to_proto_recommend_response(page: RecommendationPage) -> match_service_pb2.RecommendResponse:
    """One page of recommendations."""
    return match_service_pb2.RecommendResponse(
        decision_id=page.decision_id,
        personalized=page.personalized,
        model_version=page.model_version,
        items=[to_proto_recommended_item(served) for served in page.items],
        next_page_token=page.next_page_token,
    )


def to_proto_recommended_item(served: ServedItem) -> match_service_pb2.RecommendedItem:
    """One recommended candidate, with its filtered contact card when one was attached."""
    item, view = served.item, served.view
    message = match_service_pb2.RecommendedItem(
        candidate_id=item.candidate_id,
        organization=view.organization,
        country=view.country,
        categories=view.categories,
        hall=view.hall,
        rank=item.rank,
        score=item.score,
        headline=item.headline,
    )
    if served.card is not None:
        message.contact_card.CopyFrom(to_proto_shared_contact_card(served.card))
    return message


def to_proto_shared_contact_card(card: SharedContactCard) -> common_pb2.SharedContactCard:
    """The filtered card on the wire (it has no identity-number fields to fill)."""
    return common_pb2.SharedContactCard(
        owner_id=card.owner_id,
        organization=card.organization,
        name=card.name,
        title=card.title,
        email=card.email,
        phone=card.phone,
        mobile=card.mobile,
        wechat=card.wechat,
        website=card.website,
        address=card.address,
        notes=card.notes,
        redactions=[common_pb2.Redaction(field=r.field, kind=r.kind) for r in card.redactions],
    )


def to_proto_disclosure(disclosure: Disclosure) -> privacy_service_pb2.Disclosure:
    """One ledger entry."""
    return privacy_service_pb2.Disclosure(
        owner_id=disclosure.owner_id,
        recipient_id=disclosure.recipient_id,
        disclosed_at=to_proto_timestamp(disclosure.disclosed_at),
        fields=disclosure.fields,
        decision_id=disclosure.decision_id,
    )


def from_proto_feedback_action(value: int) -> FeedbackAction:
    """The domain action; unknown numbers become UNSPECIFIED, which validation refuses."""
    try:
        return FeedbackAction(value)
    except ValueError:
        return FeedbackAction.UNSPECIFIED


def to_proto_factor(factor: Factor) -> match_service_pb2.Factor:
    """One named score term."""
    return match_service_pb2.Factor(
        name=factor.name,
        direction=factor.direction.value,
        weight=factor.weight,
        similarity=factor.similarity,
        contribution=factor.contribution,
        evidence=factor.evidence,
    )


def to_proto_explanation(explanation: Explanation) -> match_service_pb2.Explanation:
    """The stored explanation of one recommended candidate."""
    decision, item = explanation.decision, explanation.item
    return match_service_pb2.Explanation(
        decision_id=decision.id,
        subject_id=decision.subject_id,
        candidate_id=item.candidate_id,
        rank=item.rank,
        score=item.score,
        personalized=decision.personalized,
        model_version=decision.model_version,
        decided_at=to_proto_timestamp(decision.decided_at),
        factors=[
            _labelled(to_proto_factor(f), label)
            for f, label in zip(
                item.factors, explanation.factor_labels or [""] * len(item.factors), strict=True
            )
        ],
        adjustments=[
            match_service_pb2.Adjustment(name=a.name, contribution=a.contribution, label=label)
            for a, label in zip(
                item.adjustments, explanation.adjustment_labels or [""] * len(item.adjustments), strict=True
            )
        ],
        data_used=decision.data_used,
        filters_applied=explanation.filters_applied,
        summary=explanation.summary,
        controls=explanation.controls,
        weights_version=decision.weights_version,
    )


def _labelled(factor: match_service_pb2.Factor, label: str) -> match_service_pb2.Factor:
    factor.label = label
    return factor


def to_proto_ranking_parameters(parameters: RankingParameters) -> match_service_pb2.RankingParameters:
    """The published ranking parameters."""
    return match_service_pb2.RankingParameters(
        summary=parameters.summary,
        factors=[
            match_service_pb2.RankingFactor(name=f.name, weight=f.weight, description=f.description)
            for f in parameters.factors
        ],
        rules=parameters.rules,
        non_personalized_rule=parameters.non_personalized_rule,
        model_name=parameters.model_name,
        model_version=parameters.model_version,
        weights_version=parameters.weights_version,
    )


def to_proto_contest_response(ticket: ReviewTicket) -> match_service_pb2.ContestDecisionResponse:
    """The answer to a contested decision."""
    return match_service_pb2.ContestDecisionResponse(
        ticket_id=ticket.id, status=match_service_pb2.ReviewStatus.ValueType(ticket.status.value)
    )


def to_proto_personal_data_export(export: PersonalDataExport) -> privacy_service_pb2.PersonalDataExport:
    """Everything stored about one user, as the service stores it (identity numbers masked)."""
    return privacy_service_pb2.PersonalDataExport(
        profile=to_proto_profile(export.profile),
        preferences=to_proto_preferences(export.profile.preferences),
        contact=to_proto_contact_card(export.contact),
        decisions=[
            privacy_service_pb2.DecisionSummary(
                decision_id=d.decision_id,
                decided_at=to_proto_timestamp(d.decided_at),
                personalized=d.personalized,
                candidate_ids=d.candidate_ids,
            )
            for d in export.decisions
        ],
        feedback=[
            privacy_service_pb2.FeedbackRecord(
                decision_id=f.decision_id,
                candidate_id=f.candidate_id,
                action=common_pb2.FeedbackAction.ValueType(f.action.value),
                recorded_at=to_proto_timestamp(f.recorded_at),
            )
            for f in export.feedback
        ],
        disclosures_out=[to_proto_disclosure(d) for d in export.disclosures_out],
        disclosures_in=[to_proto_disclosure(d) for d in export.disclosures_in],
    )


def to_proto_erasure_notice(notice: ErasureNotice) -> privacy_service_pb2.ErasureNotice:
    """One erasure notice."""
    return privacy_service_pb2.ErasureNotice(
        owner_id=notice.owner_id, erased_at=to_proto_timestamp(notice.erased_at)
    )
