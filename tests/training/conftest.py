from tests.api.conftest import api  # noqa: F401 - the APIClient-per-persona fixture
