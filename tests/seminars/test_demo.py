import random

from django.core.files.base import ContentFile
from django.utils import translation

from pacesetter.core.uploads import check_upload
from pacesetter.seminars.demo import paper_pdf, seed
from pacesetter.seminars.enums import SeminarState
from pacesetter.seminars.models import Seminar, Submission


def test_demo_seeds_a_published_seminar_and_an_open_call(tree):
    with translation.override("en"):
        summary = seed(tree.county, rng=random.Random(6))
    states = list(Seminar.objects.order_by("state").values_list("state", flat=True))
    awarded = Submission.objects.exclude(award="").count()
    assert (states, awarded, summary.startswith("Theory seminars: one published with 2 papers")) == (
        [SeminarState.OPEN, SeminarState.PUBLISHED], 2, True)


def test_demo_paper_is_a_pdf_the_upload_check_accepts():
    checked = check_upload(ContentFile(paper_pdf("paper 1"), name="论文.pdf"))
    assert (checked.extension, checked.content_type) == ("pdf", "application/pdf")
