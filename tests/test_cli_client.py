"""The client commands against a server process: output, exit codes and errors a person can act on."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from matchmaker import cli
from matchmaker.api._gen.matchmaker.v1 import common_pb2, profile_service_pb2, profile_service_pb2_grpc
from tests.api.test_process import ServerProcess
from tests.support import ADMIN_TOKEN, PORTAL_TOKEN, make_profile, metadata


@pytest.fixture(scope="module")
def address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server process holding one purchaser and one exhibitor who shares their card."""
    server = ServerProcess(tmp_path_factory.mktemp("cli-server"))
    server.start()
    try:
        with server.channel() as channel:
            stub = profile_service_pb2_grpc.ProfileServiceStub(channel)
            exhibitor = make_profile(
                "exh-1",
                common_pb2.ROLE_EXHIBITOR,
                preferences=common_pb2.Preferences(share_contact_card=True),
            )
            for profile in (exhibitor, make_profile("pur-1"), make_profile("pur-2")):
                stub.UpsertProfile(
                    profile_service_pb2.UpsertProfileRequest(profile=profile), metadata=metadata(), timeout=60
                )
        yield server.address
    finally:
        assert server.process is not None
        server.process.kill()
        server.process.wait()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def portal(address: str, user: str = "pur-1") -> list[str]:
    return ["--address", address, "--token", PORTAL_TOKEN, "--user", user]


def admin(address: str) -> list[str]:
    return ["--address", address, "--token", ADMIN_TOKEN]


def decision(capsys: pytest.CaptureFixture[str], address: str, subject: str = "pur-1") -> str:
    code, out, _ = run(capsys, "recommend", subject, *portal(address, subject), "--json")
    assert code == 0
    answer = json.loads(out)
    assert answer["items"][0]["candidateId"] == "exh-1"
    return str(answer["decisionId"])


def test_ranking_parameters(address: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ranking-parameters", *portal(address))
    assert code == 0 and "model " in out and "not personalised: " in out
    code, out, _ = run(capsys, "ranking-parameters", *admin(address), "--json")
    assert code == 0 and json.loads(out)["factors"]


def test_recommend_explain_feedback_contest(address: str, capsys: pytest.CaptureFixture[str]) -> None:
    made = decision(capsys, address)
    code, out, _ = run(capsys, "recommend", "pur-1", *portal(address))
    assert code == 0 and out.startswith("decision ") and "exh-1" in out
    code, out, _ = run(capsys, "explain", made, "exh-1", *portal(address))
    assert code == 0 and "data used: " in out
    code, out, _ = run(capsys, "explain", made, "exh-1", *portal(address), "--json")
    assert code == 0 and json.loads(out)["candidateId"] == "exh-1"
    code, out, _ = run(capsys, "feedback", made, "exh-1", "save", *portal(address))
    assert (code, out) == (0, "recorded\n")
    code, out, _ = run(capsys, "feedback", made, "exh-1", "request-meeting", *portal(address), "--json")
    assert code == 0 and json.loads(out) == {"recorded": True}
    code, out, _ = run(
        capsys, "contest", made, "exh-1", "--reason", "we do not buy seafood", *portal(address)
    )
    assert code == 0 and out.startswith("review ticket ") and out.rstrip().endswith("(open)")
    code, _, err = run(capsys, "contest", made, "exh-1", "--reason", " ", *portal(address))
    assert code == 1 and "INVALID_ARGUMENT" in err and "  reason: is required" in err


def test_card_and_disclosures(address: str, capsys: pytest.CaptureFixture[str]) -> None:
    decision(capsys, address, "pur-2")
    code, out, _ = run(capsys, "card", "exh-1", *portal(address, "pur-2"))
    assert code == 0 and "owner_id     exh-1" in out
    assert "11010519491231002X" not in out and "E12345678" not in out
    code, out, _ = run(capsys, "disclosures", "exh-1", *admin(address))
    assert code == 0 and "card of exh-1 to pur-2" in out and "disclosure(s)" in out
    code, out, _ = run(capsys, "disclosures", "exh-1", *admin(address), "--json")
    assert code == 0 and any(d["recipientId"] == "pur-2" for d in json.loads(out)["disclosures"])
    code, _, err = run(capsys, "card", "exh-1", *portal(address, "exh-1"))
    assert code == 1 and err.startswith("FAILED_PRECONDITION")


def test_preferences_shows_then_changes(address: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "preferences", "pur-2", *admin(address))
    assert code == 0 and "personalized   on" in out and "do-not-track   off" in out
    code, out, _ = run(capsys, "preferences", "pur-2", *portal(address, "pur-2"), "--do-not-track", "on")
    assert code == 0 and "do-not-track   on" in out and "discoverable   on" in out
    code, out, _ = run(capsys, "preferences", "pur-2", *admin(address), "--json")
    assert code == 0 and json.loads(out)["doNotTrack"] is True
    made = decision(capsys, address, "pur-2")
    code, out, _ = run(capsys, "feedback", made, "exh-1", "decline", *portal(address, "pur-2"))
    assert code == 0 and out.startswith("not recorded")


def test_erase(address: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "erase", "pur-1", *admin(address))
    assert code == 0 and out.startswith("erased pur-1 at ") and "recipient(s)" in out
    code, _, err = run(capsys, "get-profile", "pur-1", *admin(address))
    assert code == 1 and err.startswith("NOT_FOUND")


def test_every_field_violation_is_printed_with_its_rule(
    address: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "get-profile", "bad id!", *admin(address))
    assert code == 1 and out == ""
    first, *violations = err.splitlines()
    assert first.startswith("INVALID_ARGUMENT: ")
    assert (
        violations
        and violations[0].startswith("  profile_id: ")
        and len(violations[0]) > len("  profile_id: ")
    )


def test_a_portal_call_without_user_says_to_pass_user(
    address: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "get-profile", "pur-2", "--address", address, "--token", PORTAL_TOKEN)
    assert code == 1 and err.startswith("PERMISSION_DENIED") and "pass --user PROFILE_ID" in err


def test_an_unknown_token_says_where_the_demo_tokens_are(
    address: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "ranking-parameters", "--address", address, "--token", "not-a-known-token-123")
    assert code == 1 and err.startswith("UNAUTHENTICATED")
    assert "var/demo-tokens.json" in err and "serve" in err


def test_an_unreachable_server_names_the_address_and_make_serve(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "ranking-parameters", "--address", "127.0.0.1:1", "--token", PORTAL_TOKEN, "--timeout", "3"
    )
    assert code == 1 and err.startswith("UNAVAILABLE")
    assert "no server answered at 127.0.0.1:1" in err and "make serve" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["preferences", "pur-1", "--token", "t", "--share-card", "maybe"],
        ["feedback", "d", "c", "like", "--token", "t"],
        ["contest", "d", "c", "--token", "t"],
        ["card", "exh-1"],
    ],
)
def test_usage_errors_exit_two(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(argv)
    assert exited.value.code == 2
    assert "usage: matchmaker" in capsys.readouterr().err
