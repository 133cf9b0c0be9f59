import random

from django.utils import translation

from pacesetter.selections import demo
from pacesetter.selections.enums import ObjectionState
from pacesetter.selections.models import Objection, Selection

from ..factories import MemberFactory
from ..linkage.world import make_unit
from .world import campaign


def test_demo_seeds_a_final_an_on_notice_and_an_open_selection(tree):
    campaign()
    MemberFactory(organization=tree.b1, code="M3", name="王五")
    MemberFactory(organization=tree.b1, code="M4", name="赵六")
    with translation.override("en"):
        summary = demo.seed(tree.county, rng=random.Random(7))
    final = Selection.objects.get(state="final")
    assert (sorted(Selection.objects.values_list("state", flat=True)),
            sorted(final.nominations.values_list("organization__code", "status")),
            sorted(Objection.objects.values_list("state", flat=True)),
            summary.startswith("Selections: ")) == (
        ["final", "nominating", "nominating", "notice"], [("T1B1", "confirmed")],
        sorted([ObjectionState.UPHELD, ObjectionState.DISMISSED, ObjectionState.RECEIVED]), True)


def test_demo_nominates_the_branches_affiliate_units(tree):
    campaign()
    make_unit(tree, tree.b1, code="Y1", name="一号村团支部")
    with translation.override("en"):
        summary = demo.seed(tree.county, rng=random.Random(7))
    linked = Selection.objects.get(kind__code="affiliate_collective")
    assert (list(linked.nominations.values_list("affiliate_unit__code", "organization__code")),
            summary.endswith("open; affiliate units nominated: 1.")) == ([("Y1", "T1B1")], True)
