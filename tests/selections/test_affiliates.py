"""Selections of affiliate units (Youth League, trade union, women's federation collectives):
the unit is the nominee, its party organisation files, reviews and counts the nomination."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.honours.models import Honour
from pacesetter.linkage import domain as l_domain
from pacesetter.linkage.enums import AffiliateKind
from pacesetter.selections import domain
from pacesetter.selections.enums import NominationStatus, NomineeKind
from pacesetter.selections.models import Nomination
from tests.linkage.world import make_unit
from tests.selections.world import approve, kind, make_selection

YL, TU = AffiliateKind.YOUTH_LEAGUE, AffiliateKind.TRADE_UNION


def unit_kind(affiliate_kind=""):
    honour = kind("linkage_collective", "党建带群建先进集体", NomineeKind.AFFILIATE)
    honour.affiliate_kind = affiliate_kind
    honour.save(update_fields=["affiliate_kind"])
    return honour


@pytest.fixture
def units(tree):
    league = make_unit(tree, tree.b1, code="Y1", name="一号村团支部")
    union = make_unit(tree, tree.b1, code="U1", kind=TU, name="一号村工会")
    far = make_unit(tree, tree.b2, code="U2", kind=TU, name="二号村工会")
    return league, union, far


def nominate(tree, selection, unit, by=None):
    return domain.nominate(selection, by=by or tree.users.branch_admin, affiliate_unit=unit, statement="青年突击队")


def test_nominating_a_unit_files_it_under_its_party_organisation(tree, units):
    selection = make_selection(tree, honour=unit_kind())
    nomination = nominate(tree, selection, units[0])
    assert (nomination.affiliate_unit, nomination.organization, nomination.member, str(nomination)) == (
        units[0], tree.b1, None, "一号村团支部")


def test_the_record_carries_the_units_honours_and_joint_activities(tree, units):
    league = units[0]
    year = timezone.localdate().year
    l_domain.add_honour(league, by=tree.users.county_admin, year=year, title="五四红旗团支部", awarded_by="共青团县委")
    l_domain.record_activity(tree.b1, by=tree.users.county_admin, units=[league], held_on=timezone.localdate(),
                             title="青春志愿行")
    nomination = nominate(tree, make_selection(tree, honour=unit_kind()), league)
    unit = nomination.record["affiliate_unit"]
    assert (unit["code"], unit["kind"], [(h["year"], h["title"]) for h in unit["honours"]],
            unit["joint_activities"], nomination.record["grade"]) == (
        "Y1", YL, [(year, "五四红旗团支部")], 1, "advanced")


def test_a_kind_for_youth_league_units_refuses_a_union(tree, units):
    selection = make_selection(tree, honour=unit_kind(YL))
    with pytest.raises(DomainError) as refused:
        nominate(tree, selection, units[1])
    assert refused.value.code == "affiliate_unit_kind"


def test_an_affiliate_selection_needs_a_unit(tree, units):
    selection = make_selection(tree, honour=unit_kind())
    with pytest.raises(DomainError) as refused:
        domain.nominate(selection, by=tree.users.branch_admin, organization=tree.b1, statement="事迹")
    assert refused.value.code == "affiliate_unit_required"


def test_an_organisation_selection_refuses_a_unit(tree, units):
    selection = make_selection(tree)
    with pytest.raises(DomainError) as refused:
        nominate(tree, selection, units[0])
    assert refused.value.code == "affiliate_unit_not_allowed"


def test_a_unit_outside_the_nominators_subtree_is_refused(tree, units):
    selection = make_selection(tree, honour=unit_kind())
    with pytest.raises(PermissionDeniedError):
        nominate(tree, selection, units[2])
    assert Nomination.objects.count() == 0


def test_an_inactive_unit_is_refused(tree, units):
    league = units[0]
    l_domain.update_unit(league, by=tree.users.county_admin, kind=YL, name=league.name, organization=tree.b1,
                         members_count=0, head_name="", established=None, active=False)
    league.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        nominate(tree, make_selection(tree, honour=unit_kind()), league)
    assert refused.value.code == "affiliate_unit_inactive"


def test_two_units_of_one_organisation_are_both_nominated(tree, units):
    selection = make_selection(tree, honour=unit_kind())
    nominate(tree, selection, units[0])
    nominate(tree, selection, units[1])
    assert sorted(Nomination.objects.values_list("affiliate_unit__code", flat=True)) == ["U1", "Y1"]


def test_a_unit_is_nominated_once(tree, units):
    selection = make_selection(tree, honour=unit_kind())
    nominate(tree, selection, units[0])
    with pytest.raises(DomainError) as refused:
        nominate(tree, selection, units[0])
    assert refused.value.code == "duplicate"


def test_not_honoured_years_reads_the_units_own_county_honours(tree, units):
    honour_kind = unit_kind()
    league = units[0]
    year = timezone.localdate().year
    Honour.objects.create(kind=honour_kind, year=year - 1, organization=tree.b1, affiliate_unit=league,
                          organization_name=tree.b1.name, affiliate_unit_name=league.name,
                          commended_on=datetime.date(year - 1, 6, 1), certificate_no="X-1", verify_token="t" * 22,
                          created_by=tree.users.county_admin)
    selection = make_selection(tree, honour=honour_kind, rules={"not_honoured_years": 3})
    other = nominate(tree, selection, units[1])
    honoured = nominate(tree, selection, league)
    assert (honoured.eligible, honoured.eligibility[0]["value"], other.eligible) == (False, [year - 1], True)


def test_a_unit_goes_through_the_township_review_and_the_shortlist(tree, units):
    selection = make_selection(tree, honour=unit_kind())
    nomination = approve(tree, nominate(tree, selection, units[0]))
    domain.start_review(selection, by=tree.users.county_admin)
    chosen = domain.shortlist(selection, by=tree.users.county_admin)
    assert ([n.pk for n in chosen], chosen[0].status, nomination.reviews.count()) == (
        [nomination.pk], NominationStatus.SHORTLISTED, 2)


def test_add_honour_kind_for_one_kind_of_affiliate(tree):
    honour = domain.add_honour_kind(by=tree.users.county_admin, name="五四红旗团组织", nominee=NomineeKind.AFFILIATE,
                                    affiliate_kind=YL)
    assert (honour.nominee, honour.affiliate_kind) == (NomineeKind.AFFILIATE, YL)


def test_add_honour_kind_refuses_an_affiliate_kind_for_organisations(tree):
    with pytest.raises(DomainError) as refused:
        domain.add_honour_kind(by=tree.users.county_admin, name="红旗", nominee=NomineeKind.ORGANIZATION,
                               affiliate_kind=YL)
    assert refused.value.code == "affiliate_kind"


def test_nomination_form_nominates_a_unit_by_code(client, tree, units):
    selection = make_selection(tree, honour=unit_kind())
    client.force_login(tree.users.branch_admin)
    response = client.post(reverse("selections:nomination-new", args=[selection.pk]),
                           {"affiliate_unit": "U1", "statement": "职工之家"})
    nomination = Nomination.objects.get()
    assert (response.status_code, response["Location"], nomination.affiliate_unit) == (
        302, nomination.get_absolute_url(), units[1])


def test_nomination_form_refuses_a_unit_outside_the_view(client, tree, units):
    selection = make_selection(tree, honour=unit_kind())
    client.force_login(tree.users.branch_admin)
    with override("en"):
        response = client.post(reverse("selections:nomination-new", args=[selection.pk]),
                               {"affiliate_unit": "U2", "statement": "职工之家"}, HTTP_ACCEPT_LANGUAGE="en")
        errors = list(response.context["form"].errors["affiliate_unit"])
    assert (response.status_code, errors) == (400, ["No affiliate unit with the code U2 in your view."])


def test_nomination_page_shows_the_units_record(client, tree, units):
    nomination = nominate(tree, make_selection(tree, honour=unit_kind()), units[0])
    client.force_login(tree.users.branch_admin)
    response = client.get(nomination.get_absolute_url())
    assert (response.status_code, response.context["record"]["affiliate_unit"]["joint_activities"]) == (200, 0)


@pytest.mark.parametrize("n", [1, 3])
def test_selection_page_query_count_with_units(client, tree, django_assert_num_queries, n):
    selection = make_selection(tree, honour=unit_kind())
    for i in range(n):
        nominate(tree, selection, make_unit(tree, tree.b1, code=f"Y{i}", name=f"团支部{i}"))
    client.force_login(tree.users.county_admin)
    with django_assert_num_queries(9):
        assert client.get(f"/selections/{selection.pk}/").status_code == 200
