"""Ids typed into query strings and forms of the staff pages: a digit that is not an ASCII
digit ('²' passes str.isdigit() but not int()) is no id, never a 500."""
import pytest
from django.urls import reverse

from .test_paper import paper  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_paper_list_takes_a_superscript_subject_id_as_none_chosen(client, paper):
    client.force_login(paper.admin)
    response = client.get(reverse("evaluation:paper", kwargs={"pk": paper.round.pk}), {"subject": "²", "group": "²"})
    assert (response.status_code, response.context["chosen_subject"], response.context["chosen_group"]) == (
        200, None, None
    )


def test_paper_entry_post_with_a_superscript_subject_id_asks_for_the_subject(client, paper):
    client.force_login(paper.admin)
    response = client.post(reverse("evaluation:paper", kwargs={"pk": paper.round.pk}), {"subject": "²", "group": "²"})
    assert (response.status_code, response.context["errors"]) == (
        200, ["Choose the subject and the voter group of the paper ballots."]
    )


def test_token_form_ignores_a_superscript_subject_id(client, tree, live):
    client.force_login(tree.users.county_admin)
    response = client.get(reverse("evaluation:round_tokens", kwargs={"pk": live.round.pk}), {"subject": "²"})
    assert (response.status_code, response.context["form"].initial.get("subject")) == (200, None)
