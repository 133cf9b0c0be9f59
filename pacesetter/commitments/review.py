"""The review of a campaign's commitments (评诺) as an evaluation round.

Members and the public rate each organisation's delivery on ballots that show its published
commitments (evaluation.sources' ballot context, see commitments.sources); the fulfilment
rate and the superior organisation's judgement come in as record indicators of the scheme.
Setting it up is the county admin's, as every evaluation round is: the evaluation domain
functions below check it and write their own audit entries, and the review adds one of its
own naming the campaign.
"""
from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from pacesetter.campaigns.models import Campaign
from pacesetter.core import audit
from pacesetter.core.errors import DomainError
from pacesetter.evaluation import domain as ev_domain
from pacesetter.evaluation.enums import GroupKind, IndicatorSource, RoundKind, Scale, SchemeKind, SchemeStatus
from pacesetter.evaluation.models import Round, Scheme
from pacesetter.orgs.enums import OrgStatus
from pacesetter.orgs.models import Organization

from .enums import CommitmentStatus
from .models import Commitment


def _default_parts() -> tuple[list[dict], list[dict]]:
    """Indicators and voter groups of the default review scheme: what members and the public
    saw of the delivery (50 %), the fulfilment rate (30 %), the superior's judgement (20 %)."""
    indicators = [
        {"question": _("How well has the organisation delivered what it pledged?"), "scale": Scale.GRADE4,
         "weight": 30},
        {"question": _("How satisfied are you with the organisation's work on its commitments?"),
         "scale": Scale.SATISFACTION3, "weight": 20},
        {"question": _("Fulfilment rate of the commitments"), "source": IndicatorSource.COMMITMENT_FULFILMENT,
         "weight": 30},
        {"question": _("Superior organisation's judgement of the delivery"), "source": IndicatorSource.SUPERIOR_REVIEW,
         "weight": 20},
    ]
    groups = [{"kind": GroupKind.MEMBERS, "weight": 60}, {"kind": GroupKind.PUBLIC, "weight": 40}]
    return indicators, groups


def default_review_scheme(*, by) -> Scheme:
    """The ready (active) commitment-review scheme "Commitment review", made the first time
    it is asked for and returned as it is after that (found by its kind and name)."""
    name = _("Commitment review")
    with transaction.atomic():
        found = Scheme.objects.filter(
            kind=SchemeKind.COMMITMENT_REVIEW, status=SchemeStatus.ACTIVE, name=name
        ).order_by("id").first()
        if found is not None:
            return found
        indicators, groups = _default_parts()
        scheme = ev_domain.create_scheme(
            name=name, kind=SchemeKind.COMMITMENT_REVIEW, indicators=indicators, groups=groups, by=by
        )
        return ev_domain.activate_scheme(scheme, by=by)


def review_subjects(campaign: Campaign):
    """The organisations a review of `campaign` evaluates: active ones with a published
    pledge of their own (members' pledges are reviewed with their organisation)."""
    pledged = Commitment.objects.filter(
        campaign=campaign, status=CommitmentStatus.PUBLISHED, member__isnull=True
    ).values("organization_id")
    return Organization.objects.filter(pk__in=pledged, status=OrgStatus.ACTIVE).order_by("path")


def create_review_round(
    campaign: Campaign, *, scheme: Scheme, name: str, opens_at: datetime.datetime, closes_at: datetime.datetime,
    groups: dict[str, int], by, allow_open_channel: bool = False,
) -> Round:
    """A draft commitment-review round of `campaign` whose subjects are every organisation
    with a published pledge in it, and whose voter groups are `groups` (group kind →
    ballots expected per subject), each a voter group of `scheme`. All of it, or nothing."""
    with transaction.atomic():
        round_ = ev_domain.create_round(
            scheme=scheme, kind=RoundKind.COMMITMENT_REVIEW, campaign=campaign, name=name, opens_at=opens_at,
            closes_at=closes_at, allow_open_channel=allow_open_channel, by=by,
        )
        organizations = list(review_subjects(campaign))
        if not organizations:
            raise DomainError(
                {"campaign": _("No organisation has a published commitment in “%(campaign)s” yet.")
                 % {"campaign": campaign.name}},
                code="no_subjects",
            )
        subjects = ev_domain.add_subjects(round_, organizations=organizations, by=by)
        voter_groups = {g.kind: g for g in scheme.groups.all()}
        if not groups:
            raise DomainError({"groups": _("Choose at least one voter group.")}, code="no_groups")
        for kind, expected in groups.items():
            if kind not in voter_groups:
                raise DomainError(
                    {"groups": _("The scheme “%(scheme)s” has no voter group “%(group)s”.")
                     % {"scheme": scheme.name, "group": GroupKind(kind).label if kind in GroupKind.values else kind}},
                    code="group",
                )
            ev_domain.add_group(round_, voter_group=voter_groups[kind], expected=expected, by=by)
        audit.record(
            "commitments.review.create_round", by=by, obj=round_,
            after={"campaign": campaign.pk, "scheme": scheme.pk, "subjects": len(subjects),
                   "groups": dict(sorted(groups.items()))},
        )
    return round_
