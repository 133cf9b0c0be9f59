import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.vanguard import domain
from pacesetter.vanguard.enums import Measure, ProjectState, Rating, VanguardKind
from pacesetter.vanguard.models import Evidence, Project, ResultLine, Review
from tests.factories import MemberFactory

from .world import START, photo, project, world


def errors(excinfo) -> dict:
    return {field: [str(m) for m in msgs] for field, msgs in excinfo.value.message_dict.items()}


def test_create_project_records_owners_and_audit(tree):
    other = MemberFactory(organization=tree.b1, code="M9")
    made = project(tree, tree.t1, tree.m1, co_owners=[other, tree.m1], by=tree.users.org_admin)
    entry = AuditEntry.objects.get(action="vanguard.project.create")
    assert (made.state, list(made.co_owners.values_list("code", flat=True)), entry.after["co_owners"]) == (
        ProjectState.PLANNED, ["M9"], ["M9"])


def test_create_project_refuses_a_lead_outside_the_organisation(tree):
    with translation.override("en"), pytest.raises(DomainError) as excinfo:
        project(tree, tree.b1, tree.m2)
    assert errors(excinfo) == {"lead": ["李四 (M2) is not a member of 一号村党支部 or an organisation under it."]}


def test_create_project_refuses_an_end_before_the_start(tree):
    with translation.override("en"), pytest.raises(DomainError) as excinfo:
        domain.create_project(tree.b1, by=tree.users.county_admin, kind=VanguardKind.ZONE, title="责任区",
                              lead=tree.m1, goals="目标", starts_on=START, ends_on=START - datetime.timedelta(days=1))
    assert errors(excinfo) == {"ends_on": ["The project cannot end before it starts."]}


def test_create_project_refuses_an_empty_title(tree):
    with translation.override("en"), pytest.raises(DomainError) as excinfo:
        project(tree, tree.b1, tree.m1, title="  ")
    assert errors(excinfo) == {"title": ["Title is required."]}


def test_create_project_refuses_an_unknown_kind(tree):
    with pytest.raises(DomainError) as excinfo:
        project(tree, tree.b1, tree.m1, kind="hero")
    assert list(errors(excinfo)) == ["kind"]


def test_org_admin_may_not_create_outside_the_subtree(tree):
    with pytest.raises(PermissionDeniedError):
        project(tree, tree.b2, tree.m2, by=tree.users.org_admin)


def test_update_project_changes_details_and_owners(tree):
    made = project(tree, tree.b1, tree.m1)
    other = MemberFactory(organization=tree.b1, code="M8")
    domain.update_project(made, by=tree.users.branch_admin, kind=VanguardKind.BRAND, title="党员品牌工程·红色课堂",
                          lead=other, co_owners=[tree.m1], goals="新目标", starts_on=START, ends_on=START)
    made.refresh_from_db()
    assert (made.kind, made.title, made.lead.code, list(made.co_owners.values_list("code", flat=True))) == (
        VanguardKind.BRAND, "党员品牌工程·红色课堂", "M8", ["M1"])


def test_change_state_follows_the_transitions(tree):
    made = project(tree, tree.b1, tree.m1, state=ProjectState.COMPLETED)
    assert (made.state, made.finished_on is not None) == (ProjectState.COMPLETED, True)


def test_change_state_refuses_to_reopen_a_completed_project(tree):
    made = project(tree, tree.b1, tree.m1, state=ProjectState.COMPLETED)
    with translation.override("en"), pytest.raises(DomainError) as excinfo:
        domain.change_state(made, by=tree.users.county_admin, state=ProjectState.RUNNING)
    assert errors(excinfo) == {"state": ["A completed project cannot become running."]}


def test_owner_logs_progress(tree):
    made = world(tree)
    update = domain.log_progress(made.in_, by=tree.users.member, date=datetime.date(2025, 5, 1), text="开展服务",
                                 percent=45)
    assert list(made.in_.progress.values_list("percent", flat=True)) == [20, update.percent]


def test_someone_else_may_not_log_progress(tree):
    made = world(tree)
    with pytest.raises(PermissionDeniedError):
        domain.log_progress(made.in_, by=tree.users.affiliate, date=datetime.date(2025, 5, 1), text="x", percent=50)


def test_progress_does_not_go_back(tree):
    made = world(tree)
    with translation.override("en"), pytest.raises(DomainError) as excinfo:
        domain.log_progress(made.in_, by=tree.users.member, date=datetime.date(2025, 5, 1), text="x", percent=10)
    assert errors(excinfo) == {"percent": ["Progress does not go back: the update before this day says 20%."]}


def test_progress_refuses_a_percent_over_100(tree):
    made = world(tree)
    with pytest.raises(DomainError) as excinfo:
        domain.log_progress(made.in_, by=tree.users.member, date=datetime.date(2025, 5, 1), text="x", percent=101)
    assert list(errors(excinfo)) == ["percent"]


def test_progress_refuses_a_planned_project(tree):
    made = project(tree, tree.b1, tree.m1)
    with pytest.raises(DomainError) as excinfo:
        domain.log_progress(made, by=tree.users.county_admin, date=datetime.date(2025, 5, 1), text="x", percent=1)
    assert list(errors(excinfo)) == ["date"]


def test_add_result_keeps_yuan_with_fen(tree):
    made = world(tree)
    line = domain.add_result(made.in_, by=tree.users.org_admin, measure=Measure.MONEY_SAVED, amount="1234.5")
    assert ResultLine.objects.get(pk=line.pk).amount == Decimal("1234.50")


def test_add_result_refuses_a_fraction_of_a_count(tree):
    made = world(tree)
    with translation.override("en"), pytest.raises(DomainError) as excinfo:
        domain.add_result(made.in_, by=tree.users.org_admin, measure=Measure.PEOPLE_SERVED, amount="2.5")
    assert errors(excinfo) == {"amount": ["The amount is a whole number greater than 0."]}


def test_add_result_refuses_a_reviewed_project(tree):
    made = world(tree)
    domain.review_project(made.done_in, by=tree.users.org_admin, rating=Rating.GOOD)
    with pytest.raises(DomainError) as excinfo:
        domain.add_result(made.done_in, by=tree.users.county_admin, measure=Measure.PEOPLE_SERVED, amount=3)
    assert list(errors(excinfo)) == ["measure"]


def test_add_evidence_refuses_a_program_named_like_a_photo(tree):
    made = world(tree)
    fake = photo("x.jpg")
    fake.file.seek(0)
    fake.file.write(b"MZ\x90\x00" + b"\x00" * 64)
    fake.file.truncate()
    with pytest.raises(DomainError) as excinfo:
        domain.add_evidence(made.in_, by=tree.users.county_admin, files=[fake])
    assert (list(errors(excinfo)), Evidence.objects.count()) == (["files"], 1)


def test_superior_admin_reviews_a_completed_project(tree):
    made = world(tree)
    review = domain.review_project(made.done_in, by=tree.users.org_admin, rating=Rating.EXCELLENT, comment="成效显著")
    assert (Review.objects.get().rating, review.reviewed_by, AuditEntry.objects.filter(
        action="vanguard.project.review").count()) == (Rating.EXCELLENT, tree.users.org_admin, 1)


def test_reviewing_again_replaces_the_rating(tree):
    made = world(tree)
    domain.review_project(made.done_in, by=tree.users.org_admin, rating=Rating.EXCELLENT)
    domain.review_project(made.done_in, by=tree.users.county_admin, rating=Rating.FAIR)
    assert list(Review.objects.values_list("rating", flat=True)) == [Rating.FAIR]


def test_the_projects_own_branch_admin_may_not_review(tree):
    made = world(tree)
    with pytest.raises(PermissionDeniedError):
        domain.review_project(made.done_in, by=tree.users.branch_admin, rating=Rating.GOOD)


def test_review_refuses_a_running_project(tree):
    made = world(tree)
    with pytest.raises(DomainError) as excinfo:
        domain.review_project(made.in_, by=tree.users.org_admin, rating=Rating.GOOD)
    assert (list(errors(excinfo)), Project.objects.get(pk=made.in_.pk).state) == (["rating"], ProjectState.RUNNING)
