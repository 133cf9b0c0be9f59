"""Seminars for the tests: dates relative to today, a rubric of four criteria (100 points)."""
from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pacesetter.seminars import domain
from pacesetter.seminars.enums import SeminarState
from pacesetter.seminars.models import Seminar

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RUBRIC = [("思想性", 30), ("创新性", 25), ("实践性", 30), ("文字表达", 15)]


def day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def pdf(name="论文.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def make_seminar(tree, *, opens=-10, closes=10, due=20, title="基层党建理论研讨会", rubric=RUBRIC) -> Seminar:
    return domain.create_seminar(by=tree.users.county_admin, title=title, theme="党建引领基层治理",
                                 call_text="围绕主题撰写理论文章。", opens_on=day(opens), closes_on=day(closes),
                                 reviews_due=day(due), criteria=rubric)


def open_seminar(tree, **kwargs) -> Seminar:
    seminar = make_seminar(tree, **kwargs)
    return domain.open_call(seminar, by=tree.users.county_admin)


def submit(tree, seminar, *, org=None, by=None, title="论基层党组织的组织力", author="王五", member=None):
    return domain.submit_paper(seminar, by=by or tree.users.org_admin, organization=org or tree.b1, title=title,
                               abstract="本文探讨了基层党组织建设。", document=pdf(), author_name=author, member=member)


def to_review(seminar) -> Seminar:
    """Past the submission window, under review (dates moved, as if the days had passed)."""
    Seminar.objects.filter(pk=seminar.pk).update(opens_on=day(-20), closes_on=day(-1), reviews_due=day(10),
                                                 state=SeminarState.REVIEWING)
    seminar.refresh_from_db()
    return seminar


def points(seminar, *values) -> dict[int, int]:
    return dict(zip(seminar.criteria.order_by("position").values_list("pk", flat=True), values, strict=True))
