import csv
import stat

import pytest
from django.core.management import CommandError, call_command

from pacesetter.evaluation import domain
from pacesetter.evaluation.enums import TokenStatus
from pacesetter.evaluation.models import BallotToken

pytestmark = pytest.mark.django_db


def _rows(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_make_tokens_writes_ballot_urls(live, tmp_path):
    out = tmp_path / "tokens.csv"
    call_command("make_tokens", str(live.round.pk), "--subject", "T1B1", "--group", "public", "--count", "3",
                 "--csv", str(out), "--base-url", "https://vote.example.org/")
    rows = _rows(out)
    assert rows[0] == ["number", "url"]
    assert [r[0] for r in rows[1:]] == ["1", "2", "3"]
    assert all(r[1].startswith("https://vote.example.org/v/") for r in rows[1:])


def test_make_tokens_urls_hold_working_tokens(live, tmp_path):
    out = tmp_path / "tokens.csv"
    call_command("make_tokens", str(live.round.pk), "--subject", "T2B1", "--group", "members", "--count", "2",
                 "--csv", str(out))
    tokens = [url.removeprefix("/v/") for _n, url in _rows(out)[1:]]
    stored = BallotToken.objects.filter(subject__organization__code="T2B1", status=TokenStatus.UNUSED)
    assert sorted(domain.token_hash(t) for t in tokens) == sorted(stored.values_list("key_hash", flat=True))


def test_make_tokens_file_readable_by_owner_only(live, tmp_path):
    out = tmp_path / "tokens.csv"
    call_command("make_tokens", str(live.round.pk), "--subject", "T1B1", "--group", "members", "--count", "1",
                 "--csv", str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_make_tokens_revokes_earlier_ones(live, tmp_path):
    call_command("make_tokens", str(live.round.pk), "--subject", "T1B1", "--group", "members", "--count", "1",
                 "--csv", str(tmp_path / "t.csv"))
    assert BallotToken.objects.filter(status=TokenStatus.REVOKED).count() == 5


@pytest.mark.parametrize(("args", "message"), [
    (["999999", "--subject", "T1B1", "--group", "members"], "There is no round 999999."),
    (["{round}", "--subject", "T1", "--group", "members"], "T1 is not a subject of this round."),
    (["{round}", "--subject", "T1B1", "--group", "leadership"], "The voter group leadership does not vote in this round."),
])
def test_make_tokens_command_errors(live, tmp_path, args, message):
    args = [a.format(round=live.round.pk) for a in args]
    with pytest.raises(CommandError, match=f"^{message}$"):
        call_command("make_tokens", *args, "--count", "1", "--csv", str(tmp_path / "t.csv"))
    assert not (tmp_path / "t.csv").exists()


def test_make_tokens_command_reports_domain_refusal(live, tmp_path):
    domain.close_round(live.round, by=None)
    with pytest.raises(CommandError, match="^Making tokens is not possible: The round is closed.$"):
        call_command("make_tokens", str(live.round.pk), "--subject", "T1B1", "--group", "members", "--count", "1",
                     "--csv", str(tmp_path / "t.csv"))
