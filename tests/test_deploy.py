"""The deployment example stays true: its settings exist, Envoy health-checks over grpc.health.v1."""

from __future__ import annotations

from pathlib import Path

import yaml

from matchmaker.config import Settings

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def test_compose_sets_only_settings_that_exist() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    service = compose["services"]["matchmaker"]
    assert service["deploy"]["replicas"] >= 2
    names = {key.removeprefix("MATCHMAKER_").lower() for key in service["environment"]}
    assert names <= set(Settings.model_fields), names - set(Settings.model_fields)
    assert "encryption_key" in names, "every replica needs the same key"
    assert service["environment"]["MATCHMAKER_DATABASE_URL"].startswith("postgresql+psycopg://")


def test_envoy_balances_http2_calls_over_healthy_replicas() -> None:
    envoy = yaml.safe_load((DEPLOY / "envoy.yaml").read_text(encoding="utf-8"))
    (cluster,) = envoy["static_resources"]["clusters"]
    assert cluster["health_checks"][0]["grpc_health_check"] == {}
    options = cluster["typed_extension_protocol_options"]["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"]
    assert "http2_protocol_options" in options["explicit_http_config"]
    endpoint = cluster["load_assignment"]["endpoints"][0]["lb_endpoints"][0]["endpoint"]
    assert endpoint["address"]["socket_address"]["address"] == "matchmaker"
