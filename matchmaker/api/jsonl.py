"""Profiles in their proto JSON form, one per line (the import format)."""

from __future__ import annotations

import json

from google.protobuf import json_format

from matchmaker.api._gen.matchmaker.v1 import common_pb2
from matchmaker.api.convert import from_proto_profile
from matchmaker.storage.repositories import ProfileWrite


def parse_line(text: str) -> ProfileWrite:
    """One JSONL line as a profile to store; ValueError for malformed JSON or unknown fields."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(document, dict):
        raise ValueError("expected a JSON object")
    message = common_pb2.Profile()
    try:
        json_format.ParseDict(document, message)
    except json_format.ParseError as exc:
        # The parser quotes field names, not values, for the errors it raises on unknown fields.
        raise ValueError(f"not a Profile: {str(exc).splitlines()[0][:200]}") from None
    return from_proto_profile(message)
