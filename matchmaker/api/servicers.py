"""gRPC servicers: convert the request, call the engine in a worker thread, convert the answer."""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import Executor
from datetime import UTC, datetime
from typing import Any, TypeAlias, TypeVar

import grpc

from matchmaker.api import convert
from matchmaker.api._gen.matchmaker.v1 import (
    common_pb2,
    match_service_pb2,
    match_service_pb2_grpc,
    privacy_service_pb2,
    privacy_service_pb2_grpc,
    profile_service_pb2,
    profile_service_pb2_grpc,
)
from matchmaker.api.interceptors import current_caller
from matchmaker.domain import AuditAction, BulkError, BulkResult, Caller, Role
from matchmaker.engine import MatchEngine
from matchmaker.storage.audit import AuditRepository
from matchmaker.storage.repositories import ProfileWrite

T = TypeVar("T")
Context: TypeAlias = grpc.aio.ServicerContext[Any, Any]

BULK_BATCH = 256


class _EngineCalls:
    """Runs engine use cases on the worker pool, so the event loop never waits on a database."""

    def __init__(self, engine: MatchEngine, executor: Executor, audit: AuditRepository | None = None) -> None:
        self.engine = engine
        self._executor = executor
        self._audit = audit

    async def call(self, context: Context, fn: Callable[..., T], *args: Any) -> T:
        remaining = context.time_remaining()
        if remaining is not None and remaining <= 0:
            await context.abort(grpc.StatusCode.DEADLINE_EXCEEDED, "the deadline passed before work began")
        loop = asyncio.get_running_loop()
        # In a copy of the call's context, so the worker's log lines carry the call's request id.
        context_copy = contextvars.copy_context()
        return await loop.run_in_executor(self._executor, context_copy.run, functools.partial(fn, *args))

    async def audit(
        self,
        context: Context,
        caller: Caller,
        action: AuditAction,
        ids: Sequence[str],
        detail: dict[str, int | str] | None = None,
    ) -> None:
        """Append an admin action to the audit log (who: the token's client name)."""
        if self._audit is None:
            return
        unique = list(dict.fromkeys(ids))
        await self.call(context, self._audit.append, caller.client, action, unique, datetime.now(UTC), detail)


class ProfileServicer(profile_service_pb2_grpc.ProfileServiceServicer):
    """ProfileService: upsert (one or a stream), get, delete."""

    def __init__(self, calls: _EngineCalls) -> None:
        self._calls = calls

    async def UpsertProfile(
        self, request: profile_service_pb2.UpsertProfileRequest, context: Context
    ) -> profile_service_pb2.UpsertProfileResponse:
        """Validate, store and index one profile."""
        write = convert.from_proto_profile(request.profile)
        result = await self._calls.call(
            context, self._calls.engine.upsert_profile, current_caller.get(), write
        )
        return convert.to_proto_upsert_result(result)

    async def BulkUpsertProfiles(
        self, request_iterator: AsyncIterator[profile_service_pb2.UpsertProfileRequest], context: Context
    ) -> profile_service_pb2.BulkUpsertProfilesResponse:
        """Store a stream of profiles in batches; each bad record fails alone."""
        upserted, errors = 0, list[BulkError]()
        batch: list[tuple[int, ProfileWrite]] = []
        stored_ids: list[str] = []
        index = 0

        async def flush() -> int:
            stored, failed = await self._calls.call(context, self._calls.engine.upsert_batch, batch)
            errors.extend(failed)
            refused = {e.index for e in failed}
            stored_ids.extend(w.profile.id for i, w in batch if i not in refused)
            return stored

        async for request in request_iterator:
            batch.append((index, convert.from_proto_profile(request.profile)))
            index += 1
            if len(batch) >= BULK_BATCH:
                upserted += await flush()
                batch = []
        if batch:
            upserted += await flush()
        await self._calls.audit(
            context,
            current_caller.get(),
            AuditAction.BULK_IMPORT,
            stored_ids,
            {"upserted": upserted, "failed": len(errors)},
        )
        return convert.to_proto_bulk_result(BulkResult(upserted, len(errors), tuple(errors)))

    async def GetProfile(
        self, request: profile_service_pb2.GetProfileRequest, context: Context
    ) -> common_pb2.Profile:
        """The profile without its contact card."""
        profile = await self._calls.call(
            context, self._calls.engine.get_profile, current_caller.get(), request.profile_id
        )
        return convert.to_proto_profile(profile)

    async def DeleteProfile(
        self, request: profile_service_pb2.DeleteProfileRequest, context: Context
    ) -> common_pb2.ErasureReceipt:
        """Erase a profile (admin)."""
        caller = current_caller.get()
        receipt = await self._calls.call(
            context, self._calls.engine.delete_profile, caller, request.profile_id
        )
        await self._calls.audit(
            context,
            caller,
            AuditAction.DELETION,
            [receipt.tombstone],
            {"notified_recipients": len(receipt.notified_recipients)},
        )
        return convert.to_proto_erasure_receipt(receipt)


class MatchServicer(match_service_pb2_grpc.MatchServiceServicer):
    """MatchService: recommendations both ways and feedback (explanations land with their issue)."""

    def __init__(self, calls: _EngineCalls) -> None:
        self._calls = calls

    async def RecommendExhibitors(
        self, request: match_service_pb2.RecommendRequest, context: Context
    ) -> match_service_pb2.RecommendResponse:
        """Exhibitors for a purchaser."""
        query = convert.from_proto_recommend_request(request, Role.EXHIBITOR)
        page = await self._calls.call(context, self._calls.engine.recommend, current_caller.get(), query)
        return convert.to_proto_recommend_response(page)

    async def RecommendPurchasers(
        self, request: match_service_pb2.RecommendRequest, context: Context
    ) -> match_service_pb2.RecommendResponse:
        """Purchasers for an exhibitor."""
        query = convert.from_proto_recommend_request(request, Role.PURCHASER)
        page = await self._calls.call(context, self._calls.engine.recommend, current_caller.get(), query)
        return convert.to_proto_recommend_response(page)

    async def ExplainRecommendation(
        self, request: match_service_pb2.ExplainRecommendationRequest, context: Context
    ) -> match_service_pb2.Explanation:
        """The explanation recorded with the decision."""
        explanation = await self._calls.call(
            context,
            self._calls.engine.explain,
            current_caller.get(),
            request.decision_id,
            request.candidate_id,
        )
        return convert.to_proto_explanation(explanation)

    async def ContestDecision(
        self, request: match_service_pb2.ContestDecisionRequest, context: Context
    ) -> match_service_pb2.ContestDecisionResponse:
        """Open a review ticket for a recommendation."""
        ticket = await self._calls.call(
            context,
            self._calls.engine.contest,
            current_caller.get(),
            request.decision_id,
            request.candidate_id,
            request.reason,
        )
        return convert.to_proto_contest_response(ticket)

    async def GetRankingParameters(
        self, request: match_service_pb2.GetRankingParametersRequest, context: Context
    ) -> match_service_pb2.RankingParameters:
        """The live ranking's main parameters."""
        parameters = await self._calls.call(context, self._calls.engine.ranking_parameters)
        return convert.to_proto_ranking_parameters(parameters)

    async def RecordFeedback(
        self, request: match_service_pb2.RecordFeedbackRequest, context: Context
    ) -> match_service_pb2.RecordFeedbackResponse:
        """Store what the user did with a recommended candidate."""
        recorded = await self._calls.call(
            context,
            self._calls.engine.record_feedback,
            current_caller.get(),
            request.decision_id,
            request.candidate_id,
            convert.from_proto_feedback_action(request.action),
        )
        return match_service_pb2.RecordFeedbackResponse(recorded=recorded)


class PrivacyServicer(privacy_service_pb2_grpc.PrivacyServiceServicer):
    """PrivacyService: preferences, consented contact cards and the disclosure ledger."""

    def __init__(self, calls: _EngineCalls) -> None:
        self._calls = calls

    async def GetPreferences(
        self, request: privacy_service_pb2.GetPreferencesRequest, context: Context
    ) -> common_pb2.Preferences:
        """The user's privacy choices."""
        prefs = await self._calls.call(
            context, self._calls.engine.get_preferences, current_caller.get(), request.profile_id
        )
        return convert.to_proto_preferences(prefs)

    async def UpdatePreferences(
        self, request: privacy_service_pb2.UpdatePreferencesRequest, context: Context
    ) -> common_pb2.Preferences:
        """Merge the fields present; they apply from the very next call."""
        prefs = await self._calls.call(
            context,
            self._calls.engine.update_preferences,
            current_caller.get(),
            request.profile_id,
            convert.from_proto_preferences(request.preferences),
        )
        return convert.to_proto_preferences(prefs)

    async def GetContactCard(
        self, request: privacy_service_pb2.GetContactCardRequest, context: Context
    ) -> common_pb2.SharedContactCard:
        """The owner's filtered card, for the acting user."""
        card = await self._calls.call(
            context, self._calls.engine.get_contact_card, current_caller.get(), request.owner_id
        )
        return convert.to_proto_shared_contact_card(card)

    async def ExportPersonalData(
        self, request: privacy_service_pb2.ExportPersonalDataRequest, context: Context
    ) -> privacy_service_pb2.PersonalDataExport:
        """A copy of everything stored about the user."""
        caller = current_caller.get()
        export = await self._calls.call(context, self._calls.engine.export, caller, request.profile_id)
        await self._calls.audit(context, caller, AuditAction.EXPORT, [request.profile_id])
        return convert.to_proto_personal_data_export(export)

    async def ErasePersonalData(
        self, request: privacy_service_pb2.ErasePersonalDataRequest, context: Context
    ) -> common_pb2.ErasureReceipt:
        """Erase the user and notify the recipients of their card."""
        caller = current_caller.get()
        receipt = await self._calls.call(context, self._calls.engine.erase, caller, request.profile_id)
        await self._calls.audit(
            context,
            caller,
            AuditAction.ERASURE,
            [receipt.tombstone],
            {"notified_recipients": len(receipt.notified_recipients)},
        )
        return convert.to_proto_erasure_receipt(receipt)

    async def ListErasureNotices(
        self, request: privacy_service_pb2.ListErasureNoticesRequest, context: Context
    ) -> privacy_service_pb2.ListErasureNoticesResponse:
        """Erasure notices for a recipient of others' cards."""
        notices = await self._calls.call(
            context, self._calls.engine.erasure_notices, current_caller.get(), request.recipient_id
        )
        return privacy_service_pb2.ListErasureNoticesResponse(
            notices=[convert.to_proto_erasure_notice(n) for n in notices]
        )

    async def ListDisclosures(
        self, request: privacy_service_pb2.ListDisclosuresRequest, context: Context
    ) -> privacy_service_pb2.ListDisclosuresResponse:
        """Who received the user's card."""
        disclosures = await self._calls.call(
            context, self._calls.engine.list_disclosures, current_caller.get(), request.profile_id
        )
        return privacy_service_pb2.ListDisclosuresResponse(
            disclosures=[convert.to_proto_disclosure(d) for d in disclosures]
        )


def make_calls(engine: MatchEngine, executor: Executor, audit: AuditRepository | None = None) -> _EngineCalls:
    """The shared engine runner for the servicers (admin actions go to ``audit`` when given)."""
    return _EngineCalls(engine, executor, audit)
