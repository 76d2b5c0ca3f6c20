from tests.access.conftest import world  # noqa: F401  (re-exported fixture)
