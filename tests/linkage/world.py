"""Linkage objects on the `tree` fixture: a Youth League branch and a women's federation at
T1B1, a trade union at T2B1, an honour and a joint activity for each side."""
from __future__ import annotations

import datetime
import io
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pacesetter.linkage import domain
from pacesetter.linkage.enums import AffiliateKind, HonourRecipient


def jpeg(name: str = "activity.jpg") -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buf, "JPEG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def make_unit(tree, org, *, code: str, kind: str = AffiliateKind.YOUTH_LEAGUE, name: str = "", **extra):
    return domain.create_unit(by=tree.users.county_admin, kind=kind, code=code, name=name or f"{org.name}{code}",
                              organization=org, **extra)


def make_world(tree) -> SimpleNamespace:
    admin = tree.users.county_admin
    league = make_unit(tree, tree.b1, code="Y1", name="一号村团支部", members_count=12, head_name="小李")
    women = make_unit(tree, tree.b1, code="W1", kind=AffiliateKind.WOMENS_FEDERATION, name="一号村妇联")
    union = make_unit(tree, tree.b2, code="U2", kind=AffiliateKind.TRADE_UNION, name="二号村工会")
    honour = domain.add_honour(league, by=admin, year=2025, title="五四红旗团支部", awarded_by="共青团县委")
    other_honour = domain.add_honour(union, by=admin, year=2025, title="模范职工之家",
                                     recipient=HonourRecipient.COLLECTIVE, awarded_by="县总工会")
    day = datetime.date(2026, 5, 4)
    activity = domain.record_activity(tree.b1, by=admin, units=[league, women], held_on=day, title="青春志愿行",
                                      participants=30, photos=[jpeg()])
    other_activity = domain.record_activity(tree.b2, by=admin, units=[union], held_on=day, title="职工运动会",
                                            participants=50)
    return SimpleNamespace(league=league, women=women, union=union, honour=honour, other_honour=other_honour,
                           activity=activity, other_activity=other_activity,
                           photo=activity.photos.get())
