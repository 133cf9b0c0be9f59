"""The seminar pages: the blind reviewer's pages, scoring, the county admin's steps, the
public proceedings, and constant query counts on every list."""
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pacesetter.seminars import domain
from pacesetter.seminars.models import Review, Seminar, Submission

from .world import (
    make_seminar,
    open_seminar,
    pdf,
    points,
    submit,
    to_review,
    world,
)

SECRETS = ("孙三", "一号村党支部", "T1B1", "论文.pdf")


@pytest.fixture
def as_user():
    def _client(user, language=None):
        client = Client()
        if language:
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        if user is not None:
            client.force_login(user)
        return client
    return _client


def secrets_in(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


def test_review_page_shows_neither_author_nor_organisation(tree, as_user):
    values = world(tree)
    response = as_user(tree.users.leader).get(f"/seminars/reviews/{values['review_r']}/")
    html = response.content.decode()
    assert (response.status_code, secrets_in(html), "党员教育管理研究" in html, "paper-001" in html) == \
        (200, [], True, True)


def test_review_list_shows_neither_author_nor_organisation(tree, as_user):
    world(tree)
    html = as_user(tree.users.leader).get("/seminars/reviews/").content.decode()
    assert (secrets_in(html), html.count("paper-001")) == ([], 1)


def test_review_file_downloads_under_a_neutral_name(tree, as_user):
    values = world(tree)
    response = as_user(tree.users.leader).get(f"/seminars/reviews/{values['review_r']}/file/")
    stored = Review.objects.get(pk=values["review_r"]).submission.file.read()
    assert (response["Content-Disposition"], b"".join(response.streaming_content)) == \
        ('attachment; filename="paper-001.pdf"', stored)


def test_paper_page_shows_the_author_to_its_organisations_admin(tree, as_user):
    values = world(tree)
    html = as_user(tree.users.org_admin).get(f"/seminars/papers/{values['paper_r']}/").content.decode()
    assert secrets_in(html) == list(SECRETS)


def test_reviewer_scores_a_paper_through_the_page(tree, as_user):
    values = world(tree)
    review = Review.objects.get(pk=values["review_r"])
    body = {f"c{pk}": str(p) for pk, p in points(review.submission.seminar, 28, 20, 25, 12).items()}
    response = as_user(tree.users.leader).post(f"/seminars/reviews/{review.pk}/", {**body, "comment": "论证充分"})
    review.refresh_from_db()
    assert (response.status_code, review.total, review.comment) == (302, 85, "论证充分")


def test_reviewer_page_refuses_points_over_the_maximum(tree, as_user):
    values = world(tree)
    review = Review.objects.get(pk=values["review_r"])
    body = {f"c{pk}": str(p) for pk, p in points(review.submission.seminar, 31, 20, 25, 12).items()}
    first = f"c{review.submission.seminar.criteria.get(position=1).pk}"
    response = as_user(tree.users.leader).post(f"/seminars/reviews/{review.pk}/", body)
    review.refresh_from_db()
    assert (response.status_code, review.submitted_at, list(response.context["form"].errors)) == (400, None, [first])


def test_submit_page_refuses_a_file_that_is_not_a_document(tree, as_user):
    seminar = open_seminar(tree)
    program = SimpleUploadedFile("论文.docx", b"MZ\x90\x00" + b"\x00" * 300)
    body = {"organization": "T1B1", "author_name": "王五", "title": "论文", "abstract": "摘要", "document": program}
    response = as_user(tree.users.org_admin).post(f"/seminars/{seminar.pk}/submit/", body)
    assert (response.status_code, Submission.objects.count()) == (400, 0)


def test_submit_page_stores_a_paper(tree, as_user):
    seminar = open_seminar(tree)
    body = {"organization": "T1B1", "member": "M1", "title": "论文", "abstract": "摘要", "document": pdf()}
    response = as_user(tree.users.org_admin).post(f"/seminars/{seminar.pk}/submit/", body)
    paper = Submission.objects.get()
    assert (response.status_code, response["Location"], paper.author_name, paper.organization) == \
        (302, f"/seminars/papers/{paper.pk}/", "张三", tree.b1)


def test_publish_page_publishes_and_the_proceedings_are_public(tree, as_user):
    seminar = open_seminar(tree)
    paper = submit(tree, seminar, title="论乡村振兴", author="周六")
    review = domain.assign_reviewer(paper, by=tree.users.county_admin, reviewer=tree.users.leader)
    to_review(seminar)
    domain.submit_review(review, by=tree.users.leader, scores=points(seminar, 25, 20, 25, 10))
    response = as_user(tree.users.county_admin).post(f"/seminars/{seminar.pk}/publish/", {
        "first": "1", "second": "0", "third": "0", "merit": "0"})
    html = as_user(None, language="en").get(f"/seminars/proceedings/{seminar.pk}/").content.decode()
    assert (response.status_code, Seminar.objects.get(pk=seminar.pk).state, "周六" in html, "一号村党支部" in html,
            "first prize" in html) == (302, "published", True, True, True)


def test_assign_page_names_an_unknown_reviewer(tree, as_user):
    seminar = open_seminar(tree)
    response = as_user(tree.users.county_admin, language="en").post(
        f"/seminars/{seminar.pk}/assign/", {"reviewers": "inspector ghost", "per_paper": "1"})
    assert (response.status_code, "No active user is called: ghost" in response.content.decode()) == (400, True)


def test_proceedings_chart_has_every_ranked_paper(tree, as_user):
    seminar = published(tree, 3)
    chart = as_user(None).get(f"/seminars/proceedings/{seminar.pk}/").context["chart"]
    assert (chart["labels"], chart["means"], chart["awards"]) == (["1", "2", "3"], [70.0, 70.0, 70.0],
                                                                  ["first", "", ""])


# --- Query counts: 1 and 3 rows under the same number ----------------------------------------


def seminars(tree, n):
    for i in range(n):
        domain.open_call(make_seminar(tree, title=f"研讨会{i}"), by=tree.users.county_admin)


def papers(tree, n):
    seminar = open_seminar(tree)
    for i in range(n):
        submit(tree, seminar, title=f"论文{i}")
    return seminar


def reviews(tree, n):
    seminar = papers(tree, n)
    domain.auto_assign(seminar, by=tree.users.county_admin, reviewers=[tree.users.leader], per_paper=1)
    return seminar


def published(tree, n):
    seminar = reviews(tree, n)
    to_review(seminar)
    for review in Review.objects.filter(submission__seminar=seminar):
        domain.submit_review(review, by=tree.users.leader, scores=points(seminar, 20, 20, 20, 10))
    return domain.publish_results(seminar, by=tree.users.county_admin, awards={"first": 1})


@pytest.mark.parametrize("n", [1, 3])
def test_seminar_list_query_count(tree, as_user, django_assert_num_queries, n):
    seminars(tree, n)
    client = as_user(tree.users.org_admin)
    with django_assert_num_queries(9):
        assert client.get("/seminars/").status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_seminar_page_query_count(tree, as_user, django_assert_num_queries, n):
    seminar = papers(tree, n)
    client = as_user(tree.users.county_admin)
    with django_assert_num_queries(10):
        assert client.get(f"/seminars/{seminar.pk}/").status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_review_list_query_count(tree, as_user, django_assert_num_queries, n):
    reviews(tree, n)
    client = as_user(tree.users.leader)
    with django_assert_num_queries(7):
        assert client.get("/seminars/reviews/").status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_proceedings_query_count(tree, as_user, django_assert_num_queries, n):
    seminar = published(tree, n)
    client = as_user(None)
    with django_assert_num_queries(6):  # +1: the public page's rate-limit count (core.public_limits)
        assert client.get(f"/seminars/proceedings/{seminar.pk}/").status_code == 200
