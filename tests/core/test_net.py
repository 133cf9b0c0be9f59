from axes.helpers import get_client_ip_address
from django.test import RequestFactory


def test_the_login_throttle_keys_on_the_forwarded_client_behind_a_proxy(settings):
    """django-axes asks core.net.client_ip, so lockouts behind nginx are per client, not per proxy."""
    settings.PROXY_COUNT = 1
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert get_client_ip_address(request) == "198.51.100.7"


def test_a_forged_leftmost_forwarded_entry_is_not_believed(settings):
    settings.PROXY_COUNT = 1
    request = RequestFactory().post(
        "/accounts/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7"
    )
    assert get_client_ip_address(request) == "198.51.100.7"
