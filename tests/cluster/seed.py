"""What the cluster tests need, made in the cluster's database (run with its environment):

    .venv/bin/python -m tests.cluster.seed SINGLE BATCH

A county admin ("county", password PASSWORD) over a county with two branches, and an open
democratic round over one branch with SINGLE + BATCH ballot tokens. Prints one line of JSON:
the tokens (the first SINGLE for the same-token race, the rest for the node-kill load) and the
indicator ids to answer. Much faster than seed_demo.
"""
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacesetter.settings")

import django  # noqa: E402

django.setup()

from pacesetter.evaluation import domain  # noqa: E402
from pacesetter.evaluation.models import Round, RoundGroup, RoundSubject  # noqa: E402
from pacesetter.orgs.enums import OrgLevel, Role, Sector  # noqa: E402
from tests.evaluation.conftest import answers_for, make_round, make_scheme  # noqa: E402
from tests.factories import make_org, make_user  # noqa: E402

PASSWORD = "cluster-test-password-1"


def main() -> None:
    single, batch = int(sys.argv[1]), int(sys.argv[2])
    round_ = Round.objects.order_by("pk").first()
    if round_ is not None:  # seeded before: more tokens in the same round
        subject, group = RoundSubject.objects.get(round=round_), RoundGroup.objects.filter(round=round_).first()
        tokens = domain.make_tokens(round_, subject=subject, group=group, count=single + batch, by=None)
        print(json.dumps({"username": "county", "password": PASSWORD, "tokens": tokens,
                          "answers": _answers(round_.scheme)}))
        return
    county = make_org(code="C", name="测试县委", level=OrgLevel.COMMITTEE, sector=Sector.AGENCY)
    t1 = make_org(county, code="T1", name="一号镇党委", level=OrgLevel.COMMITTEE, township="一号镇")
    b1 = make_org(t1, code="T1B1", name="一号村党支部", township="一号镇")
    admin = make_user("county", Role.COUNTY_ADMIN, county, is_staff=True)
    admin.set_password(PASSWORD)
    admin.save(update_fields=["password"])
    scheme = make_scheme()
    setup = make_round(scheme, subjects=[b1])
    tokens = domain.make_tokens(setup.round, subject=setup.subjects[0], group=setup.groups[0],
                                count=single + batch, by=None)
    print(json.dumps({"username": "county", "password": PASSWORD, "tokens": tokens, "answers": _answers(scheme)}))


def _answers(scheme) -> dict[str, str]:
    """The ballot form's fields (q<indicator id>) with valid answers."""
    return {f"q{pk}": str(value) for pk, value in answers_for(scheme).items()}


if __name__ == "__main__":
    main()
