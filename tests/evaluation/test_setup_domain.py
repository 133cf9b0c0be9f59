"""Setup writes of domain/setup.py: a draft round's settings and grading rules, removing
subjects and voter groups, tokens for many subjects at once. Each refusal writes nothing."""
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import RoundKind, RoundState, TokenStatus
from pacesetter.evaluation.models import BallotToken, Round, RoundGroup, RoundSubject

from .conftest import make_round

pytestmark = pytest.mark.django_db

RULES = {"advanced_min": 92.5, "good_min": 85.0, "fair_min": 65.0, "advanced_top_share": 0.15,
         "lagging_bottom_share": 0.05, "flag_caps_at": "good"}


@pytest.fixture
def draft(tree, scheme):
    return make_round(scheme, subjects=[tree.b1, tree.b2], open_=False)


def _audit_actions():
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


def test_update_round_changes_settings_and_grading(tree, draft):
    domain.update_round(draft.round, name="改名", min_n=8, dissatisfied_flag_share=Decimal("0.25"), grading=RULES,
                        by=tree.users.county_admin)
    round_ = Round.objects.get(pk=draft.round.pk)
    assert (round_.name, round_.min_n, round_.dissatisfied_flag_share, round_.grading) == (
        "改名", 8, Decimal("0.250"), RULES
    )


def test_update_round_audits_before_and_after(tree, draft):
    domain.update_round(draft.round, min_n=8, by=tree.users.county_admin)
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.before["min_n"], entry.after["min_n"]) == ("evaluation.round.update", 5, 8)


def test_update_round_without_change_writes_no_audit_entry(tree, draft):
    entries = AuditEntry.objects.count()
    domain.update_round(draft.round, min_n=5, by=tree.users.county_admin)
    assert AuditEntry.objects.count() == entries


def test_update_round_refuses_an_open_round(tree, draft):
    domain.open_round(draft.round, by=None)
    entries = AuditEntry.objects.count()
    with pytest.raises(DomainError) as exc:
        domain.update_round(draft.round, min_n=8, by=tree.users.county_admin)
    assert (exc.value.code, exc.value.messages) == (
        "round_state", ["Changing the round's settings is not possible: The round is open."]
    )
    assert (Round.objects.get(pk=draft.round.pk).min_n, AuditEntry.objects.count()) == (5, entries)


def test_update_round_refuses_grading_out_of_range(tree, draft):
    with pytest.raises(DomainError) as exc:
        domain.update_round(draft.round, grading={**RULES, "advanced_top_share": 1.5}, by=tree.users.county_admin)
    assert (exc.value.code, exc.value.messages) == (
        "grading", ["The grading rule “advanced_top_share” must be a share from 0 to 1."]
    )
    assert Round.objects.get(pk=draft.round.pk).grading == {}


def test_update_round_refuses_a_window_closing_before_it_opens(tree, draft):
    with pytest.raises(DomainError) as exc:
        domain.update_round(draft.round, closes_at=draft.round.opens_at, by=tree.users.county_admin)
    assert exc.value.code == "window"


def test_update_round_refuses_fields_it_does_not_edit(tree, draft):
    with pytest.raises(DomainError) as exc:
        domain.update_round(draft.round, state=RoundState.OPEN, by=tree.users.county_admin)
    assert (exc.value.code, Round.objects.get(pk=draft.round.pk).state) == ("fields", RoundState.DRAFT)


def test_update_round_is_for_the_county_admin_only(tree, draft):
    with pytest.raises(PermissionDeniedError):
        domain.update_round(draft.round, min_n=8, by=tree.users.org_admin)


def test_create_round_with_grading_stores_the_rules(tree, scheme):
    now = timezone.now()
    round_ = domain.create_round_with_grading(
        scheme=scheme, kind=RoundKind.DEMOCRATIC, name="带规则", opens_at=now, closes_at=now + datetime.timedelta(days=1),
        grading=RULES, by=tree.users.county_admin,
    )
    assert (Round.objects.get(pk=round_.pk).grading, _audit_actions()[-2:]) == (
        RULES, ["evaluation.round.create", "evaluation.round.update"]
    )


def test_create_round_with_bad_grading_creates_nothing(tree, scheme):
    now = timezone.now()
    with pytest.raises(DomainError):
        domain.create_round_with_grading(
            scheme=scheme, kind=RoundKind.DEMOCRATIC, name="坏规则", opens_at=now,
            closes_at=now + datetime.timedelta(days=1), grading={**RULES, "good_min": 95.0}, by=tree.users.county_admin,
        )
    assert Round.objects.count() == 0


def test_remove_subject_takes_its_tokens_along(tree, draft):
    domain.make_tokens(draft.round, subject=draft.subjects[0], group=draft.groups[0], count=2, by=None)
    domain.remove_subject(draft.subjects[0], by=tree.users.county_admin)
    assert (list(RoundSubject.objects.filter(round=draft.round).values_list("organization__code", flat=True)),
            BallotToken.objects.count()) == (["T2B1"], 0)


def test_remove_subject_is_audited_with_the_code(tree, draft):
    domain.remove_subject(draft.subjects[0], by=tree.users.county_admin)
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.before) == ("evaluation.round.remove_subject", {"organization": "T1B1"})


def test_remove_subject_refused_once_open(tree, draft):
    domain.open_round(draft.round, by=None)
    with pytest.raises(DomainError) as exc:
        domain.remove_subject(draft.subjects[0], by=tree.users.county_admin)
    assert (exc.value.code, RoundSubject.objects.filter(round=draft.round).count()) == ("round_state", 2)


def test_remove_group_leaves_the_others(tree, draft):
    domain.remove_group(draft.groups[0], by=tree.users.county_admin)
    assert list(RoundGroup.objects.filter(round=draft.round).values_list("voter_group__kind", flat=True)) == ["public"]


def test_remove_group_refused_once_open(tree, draft):
    domain.open_round(draft.round, by=None)
    with pytest.raises(DomainError) as exc:
        domain.remove_group(draft.groups[0], by=tree.users.county_admin)
    assert (exc.value.code, RoundGroup.objects.filter(round=draft.round).count()) == ("round_state", 2)


def test_remove_group_is_for_the_county_admin_only(tree, draft):
    with pytest.raises(PermissionDeniedError):
        domain.remove_group(draft.groups[0], by=tree.users.inspector)


def test_make_tokens_for_subjects_makes_count_per_subject(tree, draft):
    made = domain.make_tokens_for_subjects(
        draft.round, subjects=draft.subjects, group=draft.groups[0], count=3, by=tree.users.county_admin
    )
    assert ([s.organization.code for s, _token in made], len({token for _s, token in made})) == (
        ["T1B1"] * 3 + ["T2B1"] * 3, 6
    )


def test_make_tokens_for_subjects_revokes_the_earlier_unused_ones(tree, draft):
    domain.make_tokens(draft.round, subject=draft.subjects[0], group=draft.groups[0], count=2, by=None)
    domain.make_tokens_for_subjects(draft.round, subjects=draft.subjects, group=draft.groups[0], count=1, by=None)
    statuses = BallotToken.objects.filter(subject=draft.subjects[0]).values_list("status", flat=True)
    assert sorted(statuses) == [TokenStatus.REVOKED, TokenStatus.REVOKED, TokenStatus.UNUSED]


def test_make_tokens_for_subjects_refuses_more_than_the_maximum(tree, draft):
    with pytest.raises(DomainError) as exc:
        domain.make_tokens_for_subjects(
            draft.round, subjects=draft.subjects, group=draft.groups[0], count=domain.MAX_TOKENS // 2 + 1, by=None
        )
    assert (exc.value.code, BallotToken.objects.count()) == ("count", 0)


def test_make_tokens_for_subjects_is_all_or_nothing(tree, draft, scheme):
    other = make_round(scheme, subjects=[tree.t1], open_=False, name="另一轮")
    with pytest.raises(DomainError):
        domain.make_tokens_for_subjects(
            draft.round, subjects=[draft.subjects[0], other.subjects[0]], group=draft.groups[0], count=2, by=None
        )
    assert BallotToken.objects.count() == 0


def test_scheme_of_draft_rounds_only_is_not_locked(tree, scheme, draft):
    assert domain.scheme_lock_reason(scheme) is None


def test_scheme_lock_reason_names_the_opened_round(tree, scheme, draft):
    domain.open_round(draft.round, by=None)
    assert domain.scheme_lock_reason(scheme) == (
        "The scheme is used by the round “2026年度民主测评”, which has opened; it can no longer change."
    )
