import datetime

import pytest

from pacesetter.pairing.domain import create_pairing
from pacesetter.pairing.enums import PairingKind

from . import world as world_module


@pytest.fixture
def world(tree):
    return world_module.build(tree)


@pytest.fixture
def pairing(tree, world):
    """The agency branch helps 一号村 (urban-rural), from 2024-06-01."""
    return create_pairing(kind=PairingKind.URBAN_RURAL, goals="村集体经济增收", starts_on=datetime.date(2024, 6, 1),
                          helpers=[world.ag], helped=[tree.b1], by=tree.users.county_admin)
