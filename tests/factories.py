"""Test data. Organisations are made through the domain function so treebeard assigns paths."""
import datetime
import itertools

import factory
from django.contrib.auth import get_user_model

from pacesetter.orgs import domain
from pacesetter.orgs.enums import Gender, MemberStatus, OrgLevel, Role, Sector
from pacesetter.orgs.models import Leader, Member, RoleAssignment

_org_seq = itertools.count(1)


def make_org(parent=None, *, code=None, name=None, level=OrgLevel.BRANCH, sector=Sector.VILLAGE, **fields):
    n = next(_org_seq)
    return domain.create_organization(
        parent=parent,
        by=None,
        code=code or f"ORG{n:05d}",
        name=name or f"测试党组织{n}",
        level=level,
        sector=sector,
        **fields,
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pacesetter-test")


def make_user(username, role=None, org=None, **extra):
    user = UserFactory(username=username, **extra)
    if role is not None:
        RoleAssignment.objects.create(user=user, role=role, organization=org)
    return user


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    code = factory.Sequence(lambda n: f"M{n:07d}")
    name = factory.Sequence(lambda n: f"党员{n}")
    gender = Gender.MALE
    birth_date = datetime.date(1980, 1, 1)
    join_date = datetime.date(2005, 7, 1)
    status = MemberStatus.FORMAL
    education = "大学本科"
    phone = "13800001234"


class LeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leader

    code = factory.Sequence(lambda n: f"L{n:04d}")
    name = factory.Sequence(lambda n: f"领导{n}")
    title = "副县长"


__all__ = ["make_org", "make_user", "MemberFactory", "LeaderFactory", "UserFactory", "Role"]
