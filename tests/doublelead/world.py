"""Double-lead members for the tests: M1 (T1B1) and M2 (T2B1) made rural and registered,
with a little of everything on M1's record."""
from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

from pacesetter.doublelead import domain
from pacesetter.doublelead.enums import EnterpriseKind, HelpKind
from pacesetter.orgs.models import Member


def rural(*members: Member) -> None:
    Member.objects.filter(pk__in=[m.pk for m in members]).update(is_rural=True)
    for member in members:
        member.is_rural = True


def register(tree, member, *, by=None):
    rural(member)
    return domain.register_double_lead(member, by=by or tree.users.county_admin,
                                       registered_on=datetime.date(2024, 3, 1))


def enterprise(tree, holder, *, name="绿源果蔬专业合作社", kind=EnterpriseKind.COOPERATIVE, industry="果蔬种植",
               employees=12):
    return domain.add_enterprise(holder, by=tree.users.county_admin, name=name, kind=kind, industry=industry,
                                 founded_year=2018, employees=employees)


def household(tree, holder, *, head="王大山", since=2023):
    return domain.add_household(holder, by=tree.users.county_admin, head_name=head, village="一号村", since_year=since,
                                help_kind=HelpKind.JOBS)


def figures(tree, holder, *, year=2024, income="12.50", increase="3.20", jobs=5):
    return domain.record_figures(holder, by=tree.users.county_admin, year=year, own_income=Decimal(income),
                                 helped_income_increase=Decimal(increase), jobs_created=jobs)


def training(tree, holder):
    return domain.add_training(holder, by=tree.users.county_admin, held_on=datetime.date(2024, 5, 8),
                               title="果树修剪技术培训", attendees=30, hours=Decimal("3.5"))


def world(tree) -> SimpleNamespace:
    """dl_in: M1 (T1B1, linked to the member's login), with one of each part; dl_out: M2 (T2B1)."""
    Member.objects.filter(pk=tree.m1.pk).update(user=tree.users.member)
    tree.m1.user = tree.users.member
    dl_in, dl_out = register(tree, tree.m1), register(tree, tree.m2)
    return SimpleNamespace(
        dl_in=dl_in, dl_out=dl_out, enterprise_in=enterprise(tree, dl_in), household_in=household(tree, dl_in),
        figures_in=figures(tree, dl_in), training_in=training(tree, dl_in),
        enterprise_out=enterprise(tree, dl_out, name="二号家庭农场", kind=EnterpriseKind.FAMILY_FARM),
    )
