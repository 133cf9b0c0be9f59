"""The scheme page, read by every role, names no round outside the reader's view."""
import pytest
from django.urls import reverse

from .conftest import make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_scheme_page_does_not_name_a_round_outside_the_readers_view(client, tree, scheme):
    make_round(scheme, subjects=[tree.b2], name="二镇测评")
    client.force_login(tree.users.org_admin)
    response = client.get(reverse("evaluation:scheme", args=[scheme.pk]))
    assert (response.status_code, "二镇测评" in response.content.decode()) == (200, False)


def test_scheme_page_tells_the_county_admin_which_round_locked_it(client, tree, scheme):
    make_round(scheme, subjects=[tree.b2], name="二镇测评")
    client.force_login(tree.users.county_admin)
    response = client.get(reverse("evaluation:scheme", args=[scheme.pk]))
    assert response.context["lock_reason"] == (
        "The scheme is used by the round “二镇测评”, which has opened; it can no longer change."
    )
