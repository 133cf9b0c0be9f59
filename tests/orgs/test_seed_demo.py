import datetime
import io
import random
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Q
from django.utils import translation

from pacesetter.core import audit
from pacesetter.core.models import AuditEntry
from pacesetter.evaluation.demo import seed_evaluation
from pacesetter.evaluation.models import SubjectResult
from pacesetter.orgs.demo import seed as org_demo
from pacesetter.orgs.enums import MemberStatus, OrgLevel, Role, Sector
from pacesetter.orgs.models import Leader, Member, Organization, RoleAssignment
from pacesetter.orgs.validators import CODE_RE, PHONE_RE

from ..factories import make_org


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def org_rows() -> list[tuple]:
    return list(
        Organization.objects.order_by("path").values_list(
            "code", "name", "path", "depth", "numchild", "secretary", "established", "township"
        )
    )


def member_rows() -> list[tuple]:
    return list(
        Member.objects.order_by("code").values_list(
            "code", "name", "gender", "birth_date", "join_date", "status", "phone", "organization__code"
        )
    )


# --- small scale --------------------------------------------------------------------------


# --- small scale, the whole command seeded once for the class ---------------------------------


@pytest.fixture(scope="class")
def small(django_db_setup, django_db_blocker):
    """`seed_demo --scale small` with a password of its own, seeded once and rolled back after
    the class's tests (each of which runs in its own transaction inside)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed("--scale", "small", "--seed", "1", "--password", "another-secret-1")
        transaction.set_rollback(True)


@pytest.mark.usefixtures("small")
class TestSmallScale:
    def test_builds_one_township(self, db):
        townships = Organization.objects.filter(depth=2, code__lt="LJ90")
        assert list(townships.values_list("code", "name")) == [("LJ01", "城关镇党委")]

    def test_covers_every_sector(self, db):
        assert set(Organization.objects.values_list("sector", flat=True)) == set(Sector.values)

    def test_is_small(self, db):
        assert (40 <= Organization.objects.count() <= 70, 400 <= Member.objects.count() <= 600) == (True, True)

    def test_uses_the_password_given(self, db):
        users = get_user_model().objects.order_by("username")
        assert [(u.username, u.check_password("another-secret-1")) for u in users] == [
            ("branch1", True), ("county", True), ("inspector", True), ("leader1", True), ("member1", True),
            ("township1", True),
        ]

    def test_output_lists_the_logins_and_password(self, small):
        lines = small.splitlines()
        logins = [line.split()[1] for line in lines if line.startswith("│")]
        assert (logins, any("another-secret-1" in line for line in lines)) == (
            ["county", "township1", "branch1", "leader1", "inspector", "member1"], True,
        )

    def test_audit_chain_of_every_demo_verifies(self, db):
        result = list(audit.verify_chain())
        assert result[-1] == AuditEntry.objects.count()

    def test_tree_accepts_new_children(self, db):
        """treebeard computes the next path from what the seed wrote."""
        township = Organization.objects.get(code="LJ01")
        last = Organization.objects.get_children(township).order_by("path").last()
        child = make_org(township, code="NEW1", name="新建党支部")
        assert (child.path > last.path, child.depth, Organization.objects.get(pk=township.pk).numchild) == (
            True, 3, township.numchild + 1,
        )


# --- the same seed, the same data: the organisation base and the evaluation demo alone ------------


def seeded(seed_: int, *, read, evaluation: bool = False):
    """What `read()` finds after seeding the small organisation base (and the evaluation demo),
    rolled back afterwards in a savepoint, so a test can seed twice into an empty database.
    The rest of seed_demo draws from generators of its own, seeded the same way."""
    with transaction.atomic():
        org_demo.seed("small", seed_)
        if evaluation:
            root = Organization.objects.filter(depth=1).order_by("path").first()
            seed_evaluation(root, rng=random.Random(f"{seed_}:evaluation"))
        rows = read()
        transaction.set_rollback(True)
    return rows


def test_seed_demo_same_seed_gives_identical_data(db):
    first = seeded(7, read=lambda: (org_rows(), member_rows()))
    assert (seeded(7, read=lambda: (org_rows(), member_rows())), len(first[0]) > 0) == (first, True)


def evaluation_rows() -> list[tuple]:
    return sorted(
        (str(r.subject), r.n, r.composite, r.grade)
        for r in SubjectResult.objects.select_related("subject__organization", "subject__member")
    )


def test_seed_demo_same_seed_gives_identical_evaluation_results(db):
    first = seeded(7, read=evaluation_rows, evaluation=True)
    assert (seeded(7, read=evaluation_rows, evaluation=True), len(first) > 0) == (first, True)


def test_seed_demo_other_seed_gives_other_names(db):
    def names():
        return list(Member.objects.order_by("code").values_list("name", flat=True))

    assert seeded(1, read=names) != seeded(2, read=names)


def test_seed_demo_refuses_a_database_with_organisations(db):
    make_org(code="X1", name="已有党委", level=OrgLevel.COMMITTEE)
    with translation.override("en"), pytest.raises(CommandError, match="already holds 1 organisations"):
        seed("--scale", "small")
    assert Organization.objects.count() == 1


def test_seed_demo_if_empty_skips_a_seeded_database(db):
    make_org(code="X1", name="已有党委", level=OrgLevel.COMMITTEE)
    with translation.override("en"):
        out = seed("--scale", "small", "--if-empty")
    assert "already seeded" in out
    assert (Organization.objects.count(), Member.objects.count()) == (1, 0)


# --- county scale, seeded once for the class ------------------------------------------------


@pytest.fixture(scope="class")
def county(django_db_setup, django_db_blocker):
    """The county's organisation base (what these tests read; the demos on top of it are the
    small scale's tests and each app's own), seeded once and rolled back after the class."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield org_demo.seed("county", 1)
        transaction.set_rollback(True)


@pytest.mark.usefixtures("county")
class TestCountyScale:
    def test_about_1500_organisations(self, db):
        assert 1350 <= Organization.objects.count() <= 1650

    def test_about_30000_members(self, db):
        assert 27000 <= Member.objects.count() <= 33000

    def test_twelve_leaders_in_the_county_committee(self, db):
        leaders = Leader.objects.order_by("code")
        assert [(l.code, l.title, l.organization.code) for l in leaders][:2] == [
            ("LJ-L01", "县委书记", "LJ"), ("LJ-L02", "县委副书记、县长", "LJ"),
        ]
        assert (leaders.count(), set(leaders.values_list("organization__code", flat=True))) == (12, {"LJ"})

    def test_county_secretary_is_the_first_leader(self, db):
        assert Organization.objects.get(code="LJ").secretary == Leader.objects.get(code="LJ-L01").name

    def test_twenty_townships(self, db):
        townships = Organization.objects.filter(depth=2, code__lt="LJ90")
        assert (townships.count(), set(townships.values_list("level", flat=True))) == (20, {OrgLevel.COMMITTEE})

    def test_every_sector_present(self, db):
        assert set(Organization.objects.values_list("sector", flat=True)) == set(Sector.values)

    def test_every_level_present(self, db):
        assert set(Organization.objects.values_list("level", flat=True)) == set(OrgLevel.values)

    def test_everything_under_a_township_names_it(self, db):
        for township in Organization.objects.filter(depth=2, code__lt="LJ90"):
            names = set(Organization.objects.get_descendants(township).values_list("township", flat=True))
            assert names == {township.township}

    def test_tree_has_no_problems(self, db):
        assert Organization.objects.find_problems() == ([], [], [], [], [])

    def test_codes_are_valid(self, db):
        codes = [*Organization.objects.values_list("code", flat=True), *Member.objects.values_list("code", flat=True)]
        assert [c for c in codes if not CODE_RE.match(c)] == []

    def test_member_codes_extend_their_organisation_code(self, db):
        wrong = [
            code for code, org_code in Member.objects.values_list("code", "organization__code")
            if code.rsplit("-", 1)[0] != org_code
        ]
        assert wrong == []

    def test_each_organisation_with_members_has_its_secretary_as_the_one_secretary(self, db):
        secretaries = Counter(Member.objects.filter(position="书记").values_list("organization_id", "name"))
        orgs = Organization.objects.annotate(n=Count("members")).filter(n__gt=0)
        assert sorted(secretaries.items()) == sorted(((o.pk, o.secretary), 1) for o in orgs)

    def test_branches_all_have_members(self, db):
        empty = Organization.objects.filter(level=OrgLevel.BRANCH).annotate(n=Count("members")).filter(n=0)
        assert list(empty) == []

    def test_committees_have_no_members(self, db):
        assert Member.objects.filter(organization__level=OrgLevel.COMMITTEE).count() == 0

    def test_some_members_belong_to_general_branches(self, db):
        assert Member.objects.filter(organization__level=OrgLevel.GENERAL_BRANCH).exists() is True

    def test_members_joined_after_their_eighteenth_birthday(self, db):
        too_young = [
            code for code, birth, joined in Member.objects.values_list("code", "birth_date", "join_date")
            if joined < birth.replace(year=birth.year + 18, day=min(birth.day, 28))
        ]
        assert too_young == []

    def test_birth_dates_between_1940_and_2002(self, db):
        years = Member.objects.values_list("birth_date", flat=True)
        assert (min(years).year >= 1940, max(years).year <= 2002) == (True, True)

    def test_about_four_percent_probationary(self, db):
        share = Member.objects.filter(status=MemberStatus.PROBATIONARY).count() / Member.objects.count()
        assert 0.03 <= share <= 0.05

    def test_probationary_members_joined_within_the_last_year(self, db):
        joined = Member.objects.filter(status=MemberStatus.PROBATIONARY).values_list("join_date", flat=True)
        assert min(joined) > datetime.date(2024, 12, 31)

    def test_villages_are_mostly_men_and_rural(self, db):
        village = Member.objects.filter(organization__sector=Sector.VILLAGE)
        men = village.filter(gender="M").count() / village.count()
        assert (0.65 <= men <= 0.8, village.filter(is_rural=False).count()) == (True, 0)

    def test_only_village_members_are_rural(self, db):
        assert Member.objects.filter(is_rural=True).exclude(organization__sector=Sector.VILLAGE).count() == 0

    def test_schools_are_more_balanced(self, db):
        school = Member.objects.filter(organization__sector=Sector.SCHOOL)
        assert 0.35 <= school.filter(gender="M").count() / school.count() <= 0.55

    def test_phones_are_mobile_numbers(self, db):
        phones = [*Member.objects.values_list("phone", flat=True), *Leader.objects.values_list("phone", flat=True)]
        assert [p for p in phones if not (len(p) == 11 and PHONE_RE.match(p))] == []

    def test_demo_users_hold_their_roles(self, db):
        roles = RoleAssignment.objects.order_by("user__username").values_list(
            "user__username", "role", "organization__code", "organization__level"
        )
        branch = Organization.objects.get(role_assignments__user__username="branch1")
        assert list(roles) == [
            ("branch1", Role.ORG_ADMIN, branch.code, OrgLevel.BRANCH),
            ("county", Role.COUNTY_ADMIN, "LJ", OrgLevel.COMMITTEE),
            ("inspector", Role.INSPECTOR, "LJ", OrgLevel.COMMITTEE),
            ("leader1", Role.LEADER, "LJ", OrgLevel.COMMITTEE),
            ("member1", Role.MEMBER, branch.code, OrgLevel.BRANCH),
            ("township1", Role.ORG_ADMIN, "LJ01", OrgLevel.COMMITTEE),
        ]

    def test_branch1_is_a_village_branch_of_township1(self, db):
        branch = Organization.objects.get(role_assignments__user__username="branch1")
        assert (branch.sector, Organization.objects.get(path=branch.parent_path).code) == (Sector.VILLAGE, "LJ01")

    def test_only_the_county_admin_and_inspector_are_staff(self, db):
        staff = get_user_model().objects.filter(Q(is_staff=True) | Q(is_superuser=True)).order_by("username")
        assert list(staff.values_list("username", "is_superuser")) == [("county", False), ("inspector", False)]

    def test_leader1_is_the_county_secretary(self, db):
        assert get_user_model().objects.get(username="leader1").leader.code == "LJ-L01"

    def test_member1_is_a_member_of_branch1(self, db):
        member = get_user_model().objects.get(username="member1").member
        branch = Organization.objects.get(role_assignments__user__username="branch1")
        assert (member.organization_id, member.position) == (branch.pk, "党员")

    def test_one_audit_entry_records_the_seed(self, db):
        entry = AuditEntry.objects.get(action="demo.seed")
        assert entry.after == {
            "scale": "county", "seed": 1,
            "counts": {
                "organizations": Organization.objects.count(), "members": Member.objects.count(),
                "leaders": 12, "users": 6,
            },
        }


# --- a province-shaped tree (the benchmarks' province, at a size tests can afford) -----------------


def test_a_province_shaped_tree_seeds_every_mechanism(db):
    """The province's townships sit one level lower than a county's: `seed_demo --scale province` broke there
    (the selections demo found nobody for the township review) and nothing but the benchmarks noticed."""
    from pacesetter.activities.models import Activity
    from pacesetter.honours.models import Honour
    from pacesetter.jobs.models import Job
    from pacesetter.selections.enums import SelectionState
    from pacesetter.selections.models import Selection

    seed("--scale", "small-province", "--seed", "1")
    depths = dict(Organization.objects.order_by().values_list("depth").annotate(n=Count("pk")))
    assert (depths[1], depths[2], max(depths)) == (1, 2, 5)  # province, two counties, down to their branches' groups
    assert (Activity.objects.exists(), Honour.objects.exists(), Job.objects.count(),
            Selection.objects.filter(state=SelectionState.COMMENDED).exists()) == (True, True, 3, True)
