"""The photo exhibition of the demo county: the county's themes and about fifty photos of
its organisations, spread over townships and sectors, most published, some awaiting
moderation and two rejected, so the gallery, the big screen and the moderation queue all
have something to show. Everything goes through the domain functions (checks, re-encoding,
audit entries); the county admin acts, as the county's organisation department would when
it collects photos for an exhibition."""
from __future__ import annotations

import datetime
import random
from itertools import cycle

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from pacesetter.commitments.demo.photos import photo as draw_photo
from pacesetter.core.errors import DomainError
from pacesetter.orgs.enums import OrgStatus, Role
from pacesetter.orgs.models import Organization, RoleAssignment

from . import domain
from .models import Theme

PUBLISHED, PENDING, REJECTED = 40, 8, 2
THEMES = {
    "公开承诺": ("党员承诺践诺公示栏", "承诺事项现场兑现", "支部承诺上墙公开", "群众评议承诺落实"),
    "创先争优": ("红旗支部授牌仪式", "岗位标兵经验交流会", "先锋党员示范岗", "创先争优推进会"),
    "志愿服务": ("党员志愿服务", "春季植树", "义务理发进社区", "关爱留守儿童", "环境卫生大扫除"),
    "重点项目": ("重点项目建设现场", "产业园区开工仪式", "乡村道路硬化施工", "党员突击队攻坚"),
    "便民服务": ("便民服务窗口", "为民办事代办点", "政策宣讲进村入户", "党群服务中心开放日"),
}
PLACES = ("党群服务中心", "村委会广场", "社区服务站", "项目工地", "文化广场", "学校操场")
REASONS = ("画面模糊，请重新拍摄后上传。", "照片与所选主题无关。")


def _county_admin(root: Organization):
    assignment = (
        RoleAssignment.objects.filter(role=Role.COUNTY_ADMIN, organization__path__startswith=root.path)
        .select_related("user").order_by("organization__depth", "id").first()
    )
    if assignment is None:
        raise DomainError(_("The demo county has no county admin: seed the organisations first."))
    return assignment.user


def _spread(root: Organization, rng: random.Random) -> list[Organization]:
    """Organisations below the county, taking turns across (township, sector) groups."""
    orgs = list(Organization.objects.filter(
        path__startswith=root.path, depth__gt=root.depth, status=OrgStatus.ACTIVE).order_by("path")[:5000])
    groups: dict[tuple[str, str], list[Organization]] = {}
    for org in orgs:
        groups.setdefault((org.township, org.sector), []).append(org)
    for members in groups.values():
        rng.shuffle(members)
    order, turn = [], 0
    while len(order) < min(len(orgs), PUBLISHED + PENDING + REJECTED):
        for members in groups.values():
            if turn < len(members):
                order.append(members[turn])
        turn += 1
    return order or [root]


def _themes(by) -> list[Theme]:
    themes = []
    for position, name in enumerate(THEMES):
        theme = Theme.objects.filter(name=name).first()
        themes.append(theme or domain.create_theme(by=by, name=name, position=position))
    return themes


def seed(root: Organization, *, rng: random.Random) -> str:
    admin = _county_admin(root)
    themes = _themes(admin)
    today = timezone.localdate()
    orgs = cycle(_spread(root, rng))
    counts = {"published": 0, "pending": 0, "rejected": 0}
    for n in range(PUBLISHED + PENDING + REJECTED):
        org, theme = next(orgs), rng.choice(themes)
        day = today - datetime.timedelta(days=rng.randint(1, 300))
        image = ContentFile(draw_photo(rng, label=org.code, day=day), name=f"{org.code}-{n}.jpg")
        [photo] = domain.upload_photos(
            by=admin, organization=org, theme=theme, caption=rng.choice(THEMES[theme.name]),
            place=f"{org.township}{rng.choice(PLACES)}", taken_on=day, files=[image],
        )
        if n < PUBLISHED:
            domain.approve_photo(photo, by=admin)
            counts["published"] += 1
        elif n < PUBLISHED + REJECTED:
            domain.reject_photo(photo, by=admin, reason=REASONS[n % len(REASONS)])
            counts["rejected"] += 1
        else:
            counts["pending"] += 1
    return _("Photo exhibition: %(themes)d themes, %(published)d published photos, %(pending)d awaiting "
             "moderation, %(rejected)d rejected.") % {"themes": len(themes), **counts}
