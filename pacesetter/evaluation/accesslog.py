"""gunicorn's access log without ballot tokens.

    gunicorn pacesetter.wsgi --access-logfile - --logger-class pacesetter.evaluation.accesslog.TokenlessAccessLog

A ballot's address is /v/<token>: an access log line would keep the token beside the
voter's IP address and the time, and with the token's row that points at a ballot while
the round is open (docs/threat-model.md). This logger writes "/v/-" instead, in every
field of the line (request line, path, referrer, headers). Nothing here imports Django:
gunicorn loads it before the application.
"""
import re

from gunicorn.glogging import Logger

_BALLOT_PATH = re.compile(r"/v/(?!thanks/)[^/?#\s\"]+")


def redact(value: str) -> str:
    return _BALLOT_PATH.sub("/v/-", value)


class TokenlessAccessLog(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()}
