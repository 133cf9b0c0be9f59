"""Writes for the API's own data: personal tokens. Each is one transaction with its audit entry.

The raw token leaves these functions exactly once, as a return value; only its keyed hash
and an 8-character prefix (to tell tokens apart) are stored, and neither goes into the
audit log beyond the prefix.
"""
from __future__ import annotations

import datetime
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.orgs import rules as org_rules

from .models import PREFIX_LENGTH, PersonalToken, hash_token

#: 32 random bytes: 256 bits, far past the 128 the design asks of every token.
TOKEN_BYTES = 32


def _token_after(token: PersonalToken) -> dict:
    return {
        "user": token.user.get_username(),
        "name": token.name,
        "prefix": token.prefix,
        "expires_at": token.expires_at,
        "revoked": token.revoked,
    }


def create_personal_token(user, *, name: str, days: int | None, by) -> tuple[PersonalToken, str]:
    """Make a token for `user`; returns it with the raw value, which is never seen again.

    Only the user themself or the system (an operator's command, `by=None`) may do this:
    a token acts as its user, so nobody mints one for somebody else.
    """
    if by is not None and by.pk != user.pk:
        raise PermissionDeniedError(_("Only the user themself may create their API token."), code="forbidden")
    if not user.is_active:
        raise DomainError(_("%(user)s is not an active user.") % {"user": user.get_username()}, code="inactive")
    name = (name or "").strip()
    if not name:
        raise DomainError({"name": _("Give the token a name, so it can be told apart later.")}, code="required")
    if days is not None and days < 1:
        raise DomainError({"days": _("A token must be valid for at least one day.")}, code="days")
    raw = secrets.token_urlsafe(TOKEN_BYTES)
    expires_at = timezone.now() + datetime.timedelta(days=days) if days is not None else None
    with transaction.atomic():
        token = PersonalToken(
            user=user, name=name[:100], prefix=raw[:PREFIX_LENGTH], key_hash=hash_token(raw), expires_at=expires_at
        )
        token.save(force_insert=True)
        audit.record("api_token.create", by=by, obj=token, after=_token_after(token))
    return token, raw


def revoke_personal_token(token: PersonalToken, *, by) -> PersonalToken:
    """Revoke a token for good. Its owner, a county admin or the system may."""
    if by is not None and by.pk != token.user_id and not org_rules.is_county_admin(by):
        raise PermissionDeniedError(_("You may not revoke this token."), code="forbidden")
    with transaction.atomic():
        token = PersonalToken.objects.select_for_update().select_related("user").get(pk=token.pk)
        if token.revoked:
            return token
        token.revoked = True
        token.save(update_fields=["revoked"])
        audit.record("api_token.revoke", by=by, obj=token, before={"revoked": False}, after={"revoked": True})
    return token
