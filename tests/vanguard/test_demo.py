import random

from django.utils import translation

from pacesetter.vanguard.demo import seed
from pacesetter.vanguard.enums import ProjectState
from pacesetter.vanguard.models import Project, Review
from tests.factories import MemberFactory


def test_demo_makes_a_project_per_organisation_with_members_in_every_township(tree):
    for org in (tree.b1, tree.b2, tree.t1):
        MemberFactory(organization=org)
    with translation.override("en"):
        summary = seed(tree.county, rng=random.Random(3))
    townships = sorted(set(Project.objects.values_list("organization__township", flat=True)))
    reviews_on_completed = Review.objects.exclude(project__state=ProjectState.COMPLETED).count()
    assert (Project.objects.count(), townships, reviews_on_completed,
            summary.startswith("Vanguard projects: 3 in 2 townships")) == (3, ["一号镇", "二号镇"], 0, True)
