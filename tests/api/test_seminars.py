"""The seminar endpoints: the reviewer's JSON is blind, scoring and submitting through the
API, results, and constant query counts on the lists."""
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pacesetter.seminars.models import Review, Submission
from tests.seminars.test_pages import SECRETS, published, reviews
from tests.seminars.world import open_seminar, papers_body, pdf, points, world


def test_review_json_is_blind(tree, login):
    values = world(tree)
    response = login(tree.users.leader).get(f"/api/v1/seminar-reviews/{values['review_r']}/")
    text = json.dumps(response.json(), ensure_ascii=False)
    assert ([s for s in SECRETS if s in text], sorted(response.json()["paper"])) == \
        ([], ["abstract", "code", "extension", "file_url", "number", "title"])


def test_review_list_json_is_blind(tree, login):
    world(tree)
    response = login(tree.users.leader).get("/api/v1/seminar-reviews/")
    text = json.dumps(response.json(), ensure_ascii=False)
    assert ([s for s in SECRETS if s in text], [r["paper"]["code"] for r in response.json()["results"]]) == \
        ([], ["paper-001"])


def test_paper_json_names_the_author_for_its_organisations_admin(tree, login):
    values = world(tree)
    body = login(tree.users.org_admin).get(f"/api/v1/seminar-papers/{values['paper_r']}/").json()
    assert (body["author_name"], body["organization"], body["original_name"]) == ("孙三", "T1B1", "论文.pdf")


def test_score_through_the_api(tree, login):
    values = world(tree)
    review = Review.objects.get(pk=values["review_r"])
    scores = [{"criterion": pk, "points": p} for pk, p in points(review.submission.seminar, 30, 25, 30, 15).items()]
    response = login(tree.users.leader).post(f"/api/v1/seminar-reviews/{review.pk}/score/",
                                             {"scores": scores, "comment": "优秀"}, format="json")
    assert (response.status_code, response.json()["total"], response.json()["comment"]) == (200, 100, "优秀")


def test_score_over_the_maximum_is_a_400_on_scores(tree, login):
    values = world(tree)
    review = Review.objects.get(pk=values["review_r"])
    scores = [{"criterion": pk, "points": p} for pk, p in points(review.submission.seminar, 30, 26, 30, 15).items()]
    response = login(tree.users.leader).post(f"/api/v1/seminar-reviews/{review.pk}/score/", {"scores": scores},
                                             format="json")
    assert (response.status_code, list(response.json())) == (400, ["scores"])


def test_submit_paper_through_the_api(tree, login):
    seminar = open_seminar(tree)
    response = login(tree.users.org_admin).post("/api/v1/seminar-papers/", papers_body(seminar, document=pdf()),
                                                format="multipart")
    assert (response.status_code, response.json()["number"], response.json()["organization"]) == (201, 1, "T1B1")


def test_submit_paper_refuses_a_photo_on_the_file_field(tree, login):
    from tests.commitments.public_world import photo

    seminar = open_seminar(tree)
    response = login(tree.users.org_admin).post("/api/v1/seminar-papers/",
                                                papers_body(seminar, document=photo("论文.jpg")), format="multipart")
    assert (response.status_code, list(response.json()), Submission.objects.count()) == (400, ["file"], 0)


def test_submit_paper_refuses_a_renamed_program(tree, login):
    seminar = open_seminar(tree)
    program = SimpleUploadedFile("论文.pdf", b"MZ\x90\x00" + b"\x00" * 300)
    response = login(tree.users.org_admin).post("/api/v1/seminar-papers/", papers_body(seminar, document=program),
                                                format="multipart")
    assert (response.status_code, list(response.json())) == (400, ["file"])


def test_results_list_the_proceedings(tree, login):
    seminar = published(tree, 2)
    rows = login(tree.users.member).get(f"/api/v1/seminars/{seminar.pk}/results/").json()["results"]
    assert [(r["rank"], r["award"], r["number"], r["organization"], r["mean_score"]) for r in rows] == [
        (1, "first", 1, "一号村党支部", "70.00"), (2, "", 2, "一号村党支部", "70.00")]


def test_create_seminar_through_the_api(tree, login):
    body = {"title": "研讨会", "theme": "主题", "call_text": "征文", "opens_on": "2030-01-01",
            "closes_on": "2030-02-01", "reviews_due": "2030-01-15",
            "criteria": [{"name": "思想性", "max_points": 100}]}
    response = login(tree.users.county_admin).post("/api/v1/seminars/", body, format="json")
    assert (response.status_code, list(response.json())) == (400, ["reviews_due"])


@pytest.mark.parametrize("n", [1, 3])
def test_seminar_list_query_count(tree, login, django_assert_num_queries, n):
    for i in range(n):
        open_seminar(tree, title=f"研讨会{i}")
    client = login(tree.users.member)
    with django_assert_num_queries(7):
        assert client.get("/api/v1/seminars/").status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_paper_list_query_count(tree, login, django_assert_num_queries, n):
    reviews(tree, n)
    client = login(tree.users.org_admin)
    with django_assert_num_queries(5):
        assert client.get("/api/v1/seminar-papers/").status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_review_list_query_count(tree, login, django_assert_num_queries, n):
    reviews(tree, n)
    client = login(tree.users.leader)
    with django_assert_num_queries(6):
        assert client.get("/api/v1/seminar-reviews/").status_code == 200
