"""Eligibility: the nominee's record as it stands when nominated, and the selection's rules
checked against it.

`Selection.rules` holds the rules as data, key → threshold, from the fixed catalogue
RULES. `take_record` reads the record once (grade and composite in the selection's
released round, open accountability cases, closed cases with a disqualification from the
year's honours, commitments fulfilment in the campaign, earlier honours, member status);
it is stored on the nomination and never recomputed, so later changes don't move a
nomination's result. `check` applies the rules to a stored record, and `explain` words a
result in the reader's language.

For a member nominee the grade and fulfilment rules read the member's organisation; the
ranking score is the member's own composite where the round evaluated them as a person,
else the organisation's. For an affiliate unit (Youth League, union, women's federation)
they read the party organisation it is linked to, whose work drives the unit's; the record
adds the unit's own honours and joint activities (`affiliate_unit`), and "not given this
honour" looks at the unit's honours.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pacesetter.accountability.enums import CaseStatus, Sanction
from pacesetter.accountability.models import AccountabilityCase, CaseSanction
from pacesetter.commitments.sources import fulfilment_rates
from pacesetter.doublelead.queries import record_of as double_lead_record
from pacesetter.evaluation.enums import Grade, RoundState
from pacesetter.evaluation.models import SubjectResult
from pacesetter.honours.models import Honour
from pacesetter.linkage.queries import affiliate_honours_of, unit_record
from pacesetter.orgs.enums import MemberStatus
from pacesetter.vanguard.enums import Rating
from pacesetter.vanguard.queries import record_of as vanguard_record

#: Best first: a grade passes "at least X" when it stands at X's place or before.
GRADE_ORDER = [Grade.ADVANCED, Grade.GOOD, Grade.FAIR, Grade.LAGGING]


@dataclass(frozen=True)
class Rule:
    key: str
    label: object
    #: "grade", "percent", "years" or "flag" (a rule without a threshold).
    threshold: str


RULES = [
    Rule("min_grade", gettext_lazy("graded at least … in the selection's round"), "grade"),
    Rule("no_open_case", gettext_lazy("no open accountability case against the organisation"), "flag"),
    # xgettext:no-python-format
    Rule("min_fulfilment", gettext_lazy("commitments fulfilment at least … % in the campaign"), "percent"),
    Rule("formal_members_only", gettext_lazy("probationary members excluded"), "flag"),
    Rule("not_honoured_years", gettext_lazy("not given this honour in the last … years"), "years"),
    Rule("no_disqualification", gettext_lazy("not disqualified from this year's honours in a closed case"), "flag"),
    # Post pacesetters (岗位标兵): the nominee's vanguard projects were reviewed good or better.
    Rule("vanguard_rated", gettext_lazy("a vanguard project (党员先锋工程) reviewed good or better"), "flag"),
]
RULES_BY_KEY = {rule.key: rule for rule in RULES}


def clean_rules(raw: dict) -> dict:
    """The rules with their thresholds, only known keys, thresholds in range; flags are True."""
    cleaned = {}
    for key, value in (raw or {}).items():
        rule = RULES_BY_KEY.get(key)
        if rule is None or value in (None, "", False):
            continue
        if rule.threshold == "grade":
            if value not in Grade.values:
                raise ValueError(key)
            cleaned[key] = value
        elif rule.threshold == "flag":
            cleaned[key] = True
        else:
            number = int(value)
            if not (0 <= number <= 100 if rule.threshold == "percent" else 1 <= number <= 20):
                raise ValueError(key)
            cleaned[key] = number
    return cleaned


def _result(round_, organization, member=None) -> SubjectResult | None:
    if round_ is None or round_.state != RoundState.RELEASED:
        return None
    return SubjectResult.objects.filter(
        tally__round=round_, subject__organization=organization, subject__member=member,
    ).first()


def take_record(selection, organization, member=None, *, on: datetime.date, affiliate_unit=None) -> dict:
    """The nominee's record on the day `on`, as plain JSON."""
    org_result = _result(selection.round, organization)
    own = _result(selection.round, organization, member) if member is not None else None
    scored = own if own is not None and own.composite is not None else org_result
    rates = fulfilment_rates(selection.campaign, organization_ids=[organization.pk], on=on)
    fulfilment = rates.get((organization.pk, None))
    honours = Honour.objects.filter(kind=selection.kind, revoked_at__isnull=True)
    if member is not None:
        honours = honours.filter(member=member)
    elif affiliate_unit is not None:
        honours = honours.filter(affiliate_unit=affiliate_unit)
    else:
        honours = honours.filter(organization=organization, member__isnull=True, affiliate_unit__isnull=True)
    year = selection.campaign.year
    return {
        "taken_on": on.isoformat(),
        "organization": {"code": organization.code, "name": organization.name, "township": organization.township,
                         "sector": organization.sector, "level": organization.level},
        "member": ({"code": member.code, "name": member.name, "status": member.status}
                   if member is not None else None),
        "round": ({"id": selection.round_id, "name": selection.round.name} if selection.round_id else None),
        "grade": org_result.grade if org_result else "",
        "composite": org_result.composite if org_result else None,
        "rank_peer": org_result.rank_peer if org_result else None,
        "peer_size": org_result.peer_size if org_result else None,
        "rank_county": org_result.rank_county if org_result else None,
        "peer_group": org_result.peer_group if org_result else "",
        "member_composite": own.composite if own else None,
        "score": scored.composite if scored else None,
        "open_cases": AccountabilityCase.objects.filter(organization=organization).exclude(
            status=CaseStatus.CLOSED).count(),
        "disqualifications": CaseSanction.objects.filter(
            case__organization=organization, case__status=CaseStatus.CLOSED, kind=Sanction.DISQUALIFICATION,
            imposed_on__year=year).count(),
        "fulfilment": round(fulfilment.rate, 1) if fulfilment and fulfilment.rate is not None else None,
        "honours": sorted(honours.values_list("year", flat=True)),
        # Linkage and helping count too: the honours of the Youth League, union and women's
        # federation units the organisation leads, and a member's record as a double-lead member.
        "affiliate_honours": affiliate_honours_of(organization),
        "double_lead": double_lead_record(member) if member is not None else None,
        "affiliate_unit": unit_record(affiliate_unit) if affiliate_unit is not None else None,
        # A member's own vanguard projects; an organisation's, those of its subtree.
        "vanguard": (vanguard_record(member=member) if member is not None
                     else vanguard_record(organization=organization) if affiliate_unit is None else None),
        "year": year,
    }


def _passes(key: str, threshold, record: dict) -> tuple[bool, object]:
    """Whether the record passes one rule, and the value the rule looked at."""
    if key == "min_grade":
        grade = record.get("grade") or ""
        ok = grade in GRADE_ORDER and GRADE_ORDER.index(grade) <= GRADE_ORDER.index(threshold)
        return ok, grade
    if key == "no_open_case":
        return record.get("open_cases", 0) == 0, record.get("open_cases", 0)
    if key == "min_fulfilment":
        value = record.get("fulfilment")
        return value is not None and value >= threshold, value
    if key == "formal_members_only":
        member = record.get("member")
        status = member["status"] if member else ""
        return status != MemberStatus.PROBATIONARY, status
    if key == "not_honoured_years":
        since = record["year"] - threshold + 1
        recent = [y for y in record.get("honours", []) if y >= since]
        return not recent, recent
    if key == "no_disqualification":
        return record.get("disqualifications", 0) == 0, record.get("disqualifications", 0)
    if key == "vanguard_rated":
        ratings = (record.get("vanguard") or {}).get("ratings", {})
        rated = ratings.get(Rating.EXCELLENT, 0) + ratings.get(Rating.GOOD, 0)
        return rated > 0, rated
    raise KeyError(key)


def check(rules: dict, record: dict) -> tuple[list[dict], bool]:
    """Each rule's result on the record, in the catalogue's order, and whether all passed."""
    rows = []
    for rule in RULES:
        if rule.key in rules:
            ok, value = _passes(rule.key, rules[rule.key], record)
            rows.append({"rule": rule.key, "threshold": rules[rule.key], "value": value, "passed": ok})
    return rows, all(row["passed"] for row in rows)


def describe_rule(key: str, threshold) -> str:
    """A rule with its threshold, in the reader's language."""
    if key == "min_grade":
        return _("graded at least %(grade)s in the selection's round") % {"grade": Grade(threshold).label}
    if key == "min_fulfilment":
        return _("commitments fulfilment at least %(n)s %% in the campaign") % {"n": threshold}
    if key == "not_honoured_years":
        return _("not given this honour in the last %(n)s years") % {"n": threshold}
    return str(RULES_BY_KEY[key].label)


def explain(row: dict) -> str:
    """Why a rule passed or failed on the stored record."""
    key, value = row["rule"], row["value"]
    if key == "min_grade":
        return (_("graded %(grade)s") % {"grade": Grade(value).label}) if value else _("not graded in the round")
    if key == "no_open_case":
        return _("%(n)s open cases") % {"n": value}
    if key == "min_fulfilment":
        return (_("fulfilment %(n)s %%") % {"n": value}) if value is not None else _(
            "no published commitment items decided or due")
    if key == "formal_members_only":
        return str(MemberStatus(value).label) if value else _("an organisation, not a member")
    if key == "not_honoured_years":
        return (_("given it in %(years)s") % {"years": ", ".join(map(str, value))}) if value else _(
            "not given it in those years")
    if key == "vanguard_rated":
        return _("%(n)s vanguard projects reviewed good or better") % {"n": value}
    return _("%(n)s disqualifications") % {"n": value}


def describe_rules(rules: dict) -> list[str]:
    return [describe_rule(rule.key, rules[rule.key]) for rule in RULES if rule.key in rules]
