"""Append-only access log (NEN 7513 style): who read or changed which personal data,
in which role and organisation, when, why and from where.

Rows are never updated or deleted by the application: the model refuses it and
database triggers (see migration 0002) refuse it for anything that goes around
the ORM. Identifiers are stored as text so a row survives the deletion or
merge of the user, person or casus it names.

Every row is also a link in a hash chain (``seq``, ``prev_hash``, ``hash``;
see chain.py), so a change made with the triggers lifted is still detected by
``manage.py verify_access_log``. All inserts, also ``objects.create`` and
``bulk_create``, go through ``chain.append``."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class AccessLogQuerySet(models.QuerySet):
    def bulk_create(self, objs, batch_size=None, ignore_conflicts=False, update_conflicts=False, **kwargs):
        if ignore_conflicts or update_conflicts:
            raise AppendOnlyError("Het toegangslog is alleen-toevoegen.")
        from .chain import append

        return append(objs, using=self.db)

    def update(self, **kwargs):
        raise AppendOnlyError("Het toegangslog is alleen-toevoegen.")

    def delete(self):
        raise AppendOnlyError("Het toegangslog is alleen-toevoegen.")


class ObjectType(models.TextChoices):
    """What kind of record an access-log row is about (one list, no free text)."""

    CASUS = "casus", _("casus")
    MELDING = "melding", _("melding")
    PERSOON = "persoon", _("persoon")
    PERSOON_ZOEKRESULTAAT = "persoon (zoekresultaat)", _("persoon (zoekresultaat)")
    ANDERE_NAAM = "andere naam", _("andere naam")
    ADRES = "adres", _("adres")
    DUBBELE_KANDIDAAT = "dubbele-kandidaat", _("dubbele-kandidaat")
    DUBBELE_PERSOON = "dubbele persoon", _("dubbele persoon")
    VERWIJZING = "verwijzing", _("verwijzing")
    VINGER_AAN_DE_POLS = "vinger aan de pols", _("vinger aan de pols")
    STATUSBERICHT = "statusbericht", _("statusbericht")
    PROCESREGIE = "procesregie", _("procesregie")
    PROCESREGIE_ACTIE = "procesregie-actie", _("procesregie-actie")
    OVERLEG = "overleg", _("overleg")
    AGENDAPUNT = "agendapunt", _("agendapunt")
    OVERLEG_ACTIEPUNT = "overleg-actiepunt", _("overleg-actiepunt")
    WVGGZ_ONDERZOEK = "wvggz-onderzoek", _("wvggz-onderzoek")
    NOODTOEGANG = "noodtoegang", _("noodtoegang")
    ZOEKOPDRACHT = "zoekopdracht", _("zoekopdracht")
    TOEGANGSLOG = "toegangslog", _("toegangslog")
    PAGINA = "pagina", _("pagina")
    CIJFERS = "cijfers", _("cijfers")
    IN_BEELD_VRAAG = "in-beeld-vraag", _("in-beeld-vraag")
    BEWAARD_FORMULIER = "bewaard formulier", _("bewaard formulier")
    CONTACTPOGING = "contactpoging", _("contactpoging")
    NOTITIE = "notitie", _("notitie")
    # The matcher's trained weights (issue 14): no personal data, but who changed them is on record.
    ZOEKMODEL = "zoekmodel", _("zoekmodel")
    # issue 15: the life-domain picture of a casus.
    LEEFGEBIEDENBEELD = "leefgebiedenbeeld", _("leefgebiedenbeeld")
    # issue 15, part 3: the intensity (contact rhythm) of a casus.
    INTENSITEIT = "intensiteit", _("intensiteit")
    # issue 15 part 4: the crisis card of a person and the crisis episodes of a casus.
    CRISISKAART = "crisiskaart", _("crisiskaart")
    CRISISEPISODE = "crisisepisode", _("crisisepisode")
    # issue 15 part 2: the plan van aanpak of a casus.
    PLAN_DOEL = "plan-doel", _("doel in het plan")
    PLAN_ACTIE = "plan-actie", _("actie in het plan")
    # issue 15 part 6: practical means and waiting lists of a casus.
    INZET = "inzet", _("inzet van middelen")
    WACHTLIJST = "wachtlijst", _("wachtlijstplaatsing")
    # issue 15 part 5: the naasten (informal network) of a person and contacts with them.
    NAASTE = "naaste", _("naaste")
    NAASTE_CONTACT = "naaste-contact", _("contact met naaste")
    # issue 16 part 5: a request of the betrokkene (correctie, beperking, inzage, bezwaar).
    VERZOEK = "verzoek", _("verzoek van betrokkene")
    # issue 16 part 4: the inzage (right of access) of a person: its start, review, release, downloads.
    INZAGE = "inzage", _("inzage")
    # issue 16 parts 1 and 2: the task and legal ground of a casus, a person's consent or
    # objection, and a share that deviated from it (for review).
    GRONDSLAG = "grondslag", _("taak en grondslag")
    TOESTEMMING = "toestemming", _("toestemming of bezwaar")
    AFWIJKING = "afwijking", _("afwijking van toestemming of bezwaar")
    # issue 16 part 3: retention (vangnet.bewaren): the dry-run report, holds, the removal runs.
    BEWAARRAPPORT = "bewaarrapport", _("bewaarrapport")
    BEWAARBLOKKADE = "bewaarblokkade", _("bewaarblokkade")
    VERWIJDERRONDE = "verwijderronde", _("verwijderronde")


class AccessLog(models.Model):
    class Action(models.TextChoices):
        # The FHIR AuditEvent action codes.
        CREATE = "C", _("Aanmaken")
        READ = "R", _("Inzien")
        UPDATE = "U", _("Wijzigen")
        DELETE = "D", _("Verwijderen")
        EXECUTE = "E", _("Zoeken / uitvoeren")
        # Not FHIR: a refused attempt is on record like a read (NEN 7513).
        REFUSED = "G", _("Geweigerd")

    # Set from the database clock by chain.append, checked by a trigger.
    timestamp = models.DateTimeField(_("tijdstip"), editable=False)
    user_id = models.CharField(_("gebruiker-id"), max_length=64)
    username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    role = models.CharField(_("rol"), max_length=30, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    action = models.CharField(_("actie"), max_length=1, choices=Action.choices)
    person_id = models.CharField(_("persoon-id"), max_length=64, blank=True)
    casus_id = models.CharField(_("casus-id"), max_length=64, blank=True)
    melding_id = models.CharField(_("melding-id"), max_length=64, blank=True)
    object_type = models.CharField(_("soort gegeven"), max_length=50, blank=True)
    detail = models.CharField(_("omschrijving"), max_length=300, blank=True)
    reason = models.CharField(_("reden / grondslag"), max_length=500, blank=True)
    break_glass = models.BooleanField(_("noodtoegang"), default=False)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    path = models.CharField(_("adres"), max_length=300, blank=True)
    seq = models.PositiveBigIntegerField(_("volgnummer"), unique=True, editable=False)
    prev_hash = models.CharField(_("vorige hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["-timestamp", "-id"]
        # The log's real queries (issue 17), migration 0008; no single-column text
        # indexes (on PostgreSQL each had a ``_like`` twin nobody used):
        # - a subject's rows newest first, keyset-paged (persons/views.access_log,
        #   audit/paging.py; inzage by person_id): subject + (timestamp, id). Casus and
        #   melding are empty on most rows, so those two are partial; the page's query
        #   repeats the condition so SQLite uses them too;
        # - the reads under a break-glass grant (access/services.accesses_under_grant);
        # - a user's refusals (access/services.check_refusal_burst);
        # - the verify and prune walks use the unique seq. On PostgreSQL a BRIN on
        #   timestamp (0008) serves ad-hoc date ranges for a few kB.
        indexes = [
            models.Index(fields=["person_id", "timestamp", "id"], name="audit_log_person_time"),
            models.Index(
                fields=["casus_id", "timestamp", "id"], name="audit_log_casus_time", condition=~Q(casus_id="")
            ),
            models.Index(
                fields=["melding_id", "timestamp", "id"], name="audit_log_melding_time", condition=~Q(melding_id="")
            ),
            models.Index(
                fields=["person_id", "user_id", "timestamp"],
                name="audit_log_break_glass",
                condition=Q(break_glass=True),
            ),
            models.Index(fields=["user_id", "id"], name="audit_log_refusals", condition=Q(action="G")),
        ]

    def __str__(self):
        when = f"{self.timestamp:%Y-%m-%d %H:%M:%S}" if self.timestamp else "-"
        return f"{when} {self.user_id} {self.action} {self.object_type}"

    def save(self, *args, using=None, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Het toegangslog is alleen-toevoegen.")
        from .chain import append

        append([self], using=using)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Het toegangslog is alleen-toevoegen.")


class AccessLogChainHead(models.Model):
    """One row (id 1): the last link of the chain. Writers UPDATE it first, so
    they take turns; the application role may update this table, not the log."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(_("volgnummer"), default=0)
    hash = models.CharField(_("hash"), max_length=64)

    class Meta:
        verbose_name = _("kop van de toegangslogketen")
        verbose_name_plural = _("kop van de toegangslogketen")

    def __str__(self):
        return f"{self.seq}:{self.hash}"


class CheckpointQuerySet(models.QuerySet):
    def update(self, **kwargs: object) -> int:
        raise AppendOnlyError("Controlepunten van het toegangslog zijn alleen-toevoegen.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Controlepunten van het toegangslog zijn alleen-toevoegen.")


class AccessLogCheckpoint(models.Model):
    """Where the chain continues after old rows were removed (issue 16: the access
    log's own term, VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN, NEN 7513: at least 5
    years). ``seq``, ``hash`` and ``timestamp`` are those of the last removed row;
    the first remaining row's ``prev_hash`` is this ``hash``. Append-only: a
    trigger (migration 0007) refuses a checkpoint whose hash is not that of the
    log row with its seq, and any UPDATE or DELETE. Written only by
    ``services.prune_access_log``, which also writes an access-log row naming it
    and copies it to the security log."""

    seq = models.PositiveBigIntegerField(_("volgnummer"), unique=True, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)
    timestamp = models.DateTimeField(_("tijdstip van de rij"), editable=False)
    made_at = models.DateTimeField(_("gemaakt op"), editable=False)
    rows_removed = models.PositiveBigIntegerField(_("verwijderde rijen"), editable=False)

    objects = CheckpointQuerySet.as_manager()

    class Meta:
        verbose_name = _("controlepunt van het toegangslog")
        verbose_name_plural = _("controlepunten van het toegangslog")
        ordering = ["-seq"]

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"

    def save(
        self,
        *,
        force_insert: object = False,
        force_update: object = False,
        using: str | None = None,
        update_fields: object = None,
    ) -> None:
        """Always an INSERT: a checkpoint is never updated."""
        if not self._state.adding or force_update or update_fields:
            raise AppendOnlyError("Controlepunten van het toegangslog zijn alleen-toevoegen.")
        super().save(force_insert=True, using=using)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Controlepunten van het toegangslog zijn alleen-toevoegen.")
