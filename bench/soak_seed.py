"""Ballot tokens and API tokens for bench/soak.py, made in the cluster's database (run with its environment).

    .venv/bin/python bench/soak_seed.py BALLOTS OUT_DIR

Takes the demo county's open round, makes BALLOTS fresh tokens spread over its subjects and
voter groups (the demo's unused tokens of those slots are revoked, as make_tokens does), and
writes OUT_DIR/tokens.tsv ("token<TAB>ballot form" lines, every answer valid) and
OUT_DIR/api.json (personal API tokens of the demo's staff logins, a day long). Prints a
one-line summary.
"""
import json
import os
import random
import sys
import urllib.parse
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacesetter.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from pacesetter.api.domain import create_personal_token  # noqa: E402
from pacesetter.evaluation import domain  # noqa: E402
from pacesetter.evaluation.enums import RoundState  # noqa: E402
from pacesetter.evaluation.models import Round  # noqa: E402

OPTIONS = {"grade4": 4, "satisfaction3": 3, "satisfaction5": 5}
STAFF = ["county", "township1", "branch1", "leader1", "inspector"]


def main() -> None:
    ballots, out = int(sys.argv[1]), Path(sys.argv[2])
    round_ = Round.objects.filter(state=RoundState.OPEN).order_by("pk").first()
    if round_ is None:
        raise SystemExit("no open round: seed the demo county first (seed_demo --scale county)")
    county = get_user_model().objects.get(username="county")
    slots = [(s, g) for s in round_.subjects.order_by("pk") for g in round_.round_groups.order_by("pk")]
    per_slot = min(domain.MAX_TOKENS, -(-ballots // len(slots)))
    indicators = list(round_.scheme.indicators.order_by("order").values_list("pk", "scale"))
    rng = random.Random(7)
    lines = []
    for subject, group in slots:
        if len(lines) >= ballots:
            break
        for token in domain.make_tokens(round_, subject=subject, group=group,
                                        count=min(per_slot, ballots - len(lines)), by=county):
            form = [("step", "cast")] + [
                (f"q{pk}", str(rng.randrange(101) if scale == "score100" else rng.randrange(OPTIONS[scale])))
                for pk, scale in indicators
            ]
            lines.append(f"{token}\t{urllib.parse.urlencode(form)}")
    rng.shuffle(lines)
    out.mkdir(parents=True, exist_ok=True)
    (out / "tokens.tsv").write_text("\n".join(lines) + "\n")
    api = {}
    for username in STAFF:
        user = get_user_model().objects.get(username=username)
        _token, raw = create_personal_token(user, name="soak", days=1, by=user)
        api[username] = raw
    (out / "api.json").write_text(json.dumps(api))
    print(json.dumps({"round": round_.pk, "slots": len(slots), "ballots": len(lines), "api_tokens": len(api)}))


if __name__ == "__main__":
    main()
