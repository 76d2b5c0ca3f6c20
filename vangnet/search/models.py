"""The search index: words and match keys of meldingen and persons that the register's
own indexes do not cover (see ``index``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchToken(models.Model):
    """One word or key of a melding or a person.

    ``w<word>``: a folded word of a place description or an address ("station",
    "portiek", "lekweg"); ``k<key>``: one of the matcher's blocking keys of a melding
    that is not linked to a person yet (its name, date of birth, BSN, postcode), so
    an untriaged melding is found like a person. Linked meldingen are found through
    their person. The lookup is ``WHERE token IN (...)``, covered by the two indexes."""

    token = models.CharField(max_length=80)
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, null=True, related_name="+")
    melding = models.ForeignKey("intake.Melding", on_delete=models.CASCADE, null=True, related_name="+")

    class Meta:
        verbose_name = _("zoekwoord")
        verbose_name_plural = _("zoekwoorden")
        indexes = [
            models.Index(fields=["token", "person"], name="search_token_person"),
            models.Index(fields=["token", "melding"], name="search_token_melding"),
        ]

    def __str__(self) -> str:
        return self.token
