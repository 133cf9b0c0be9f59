"""The honours demo on the tree fixture."""
import random

import pytest
from django.utils import translation

from pacesetter.honours import demo
from pacesetter.honours.models import Honour
from pacesetter.selections.enums import SelectionState

from .helpers import final_selection

pytestmark = pytest.mark.django_db


def test_seed_commends_the_final_selection_and_enters_earlier_years(tree):
    selection = final_selection(tree, nominees=[tree.b1, tree.t1])
    with translation.override("en"):
        summary = demo.seed(tree.county, rng=random.Random(3))
    selection.refresh_from_db()
    years = sorted(set(Honour.objects.filter(selection__isnull=True).values_list("year", flat=True)))
    townships = set(Honour.objects.values_list("township", flat=True))
    assert (summary, selection.state, years, townships) == (
        "Honours: 2 commended from final selections, 34 earlier honours (2023–2025) entered by hand.",
        SelectionState.COMMENDED, [2023, 2024, 2025], {"一号镇", "二号镇"},
    )


def test_seed_without_a_final_selection_enters_the_earlier_years_only(tree):
    with translation.override("en"):
        summary = demo.seed(tree.county, rng=random.Random(3))
    assert (summary, Honour.objects.filter(selection__isnull=False).count(), Honour.objects.count()) == (
        "Honours: 0 commended from final selections, 34 earlier honours (2023–2025) entered by hand.", 0, 34)
