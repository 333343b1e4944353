"""The ``matchmaker`` command: serve and local maintenance, and one client command per RPC people try."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from matchmaker.config import Settings
from matchmaker.logcontext import RequestIdFilter

if TYPE_CHECKING:
    import grpc
    from google.protobuf.message import Message

    from matchmaker.storage.database import Database
    from matchmaker.storage.reviews import ReviewRepository

DEFAULT_FIXTURES = Path(__file__).resolve().parent.parent / "data" / "fixtures"


class _KeyValueFormatter(logging.Formatter):
    """Appends the references passed as ``extra`` (never personal data) as key=value pairs."""

    _KEYS = ("ref", "version", "decision_id", "count", "request_id")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        pairs = [f"{k}={getattr(record, k)}" for k in self._KEYS if hasattr(record, k)]
        return f"{text} {' '.join(pairs)}" if pairs else text


def _configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_KeyValueFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RequestIdFilter())  # every line written while serving a call names its request
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # Libraries that would log statements with their parameters stay at WARNING whatever our level.
    for noisy in (
        "sqlalchemy",
        "alembic",
        "urllib3",
        "httpx",
        "filelock",
        "jieba",
        "faiss",
        "sentence_transformers",
    ):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            (f"MATCHMAKER_{'.'.join(map(str, e['loc'])).upper()}: {e['msg']}" if e["loc"] else e["msg"])
            for e in exc.errors()
        )
        raise SystemExit(f"matchmaker: bad setting: {problems}") from None


def _import_with_progress(path: Path, settings: Settings) -> int:
    from tqdm import tqdm

    from matchmaker.importer import count_lines, import_file
    from matchmaker.runtime import open_runtime

    runtime = open_runtime(settings)
    try:
        with tqdm(total=count_lines(path), unit="profile", desc=path.name, file=sys.stderr) as bar:
            summary = import_file(runtime.engine, path, bar.update)
        _audit_local(
            runtime.db,
            "bulk_import",
            summary.ids,
            {"file": path.name, "imported": summary.imported, "failed": summary.failed},
        )
    finally:
        runtime.close()
    logging.getLogger(__name__).info(
        "import finished: %d imported, %d failed", summary.imported, summary.failed
    )
    print(f"{path}: imported {summary.imported}, failed {summary.failed}")
    for line, message in summary.failures:
        print(f"  line {line}: {message}")
    return 0 if not summary.failures else 1


def _local_client() -> str:
    """Who a local command acts as in the audit log: ``local:<account>`` (no token is involved)."""
    import getpass

    try:
        return f"local:{getpass.getuser()}"
    except (OSError, KeyError):
        return "local"


def _audit_local(db: Database, action: str, ids: list[str], detail: dict[str, int | str]) -> None:
    """Append a local admin command to the audit log."""
    from matchmaker.domain import AuditAction
    from matchmaker.engine import utc_now
    from matchmaker.storage.audit import AuditRepository

    AuditRepository(db).append(_local_client(), AuditAction(action), ids, utc_now(), detail)


def cmd_import(args: argparse.Namespace) -> int:
    """Load JSONL profiles."""
    settings = _settings()
    _configure_logging(settings.log_level)
    path: Path = args.file
    if not path.is_file():
        raise SystemExit(f"matchmaker import: no such file: {path}")
    return _import_with_progress(path, settings)


def cmd_db_upgrade(_args: argparse.Namespace) -> int:
    """Apply migrations."""
    from matchmaker.storage import migrate
    from matchmaker.storage.database import Database

    settings = _settings()
    _configure_logging(settings.log_level)
    db = Database(settings.database_url)
    try:
        migrate.upgrade(db)
        print(f"database at revision {migrate.current_revision(db)}")
    finally:
        db.dispose()
    return 0


def one_native_thread() -> None:
    """One BLAS and OpenMP thread per calling thread, in every library that the server loads.

    Calls already run on a pool of workers and more cores are used by more processes
    (MATCHMAKER_PROCESSES); a BLAS thread beside them only contends: OpenBLAS's worker spins while
    it waits for the next product, and measured in process it burnt as much CPU as the ranking
    itself (60 against 31 ms of CPU per recommendation). ``threadpool_limits`` changes only the
    libraries already loaded, so numpy's OpenBLAS and FAISS's are loaded first.
    """
    import numpy  # noqa: F401 - loads numpy's OpenBLAS, so that the limit reaches it
    from threadpoolctl import threadpool_limits

    import matchmaker.index.faiss_index  # noqa: F401 - loads FAISS's OpenBLAS and OpenMP

    threadpool_limits(1)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve until SIGTERM."""
    import gc

    from matchmaker.api.auth import load_tokens
    from matchmaker.api.server import serve_until_signalled
    from matchmaker.runtime import Runtime, open_runtime

    settings = _settings()
    _configure_logging(settings.log_level)
    one_native_thread()
    tokens, demo = load_tokens(settings.tokens_file, settings.data_dir)
    if args.web and not getattr(args, "worker", False):
        _start_web(args.web, settings.listen)
    several = settings.processes > 1 and not args.worker
    # The catalogs are built once the port is open (health NOT_SERVING meanwhile), except for the
    # supervisor of several processes and before a demo import, which need them here.
    opened = open_runtime(settings, start=False)
    runtime: Runtime | None = opened
    started = False
    if several and not (args.demo and opened.profiles.count() == 0):
        # The serving processes build (or load) their own catalogs; this one only supervises.
        opened.close()
        runtime = None
    else:
        if several or (args.demo and opened.profiles.count() == 0):
            opened.engine.start()
            started = True
        # Load the model before the ready line, so the first write does not pay for it (nor does a
        # call in flight at SIGTERM). Embeds outside the cache: nothing is stored.
        opened.embedder.embedder.embed(["warm up"])
    if runtime is not None and args.demo and runtime.profiles.count() == 0:
        from tqdm import tqdm

        from matchmaker.importer import count_lines, import_file

        files = sorted(Path(args.fixtures).glob("*.jsonl"))
        if not files:
            raise SystemExit(f"matchmaker serve --demo: no *.jsonl fixtures in {args.fixtures}")
        print("importing the demo data (the first start embeds every text; later starts use the cache)")
        for path in files:
            with tqdm(total=count_lines(path), unit="profile", desc=path.name, file=sys.stderr) as bar:
                summary = import_file(runtime.engine, path, bar.update)
            _audit_local(
                runtime.db,
                "bulk_import",
                summary.ids,
                {"file": path.name, "imported": summary.imported, "failed": summary.failed},
            )
            print(f"demo data: {path.name}: imported {summary.imported}, failed {summary.failed}", flush=True)
        runtime.engine.save_index()
    if demo and not args.worker:
        print("demo tokens (set MATCHMAKER_TOKENS_FILE for real ones):", flush=True)
        for token in tokens.tokens:
            print(f"  {token.role.value:6} {token.client:12} {token.token}", flush=True)
        admin = next(t for t in tokens.tokens if t.role.value == "admin")
        sample = _sample_profile_id(Path(args.fixtures)) if args.demo else None
        if sample is not None:
            print(
                "sample call (in another terminal): .venv/bin/matchmaker get-profile "
                f"{sample} --address {settings.listen} --token {admin.token}",
                flush=True,
            )
    if several:
        from matchmaker.processes import serve_processes

        if runtime is not None:  # it imported the demo: the serving processes load its indexes
            runtime.close()
        return serve_processes(settings)
    assert runtime is not None
    serving = runtime

    def prepare() -> None:
        if not started:
            serving.engine.start()
        # A replica: what other processes write reaches this one's catalogs within a poll interval.
        serving.follow()
        # The catalogs, the model and the caches built at start live as long as the process: moved
        # out of the collector's generations, they are no longer traversed by every full
        # collection that the garbage of each ranking (its 1,000 factors) triggers.
        gc.freeze()

    asyncio.run(serve_until_signalled(settings, runtime, tokens, prepare=prepare))
    return 0


def _start_web(listen: str, target: str) -> None:
    """Start ``matchmaker web`` beside the server (``make serve``); it stops when this process exits.

    Started once the tokens are loaded, so the page finds the demo portal token the server uses.
    """
    import atexit
    import subprocess

    if target.rpartition(":")[2] == "0":
        raise SystemExit("matchmaker serve --web: the page needs a fixed port in MATCHMAKER_LISTEN")
    child = subprocess.Popen(  # noqa: S603 - this interpreter and our own arguments
        [sys.executable, "-m", "matchmaker.cli", "web", "--listen", listen, "--target", target]
    )

    def stop() -> None:
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()

    atexit.register(stop)


def cmd_web(args: argparse.Namespace) -> int:
    """Serve the reference portal page, calling the gRPC API as a portal backend does."""
    import os

    from matchmaker.api.auth import load_tokens
    from matchmaker.web.app import create_app
    from matchmaker.web.server import serve

    settings = _settings()
    _configure_logging(settings.log_level)
    token = os.environ.get("MATCHMAKER_PORTAL_TOKEN", "").strip()
    if not token:
        tokens, _ = load_tokens(settings.tokens_file, settings.data_dir)
        token = next((t.token for t in tokens.tokens if t.role.value == "portal" and t.token), "")
    if not token:
        raise SystemExit("matchmaker web: no portal token; set MATCHMAKER_PORTAL_TOKEN")
    fixtures = args.fixtures if args.fixtures.is_dir() else None
    app = create_app(args.target or settings.listen, token, fixtures)
    try:
        asyncio.run(serve(app, args.listen))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"matchmaker web: cannot listen on {args.listen}: {exc}") from None
    return 0


BENCH_SECTIONS = ("embedding", "index", "e2e", "filter")


def cmd_bench(args: argparse.Namespace) -> int:
    """Run the benchmarks and write DIR/report.md, DIR/report.json and the plots."""
    import importlib

    from matchmaker.bench.report import Section, write_report

    names = [n.strip() for n in args.sections.split(",") if n.strip()]
    unknown = sorted(set(names) - set(BENCH_SECTIONS))
    if unknown:
        raise SystemExit(f"matchmaker bench: unknown section(s) {', '.join(unknown)}; choose from "
                         f"{', '.join(BENCH_SECTIONS)}")
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    sections: list[Section] = []
    command = " ".join(["matchmaker bench", "--out", str(out), "--sections", ",".join(names)]
                       + (["--quick"] if args.quick else []))
    for name in names:
        print(f"bench: {name}", flush=True)
        module = importlib.import_module(f"matchmaker.bench.{name}_bench")
        sections.append(module.run(out, args.quick))
        # Written after every section, so a long run that is stopped keeps what it measured.
        write_report(out, sections, command)
    print(f"wrote {out / 'report.md'} and {out / 'report.json'}")
    return 0


def _sample_profile_id(fixtures: Path) -> str | None:
    for path in sorted(fixtures.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            first = handle.readline()
        if first.strip():
            return str(json.loads(first).get("id")) or None
    return None


#: Where the demo tokens are shown, for a call whose token the server does not know.
TOKENS_HINT = (
    "the demo tokens are in var/demo-tokens.json (MATCHMAKER_DATA_DIR) and printed when "
    "`make serve` / `matchmaker serve` starts; MATCHMAKER_TOKENS_FILE names real ones"
)


def _error_text(address: str, code_name: str, details: str, violations: list[tuple[str, str]]) -> str:
    """What a person can act on: the status, every field violation with its rule, and the fix."""
    lines = [f"{code_name}: {details}"]
    lines += [f"  {field}: {rule}" for field, rule in violations]
    if code_name == "UNAVAILABLE":
        lines.append(
            f"  no server answered at {address}; start one with `make serve` "
            "(or `matchmaker serve`), or pass --address HOST:PORT"
        )
    elif code_name == "UNAUTHENTICATED":
        lines.append(f"  the server does not know this token: {TOKENS_HINT}")
    elif code_name == "PERMISSION_DENIED" and "acting user" in details:
        lines.append("  pass --user PROFILE_ID: the user on whose behalf a portal token calls")
    return "\n".join(lines)


def _violations(exc: object) -> list[tuple[str, str]]:
    """The ``google.rpc.BadRequest`` field violations carried by a failed call, if any."""
    from google.rpc import error_details_pb2  # type: ignore[import-untyped]
    from grpc_status import rpc_status

    status = rpc_status.from_call(exc)
    found: list[tuple[str, str]] = []
    for detail in status.details if status is not None else ():
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            found += [(v.field, v.description) for v in bad.field_violations]
    return found


def _channel(args: argparse.Namespace) -> grpc.Channel:
    """A channel to ``--address``: TLS when ``--ca``, ``--cert`` or ``--key`` is given, else plaintext."""
    import grpc

    if args.ca or args.cert or args.key:
        from matchmaker.api.tls import channel_credentials

        try:
            credentials = channel_credentials(args.ca, args.cert, args.key)
        except ValueError as exc:
            raise SystemExit(f"matchmaker: {exc}") from None
        return grpc.secure_channel(args.address, credentials)
    return grpc.insecure_channel(args.address)


def _call(args: argparse.Namespace, service: str, method: str, request: Message) -> Message | None:
    """One call to a running server with the command's token and acting user; None after an error.

    A failed call prints its status, every field violation and a hint at the fix to stderr.
    """
    import grpc

    from matchmaker.api._gen.matchmaker.v1 import (
        match_service_pb2_grpc,
        operations_service_pb2_grpc,
        privacy_service_pb2_grpc,
        profile_service_pb2_grpc,
    )

    stubs = {
        "profiles": profile_service_pb2_grpc.ProfileServiceStub,
        "matches": match_service_pb2_grpc.MatchServiceStub,
        "privacy": privacy_service_pb2_grpc.PrivacyServiceStub,
        "operations": operations_service_pb2_grpc.OperationsServiceStub,
    }
    metadata: tuple[tuple[str, str | bytes], ...] = (("authorization", f"Bearer {args.token}"),)
    if args.user:
        metadata += (("x-matchmaker-user", args.user),)
    with _channel(args) as channel:
        stub = stubs[service](channel)
        try:
            answer: Message = getattr(stub, method)(request, metadata=metadata, timeout=args.timeout)
        except grpc.RpcError as exc:
            code = exc.code()
            text = _error_text(args.address, code.name, exc.details() or "", _violations(exc))
            print(text, file=sys.stderr)
            return None
    return answer


def _show(args: argparse.Namespace, message: Message, human: Callable[[], None]) -> int:
    """Print an answer: JSON with ``--json`` (for scripts), else the command's readable form."""
    if args.json:
        from google.protobuf import json_format

        print(json.dumps(json_format.MessageToDict(message), ensure_ascii=False, indent=2))
    else:
        human()
    return 0


def cmd_get_profile(args: argparse.Namespace) -> int:
    """Call GetProfile on a running server and print the answer as JSON."""
    from matchmaker.api._gen.matchmaker.v1 import profile_service_pb2

    profile = _call(
        args, "profiles", "GetProfile", profile_service_pb2.GetProfileRequest(profile_id=args.profile_id)
    )
    if profile is None:
        return 1
    args.json = True  # a profile is a document: JSON is its readable form too
    return _show(args, profile, lambda: None)


def cmd_recommend(args: argparse.Namespace) -> int:
    """Call RecommendExhibitors (or RecommendPurchasers) and print the ranked list."""
    from matchmaker.api._gen.matchmaker.v1 import match_service_pb2

    request = match_service_pb2.RecommendRequest(
        subject_id=args.subject_id, limit=args.limit, non_personalized=args.non_personalized
    )
    method = "RecommendPurchasers" if args.purchasers else "RecommendExhibitors"
    response = _call(args, "matches", method, request)
    if not isinstance(response, match_service_pb2.RecommendResponse):
        return 1

    def human() -> None:
        mode = "personalised" if response.personalized else "not personalised"
        print(f"decision {response.decision_id} ({mode}, model {response.model_version})")
        if not response.personalized:
            print("ordered by profile completeness, then name: the column is completeness, not a match score")
        for item in response.items:
            value = f"{item.score:6.3f}" if response.personalized else f"{item.score:6.0%}"
            print(f"{item.rank:3}  {value}  {item.candidate_id:12}  {item.organization} [{item.country}]")
            print(f"     {item.headline}")

    return _show(args, response, human)


def cmd_explain(args: argparse.Namespace) -> int:
    """Call ExplainRecommendation and print the stored reasons."""
    from matchmaker.api._gen.matchmaker.v1 import match_service_pb2

    request = match_service_pb2.ExplainRecommendationRequest(
        decision_id=args.decision_id, candidate_id=args.candidate_id
    )
    why = _call(args, "matches", "ExplainRecommendation", request)
    if not isinstance(why, match_service_pb2.Explanation):
        return 1

    def human() -> None:
        print(why.summary)
        print(f"{'factor':30} {'direction':22} {'weight':>7} {'similarity':>10} {'contribution':>12}")
        for f in why.factors:
            print(f"{f.name:30} {f.direction:22} {f.weight:7.3f} {f.similarity:10.3f} {f.contribution:12.4f}")
            if f.label:
                print(f"{'':32}{f.label}")
            if f.evidence:
                print(f"{'':32}evidence: {'; '.join(f.evidence)}")
        for a in why.adjustments:
            print(f"{a.name:30} {'(adjustment)':22} {'':7} {'':10} {a.contribution:12.4f}")
            if a.label:
                print(f"{'':32}{a.label}")
        print(f"{'score':30} {'':22} {'':7} {'':10} {why.score:12.4f}")
        print("data used: " + (", ".join(why.data_used) or "nothing about you"))
        for control in why.controls:
            print(f"- {control}")

    return _show(args, why, human)


def cmd_ranking_parameters(args: argparse.Namespace) -> int:
    """Call GetRankingParameters: the live ranking's factors, weights and rules."""
    from matchmaker.api._gen.matchmaker.v1 import match_service_pb2

    params = _call(args, "matches", "GetRankingParameters", match_service_pb2.GetRankingParametersRequest())
    if not isinstance(params, match_service_pb2.RankingParameters):
        return 1

    def human() -> None:
        print(params.summary)
        print(f"model {params.model_name} ({params.model_version})")
        for f in params.factors:
            print(f"{f.weight:6.3f}  {f.name:24} {f.description}")
        for rule in params.rules:
            print(f"- {rule}")
        print(f"not personalised: {params.non_personalized_rule}")

    return _show(args, params, human)


PREFERENCE_FLAGS = {
    "personalized": "personalized_recommendations",
    "discoverable": "discoverable",
    "share_card": "share_contact_card",
    "do_not_track": "do_not_track",
}


def cmd_preferences(args: argparse.Namespace) -> int:
    """Show a user's privacy choices, or change the ones given (UpdatePreferences merges them)."""
    from matchmaker.api._gen.matchmaker.v1 import common_pb2, privacy_service_pb2

    changes = {
        field: getattr(args, flag) == "on"
        for flag, field in PREFERENCE_FLAGS.items()
        if getattr(args, flag) is not None
    }
    request: Message
    if changes:
        request = privacy_service_pb2.UpdatePreferencesRequest(
            profile_id=args.profile_id, preferences=common_pb2.Preferences(**changes)
        )
        method = "UpdatePreferences"
    else:
        request = privacy_service_pb2.GetPreferencesRequest(profile_id=args.profile_id)
        method = "GetPreferences"
    prefs = _call(args, "privacy", method, request)
    if not isinstance(prefs, common_pb2.Preferences):
        return 1

    def human() -> None:
        for flag, field in PREFERENCE_FLAGS.items():
            state = "on" if getattr(prefs, field) else "off"
            print(f"{flag.replace('_', '-'):14} {state}")

    return _show(args, prefs, human)


FEEDBACK_ACTIONS = ("save", "decline", "request-meeting", "meeting-held", "no-show")


def cmd_feedback(args: argparse.Namespace) -> int:
    """Call RecordFeedback: what the subject did with a recommended candidate."""
    from matchmaker.api._gen.matchmaker.v1 import common_pb2, match_service_pb2

    action = common_pb2.FeedbackAction.Value("FEEDBACK_ACTION_" + args.action.upper().replace("-", "_"))
    request = match_service_pb2.RecordFeedbackRequest(
        decision_id=args.decision_id, candidate_id=args.candidate_id, action=action
    )
    answer = _call(args, "matches", "RecordFeedback", request)
    if not isinstance(answer, match_service_pb2.RecordFeedbackResponse):
        return 1
    return _show(
        args,
        answer,
        lambda: print(
            "recorded" if answer.recorded else "not recorded: the user asked not to be tracked (do-not-track)"
        ),
    )


def cmd_contest(args: argparse.Namespace) -> int:
    """Call ContestDecision: ask a person to review a recommendation."""
    from matchmaker.api._gen.matchmaker.v1 import match_service_pb2

    request = match_service_pb2.ContestDecisionRequest(
        decision_id=args.decision_id, candidate_id=args.candidate_id, reason=args.reason
    )
    ticket = _call(args, "matches", "ContestDecision", request)
    if not isinstance(ticket, match_service_pb2.ContestDecisionResponse):
        return 1
    status = match_service_pb2.ReviewStatus.Name(ticket.status).removeprefix("REVIEW_STATUS_").lower()
    return _show(args, ticket, lambda: print(f"review ticket {ticket.ticket_id} ({status})"))


def cmd_card(args: argparse.Namespace) -> int:
    """Call GetContactCard: the owner's filtered card, as the acting user (the viewer) may see it."""
    from matchmaker.api._gen.matchmaker.v1 import common_pb2, privacy_service_pb2

    card = _call(
        args, "privacy", "GetContactCard", privacy_service_pb2.GetContactCardRequest(owner_id=args.owner_id)
    )
    if not isinstance(card, common_pb2.SharedContactCard):
        return 1

    def human() -> None:
        for name in (
            "owner_id",
            "organization",
            "name",
            "title",
            "email",
            "phone",
            "mobile",
            "wechat",
            "website",
            "address",
            "notes",
        ):
            value = getattr(card, name)
            if value:
                print(f"{name:12} {value}")
        for r in card.redactions:
            print(f"removed      {r.kind} from {r.field}")

    return _show(args, card, human)


def cmd_disclosures(args: argparse.Namespace) -> int:
    """Call ListDisclosures: every time a contact card of or for this user left the service."""
    from matchmaker.api._gen.matchmaker.v1 import privacy_service_pb2

    listing = _call(
        args,
        "privacy",
        "ListDisclosures",
        privacy_service_pb2.ListDisclosuresRequest(profile_id=args.profile_id),
    )
    if not isinstance(listing, privacy_service_pb2.ListDisclosuresResponse):
        return 1

    def human() -> None:
        for d in listing.disclosures:
            when = d.disclosed_at.ToDatetime().strftime("%Y-%m-%d %H:%M")
            print(f"{when}  card of {d.owner_id} to {d.recipient_id}  decision {d.decision_id or '-'}")
            print(f"    fields: {', '.join(d.fields)}")
        print(f"{len(listing.disclosures)} disclosure(s)")

    return _show(args, listing, human)


def cmd_erase(args: argparse.Namespace) -> int:
    """Call ErasePersonalData: remove the user's data and notify the recipients of their card."""
    from matchmaker.api._gen.matchmaker.v1 import common_pb2, privacy_service_pb2

    receipt = _call(
        args,
        "privacy",
        "ErasePersonalData",
        privacy_service_pb2.ErasePersonalDataRequest(profile_id=args.profile_id),
    )
    if not isinstance(receipt, common_pb2.ErasureReceipt):
        return 1

    def human() -> None:
        print(f"erased {receipt.profile_id} at {receipt.erased_at.ToDatetime():%Y-%m-%d %H:%M:%S} UTC")
        print(f"notified {len(receipt.notified_recipients)} recipient(s) of the card")

    return _show(args, receipt, human)


def _reviews() -> tuple[Database, ReviewRepository]:
    from matchmaker.storage import migrate
    from matchmaker.storage.database import Database
    from matchmaker.storage.reviews import ReviewRepository

    settings = _settings()
    _configure_logging("WARNING")
    db = Database(settings.database_url)
    migrate.upgrade(db)
    return db, ReviewRepository(db)


def cmd_reviews_list(args: argparse.Namespace) -> int:
    """Print review tickets (contested decisions), oldest first."""
    from matchmaker.domain import ReviewStatus

    db, reviews = _reviews()
    try:
        status = None if args.status == "all" else ReviewStatus[args.status.upper()]
        tickets = reviews.tickets(status)
        for t in tickets:
            when = f"{t.created_at:%Y-%m-%d %H:%M}"
            print(f"{t.id}  {t.status.name.lower():8}  {when}  decision {t.decision_id}")
            print(f"    subject {t.subject_id} contests candidate {t.candidate_id}: {t.reason}")
            if t.resolution:
                print(f"    resolved {t.resolved_at:%Y-%m-%d %H:%M}: {t.resolution}")
        print(f"{len(tickets)} ticket(s)")
    finally:
        db.dispose()
    return 0


def cmd_reviews_resolve(args: argparse.Namespace) -> int:
    """Close a review ticket with the reviewer's note."""
    from matchmaker.engine import utc_now

    if not args.note.strip():
        raise SystemExit("matchmaker reviews resolve: --note must say what the review found")
    db, reviews = _reviews()
    try:
        ticket = reviews.resolve(args.ticket_id, args.note, utc_now())
        if ticket is not None:
            _audit_local(db, "review_resolution", [ticket.id, ticket.decision_id], {})
    finally:
        db.dispose()
    if ticket is None:
        print(f"no review ticket {args.ticket_id}", file=sys.stderr)
        return 1
    print(f"{ticket.id} resolved")
    return 0


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` readable by the owner alone (mode 0600), also over an existing file.

    An export holds a contact card (identity numbers masked, the rest in clear) and the user's
    decisions: it must not be left readable by every account on the machine.
    """
    import os

    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # an existing file keeps its mode through O_CREAT: narrow it first
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            fd = -1
            handle.write(text)
    finally:
        if fd >= 0:
            os.close(fd)


def cmd_export(args: argparse.Namespace) -> int:
    """Write everything stored about one user as JSON (identity numbers masked)."""
    from google.protobuf import json_format

    from matchmaker.api.convert import to_proto_personal_data_export
    from matchmaker.domain import Caller, CallerRole
    from matchmaker.errors import MatchmakerError
    from matchmaker.runtime import open_runtime

    settings = _settings()
    _configure_logging("WARNING")
    runtime = open_runtime(settings, start=False)
    try:
        export = runtime.engine.export(Caller(_local_client(), CallerRole.ADMIN), args.profile_id)
        _audit_local(runtime.db, "export", [args.profile_id], {})
    except MatchmakerError as exc:
        print(f"matchmaker export: {exc}", file=sys.stderr)
        return 1
    finally:
        runtime.close()
    text = json.dumps(
        json_format.MessageToDict(to_proto_personal_data_export(export)), ensure_ascii=False, indent=2
    )
    if args.output:
        _write_private(Path(args.output), text + "\n")
    else:
        print(text)
    return 0


def cmd_purge(_args: argparse.Namespace) -> int:
    """Delete records past their retention periods."""
    from matchmaker.runtime import open_runtime

    settings = _settings()
    _configure_logging("WARNING")
    runtime = open_runtime(settings, start=False)
    try:
        report = runtime.engine.purge()
        counts: dict[str, int | str] = {
            "decisions": report.decisions,
            "feedback": report.feedback,
            "notices": report.notices,
            "disclosures": report.disclosures,
        }
        _audit_local(runtime.db, "purge", [], counts)
    finally:
        runtime.close()
    print(
        f"purged {report.decisions} decisions, {report.feedback} feedback events, "
        f"{report.notices} erasure notices, {report.disclosures} disclosure records"
    )
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Print nDCG@10 and recall@50 of the service (through its API) and the baselines on labelled sets."""
    from matchmaker.evaluation.runner import evaluate_set, format_table, load_set
    from matchmaker.ranking.weights import load_weights
    from matchmaker.runtime import load_embedder

    settings = _settings()
    _configure_logging("WARNING")
    embedder = load_embedder(settings)
    weights = load_weights(settings)
    names = [n.strip() for n in args.sets.split(",") if n.strip()]
    scores = []
    for name in names:
        labelled = load_set(name)
        scores.extend(
            evaluate_set(
                labelled,
                settings,
                embedder,
                max_subjects=args.subjects,
                progress=lambda message: print(message, file=sys.stderr),
            )
        )
    print(f"model {embedder.model_version}; weights {weights.version}")
    if weights.trained_on and any(weights.trained_on.startswith(f"{n}:") for n in names):
        print("warning: a reported set is the one these weights were fitted on", file=sys.stderr)
    print(format_table(scores))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    """Fit the factor weights on a labelled set and write a versioned weights file."""
    from matchmaker.evaluation.runner import load_set
    from matchmaker.evaluation.training import stored_outcome_examples, train, write_weights
    from matchmaker.runtime import load_embedder

    settings = _settings()
    _configure_logging("WARNING")
    embedder = load_embedder(settings)
    outcomes = None
    if args.outcomes:
        outcomes = stored_outcome_examples(settings, embedder)
        print(f"{len(outcomes)} pairs ordered by meeting outcomes in the database", file=sys.stderr)
    document = train(load_set(args.set), settings, embedder, lambda m: print(m, file=sys.stderr), outcomes)
    write_weights(document, Path(args.out))
    print(f"wrote {args.out}: weights {document['version']}")
    for key, value in document["weights"].items():
        print(f"  {key:18} {value:.4f}")
    print(f"serve them with MATCHMAKER_WEIGHTS_FILE={args.out}")
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    """Simulate the meeting market: tune the congestion stage on one seed, report on another."""
    from matchmaker.simulation.market import markdown, report

    try:
        held_out = tuple(int(v) for v in args.held_out.split(",") if v.strip())
    except ValueError:
        raise SystemExit("matchmaker simulate: --held-out takes seeds, e.g. 3,4") from None
    if args.tune_seed == args.seed or args.tune_seed in held_out:
        raise SystemExit("matchmaker simulate: --tune-seed and --seed must differ (tune on one market only)")
    try:
        tightness = tuple(float(v) for v in args.tightness.split(","))
    except ValueError:
        raise SystemExit("matchmaker simulate: --tightness takes numbers, e.g. 0.25,0.5,1,2,4") from None
    if not tightness or any(v <= 0 for v in tightness):
        raise SystemExit("matchmaker simulate: every --tightness factor must be above 0")
    print(f"tuning on seed {args.tune_seed}, reporting on seed {args.seed} ...", file=sys.stderr)
    print(markdown(report(args.tune_seed, args.seed, tightness, held_out)))
    return 0


def cmd_token_new(args: argparse.Namespace) -> int:
    """Print a new random token and the tokens-file entry that admits it by its SHA-256 alone."""
    from matchmaker.api.auth import new_token
    from matchmaker.domain import CallerRole

    if not args.client.strip():
        raise SystemExit("matchmaker token new: --client must name the client (it appears in the audit log)")
    secret, entry = new_token(args.client.strip(), CallerRole(args.role))
    print(f"token {secret}")
    print("add this entry to the tokens file (MATCHMAKER_TOKENS_FILE), then `kill -HUP` the server:")
    print(f"  {json.dumps(entry)}")
    return 0


def cmd_audit_list(args: argparse.Namespace) -> int:
    """Print the audit log of admin actions, oldest first (the newest --limit entries)."""
    from matchmaker.domain import AuditAction
    from matchmaker.storage import migrate
    from matchmaker.storage.audit import AuditRepository
    from matchmaker.storage.database import Database

    settings = _settings()
    _configure_logging("WARNING")
    db = Database(settings.database_url)
    try:
        migrate.upgrade(db)
        action = AuditAction(args.action) if args.action else None
        entries = AuditRepository(db).entries(limit=args.limit, action=action, client=args.client)
    finally:
        db.dispose()
    if args.json:
        rows = [
            {
                "id": e.id,
                "at": e.at.isoformat(),
                "client": e.client,
                "action": e.action.value,
                "ids": list(e.ids),
                "detail": e.detail,
            }
            for e in entries
        ]
        print(json.dumps(rows, indent=2))
        return 0
    for e in entries:
        shown = ", ".join(e.ids[:5]) + (f" (+{len(e.ids) - 5} more)" if len(e.ids) > 5 else "")
        detail = " ".join(f"{k}={v}" for k, v in e.detail.items())
        when = f"{e.at:%Y-%m-%d %H:%M:%S}"
        print(f"{e.id:6}  {when}  {e.client:20} {e.action.value:18} {shown}  {detail}".rstrip())
    print(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """Health (grpc.health.v1, no token), then GetServerStatus: catalogs, change position, versions."""
    import grpc
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    from matchmaker.api._gen.matchmaker.v1 import operations_service_pb2

    with _channel(args) as channel:
        try:
            health = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=""), timeout=args.timeout
            )
        except grpc.RpcError as exc:
            print(_error_text(args.address, exc.code().name, exc.details() or "", []), file=sys.stderr)
            return 1
    status = _call(args, "operations", "GetServerStatus", operations_service_pb2.GetServerStatusRequest())
    if not isinstance(status, operations_service_pb2.ServerStatus):
        return 1

    def human() -> None:
        lag = status.change_position - status.indexed_position
        print(f"health     {health_pb2.HealthCheckResponse.ServingStatus.Name(health.status)}")
        print(f"catalogs   {status.exhibitors} exhibitors, {status.purchasers} purchasers")
        print(f"changes    position {status.change_position}, indexed {status.indexed_position} (lag {lag})")
        print(f"model      {status.model_name} ({status.model_version})")
        print(f"weights    {status.weights_version}")
        tls = "mTLS" if status.client_certificates_required else ("TLS" if status.tls else "plaintext")
        limit = (
            f"{status.rate_limit_per_client:g}/s per client"
            if status.rate_limit_per_client
            else "no rate limit"
        )
        started = status.started_at.ToDatetime().strftime("%Y-%m-%d %H:%M:%S")
        print(f"server     matchmaker {status.server_version}, started {started} UTC, {tls}, {limit}")

    return _show(args, status, human)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(
        prog="matchmaker", description="Supply-demand matchmaking for trade expos."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the gRPC API (MATCHMAKER_* settings)")
    serve.add_argument(
        "--demo", action="store_true", help="import the demo fixtures when the database is empty"
    )
    serve.add_argument(
        "--fixtures", type=Path, default=DEFAULT_FIXTURES, help="folder of *.jsonl demo profiles"
    )
    # Set by the MATCHMAKER_PROCESSES supervisor for the processes it starts.
    serve.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    serve.add_argument("--web", metavar="HOST:PORT", help="also serve the portal page there (matchmaker web)")
    serve.set_defaults(func=cmd_serve)

    bench = sub.add_parser(
        "bench", help="benchmarks: embedding, index, end to end over gRPC, card filter (BENCHMARKS.md)"
    )
    bench.add_argument("--out", type=Path, required=True, help="folder for report.md, report.json, plots")
    bench.add_argument("--sections", default=",".join(BENCH_SECTIONS), help="comma-separated sections")
    bench.add_argument("--quick", action="store_true", help="smaller sizes and shorter runs")
    bench.set_defaults(func=cmd_bench)

    imp = sub.add_parser("import", help="load JSONL profiles (one Profile as proto JSON per line)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=cmd_import)

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_sub.add_parser("upgrade", help="apply schema migrations")
    upgrade.set_defaults(func=cmd_db_upgrade)

    export = sub.add_parser("export", help="write everything stored about a user as JSON")
    export.add_argument("profile_id")
    export.add_argument("--output", "-o", help="file to write (default: standard output)")
    export.set_defaults(func=cmd_export)

    purge = sub.add_parser("purge", help="delete records past their retention periods")
    purge.set_defaults(func=cmd_purge)

    reviews = sub.add_parser("reviews", help="contested decisions awaiting human review")
    reviews_sub = reviews.add_subparsers(dest="reviews_command", required=True)
    listing = reviews_sub.add_parser("list", help="print review tickets")
    listing.add_argument("--status", choices=["open", "resolved", "all"], default="open")
    listing.set_defaults(func=cmd_reviews_list)
    resolve = reviews_sub.add_parser("resolve", help="close a ticket with a note")
    resolve.add_argument("ticket_id")
    resolve.add_argument("--note", required=True, help="what the review found (sent back to the user)")
    resolve.set_defaults(func=cmd_reviews_resolve)

    ev = sub.add_parser(
        "eval", help="nDCG@10 and recall@50 of the service (through its API) and baselines on labelled sets"
    )
    ev.add_argument(
        "--sets", default="demo,taxonomy,crosslingual", help="comma-separated: demo, taxonomy, crosslingual"
    )
    ev.add_argument("--subjects", type=int, default=200, help="subjects evaluated per direction")
    ev.set_defaults(func=cmd_eval)
    tr = sub.add_parser("train", help="fit the factor weights on a labelled set; writes a weights file")
    tr.add_argument("--set", default="taxonomy-train", help="the set to fit on (default taxonomy-train)")
    tr.add_argument("--out", required=True, help="the weights file to write (JSON)")
    tr.add_argument(
        "--outcomes",
        action="store_true",
        help="also learn from meeting outcomes stored in MATCHMAKER_DATABASE_URL (REQUEST_MEETING, "
        "MEETING_HELD, NO_SHOW, SAVE, DECLINE of users who allow tracking)",
    )
    tr.set_defaults(func=cmd_train)

    sim = sub.add_parser(
        "simulate", help="simulate the meeting market: relevance vs two-sided vs congestion-aware ranking"
    )
    sim.add_argument("--tune-seed", type=int, default=1, help="market the stage is tuned on (default 1)")
    sim.add_argument("--seed", type=int, default=2, help="market the table reports on (default 2)")
    sim.add_argument(
        "--tightness", default="0.25,0.5,1,2,4", help="capacity factors to report (default 0.25,0.5,1,2,4)"
    )
    sim.add_argument(
        "--held-out", default="3,4", help="further markets reported at the stated capacities (default 3,4)"
    )
    sim.set_defaults(func=cmd_simulate)

    web = sub.add_parser("web", help="serve the reference portal page over the gRPC API")
    web.add_argument("--listen", default="127.0.0.1:8080", help="HOST:PORT of the page")
    web.add_argument("--target", help="HOST:PORT of the gRPC server (default MATCHMAKER_LISTEN)")
    web.add_argument(
        "--fixtures", type=Path, default=DEFAULT_FIXTURES, help="demo profiles offered at sign-in"
    )
    web.set_defaults(func=cmd_web)

    get = sub.add_parser("get-profile", help="call GetProfile on a running server")
    get.add_argument("profile_id")
    get.set_defaults(func=cmd_get_profile)

    rec = sub.add_parser("recommend", help="call RecommendExhibitors (or --purchasers) on a running server")
    rec.add_argument("subject_id")
    rec.add_argument(
        "--purchasers", action="store_true", help="the subject is an exhibitor: recommend purchasers"
    )
    rec.add_argument("--limit", type=int, default=10)
    rec.add_argument("--non-personalized", action="store_true")
    rec.set_defaults(func=cmd_recommend)

    exp = sub.add_parser("explain", help="call ExplainRecommendation on a running server")
    exp.add_argument("decision_id")
    exp.add_argument("candidate_id")
    exp.set_defaults(func=cmd_explain)

    params = sub.add_parser("ranking-parameters", help="call GetRankingParameters: factors, weights, rules")
    params.set_defaults(func=cmd_ranking_parameters)

    prefs = sub.add_parser("preferences", help="show a user's privacy choices, or change the ones given")
    prefs.add_argument("profile_id")
    for flag in PREFERENCE_FLAGS:
        prefs.add_argument(f"--{flag.replace('_', '-')}", dest=flag, choices=["on", "off"])
    prefs.set_defaults(func=cmd_preferences)

    fb = sub.add_parser("feedback", help="call RecordFeedback on a recommended candidate")
    fb.add_argument("decision_id")
    fb.add_argument("candidate_id")
    fb.add_argument("action", choices=FEEDBACK_ACTIONS)
    fb.set_defaults(func=cmd_feedback)

    contest = sub.add_parser("contest", help="call ContestDecision: ask a person to review a recommendation")
    contest.add_argument("decision_id")
    contest.add_argument("candidate_id")
    contest.add_argument("--reason", required=True, help="why the recommendation seems wrong")
    contest.set_defaults(func=cmd_contest)

    card = sub.add_parser("card", help="call GetContactCard: OWNER's filtered card as seen by --user")
    card.add_argument("owner_id")
    card.set_defaults(func=cmd_card)

    disc = sub.add_parser("disclosures", help="call ListDisclosures: where a user's cards went")
    disc.add_argument("profile_id")
    disc.set_defaults(func=cmd_disclosures)

    erase = sub.add_parser("erase", help="call ErasePersonalData: remove a user's data")
    erase.add_argument("profile_id")
    erase.set_defaults(func=cmd_erase)

    token = sub.add_parser("token", help="bearer tokens for the tokens file")
    token_sub = token.add_subparsers(dest="token_command", required=True)
    token_new = token_sub.add_parser("new", help="print a new token and the tokens-file line (its SHA-256)")
    token_new.add_argument("--client", required=True, help="the client's name (shown in the audit log)")
    token_new.add_argument("--role", required=True, choices=["portal", "admin"])
    token_new.set_defaults(func=cmd_token_new)

    audit = sub.add_parser("audit", help="the audit log of admin actions (local database)")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    audit_list = audit_sub.add_parser("list", help="print audit entries, oldest first")
    audit_list.add_argument("--limit", type=int, default=100, help="the newest N entries (default 100)")
    audit_list.add_argument(
        "--action",
        choices=["bulk_import", "deletion", "erasure", "export", "review_resolution", "purge"],
    )
    audit_list.add_argument("--client", help="only this client's actions")
    audit_list.add_argument("--json", action="store_true", help="print the entries as JSON")
    audit_list.set_defaults(func=cmd_audit_list)

    status = sub.add_parser("status", help="health, catalog sizes, change position and versions of a server")
    status.set_defaults(func=cmd_status)

    for client in (get, rec, exp, params, prefs, fb, contest, card, disc, erase, status):
        client.add_argument("--address", default="127.0.0.1:50051", help="HOST:PORT of the server")
        client.add_argument(
            "--token", required=True, help="bearer token (the demo ones are printed by serve)"
        )
        client.add_argument("--user", help="the acting user's profile id (x-matchmaker-user; portal tokens)")
        client.add_argument("--timeout", type=float, default=30.0, help="deadline in seconds")
        client.add_argument("--json", action="store_true", help="print the answer as JSON (for scripts)")
        client.add_argument("--ca", type=Path, help="PEM CA to trust: speak TLS (default: plaintext)")
        client.add_argument("--cert", type=Path, help="PEM client certificate (mTLS; with --key)")
        client.add_argument("--key", type=Path, help="PEM private key of --cert")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``matchmaker`` console script."""
    from matchmaker.errors import KeyMismatch

    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyMismatch as exc:
        # Before any ready line: a replica with the wrong key must not serve at all.
        print(f"matchmaker: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
