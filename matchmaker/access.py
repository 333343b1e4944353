"""Who may touch whose data: admins anyone's, portal callers only their acting user's."""

from __future__ import annotations

from matchmaker.domain import Caller
from matchmaker.errors import PermissionDenied


def require_access(caller: Caller, profile_id: str) -> None:
    """Raise PermissionDenied unless ``caller`` may act on the data of ``profile_id``.

    Checked before any lookup, so that a refusal never reveals whether the id exists.
    """
    if caller.is_admin:
        return
    if caller.acting_user is None:
        raise PermissionDenied("portal calls must name the acting user in x-matchmaker-user")
    if caller.acting_user != profile_id:
        raise PermissionDenied("the acting user may only touch their own data")
