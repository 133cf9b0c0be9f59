import random

from django.utils import translation

from pacesetter.linkage.demo import seed
from pacesetter.linkage.models import AffiliateUnit, JointActivity
from tests.factories import make_org


def test_seed_builds_units_honours_and_activities_under_the_root(tree):
    for n in range(12):
        make_org(tree.t1, code=f"V{n}", name=f"一号镇{n}村党支部", township="一号镇")
    with translation.override("en"):
        summary = seed(tree.county, rng=random.Random(7))
    units = AffiliateUnit.objects.count()
    activities = JointActivity.objects.count()
    assert (units > 0, activities > 0) == (True, True)
    assert summary.startswith(f"{units} affiliate units at 16 party organisations, ")
    assert summary.endswith(f", {activities} joint activities")
    assert AffiliateUnit.objects.exclude(organization__path__startswith=tree.county.path).count() == 0
