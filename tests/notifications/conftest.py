# The API tests' client fixtures (`api`, `login`, fresh throttle counts), shared, not copied.
from tests.api.conftest import _fresh_throttle_counts, api, login  # noqa: F401
