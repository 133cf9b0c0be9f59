"""Vanguard projects for the tests: in_ (T1B1, led by M1, the `member` user's record), running
with a progress update, a result and a photo; done_in (T1B1, completed, ready for review);
out (T2B1, led by M2, running)."""
from __future__ import annotations

import datetime
import io
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pacesetter.orgs.models import Member
from pacesetter.vanguard import domain
from pacesetter.vanguard.enums import Measure, ProjectState, VanguardKind

START = datetime.date(2025, 3, 1)


def photo(name="现场.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def project(tree, org, lead, *, kind=VanguardKind.POST, title="党员先锋岗·窗口服务零投诉", state=ProjectState.PLANNED,
            co_owners=(), by=None):
    made = domain.create_project(org, by=by or tree.users.county_admin, kind=kind, title=title, lead=lead,
                                 co_owners=co_owners, goals="窗口服务全年零投诉", starts_on=START,
                                 ends_on=datetime.date(2025, 12, 31))
    if state in (ProjectState.RUNNING, ProjectState.COMPLETED):
        domain.change_state(made, by=tree.users.county_admin, state=ProjectState.RUNNING)
    if state in (ProjectState.COMPLETED, ProjectState.ABANDONED):
        domain.change_state(made, by=tree.users.county_admin, state=state)
    return made


def world(tree) -> SimpleNamespace:
    Member.objects.filter(pk=tree.m1.pk).update(user=tree.users.member)
    tree.m1.user = tree.users.member
    in_ = project(tree, tree.b1, tree.m1, state=ProjectState.RUNNING)
    admin = tree.users.county_admin
    progress_in = domain.log_progress(in_, by=admin, date=datetime.date(2025, 4, 1), text="制定服务承诺", percent=20)
    result_in = domain.add_result(in_, by=admin, measure=Measure.PROBLEMS_SOLVED, amount=12)
    evidence_in = domain.add_evidence(in_, by=admin, files=[photo()])[0]
    done_in = project(tree, tree.b1, tree.m1, kind=VanguardKind.ZONE, title="党员责任区·村道保洁",
                      state=ProjectState.COMPLETED)
    out = project(tree, tree.b2, tree.m2, state=ProjectState.RUNNING, title="党员攻关项目·节能降耗",
                  kind=VanguardKind.BREAKTHROUGH)
    return SimpleNamespace(in_=in_, progress_in=progress_in, result_in=result_in, evidence_in=evidence_in,
                           done_in=done_in, out=out)
