"""One-time ballot tokens: random, shown once, stored as keyed hashes."""
from __future__ import annotations

import secrets

from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from pacesetter.core import audit
from pacesetter.core.errors import DomainError

from .. import rules as ev_rules
from ..enums import RoundState, TokenStatus
from ..models import BallotToken, Round, RoundGroup, RoundSubject
from .common import _locked_round, _require, _require_state


#: Tokens per call; a meeting or an SMS batch, not a province in one go.
MAX_TOKENS = 10_000
_TOKEN_SALT = "pacesetter.evaluation.ballot-token"  # nosec B105 # an HMAC salt (a namespace), not a secret
_BATCH = 5_000


def token_hash(raw: str) -> str:
    """The keyed hash stored for a token: HMAC-SHA256 under a key derived from SECRET_KEY."""
    return salted_hmac(_TOKEN_SALT, raw, algorithm="sha256").hexdigest()


def make_tokens(round_: Round, *, subject: RoundSubject, group: RoundGroup, count: int, by) -> list[str]:
    """`count` fresh tokens for a subject and voter group; the unused ones made before are revoked.

    The raw tokens are returned once and never stored (≥144 random bits each).
    """
    _require(ev_rules.can_manage_rounds(by), by)
    if not 1 <= count <= MAX_TOKENS:
        raise DomainError(_("Make between 1 and %(max)d tokens at a time.") % {"max": MAX_TOKENS}, code="count")
    with transaction.atomic():
        round_ = _locked_round(round_)
        _require_state(round_, [RoundState.DRAFT, RoundState.OPEN], _("Making tokens"))
        if subject.round_id != round_.pk or group.round_id != round_.pk:
            raise DomainError(_("That subject or voter group is not part of this round."), code="not_in_round")
        revoked = BallotToken.objects.filter(subject=subject, group=group, status=TokenStatus.UNUSED).update(
            status=TokenStatus.REVOKED
        )
        raw_tokens = [secrets.token_urlsafe(18) for _n in range(count)]
        BallotToken.objects.bulk_create(
            (BallotToken(round=round_, subject=subject, group=group, key_hash=token_hash(raw)) for raw in raw_tokens),
            batch_size=_BATCH,
        )
        audit.record(
            "evaluation.tokens.make", by=by, obj=round_,
            after={"subject": subject.member.code if subject.member_id else subject.organization.code,
                   "group": group.voter_group.kind, "count": count, "revoked": revoked},
        )
    return raw_tokens
