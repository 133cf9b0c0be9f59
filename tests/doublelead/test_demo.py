import random

from django.utils import translation

from pacesetter.doublelead.demo import seed
from pacesetter.doublelead.models import DoubleLeadMember, YearFigures
from pacesetter.orgs.models import Member
from tests.factories import MemberFactory


def test_demo_registers_rural_members_of_every_township_with_three_years_of_figures(tree):
    for org in (tree.b1, tree.b2, tree.b1, tree.b2):
        MemberFactory(organization=org)
    Member.objects.update(is_rural=True)
    with translation.override("en"):
        summary = seed(tree.county, rng=random.Random(7))
    townships = sorted(set(DoubleLeadMember.objects.values_list("member__organization__township", flat=True)))
    years = sorted(set(YearFigures.objects.values_list("year", flat=True)))
    assert (DoubleLeadMember.objects.count(), townships, len(years),
            YearFigures.objects.count(), summary.startswith("Double-lead members: 6 in 2 townships")) == (
        6, ["一号镇", "二号镇"], 3, 18, True)
