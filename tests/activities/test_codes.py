"""Sign-in codes: signed, short-lived, single-use, bound to their activity."""
import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from pacesetter.activities import codes, domain
from pacesetter.activities.enums import AttendanceSource, AttendanceStatus
from pacesetter.activities.models import Attendance, SpentCode
from pacesetter.core.errors import PermissionDeniedError

from .conftest import plan

START = datetime.datetime(2026, 5, 12, 1, 0, tzinfo=datetime.UTC)  # 09:00 in Shanghai


def refusal(fn, *args, **kwargs) -> tuple[str, str]:
    with translation.override("en"), pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value.code, info.value.messages[0]


@pytest.fixture
def frozen():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def activity(tree, frozen):
    return plan(tree.b1, tree.users.branch_admin)


def test_a_fresh_code_signs_the_member_in(activity, member_login, tree):
    attendance = domain.sign_in(activity, by=member_login, code=codes.issue(activity.pk))
    assert (attendance.member, attendance.status, attendance.source) == (
        tree.m1, AttendanceStatus.PRESENT, AttendanceSource.QR)


def test_sign_in_spends_the_code(activity, member_login):
    code = codes.issue(activity.pk)
    domain.sign_in(activity, by=member_login, code=code)
    assert list(SpentCode.objects.values_list("nonce", flat=True)) == [codes.read(code, activity_id=activity.pk).nonce]


def test_code_is_valid_until_its_sixtieth_second(activity, member_login, frozen):
    code = codes.issue(activity.pk)
    frozen.shift(60)
    assert domain.sign_in(activity, by=member_login, code=code).status == AttendanceStatus.PRESENT


def test_expired_code_is_refused(activity, member_login, frozen):
    code = codes.issue(activity.pk)
    frozen.shift(61)
    assert refusal(domain.sign_in, activity, by=member_login, code=code) == (
        "code_expired", "This sign-in code has expired. Scan the code on the screen again.")


def test_code_cannot_be_replayed(activity, member_login, tree):
    code = codes.issue(activity.pk)
    domain.sign_in(activity, by=member_login, code=code)
    Attendance.objects.all().delete()
    assert refusal(domain.sign_in, activity, by=member_login, code=code) == (
        "code_used", "This sign-in code has already been used. Scan the fresh code on the screen.")


def test_replayed_code_leaves_no_attendance(activity, member_login, tree):
    code = codes.issue(activity.pk)
    domain.sign_in(activity, by=member_login, code=code)
    tree.m1.user = None
    tree.m1.save(update_fields=["user"])
    other = type(tree.m2).objects.create(code="M3", name="王五", gender="F", organization=tree.b1,
                                         user=member_login)
    with pytest.raises(ValidationError):
        domain.sign_in(activity, by=member_login, code=code)
    assert list(Attendance.objects.values_list("member__code", flat=True)) == ["M1"]
    assert other.user == member_login


def test_another_activitys_code_is_refused(activity, member_login, tree):
    other = plan(tree.b1, tree.users.branch_admin, title="支部党员大会")
    assert refusal(domain.sign_in, activity, by=member_login, code=codes.issue(other.pk)) == (
        "code_other_activity", "This sign-in code belongs to another activity.")


@pytest.mark.parametrize("tamper", [
    lambda c: c[:-1] + ("A" if c[-1] != "A" else "B"),
    lambda c: c.split(":")[0][::-1] + ":" + c.split(":", 1)[1],
    lambda c: "",
    lambda c: "not-a-code",
])
def test_tampered_code_is_refused(activity, member_login, tamper):
    assert refusal(domain.sign_in, activity, by=member_login, code=tamper(codes.issue(activity.pk))) == (
        "code_tampered", "This sign-in code is not valid. Scan the code on the screen again.")


def test_code_signed_for_another_purpose_is_refused(activity, member_login):
    from django.core import signing
    forged = signing.TimestampSigner(salt="another.purpose").sign_object({"a": activity.pk, "n": "x" * 16})
    assert refusal(domain.sign_in, activity, by=member_login, code=forged)[0] == "code_tampered"


def test_member_of_another_organisation_is_refused(activity, tree):
    tree.m2.user = tree.users.nobody
    tree.m2.save(update_fields=["user"])
    with translation.override("en"), pytest.raises(PermissionDeniedError) as info:
        domain.sign_in(activity, by=tree.users.nobody, code=codes.issue(activity.pk))
    assert (info.value.code, info.value.messages) == (
        "not_eligible", ["李四 is not a member of 一号村党支部 and was not invited to this activity."])


def test_invited_member_of_another_organisation_signs_in(tree, frozen):
    activity = plan(tree.b1, tree.users.branch_admin, invited=[tree.m2])
    tree.m2.user = tree.users.nobody
    tree.m2.save(update_fields=["user"])
    assert domain.sign_in(activity, by=tree.users.nobody, code=codes.issue(activity.pk)).member == tree.m2


def test_login_without_a_member_is_refused(activity, tree):
    with pytest.raises(PermissionDeniedError) as info:
        domain.sign_in(activity, by=tree.users.branch_admin, code=codes.issue(activity.pk))
    assert info.value.code == "not_member"


def test_sign_in_twice_is_refused(activity, member_login):
    domain.sign_in(activity, by=member_login, code=codes.issue(activity.pk))
    assert refusal(domain.sign_in, activity, by=member_login, code=codes.issue(activity.pk)) == (
        "already_present", "You are already signed in to this activity.")


def test_sign_in_on_another_day_is_refused(activity, member_login, frozen):
    frozen.move_to(START + datetime.timedelta(days=1))
    code = codes.issue(activity.pk)
    assert refusal(domain.sign_in, activity, by=member_login, code=code)[0] == "not_today"


def test_cancelled_activity_refuses_sign_in(activity, member_login, tree):
    domain.cancel_activity(activity, by=tree.users.branch_admin, reason="暴雨")
    assert refusal(domain.sign_in, activity, by=member_login, code=codes.issue(activity.pk))[0] == "state_cancelled"


def test_sign_in_turns_a_leave_into_presence(activity, member_login, tree):
    domain.mark_attendance(activity, tree.m1, by=tree.users.branch_admin, status=AttendanceStatus.LEAVE,
                           reason="出差")
    attendance = domain.sign_in(activity, by=member_login, code=codes.issue(activity.pk))
    assert (attendance.status, attendance.reason, Attendance.objects.count()) == (AttendanceStatus.PRESENT, "", 1)
