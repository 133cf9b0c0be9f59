import random

from django.utils import translation

from pacesetter.nonpublic.demo import seed
from pacesetter.nonpublic.models import NonpublicEntity, StatusPeriod
from pacesetter.nonpublic.validators import validate_credit_code


def test_demo_registers_entities_in_every_township_with_valid_codes(tree):
    with translation.override("en"):
        summary = seed(tree.county, rng=random.Random(7))
    entities = list(NonpublicEntity.objects.select_related("township"))
    for entity in entities:
        validate_credit_code(entity.credit_code)
    assert (len(entities), sorted({e.township.township for e in entities}),
            StatusPeriod.objects.filter(valid_to__isnull=True).count(),
            summary.startswith("Non-public entities: 12 over 2 townships")) == (12, ["一号镇", "二号镇"], 12, True)
