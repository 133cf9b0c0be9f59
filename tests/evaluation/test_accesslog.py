"""gunicorn's access log keeps no ballot token."""
import datetime
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from pacesetter.evaluation.accesslog import TokenlessAccessLog, redact

TOKEN = "Qx3_-kP0aZ9vLmN2oR5tUw8y"


@pytest.mark.parametrize(("line", "logged"), [
    (f"POST /v/{TOKEN} HTTP/1.1", "POST /v/- HTTP/1.1"),
    (f"GET /v/{TOKEN}?x=1 HTTP/1.1", "GET /v/-?x=1 HTTP/1.1"),
    ("GET /v/thanks/ HTTP/1.1", "GET /v/thanks/ HTTP/1.1"),
    ("GET /evaluation/rounds/ HTTP/1.1", "GET /evaluation/rounds/ HTTP/1.1"),
])
def test_redact_hides_the_token_only(line, logged):
    assert redact(line) == logged


def test_access_log_line_of_a_ballot_has_no_token(capsys):
    cfg = Config()
    cfg.set("accesslog", "-")
    cfg.set("access_log_format", '%(h)s "%(r)s" %(s)s "%(f)s" %(U)s %({raw_uri}e)s')
    logger = TokenlessAccessLog(cfg)
    environ = {
        "REQUEST_METHOD": "POST", "RAW_URI": f"/v/{TOKEN}", "PATH_INFO": f"/v/{TOKEN}", "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.7", "HTTP_REFERER": f"https://pacesetter.example/v/{TOKEN}", "QUERY_STRING": "",
    }
    response = SimpleNamespace(status="303 See Other", sent=0, headers=[("Location", "/v/thanks/")])
    request = SimpleNamespace(headers=[("HOST", "pacesetter.example")])
    logger.access(response, request, environ, datetime.timedelta(milliseconds=3))
    assert capsys.readouterr().out.splitlines() == [
        '10.0.0.7 "POST /v/- HTTP/1.1" 303 "https://pacesetter.example/v/-" /v/- /v/-'
    ]
