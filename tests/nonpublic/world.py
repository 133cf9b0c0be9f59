"""A small registry on the `tree` fixture: e_in in township T1 without a party organisation
(with an open plan), e_out in township T2 covered by T2B1, e_joint in T2 covered by T1B1
(so T1B1's admin sees it through the covering organisation)."""
from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.utils import timezone

from pacesetter.nonpublic import domain
from pacesetter.nonpublic.enums import PartyStatus
from pacesetter.nonpublic.models import ChecklistItem
from pacesetter.nonpublic.validators import check_character


def code(n: int, region: str = "341122") -> str:
    """A unified social credit code with a correct check character."""
    body = f"91{region}MA{n:07d}"
    return body + check_character(body)


def entity(tree, n: int, *, township=None, status=PartyStatus.NONE, covering=None, employees=10, party_members=1,
           registered_on=None, **fields):
    return domain.register_entity(
        by=tree.users.county_admin, kind=fields.pop("kind", "enterprise"), name=fields.pop("name", f"测试企业{n}"),
        credit_code=code(n), industry=fields.pop("industry", "C"), township=township or tree.t1,
        employees=employees, party_members=party_members, status=status, covering=covering,
        registered_on=registered_on or timezone.localdate() - datetime.timedelta(days=400), **fields)


def world(tree) -> SimpleNamespace:
    e_in = entity(tree, 1, name="鑫达机械制造有限公司", employees=50, party_members=3)
    e_out = entity(tree, 2, township=tree.t2, status=PartyStatus.OWN, covering=tree.b2, employees=30, party_members=5)
    e_joint = entity(tree, 3, township=tree.t2, status=PartyStatus.JOINT, covering=tree.b1, employees=20,
                     party_members=2, kind="social", industry="S", name="二号镇商会")
    plan_in = domain.create_plan(e_in, by=tree.users.county_admin,
                                 target_date=timezone.localdate() + datetime.timedelta(days=60),
                                 instructor=tree.m1, steps="摸排党员，联系企业主")
    item = ChecklistItem.objects.order_by("order").first()
    return SimpleNamespace(e_in=e_in, e_out=e_out, e_joint=e_joint, plan_in=plan_in, item=item)


PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def evidence(tree, made):
    """A check of b1 (covering e_joint) with one PDF as evidence."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pacesetter.core.uploads import check_upload

    check = domain.record_check(tree.b1, made.item, by=tree.users.county_admin, met=True, note="已配备",
                                evidence=[check_upload(SimpleUploadedFile("台账.pdf", PDF))])
    return check.evidence.get()
