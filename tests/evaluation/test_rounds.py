import datetime

import pytest
from django.utils import timezone

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import RoundKind, RoundState
from pacesetter.evaluation.models import Round, RoundGroup, RoundSubject

from .conftest import make_round, make_scheme

pytestmark = pytest.mark.django_db


def _round_in(state, tree, scheme):
    setup = make_round(scheme, subjects=[tree.b1], open_=state != RoundState.DRAFT)
    if state in (RoundState.CLOSED, RoundState.RELEASED):
        domain.close_round(setup.round, by=None)
    if state == RoundState.RELEASED:
        domain.release_results(setup.round, by=None)
    return Round.objects.get(pk=setup.round.pk)


TRANSITIONS = {"open": domain.open_round, "close": domain.close_round, "release": domain.release_results}
LEGAL = {("draft", "open"), ("open", "close"), ("closed", "release")}
ILLEGAL = [(s, t) for s in RoundState.values for t in TRANSITIONS if (s, t) not in LEGAL]


@pytest.mark.parametrize(("state", "transition"), ILLEGAL)
def test_illegal_transition_rejected(tree, scheme, state, transition):
    round_ = _round_in(state, tree, scheme)
    entries = AuditEntry.objects.count()
    with pytest.raises(DomainError) as exc:
        TRANSITIONS[transition](round_, by=None)
    assert exc.value.code == "round_state"
    assert Round.objects.get(pk=round_.pk).state == state
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(("state", "transition", "after"), [
    ("draft", "open", "open"), ("open", "close", "closed"), ("closed", "release", "released"),
])
def test_legal_transition_moves_state_and_is_audited(tree, scheme, state, transition, after):
    round_ = _round_in(state, tree, scheme)
    TRANSITIONS[transition](round_, by=tree.users.county_admin)
    assert Round.objects.get(pk=round_.pk).state == after
    entry = AuditEntry.objects.filter(action=f"evaluation.round.{after}").get()
    assert (entry.before, entry.after["state"], entry.actor_id) == ({"state": state}, after, tree.users.county_admin.pk)


def test_closing_message_names_the_state(tree, scheme):
    round_ = _round_in(RoundState.DRAFT, tree, scheme)
    with pytest.raises(DomainError) as exc:
        domain.close_round(round_, by=None)
    assert exc.value.messages == ["Closing the round is not possible: The round has not opened yet."]


@pytest.mark.parametrize("action", ["open", "close", "release"])
def test_transitions_refused_to_org_admin(tree, scheme, action):
    round_ = _round_in({"open": "draft", "close": "open", "release": "closed"}[action], tree, scheme)
    with pytest.raises(PermissionDeniedError):
        TRANSITIONS[action](round_, by=tree.users.org_admin)


def test_open_needs_subjects(tree, scheme):
    now = timezone.now()
    round_ = domain.create_round(scheme=scheme, kind=RoundKind.DEMOCRATIC, name="空", opens_at=now,
                                 closes_at=now + datetime.timedelta(days=1), by=None)
    with pytest.raises(DomainError) as exc:
        domain.open_round(round_, by=None)
    assert exc.value.messages == ["The round has no subjects."]


def test_open_needs_groups(tree, scheme):
    now = timezone.now()
    round_ = domain.create_round(scheme=scheme, kind=RoundKind.DEMOCRATIC, name="空", opens_at=now,
                                 closes_at=now + datetime.timedelta(days=1), by=None)
    domain.add_subjects(round_, organizations=[tree.b1], by=None)
    with pytest.raises(DomainError) as exc:
        domain.open_round(round_, by=None)
    assert exc.value.messages == ["The round has no voter groups."]


def test_open_refused_when_window_already_ended(tree, scheme):
    now = timezone.now()
    round_ = domain.create_round(scheme=scheme, kind=RoundKind.DEMOCRATIC, name="过期",
                                 opens_at=now - datetime.timedelta(days=2), closes_at=now - datetime.timedelta(days=1),
                                 by=None)
    domain.add_subjects(round_, organizations=[tree.b1], by=None)
    domain.add_group(round_, voter_group=scheme.groups.first(), expected=3, by=None)
    with pytest.raises(DomainError) as exc:
        domain.open_round(round_, by=None)
    assert exc.value.messages == ["The round's window has already ended."]


def test_create_round_needs_window_in_order(scheme):
    now = timezone.now()
    with pytest.raises(DomainError) as exc:
        domain.create_round(scheme=scheme, kind=RoundKind.DEMOCRATIC, name="倒置", opens_at=now, closes_at=now, by=None)
    assert exc.value.messages == ["A round must close after it opens."]


def test_create_round_needs_an_active_scheme(db):
    draft = make_scheme(active=False, name="草稿方案")
    now = timezone.now()
    with pytest.raises(DomainError) as exc:
        domain.create_round(scheme=draft, kind=RoundKind.SATISFACTION, name="测评", opens_at=now,
                            closes_at=now + datetime.timedelta(days=1), by=None)
    assert exc.value.messages == ["The scheme “草稿方案” is still a draft."]
    assert Round.objects.count() == 0


def test_create_round_refused_to_org_admin(tree, scheme):
    now = timezone.now()
    with pytest.raises(PermissionDeniedError):
        domain.create_round(scheme=scheme, kind=RoundKind.CONDUCT, name="测评", opens_at=now,
                            closes_at=now + datetime.timedelta(days=1), by=tree.users.org_admin)


def test_subjects_locked_once_open(tree, scheme):
    setup = make_round(scheme, subjects=[tree.b1])
    with pytest.raises(DomainError) as exc:
        domain.add_subjects(setup.round, organizations=[tree.b2], by=None)
    assert exc.value.messages == ["Adding subjects is not possible: The round is open."]
    assert list(RoundSubject.objects.values_list("organization__code", flat=True)) == ["T1B1"]


def test_groups_locked_once_open(tree, scheme):
    setup = make_round(scheme, subjects=[tree.b1])
    with pytest.raises(DomainError):
        domain.add_group(setup.round, voter_group=scheme.groups.first(), expected=99, by=None)
    assert sorted(RoundGroup.objects.values_list("expected", flat=True)) == [10, 10]


def test_add_subjects_twice_keeps_one_each(tree, scheme):
    setup = make_round(scheme, subjects=[tree.b1], open_=False)
    domain.add_subjects(setup.round, organizations=[tree.b1, tree.b2], by=None)
    assert sorted(RoundSubject.objects.values_list("organization__code", flat=True)) == ["T1B1", "T2B1"]


def test_add_group_from_another_scheme_refused(tree, scheme):
    setup = make_round(scheme, subjects=[tree.b1], open_=False)
    other = make_scheme(name="另一方案")
    with pytest.raises(DomainError) as exc:
        domain.add_group(setup.round, voter_group=other.groups.first(), expected=1, by=None)
    assert exc.value.messages == ["That voter group belongs to another scheme."]
