"""TLS for the gRPC port: server credentials from the MATCHMAKER_TLS_* files, client credentials for the CLI.

``MATCHMAKER_TLS_CERT_FILE`` and ``MATCHMAKER_TLS_KEY_FILE`` (PEM) switch the port to TLS;
``MATCHMAKER_TLS_CLIENT_CA_FILE`` also requires every client to present a certificate signed by
that CA (mTLS). A missing or unreadable file stops the start with the variable's name.
"""

from __future__ import annotations

from pathlib import Path

import grpc

from matchmaker.config import Settings


def _read(path: Path, variable: str) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{variable}: cannot read {path}: {exc.strerror}") from exc
    if b"-----BEGIN" not in data:
        raise ValueError(f"{variable}: {path} is not a PEM file")
    return data


def server_credentials(settings: Settings) -> grpc.ServerCredentials | None:
    """The port's TLS credentials, or None for plaintext (no certificate configured)."""
    if settings.tls_cert_file is None or settings.tls_key_file is None:
        return None
    chain = _read(settings.tls_cert_file, "MATCHMAKER_TLS_CERT_FILE")
    key = _read(settings.tls_key_file, "MATCHMAKER_TLS_KEY_FILE")
    client_ca = (
        _read(settings.tls_client_ca_file, "MATCHMAKER_TLS_CLIENT_CA_FILE")
        if settings.tls_client_ca_file is not None
        else None
    )
    return grpc.ssl_server_credentials(
        [(key, chain)], root_certificates=client_ca, require_client_auth=client_ca is not None
    )


def channel_credentials(
    ca: Path | None = None, cert: Path | None = None, key: Path | None = None
) -> grpc.ChannelCredentials:
    """Client TLS credentials: ``ca`` to trust (default: the system's roots), ``cert``/``key`` for mTLS."""
    if (cert is None) != (key is None):
        raise ValueError("--cert and --key go together (the client certificate and its key)")
    return grpc.ssl_channel_credentials(
        root_certificates=_read(ca, "--ca") if ca is not None else None,
        private_key=_read(key, "--key") if key is not None else None,
        certificate_chain=_read(cert, "--cert") if cert is not None else None,
    )
