"""A ballot URL with something after the token (a trailing slash an SMS app adds) is
refused without the token reaching a log line, as the token URL itself is."""
import logging

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("suffix", ["/", "/x", "/%E3%80%82/"])
def test_a_ballot_url_with_a_suffix_keeps_the_token_out_of_the_logs(client, live, caplog, suffix):
    caplog.set_level(logging.DEBUG)
    token = live.tokens[0]
    response = client.get(f"/v/{token}{suffix}")
    assert (response.status_code, token in caplog.text) == (404, False)


def test_a_ballot_url_with_a_suffix_sends_no_referrer(client, live):
    response = client.get(f"/v/{live.tokens[0]}/")
    assert response["Referrer-Policy"] == "no-referrer"
