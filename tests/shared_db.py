"""Data built once for a whole test module, for module-scoped fixtures:

    @pytest.fixture(scope="module")
    def world(django_db_setup, django_db_blocker):
        yield from built_once(django_db_blocker, make_world)

The data is made in a transaction that is rolled back when the module is done, and each
test (pytest-django's ``django_db``) runs in a savepoint inside it: what a test writes is
undone before the next test, and nothing reaches the tests of other modules. Every test
of such a module must be a ``django_db`` test that may see the data (a test that needs an
empty database belongs in another module)."""

from collections.abc import Callable, Iterator

from django.db import transaction


def built_once[T](django_db_blocker, build: Callable[[], T]) -> Iterator[T]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            value = build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield value
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
