"""Seminars for the tests: dates relative to today, a rubric of four criteria (100 points)."""
from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pacesetter.seminars import domain
from pacesetter.seminars.demo import paper_pdf
from pacesetter.seminars.enums import SeminarState
from pacesetter.seminars.models import Seminar

PDF = paper_pdf("On the organising capacity of primary party organisations")
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


def world(tree) -> dict:
    """Built once per tree, for the visibility tables and the page and API tests:
    - a draft seminar;
    - an open seminar with paper_in (T1B1, by T1's admin) and paper_out (T2B1);
    - a seminar under review with paper_r (T1B1) and review_r, the leader's, not yet scored;
    - a published seminar with paper_p (T2B1), scored by the inspector, first prize."""
    if not hasattr(tree, "_seminars_world"):
        tree._seminars_world = _build(tree)
    return dict(tree._seminars_world)


def _build(tree) -> dict:
    admin = tree.users.county_admin
    draft = make_seminar(tree, title="草稿研讨会")
    call = open_seminar(tree, title="征文研讨会")
    paper_in = submit(tree, call, title="村级组织建设研究", author="赵一")
    paper_out = submit(tree, call, org=tree.b2, by=admin, title="乡镇治理研究", author="钱二")
    review = open_seminar(tree, title="评审研讨会")
    paper_r = submit(tree, review, title="党员教育管理研究", author="孙三")
    review_r = domain.assign_reviewer(paper_r, by=admin, reviewer=tree.users.leader)
    to_review(review)
    published = open_seminar(tree, title="已发布研讨会")
    paper_p = submit(tree, published, org=tree.b2, by=admin, title="红色文化传承研究", author="李四")
    review_p = domain.assign_reviewer(paper_p, by=admin, reviewer=tree.users.inspector)
    to_review(published)
    domain.submit_review(review_p, by=tree.users.inspector, scores=points(published, 25, 20, 25, 12))
    domain.publish_results(published, by=admin, awards={"first": 1})
    return {"draft": draft.pk, "call": call.pk, "review": review.pk, "published": published.pk,
            "paper_in": paper_in.pk, "paper_out": paper_out.pk, "paper_r": paper_r.pk, "paper_p": paper_p.pk,
            "review_r": review_r.pk, "review_p": review_p.pk}


def papers_body(seminar, *, document) -> dict:
    return {"seminar": seminar.pk, "org_code": "T1B1", "author_name": "王五", "title": "论文", "abstract": "摘要",
            "file": document}
