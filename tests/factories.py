"""factory-boy factories shared by all tests."""

from typing import TYPE_CHECKING, Any

import factory
from django.utils import timezone

from vangnet.accounts.models import Role, User
from vangnet.cases.models import CaseMember, Casus
from vangnet.intake.models import ConcernCategory, Melding
from vangnet.organisations.models import Gemeente, Organisation, Team
from vangnet.persons.models import Person


class ModelFactory[M](factory.django.DjangoModelFactory):
    """A DjangoModelFactory whose call is typed as the model it makes, so mypy
    checks the tests' use of the result (``MeldingFactory().reference``)."""

    if TYPE_CHECKING:

        def __new__(cls, *args: Any, **kwargs: Any) -> M: ...  # type: ignore[misc]


class GemeenteFactory(ModelFactory[Gemeente]):
    class Meta:
        model = Gemeente
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Gemeente {n}")


class OrganisationFactory(ModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = Organisation.Kind.GGD
    runs_meldpunt = True
    does_bemoeizorg = True


class TeamFactory(ModelFactory[Team]):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")
    is_bemoeizorgteam = True


class UserFactory(ModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    # Staff names can never equal a person's name: tests look for a person's surname in a page
    # whose header names the signed-in user (a random "Dekker" made such a test fail once).
    first_name = factory.Sequence(lambda n: f"Mdw{n}")
    last_name = factory.Sequence(lambda n: f"Collega{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.BEMOEIZORGER
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery-staple")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PersonFactory(ModelFactory[Person]):
    class Meta:
        model = Person

    given_names = factory.Faker("first_name", locale="nl_NL")
    surname = factory.Faker("last_name", locale="nl_NL")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=18, maximum_age=90)


def category(code: str = "psychisch") -> ConcernCategory:
    return ConcernCategory.objects.get(code=code)


class MeldingFactory(ModelFactory[Melding]):
    class Meta:
        model = Melding
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"M-TEST-{n:05d}")
    received_at = factory.LazyFunction(timezone.now)
    channel = "telefoon"
    meldpunt = factory.SubFactory(OrganisationFactory)
    melder_type = "buurtbewoner"
    melder_name = "Buurvrouw"
    given_names = factory.Faker("first_name", locale="nl_NL")
    surname = factory.Faker("last_name", locale="nl_NL")
    description = "Meneer komt de deur niet meer uit en de brievenbus puilt uit."
    created_by = factory.SubFactory(UserFactory, role=Role.MELDPUNT, organisation=factory.SelfAttribute("..meldpunt"))

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create:
            obj.categories.set(extracted or [category()])


class CasusFactory(ModelFactory[Casus]):
    class Meta:
        model = Casus
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"C-TEST-{n:05d}")
    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    casusregisseur = factory.SubFactory(UserFactory, organisation=factory.SelfAttribute("..organisation"))
    opened_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create:
            CaseMember.objects.get_or_create(
                casus=obj, user=obj.casusregisseur, defaults={"role": CaseMember.Role.REGISSEUR}
            )
            for user in extracted or []:
                CaseMember.objects.get_or_create(casus=obj, user=user, defaults={"role": CaseMember.Role.DUO})
