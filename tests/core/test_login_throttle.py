from django.urls import reverse


def test_password_guessing_is_locked_out(tree, client, settings):
    url = reverse("login")
    statuses = [
        client.post(url, {"username": "county", "password": f"wrong-{i}"}).status_code
        for i in range(settings.AXES_FAILURE_LIMIT)
    ]
    # Once locked, even the right password is refused.
    locked = client.post(url, {"username": "county", "password": "pacesetter-test"})
    assert (statuses, locked.status_code) == ([200] * (settings.AXES_FAILURE_LIMIT - 1) + [429], 429)


def test_correct_password_logs_in(tree, client):
    response = client.post(reverse("login"), {"username": "county", "password": "pacesetter-test"})
    assert (response.status_code, response.url) == (302, reverse("core:home"))
