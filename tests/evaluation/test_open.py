"""Open surveys (no token): the channel, its refusals and its limits per device and address."""
import datetime
from types import SimpleNamespace

import pytest
from django.db.models import Count
from django.utils import timezone

from pacesetter.core.errors import DomainError
from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import domain
from pacesetter.evaluation.domain.open import limit_hash, open_limits
from pacesetter.evaluation.enums import Channel, GroupKind, RoundKind
from pacesetter.evaluation.models import Answer, Ballot, OpenLimit, Round

from .conftest import answers_for, make_scheme

pytestmark = pytest.mark.django_db

IP = "198.51.100.7"


def make_open_round(scheme, *, subjects, allow=True, open_=True, name="2026年度满意度调查"):
    now = timezone.now()
    round_ = domain.create_round(
        scheme=scheme, kind=RoundKind.SATISFACTION, name=name, allow_open_channel=allow,
        opens_at=now - datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(days=1), by=None,
    )
    round_subjects = domain.add_subjects(round_, organizations=subjects, by=None)
    groups = [domain.add_group(round_, voter_group=g, expected=10, by=None) for g in scheme.groups.order_by("id")]
    if open_:
        round_ = domain.open_round(round_, by=None)
    return SimpleNamespace(round=round_, subjects=round_subjects, groups=groups, scheme=scheme,
                           key=round_subjects[0].open_key, answers=answers_for(scheme))


@pytest.fixture(autouse=True)
def _default_limits(settings):
    """The defaults, whatever a deployment's settings say."""
    settings.OPEN_SURVEY_PER_DEVICE, settings.OPEN_SURVEY_PER_IP = 1, 20


@pytest.fixture
def survey(tree, scheme):
    return make_open_round(scheme, subjects=[tree.b1, tree.b2])


def _cast(survey, *, device="device-a", ip=IP, key=None, answers=None):
    domain.cast_open_ballot(key or survey.key, answers or survey.answers, client_ip=ip, device_id=device)


def _refusal(call) -> str:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.code


def _written():
    return Ballot.objects.count(), Answer.objects.count(), sorted(OpenLimit.objects.values_list("count", flat=True))


# --- The ballot ------------------------------------------------------------------


def test_open_ballot_is_in_the_open_channel_of_the_public_group(survey):
    _cast(survey)
    public = next(g for g in survey.groups if g.voter_group.kind == GroupKind.PUBLIC)
    assert list(Ballot.objects.values_list("round_id", "subject_id", "group_id", "channel")) == [
        (survey.round.pk, survey.subjects[0].pk, public.pk, Channel.OPEN)
    ]


def test_open_ballot_records_every_answer(survey):
    _cast(survey, answers=answers_for(survey.scheme, (1, 2, 65)))
    assert list(Answer.objects.order_by("indicator__order").values_list("option", "points")) == [
        (1, 80), (2, 0), (65, 65)
    ]


def test_open_ballot_and_limit_rows_hold_no_address_device_or_time(survey):
    _cast(survey, device="device-a", ip=IP)
    ballot = Ballot.objects.values().get()
    limits = list(OpenLimit.objects.values("subject_id", "key_hash", "count"))
    stored = repr([ballot, limits])
    assert (sorted(ballot), IP in stored, "device-a" in stored) == (
        ["channel", "group_id", "id", "round_id", "subject_id"], False, False
    )


def test_limit_rows_are_keyed_by_hmac_of_device_and_address_per_subject(survey):
    _cast(survey, device="device-a", ip=IP)
    subject = survey.subjects[0].pk
    assert sorted(OpenLimit.objects.values_list("key_hash", "count")) == sorted([
        (limit_hash(subject, "device", "device-a"), 1), (limit_hash(subject, "ip", IP), 1)
    ])


def test_limit_hash_differs_between_subjects(survey):
    assert limit_hash(1, "ip", IP) != limit_hash(2, "ip", IP)


def test_open_ballot_writes_no_audit_entry(survey):
    before = AuditEntry.objects.count()
    _cast(survey)
    assert AuditEntry.objects.count() == before


def test_service_users_take_open_ballots_where_there_is_no_public_group(tree):
    scheme = make_scheme(groups=[{"kind": GroupKind.MEMBERS, "weight": 50},
                                 {"kind": GroupKind.SERVICE_USERS, "weight": 50}])
    survey = make_open_round(scheme, subjects=[tree.b1])
    _cast(survey)
    assert list(Ballot.objects.values_list("group__voter_group__kind", flat=True)) == [GroupKind.SERVICE_USERS]


# --- Refusals ------------------------------------------------------------------


def test_round_that_forbids_the_open_channel_refuses(tree, scheme):
    survey = make_open_round(scheme, subjects=[tree.b1], allow=False)
    assert (_refusal(lambda: _cast(survey)), _written()) == ("open_forbidden", (0, 0, []))


def test_round_without_public_or_service_users_has_no_open_channel(tree):
    scheme = make_scheme(groups=[{"kind": GroupKind.MEMBERS, "weight": 50},
                                 {"kind": GroupKind.LEADERSHIP, "weight": 50}])
    survey = make_open_round(scheme, subjects=[tree.b1])
    assert (_refusal(lambda: _cast(survey)), _written()) == ("no_open_group", (0, 0, []))


def test_draft_round_refuses(tree, scheme):
    survey = make_open_round(scheme, subjects=[tree.b1], open_=False)
    assert (_refusal(lambda: _cast(survey)), _written()) == ("round_not_open", (0, 0, []))


def test_closed_round_refuses(survey):
    domain.close_round(survey.round, by=None)
    assert (_refusal(lambda: _cast(survey)), _written()) == ("round_closed", (0, 0, []))


def test_round_past_its_window_refuses(survey):
    Round.objects.filter(pk=survey.round.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    assert (_refusal(lambda: _cast(survey)), _written()) == ("window_ended", (0, 0, []))


def test_round_before_its_window_refuses(survey):
    Round.objects.filter(pk=survey.round.pk).update(opens_at=timezone.now() + datetime.timedelta(hours=1))
    assert (_refusal(lambda: _cast(survey)), _written()) == ("not_yet_open", (0, 0, []))


@pytest.mark.parametrize("key", ["AAAAAAAAAAAAAAAA", "short", "has/slash/in/it!", ""])
def test_unknown_key_refuses(survey, key):
    assert _refusal(lambda: _cast(survey, key=key or "x")) == "unknown_key"


def test_missing_answer_refuses_and_counts_nothing(survey):
    answers = dict(list(survey.answers.items())[:2])
    assert (_refusal(lambda: _cast(survey, answers=answers)), _written()) == ("missing_answer", (0, 0, []))


def test_cast_without_device_refuses(survey):
    assert (_refusal(lambda: _cast(survey, device="")), _written()) == ("no_device", (0, 0, []))


# --- Limits --------------------------------------------------------------------


def test_default_limits_are_one_per_device_and_twenty_per_address(settings):
    del settings.OPEN_SURVEY_PER_DEVICE, settings.OPEN_SURVEY_PER_IP
    assert open_limits() == (1, 20)


def test_limits_come_from_settings(settings):
    settings.OPEN_SURVEY_PER_DEVICE, settings.OPEN_SURVEY_PER_IP = 3, 50
    assert open_limits() == (3, 50)


def test_second_ballot_from_one_device_is_refused(survey):
    _cast(survey, device="device-a", ip=IP)
    code = _refusal(lambda: _cast(survey, device="device-a", ip="203.0.113.9"))
    assert (code, Ballot.objects.count()) == ("device_limit", 1)


def test_device_limit_is_per_subject(survey):
    _cast(survey, device="device-a")
    _cast(survey, device="device-a", key=survey.subjects[1].open_key)
    assert sorted(Ballot.objects.values_list("subject_id", flat=True)) == sorted(s.pk for s in survey.subjects)


def test_device_limit_follows_the_setting(survey, settings):
    settings.OPEN_SURVEY_PER_DEVICE = 2
    _cast(survey, device="device-a")
    _cast(survey, device="device-a")
    assert (_refusal(lambda: _cast(survey, device="device-a")), Ballot.objects.count()) == ("device_limit", 2)


def test_address_limit_lets_several_devices_vote_then_refuses(survey, settings):
    settings.OPEN_SURVEY_PER_IP = 3
    for n in range(3):
        _cast(survey, device=f"device-{n}")
    assert (_refusal(lambda: _cast(survey, device="device-9")), Ballot.objects.count()) == ("ip_limit", 3)


def test_default_address_limit_takes_twenty_devices(survey):
    for n in range(20):
        _cast(survey, device=f"device-{n}")
    assert (_refusal(lambda: _cast(survey, device="device-20")), Ballot.objects.count()) == ("ip_limit", 20)


def test_address_refusal_leaves_the_device_uncounted(survey, settings):
    settings.OPEN_SURVEY_PER_IP = 1
    _cast(survey, device="device-a")
    _refusal(lambda: _cast(survey, device="device-b"))
    subject = survey.subjects[0].pk
    assert OpenLimit.objects.filter(key_hash=limit_hash(subject, "device", "device-b")).exists() is False


def test_zero_switches_a_limit_off(survey, settings):
    settings.OPEN_SURVEY_PER_DEVICE, settings.OPEN_SURVEY_PER_IP = 0, 0
    for _n in range(3):
        _cast(survey, device="device-a")
    assert (Ballot.objects.count(), OpenLimit.objects.count()) == (3, 0)


def test_lookup_refuses_a_device_at_its_limit_before_the_ballot_is_filled_in(survey):
    _cast(survey, device="device-a")
    code = _refusal(lambda: domain.lookup_open_key(survey.key, client_ip="203.0.113.9", device_id="device-a"))
    assert code == "device_limit"


def test_lookup_refuses_an_address_at_its_limit(survey, settings):
    settings.OPEN_SURVEY_PER_IP = 1
    _cast(survey, device="device-a")
    code = _refusal(lambda: domain.lookup_open_key(survey.key, client_ip=IP, device_id="device-b"))
    assert code == "ip_limit"


def test_close_round_deletes_its_limit_rows_only(tree, scheme, survey):
    other = make_open_round(scheme, subjects=[tree.b1], name="另一轮")
    _cast(survey)
    _cast(other)
    domain.close_round(survey.round, by=None)
    assert list(OpenLimit.objects.values_list("subject__round_id", flat=True).distinct()) == [other.round.pk]


def test_close_keeps_open_ballots_in_their_channel(survey):
    for n in range(3):
        _cast(survey, device=f"device-{n}")
    domain.close_round(survey.round, by=None)
    assert list(Ballot.objects.values_list("channel").annotate(n=Count("id")).order_by()) == [(Channel.OPEN, 3)]

