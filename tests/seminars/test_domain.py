import io

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import translation

from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.seminars import domain
from pacesetter.seminars.enums import Award, SeminarState, SubmissionStatus
from pacesetter.seminars.models import Review, Seminar
from pacesetter.seminars.queries import ranking, reviews_visible_to, seminars_visible_to
from tests.commitments import public_world
from tests.factories import make_user

from .world import day, make_seminar, open_seminar, pdf, points, submit, to_review


def codes(error) -> list:
    return [e.code for e in error.value.error_list]


def test_create_seminar_keeps_the_rubric_in_order(tree):
    seminar = make_seminar(tree)
    assert (seminar.state, list(seminar.criteria.values_list("position", "name", "max_points")), seminar.max_total) \
        == (SeminarState.DRAFT, [(1, "思想性", 30), (2, "创新性", 25), (3, "实践性", 30), (4, "文字表达", 15)], 100)


def test_create_seminar_is_for_county_admins(tree):
    with pytest.raises(PermissionDeniedError):
        domain.create_seminar(by=tree.users.org_admin, title="t", theme="t", call_text="t", opens_on=day(0),
                              closes_on=day(1), reviews_due=day(2), criteria=[("思想性", 30)])


@pytest.mark.parametrize("rubric, code", [
    ([], "rubric_empty"), ([("思想性", 0)], "criterion_points"), ([("思想性", 101)], "criterion_points"),
    ([("思想性", 30), ("思想性", 20)], "criterion_duplicate"),
])
def test_create_seminar_refuses_a_bad_rubric(tree, rubric, code):
    with pytest.raises(DomainError) as error:
        make_seminar(tree, rubric=rubric)
    assert codes(error) == [code]


def test_create_seminar_refuses_reviews_due_before_the_window_closes(tree):
    with pytest.raises(DomainError) as error:
        make_seminar(tree, closes=10, due=9)
    assert codes(error) == ["reviews_due_order"]


def test_submit_paper_numbers_papers_in_order(tree):
    seminar = open_seminar(tree)
    first, second = submit(tree, seminar), submit(tree, seminar, org=tree.t1)
    assert [(first.number, first.extension, first.status), second.number] == [(1, "pdf", "submitted"), 2]


def test_submit_paper_takes_the_author_from_the_member(tree):
    paper = submit(tree, open_seminar(tree), member=tree.m1, author="")
    assert (paper.member, paper.author_name) == (tree.m1, "张三")


def test_submit_paper_refuses_a_member_of_another_organisation(tree):
    with pytest.raises(DomainError) as error:
        submit(tree, open_seminar(tree), by=tree.users.county_admin, member=tree.m2)
    assert codes(error) == ["member_outside"]


def test_submit_paper_refuses_an_organisation_outside_the_admins_subtree(tree):
    with pytest.raises(PermissionDeniedError):
        submit(tree, open_seminar(tree), org=tree.b2)


def test_submit_paper_refuses_a_program_renamed_as_pdf(tree):
    program = SimpleUploadedFile("论文.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200)
    with pytest.raises(DomainError) as error:
        domain.submit_paper(open_seminar(tree), by=tree.users.org_admin, organization=tree.b1, title="t",
                            abstract="a", document=program, author_name="王五")
    assert error.value.code.startswith("file_")


def test_submit_paper_refuses_a_photo(tree):
    photo = public_world.photo("论文.jpg")
    with pytest.raises(DomainError) as error, translation.override("en"):
        domain.submit_paper(open_seminar(tree), by=tree.users.org_admin, organization=tree.b1, title="t",
                            abstract="a", document=photo, author_name="王五")
    assert error.value.code == "file_type"


@pytest.mark.parametrize("opens, closes, allowed", [(0, 0, True), (-5, 0, True), (1, 5, False), (-5, -1, False)])
def test_submit_paper_only_inside_the_window(tree, opens, closes, allowed):
    seminar = open_seminar(tree, opens=-10, closes=10)
    Seminar.objects.filter(pk=seminar.pk).update(opens_on=day(opens), closes_on=day(closes))
    seminar.refresh_from_db()
    if allowed:
        assert submit(tree, seminar).number == 1
    else:
        with pytest.raises(DomainError) as error:
            submit(tree, seminar)
        assert codes(error) == ["window_closed"]


def test_submit_paper_refuses_a_draft_seminar(tree):
    with pytest.raises(DomainError) as error:
        submit(tree, make_seminar(tree))
    assert codes(error) == ["window_closed"]


def test_withdraw_paper_inside_the_window(tree):
    paper = domain.withdraw_paper(submit(tree, open_seminar(tree)), by=tree.users.branch_admin)
    assert paper.status == SubmissionStatus.WITHDRAWN


def test_replace_paper_refused_after_the_window(tree):
    paper = submit(tree, open_seminar(tree))
    to_review(paper.seminar)
    with pytest.raises(DomainError) as error:
        domain.replace_paper(paper, by=tree.users.org_admin, title="新题目", abstract="新摘要")
    assert codes(error) == ["window_closed"]


def test_start_review_waits_for_the_window_to_close(tree):
    with pytest.raises(DomainError) as error:
        domain.start_review(open_seminar(tree, closes=0), by=tree.users.county_admin)
    assert codes(error) == ["window_open"]


def test_assign_reviewer_refuses_someone_from_the_papers_unit(tree):
    paper = submit(tree, open_seminar(tree))
    with pytest.raises(DomainError) as error:
        domain.assign_reviewer(paper, by=tree.users.county_admin, reviewer=tree.users.org_admin)
    assert codes(error) == ["conflict"]


def test_one_review_per_reviewer_per_paper_in_the_database(tree):
    paper = submit(tree, open_seminar(tree))
    Review.objects.create(submission=paper, reviewer=tree.users.leader)
    with pytest.raises(IntegrityError):
        Review.objects.create(submission=paper, reviewer=tree.users.leader)


def test_auto_assign_takes_reviewers_in_turn_avoiding_own_units(tree):
    seminar = open_seminar(tree)
    a = submit(tree, seminar, org=tree.b1)
    b = submit(tree, seminar, org=tree.b2, by=tree.users.county_admin)
    c = submit(tree, seminar, org=tree.t1)
    t2_admin = make_user("township2", "org_admin", tree.t2)
    made = domain.auto_assign(seminar, by=tree.users.county_admin, per_paper=2,
                              reviewers=[tree.users.org_admin, tree.users.leader, t2_admin, tree.users.inspector])
    assigned = sorted(Review.objects.values_list("submission__number", "reviewer__username"))
    assert (made, assigned) == (6, [
        (a.number, "leader1"), (a.number, "township2"), (b.number, "inspector"), (b.number, "township1"),
        (c.number, "leader1"), (c.number, "township2"),
    ])


def test_submit_review_refuses_points_over_the_maximum(tree):
    paper = submit(tree, open_seminar(tree))
    review = domain.assign_reviewer(paper, by=tree.users.county_admin, reviewer=tree.users.leader)
    to_review(paper.seminar)
    with pytest.raises(DomainError) as error:
        domain.submit_review(review, by=tree.users.leader, scores=points(paper.seminar, 31, 20, 20, 10))
    assert codes(error) == ["points"]


def test_submit_review_refuses_a_missing_criterion(tree):
    paper = submit(tree, open_seminar(tree))
    review = domain.assign_reviewer(paper, by=tree.users.county_admin, reviewer=tree.users.leader)
    to_review(paper.seminar)
    scores = points(paper.seminar, 30, 20, 20, 10)
    scores.popitem()
    with pytest.raises(DomainError) as error:
        domain.submit_review(review, by=tree.users.leader, scores=scores)
    assert codes(error) == ["scores_incomplete"]


def test_submit_review_can_be_changed_until_the_deadline(tree):
    paper = submit(tree, open_seminar(tree))
    review = domain.assign_reviewer(paper, by=tree.users.county_admin, reviewer=tree.users.leader)
    seminar = to_review(paper.seminar)
    domain.submit_review(review, by=tree.users.leader, scores=points(seminar, 30, 25, 30, 15))
    domain.submit_review(review, by=tree.users.leader, scores=points(seminar, 20, 20, 20, 10), comment="修改")
    assert (review.total, review.comment, sorted(review.scores.values_list("points", flat=True))) == \
        (70, "修改", [10, 20, 20, 20])


def test_submit_review_refused_after_the_deadline(tree):
    paper = submit(tree, open_seminar(tree))
    review = domain.assign_reviewer(paper, by=tree.users.county_admin, reviewer=tree.users.leader)
    seminar = to_review(paper.seminar)
    Seminar.objects.filter(pk=seminar.pk).update(reviews_due=day(-1))
    with pytest.raises(DomainError) as error:
        domain.submit_review(review, by=tree.users.leader, scores=points(seminar, 30, 25, 30, 15))
    assert codes(error) == ["deadline"]


def test_submit_review_is_for_the_assigned_reviewer_only(tree):
    paper = submit(tree, open_seminar(tree))
    review = domain.assign_reviewer(paper, by=tree.users.county_admin, reviewer=tree.users.leader)
    seminar = to_review(paper.seminar)
    with pytest.raises(PermissionDeniedError):
        domain.submit_review(review, by=tree.users.county_admin, scores=points(seminar, 30, 25, 30, 15))


def scored(tree, seminar, paper, *reviews):
    """Reviews by the leader and the inspector (then more users) with these scores."""
    users = [tree.users.leader, tree.users.inspector, make_user(f"r{paper.number}")]
    for user, values in zip(users, reviews, strict=False):
        review = Review.objects.create(submission=paper, reviewer=user)
        domain.submit_review(review, by=user, scores=points(seminar, *values))


def test_ranking_by_mean_then_criteria_then_number(tree):
    seminar = open_seminar(tree)
    a, b, c, d = (submit(tree, seminar, title=f"论文{i}") for i in range(4))
    to_review(seminar)
    scored(tree, seminar, a, (20, 20, 20, 10), (30, 20, 20, 10))  # mean 75, 思想性 25
    scored(tree, seminar, b, (30, 20, 20, 10), (30, 20, 20, 10))  # mean 80
    scored(tree, seminar, c, (25, 25, 20, 5), (25, 25, 20, 5))  # mean 75, 思想性 25, 创新性 25
    scored(tree, seminar, d, (25, 20, 25, 5), (25, 20, 25, 5))  # mean 75, 思想性 25, 创新性 20, 实践性 25
    rows = ranking(seminar)
    assert [(r.rank, r.submission.number, str(r.mean)) for r in rows] == [
        (1, 2, "80.00"), (2, 3, "75.00"), (3, 4, "75.00"), (4, 1, "75.00")]


def test_ranking_ties_in_everything_go_to_the_earlier_paper(tree):
    seminar = open_seminar(tree)
    a, b = submit(tree, seminar), submit(tree, seminar)
    to_review(seminar)
    scored(tree, seminar, b, (20, 20, 20, 10))
    scored(tree, seminar, a, (20, 20, 20, 10))
    assert [r.submission.number for r in ranking(seminar)] == [1, 2]


def test_ranking_mean_rounds_to_two_places(tree):
    seminar = open_seminar(tree)
    paper = submit(tree, seminar)
    to_review(seminar)
    scored(tree, seminar, paper, (20, 20, 20, 10), (20, 20, 20, 11), (20, 20, 20, 11))  # 212 / 3
    assert str(ranking(seminar)[0].mean) == "70.67"


def test_publish_results_gives_awards_in_rank_order(tree):
    seminar = open_seminar(tree)
    papers = [submit(tree, seminar, title=f"论文{i}") for i in range(4)]
    to_review(seminar)
    for i, paper in enumerate(papers):
        scored(tree, seminar, paper, (10 + i, 10, 10, 10))
    seminar = domain.publish_results(seminar, by=tree.users.county_admin,
                                     awards={"first": 1, "second": 1, "merit": 1})
    rows = list(seminar.submissions.order_by("rank").values_list("number", "rank", "award", "mean_score"))
    assert (seminar.state, [(n, r, a, str(m)) for n, r, a, m in rows]) == (SeminarState.PUBLISHED, [
        (4, 1, Award.FIRST, "43.00"), (3, 2, Award.SECOND, "42.00"), (2, 3, Award.MERIT, "41.00"),
        (1, 4, "", "40.00")])


def test_publish_results_refuses_an_unreviewed_paper(tree):
    seminar = open_seminar(tree)
    submit(tree, seminar)
    to_review(seminar)
    with pytest.raises(DomainError) as error:
        domain.publish_results(seminar, by=tree.users.county_admin, awards={})
    assert codes(error) == ["unreviewed"]


def test_publish_results_refuses_more_awards_than_papers(tree):
    seminar = open_seminar(tree)
    paper = submit(tree, seminar)
    to_review(seminar)
    scored(tree, seminar, paper, (10, 10, 10, 10))
    with pytest.raises(DomainError) as error:
        domain.publish_results(seminar, by=tree.users.county_admin, awards={"first": 1, "second": 1})
    assert codes(error) == ["award_count"]


def change(seminar, by, **changes):
    values = {"title": seminar.title, "theme": seminar.theme, "call_text": seminar.call_text,
              "opens_on": seminar.opens_on, "closes_on": seminar.closes_on, "reviews_due": seminar.reviews_due,
              **changes}
    return domain.update_seminar(seminar, by=by, **values)


def test_update_seminar_extends_the_window_of_an_open_call(tree):
    seminar = change(open_seminar(tree, closes=10, due=20), tree.users.county_admin, closes_on=day(15),
                     criteria=[("思想性", 30), ("创新性", 25), ("实践性", 30), ("文字表达", 15)])
    assert (seminar.closes_on, seminar.state) == (day(15), SeminarState.OPEN)


def test_update_seminar_refuses_a_new_rubric_once_the_call_is_open(tree):
    with pytest.raises(DomainError) as error:
        change(open_seminar(tree), tree.users.county_admin, criteria=[("思想性", 100)])
    assert codes(error) == ["rubric_fixed"]


def test_update_seminar_replaces_the_rubric_of_a_draft(tree):
    seminar = change(make_seminar(tree), tree.users.county_admin, criteria=[("思想性", 60), ("创新性", 40)])
    assert list(seminar.criteria.values_list("name", "max_points")) == [("思想性", 60), ("创新性", 40)]


def test_submit_review_on_the_deadline_day_itself(tree):
    paper = submit(tree, open_seminar(tree))
    review = domain.assign_reviewer(paper, by=tree.users.county_admin, reviewer=tree.users.leader)
    seminar = to_review(paper.seminar)
    Seminar.objects.filter(pk=seminar.pk).update(reviews_due=day(0))
    assert domain.submit_review(review, by=tree.users.leader, scores=points(seminar, 1, 2, 3, 4)).total == 10


def test_replace_paper_keeps_the_number_and_swaps_the_file(tree):
    paper = submit(tree, open_seminar(tree))
    old = paper.file.name
    new = pdf("新稿.pdf")
    paper = domain.replace_paper(paper, by=tree.users.org_admin, title="新题目", abstract="新摘要", document=new)
    assert (paper.number, paper.title, paper.original_name, paper.file.name != old) == (1, "新题目", "新稿.pdf", True)


def test_withdraw_paper_takes_its_reviewers_off(tree):
    paper = submit(tree, open_seminar(tree))
    domain.assign_reviewer(paper, by=tree.users.county_admin, reviewer=tree.users.leader)
    domain.withdraw_paper(paper, by=tree.users.org_admin)
    assert paper.reviews.count() == 0


def test_unassign_reviewer_refuses_a_scored_review(tree):
    paper = submit(tree, open_seminar(tree))
    review = domain.assign_reviewer(paper, by=tree.users.county_admin, reviewer=tree.users.leader)
    seminar = to_review(paper.seminar)
    domain.submit_review(review, by=tree.users.leader, scores=points(seminar, 1, 2, 3, 4))
    with pytest.raises(DomainError) as error:
        domain.unassign_reviewer(review, by=tree.users.county_admin)
    assert codes(error) == ["scored"]


def test_a_reviewer_without_a_role_sees_only_the_seminars_they_review(tree):
    call = open_seminar(tree, title="甲")
    open_seminar(tree, title="乙")
    paper = submit(tree, call)
    review = domain.assign_reviewer(paper, by=tree.users.county_admin, reviewer=tree.users.nobody)
    assert (list(seminars_visible_to(tree.users.nobody)), list(reviews_visible_to(tree.users.nobody))) == \
        ([call], [review])


def test_assign_reviewer_refuses_a_county_admin_who_sees_every_author(tree):
    paper = submit(tree, open_seminar(tree))
    with pytest.raises(DomainError) as error:
        domain.assign_reviewer(paper, by=tree.users.county_admin, reviewer=tree.users.county_admin)
    assert codes(error) == ["conflict"]


def test_submit_paper_takes_the_author_out_of_the_files_properties(tree):
    from tests.core.test_docmeta import AUTHOR, pdf_with_author

    seminar = open_seminar(tree)
    paper = domain.submit_paper(seminar, by=tree.users.org_admin, organization=tree.b1, title="论组织力",
                                abstract="摘要", document=SimpleUploadedFile("论文.pdf", pdf_with_author()),
                                author_name=AUTHOR)
    stored = pypdf.PdfReader(io.BytesIO(paper.file.read()))
    assert (pypdf.PdfReader(io.BytesIO(pdf_with_author())).metadata.author, stored.metadata) == (AUTHOR, None)
