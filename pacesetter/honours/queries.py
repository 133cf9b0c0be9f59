"""What of the honours each user sees.

The honour roll is public: everyone, signed in or not, sees the honours in force. Revoked
honours stay in the database (their certificates are out there) but only county admins
list them; everyone else gets a 404, and the public verify page says the honour was revoked.
"""
from __future__ import annotations

from django.db.models import Count, QuerySet

from pacesetter.orgs.queries import editable_paths, paths_q
from pacesetter.orgs.rules import is_county_admin
from pacesetter.selections.enums import SelectionState
from pacesetter.selections.models import Selection

from .models import Honour


def honours_visible_to(user) -> QuerySet[Honour]:
    honours = Honour.objects.all()
    if getattr(user, "is_authenticated", False) and is_county_admin(user):
        return honours
    return honours.filter(revoked_at__isnull=True)


def honours_managed_by(user) -> QuerySet[Honour]:
    """The visible honours of the organisations the user administers: "my organisations' honours"."""
    if not getattr(user, "is_authenticated", False):
        return Honour.objects.none()
    paths = editable_paths(user)
    honours = honours_visible_to(user)
    return honours if paths is None else honours.filter(paths_q(paths, "organization__path"))


def selections_to_commend(user) -> QuerySet[Selection]:
    """Selections a county admin commends (final) or prints the certificates of (commended)."""
    if not (getattr(user, "is_authenticated", False) and is_county_admin(user)):
        return Selection.objects.none()
    return Selection.objects.filter(state__in=[SelectionState.FINAL, SelectionState.COMMENDED])


def with_display(honours: QuerySet[Honour]) -> QuerySet[Honour]:
    """What a list shows of each honour, in the same query."""
    return honours.select_related("kind")


def in_force(honours: QuerySet[Honour]) -> QuerySet[Honour]:
    return honours.filter(revoked_at__isnull=True)


def count_by(honours: QuerySet[Honour], field: str) -> list[tuple[str, int]]:
    """(value, honours) per value of `field`, most first: one GROUP BY."""
    rows = honours.order_by().values(field).annotate(n=Count("id")).order_by("-n", field)
    return [(row[field], row["n"]) for row in rows]


def organization_honours(org) -> QuerySet[Honour]:
    """The honours in force given to `org` itself or to its members (comparisons' history)."""
    return with_display(Honour.objects.filter(organization=org, revoked_at__isnull=True))


def honour_by_token(token: str) -> Honour | None:
    """The honour a certificate's QR code names, revoked or not: the public verify page says
    which. The token is the secret; nothing else finds an honour here."""
    return with_display(Honour.objects.all()).filter(verify_token=token).first()


def roll_choices(honours: QuerySet[Honour]) -> dict:
    """Years and townships that have honours, for the filters: two small queries."""
    return {
        "years": list(honours.order_by("-year").values_list("year", flat=True).distinct()),
        "townships": list(honours.exclude(township="").order_by("township").values_list("township", flat=True)
                          .distinct()),
    }


#: An organisation's honours shown beside its comparisons (decades of honours fit).
SUMMARY_LIMIT = 100


def honours_summary(org) -> dict:
    """The honours in force of `org` (its own and its members'), newest first, with their
    count per year and kind: one query, for the comparisons' "over time" page and API."""
    honours = list(organization_honours(org).order_by("-year", "kind__position", "certificate_no")[:SUMMARY_LIMIT])
    counts: dict[tuple[int, str], int] = {}
    for honour in honours:
        key = (honour.year, honour.kind.name)
        counts[key] = counts.get(key, 0) + 1
    return {"honours": honours, "counts": [{"year": y, "kind": k, "count": n} for (y, k), n in counts.items()]}
