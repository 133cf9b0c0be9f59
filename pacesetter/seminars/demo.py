"""The theory seminars of the demo county: one published seminar (about fifteen papers from
branches across the townships, two or three blind reviews each, awards and proceedings) and
one whose call for papers is open with a few papers in.

Submitting, assigning, scoring and publishing go through the domain functions (checks,
audit entries). Two corrections behind the domain's back make the published seminar a past
one: its dates are moved back before the review starts, and its review deadline after the
results are out (the domain only takes papers and scores on the days they are due)."""
from __future__ import annotations

import datetime
import random

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.core.errors import DomainError
from pacesetter.orgs.enums import OrgStatus, Role
from pacesetter.orgs.models import Member, Organization, RoleAssignment

from . import domain
from .models import Review, Seminar

RUBRIC = [("思想性", 30), ("创新性", 25), ("实践性", 30), ("文字表达", 15)]
TITLES = (
    "以高质量党建引领乡村振兴的实践与思考", "新时代基层党组织组织力提升路径研究", "红旗支部创建的经验与启示",
    "党员积分制管理在农村的探索", "非公企业党建工作的难点与对策", "社区网格化党建服务群众的实践",
    "创先争优活动长效机制建设研究", "公开承诺践诺制度的运行与完善", "发挥党员先锋模范作用的路径探析",
    "以作风建设推动重点项目落地见效", "学校党组织领导下的校长负责制实践", "卫生系统党建与业务深度融合研究",
    "村级集体经济发展中的党组织作用", "党员教育培训数字化转型的思考", "基层党建述职评议考核的实践",
    "流动党员管理服务的创新做法", "红色文化资源在党性教育中的运用", "党建引领基层治理现代化的县域实践",
)
ABSTRACT = "本文围绕{theme}，结合{org}的工作实际，总结了主要做法和成效，分析了存在的问题，并提出了进一步改进的对策建议。"
FREE_AUTHORS = ("陈明", "刘芳", "王强", "李娜", "张伟", "杨静", "赵磊", "黄敏")
COMMENTS = ("观点鲜明，论证较为充分。", "结合实际较好，建议进一步提炼经验。", "选题有新意，文字表达尚需打磨。",
            "案例丰富，理论深度有待加强。")


def paper_pdf(title: str) -> bytes:
    """A one-page PDF with the paper's number line in it (the standard fonts have no Chinese)."""
    stream = f"BT /F1 14 Tf 72 760 Td ({title}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _actors(root: Organization):
    rows = list(RoleAssignment.objects.filter(
        organization__path__startswith=root.path,
        role__in=(Role.COUNTY_ADMIN, Role.LEADER, Role.INSPECTOR, Role.ORG_ADMIN), user__is_active=True,
    ).select_related("user").order_by("organization__depth", "user__username"))
    admins = [r.user for r in rows if r.role == Role.COUNTY_ADMIN]
    if not admins:
        raise DomainError(_("The demo county has no county admin: seed the organisations first."))
    reviewers = list(dict.fromkeys(r.user for r in rows))[:6]
    return admins[0], reviewers


def _branches(root: Organization, rng: random.Random, n: int) -> list[Organization]:
    orgs = list(Organization.objects.filter(path__startswith=root.path, depth__gt=root.depth + 1,
                                            status=OrgStatus.ACTIVE).order_by("path")[:3000])
    rng.shuffle(orgs)
    return (orgs or [root])[:n]


def _submit(seminar: Seminar, *, by, rng: random.Random, orgs, titles) -> list:
    papers = []
    for org, title in zip(orgs, titles, strict=False):
        member = Member.objects.filter(organization=org).order_by("code").first() if rng.random() < 0.7 else None
        document = ContentFile(paper_pdf(f"paper {len(papers) + 1}"), name=f"{title}.pdf")
        papers.append(domain.submit_paper(
            seminar, by=by, organization=org, member=member, author_name=rng.choice(FREE_AUTHORS),
            title=title, abstract=ABSTRACT.format(theme=seminar.theme, org=org.name), document=document))
    return papers


def _seminar(admin, *, title, theme, opens, closes, due) -> Seminar:
    today = timezone.localdate()
    seminar = domain.create_seminar(
        by=admin, title=title, theme=theme, criteria=RUBRIC,
        call_text=f"围绕“{theme}”主题，面向全县各级党组织和广大党员征集理论研究成果。论文3000至8000字，观点鲜明，联系实际。",
        opens_on=today + datetime.timedelta(days=opens), closes_on=today + datetime.timedelta(days=closes),
        reviews_due=today + datetime.timedelta(days=due))
    return domain.open_call(seminar, by=admin)


def seed(root: Organization, *, rng: random.Random) -> str:
    admin, reviewers = _actors(root)
    today = timezone.localdate()
    year = today.year
    past = _seminar(admin, title=f"{year}年度基层党建理论成果研讨会", theme="党建引领基层治理",
                    opens=0, closes=0, due=0)
    titles = rng.sample(TITLES, 15)
    papers = _submit(past, by=admin, rng=rng, orgs=_branches(root, rng, 15), titles=titles)
    domain.auto_assign(past, by=admin, reviewers=reviewers, per_paper=min(3, len(reviewers)))
    Seminar.objects.filter(pk=past.pk).update(opens_on=today - datetime.timedelta(days=75),
                                              closes_on=today - datetime.timedelta(days=30))
    past = domain.start_review(past, by=admin)
    criteria = list(past.criteria.order_by("position"))
    for review in Review.objects.filter(submission__seminar=past).select_related("reviewer"):
        quality = rng.uniform(0.6, 0.95)
        scores = {c.pk: min(c.max_points, max(0, round(c.max_points * (quality + rng.uniform(-0.08, 0.08)))))
                  for c in criteria}
        domain.submit_review(review, by=review.reviewer, scores=scores, comment=rng.choice(COMMENTS))
    ranked = len([p for p in papers if p.reviews.exists()])
    awards = {"first": 1, "second": 2, "third": 3, "merit": 4}
    while sum(awards.values()) > ranked:
        awards[next(a for a in ("merit", "third", "second", "first") if awards[a])] -= 1
    domain.publish_results(past, by=admin, awards=awards)
    Seminar.objects.filter(pk=past.pk).update(reviews_due=today - datetime.timedelta(days=10))
    current = _seminar(admin, title=f"{year + 1}年度创先争优理论研讨会征文", theme="创先争优与作风建设",
                       opens=-7, closes=30, due=45)
    open_papers = _submit(current, by=admin, rng=rng, orgs=_branches(root, rng, 4),
                          titles=[t for t in TITLES if t not in titles][:4])
    return _("Theory seminars: one published with %(papers)d papers and %(reviews)d reviews, one with the call "
             "open and %(open)d papers.") % {"papers": len(papers), "open": len(open_papers),
                                               "reviews": Review.objects.filter(submission__seminar=past).count()}
