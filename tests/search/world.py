"""A small register for the search tests, with fixed (not faker) names."""

from datetime import date

from tests.factories import CasusFactory, MeldingFactory, PersonFactory
from vangnet.cases.models import CaseMember
from vangnet.core.references import assign_reference

BSN = "111222333"  # passes the 11-proef


def _ref(obj, prefix):
    assign_reference(obj, prefix)
    obj.refresh_from_db()
    return obj


def search_world(users, ggd, other_org) -> dict:
    jan = PersonFactory(
        given_names="Johannes Cornelis",
        roepnaam="Jan",
        tussenvoegsel="de",
        surname="Vries",
        sex="M",
        date_of_birth=date(1975, 4, 3),
        bsn=BSN,
        street="Lekweg",
        house_number="12",
        postcode="1234 AB",
        city="Utrecht",
        phone="06-12345678",
    )
    casus = _ref(CasusFactory(person=jan, organisation=ggd, casusregisseur=users["bemoeizorger"]), "C")
    CaseMember.objects.create(casus=casus, user=users["duo"], role=CaseMember.Role.DUO)
    jan_melding = _ref(
        MeldingFactory(
            meldpunt=ggd,
            created_by=users["meldpunt"],
            person=jan,
            casus=casus,
            status="getrieerd",
            given_names="Jan",
            tussenvoegsel="de",
            surname="Vries",
        ),
        "M",
    )
    kees = PersonFactory(given_names="Kees", surname="Hendriks", date_of_birth=date(1960, 1, 2))
    other_casus = _ref(CasusFactory(person=kees, organisation=ggd, casusregisseur=users["other_bemoeizorger"]), "C")
    kees_melding = _ref(
        MeldingFactory(
            meldpunt=ggd,
            created_by=users["meldpunt"],
            person=kees,
            casus=other_casus,
            status="getrieerd",
            given_names="Kees",
            surname="Hendriks",
        ),
        "M",
    )
    bijlsma = PersonFactory(given_names="Şükrü", surname="Bijlsma", date_of_birth=date(1990, 6, 1))
    bijlsma_melding = _ref(
        MeldingFactory(
            meldpunt=ggd,
            created_by=users["meldpunt"],
            person=bijlsma,
            status="getrieerd",
            given_names="Sukru",
            surname="Bijlsma",
        ),
        "M",
    )
    station_man = PersonFactory(
        given_names="",
        surname="",
        date_of_birth=None,
        estimated_birth_year=1986,
        sex="M",
        place_description="Slaapt bij het station, lange baard",
    )
    station_melding = _ref(
        MeldingFactory(
            meldpunt=ggd,
            created_by=users["meldpunt"],
            person=station_man,
            status="getrieerd",
            given_names="",
            surname="",
            place_description="man ~40 bij het station",
        ),
        "M",
    )
    untriaged = _ref(
        MeldingFactory(
            meldpunt=ggd,
            created_by=users["meldpunt"],
            given_names="Gerda",
            surname="Oosterhuis",
            date_of_birth=date(1948, 11, 30),
            place_description="portiek aan de Dorpsstraat",
        ),
        "M",
    )
    elsewhere = _ref(
        MeldingFactory(
            meldpunt=other_org, created_by=users["other_meldpunt"], given_names="Piet", surname="Oosterhuis"
        ),
        "M",
    )
    return {
        "jan": jan,
        "casus": casus,
        "jan_melding": jan_melding,
        "kees": kees,
        "other_casus": other_casus,
        "kees_melding": kees_melding,
        "bijlsma": bijlsma,
        "bijlsma_melding": bijlsma_melding,
        "station_man": station_man,
        "station_melding": station_melding,
        "untriaged": untriaged,
        "elsewhere": elsewhere,
    }
