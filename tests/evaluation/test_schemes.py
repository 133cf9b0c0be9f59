import pytest

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import GroupKind, Scale, SchemeStatus
from pacesetter.evaluation.models import Indicator, Scheme, VoterGroup

from .conftest import GROUPS, INDICATORS, make_round, make_scheme

pytestmark = pytest.mark.django_db


def _error(**kwargs):
    with pytest.raises(DomainError) as exc:
        domain.create_scheme(name="方案", indicators=kwargs.get("indicators", INDICATORS),
                             groups=kwargs.get("groups", GROUPS), by=None)
    return exc.value


def test_create_scheme_writes_indicators_in_order_and_groups():
    scheme = make_scheme(active=False)
    assert list(scheme.indicators.values_list("order", "question", "weight")) == [
        (1, "政治引领", 40), (2, "服务群众", 35), (3, "综合评分", 25)
    ]
    assert list(scheme.groups.order_by("id").values_list("kind", "weight")) == [("members", 60), ("public", 40)]
    assert scheme.status == SchemeStatus.DRAFT


def test_create_scheme_records_audit_entry():
    scheme = make_scheme(active=False)
    entry = AuditEntry.objects.get(action="evaluation.scheme.create")
    assert entry.object_id == str(scheme.pk)
    assert entry.after["groups"] == [{"kind": "members", "weight": 60}, {"kind": "public", "weight": 40}]


def test_indicator_weights_must_total_100():
    bad = [dict(INDICATORS[0], weight=50), INDICATORS[1], INDICATORS[2]]
    error = _error(indicators=bad)
    assert error.messages == ["The weights of the indicators add up to 110, not 100."]
    assert Scheme.objects.count() == 0


def test_group_weights_must_total_100():
    error = _error(groups=[{"kind": GroupKind.MEMBERS, "weight": 60}, {"kind": GroupKind.PUBLIC, "weight": 30}])
    assert error.messages == ["The weights of the voter groups add up to 90, not 100."]


def test_scheme_needs_indicators():
    assert _error(indicators=[]).messages == ["The scheme has no indicators."]


def test_scheme_needs_voter_groups():
    assert _error(groups=[]).messages == ["The scheme has no voter groups."]


def test_voter_group_cannot_appear_twice():
    groups = [{"kind": GroupKind.MEMBERS, "weight": 50}, {"kind": GroupKind.MEMBERS, "weight": 50}]
    assert _error(groups=groups).messages == ["Each voter group may appear only once in a scheme."]


def test_points_must_match_the_scale():
    bad = [dict(INDICATORS[0], points=[100, 80, 60]), INDICATORS[1], INDICATORS[2]]
    assert _error(indicators=bad).messages == ["Indicator 1: This scale has 4 options, so it needs exactly 4 points."]


def test_points_must_be_between_0_and_100():
    bad = [dict(INDICATORS[0], points=[120, 80, 60, 40]), INDICATORS[1], INDICATORS[2]]
    assert _error(indicators=bad).messages == ["Indicator 1: Points must be whole numbers from 0 to 100."]


def test_score_scale_takes_no_points():
    bad = [INDICATORS[0], INDICATORS[1], dict(INDICATORS[2], points=[1])]
    assert _error(indicators=bad).messages == ["Indicator 3: A 0–100 score is its own points; it takes no points list."]


def test_indicator_points_default_per_scale():
    scheme = make_scheme(active=False)
    assert [i.option_points for i in scheme.indicators.order_by("order")] == [(100, 80, 60, 40), (100, 50, 0), ()]


def test_create_scheme_refused_to_org_admin(tree):
    with pytest.raises(PermissionDeniedError):
        domain.create_scheme(name="方案", indicators=INDICATORS, groups=GROUPS, by=tree.users.org_admin)
    assert Scheme.objects.count() == 0


def test_create_scheme_allowed_to_county_admin(tree):
    scheme = domain.create_scheme(name="方案", indicators=INDICATORS, groups=GROUPS, by=tree.users.county_admin)
    assert AuditEntry.objects.get(action="evaluation.scheme.create").actor_id == tree.users.county_admin.pk
    assert scheme.indicators.count() == 3


def test_update_scheme_replaces_indicators():
    scheme = make_scheme()
    new = [{"question": "唯一指标", "scale": Scale.SATISFACTION5, "weight": 100}]
    domain.update_scheme(scheme, indicators=new, by=None)
    assert list(Indicator.objects.filter(scheme=scheme).values_list("question", "weight")) == [("唯一指标", 100)]


def test_update_scheme_rejects_bad_weights_and_keeps_old_ones():
    scheme = make_scheme()
    with pytest.raises(DomainError) as exc:
        domain.update_scheme(scheme, groups=[{"kind": GroupKind.MEMBERS, "weight": 99}], by=None)
    assert exc.value.messages == ["The weights of the voter groups add up to 99, not 100."]
    assert list(VoterGroup.objects.filter(scheme=scheme).order_by("id").values_list("kind", "weight")) == [
        ("members", 60), ("public", 40)
    ]


def test_update_scheme_allowed_while_only_draft_rounds_use_it(tree):
    scheme = make_scheme()
    make_round(scheme, subjects=[tree.b1], open_=False)
    domain.update_scheme(scheme, name="新名称", by=None)
    assert Scheme.objects.get().name == "新名称"


def test_update_scheme_refused_once_a_round_opened(tree):
    scheme = make_scheme()
    make_round(scheme, subjects=[tree.b1], name="春季测评")
    with pytest.raises(DomainError) as exc:
        domain.update_scheme(scheme, name="新名称", by=None)
    assert exc.value.messages == ["The scheme is used by the round “春季测评”, which has opened; it can no longer change."]
    assert Scheme.objects.get().name == "村级党组织测评"


def test_update_scheme_cannot_drop_a_group_a_draft_round_uses(tree):
    scheme = make_scheme()
    make_round(scheme, subjects=[tree.b1], open_=False, name="春季测评")
    with pytest.raises(DomainError) as exc:
        domain.update_scheme(scheme, groups=[{"kind": GroupKind.MEMBERS, "weight": 100}], by=None)
    assert exc.value.messages == ["The voter group “the public” takes part in the round “春季测评”; remove it there first."]


def test_activate_scheme_twice_refused():
    scheme = make_scheme()
    with pytest.raises(DomainError) as exc:
        domain.activate_scheme(scheme, by=None)
    assert exc.value.messages == ["The scheme is already active."]
