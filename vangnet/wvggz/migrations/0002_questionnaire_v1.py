"""Version 1 of the questionnaire of the verkennend onderzoek (published).

The kinds of ernstig nadeel follow the Wet verplichte ggz, art. 1:1 lid 2."""

from django.db import migrations
from django.utils import timezone

ERNSTIG_NADEEL = [
    ["levensgevaar", "Levensgevaar"],
    ["lichamelijk_letsel", "Ernstig lichamelijk letsel"],
    ["psychische_schade", "Ernstige psychische schade"],
    ["materiele_schade", "Ernstige materiële schade"],
    ["immateriele_schade", "Ernstige immateriële schade"],
    ["financiele_schade", "Ernstige financiële schade"],
    ["verwaarlozing", "Ernstige verwaarlozing of maatschappelijke teloorgang"],
    ["verstoorde_ontwikkeling", "Ernstig verstoorde ontwikkeling van betrokkene of een ander"],
    ["bedreiging_veiligheid", "Bedreiging van de veiligheid van betrokkene, al dan niet doordat hij onder invloed van een ander raakt"],
    ["agressie_oproepen", "Met hinderlijk gedrag agressie van anderen oproepen"],
    ["algemene_veiligheid", "Algemene veiligheid van personen of goederen in gevaar"],
]

QUESTIONS = [
    ("melding", "Melding en melder: wat is gemeld, door wie, en wat is de zorg van de melder?", "text", [], True,
     "Vat de melding samen zoals de melder die deed; de gegevens van de melding zelf staan bovenaan het onderzoek."),
    ("bronnen", "Geraadpleegde bronnen: met wie is gesproken?", "sources", [], True,
     "Bijvoorbeeld betrokkene, naasten, huisarts, GGZ, politie, woningcorporatie."),
    ("gedrag", "Waargenomen gedrag", "text", [], True,
     "Beschrijf feitelijk wat is gezien en gehoord, door wie en wanneer."),
    ("stoornis", "Zijn er aanwijzingen voor een psychische stoornis?", "ynu", [], True, ""),
    ("stoornis_toelichting", "Toelichting op de aanwijzingen voor een psychische stoornis", "text", [], False, ""),
    ("ernstig_nadeel", "Welk ernstig nadeel is er (Wvggz art. 1:1)?", "multi", ERNSTIG_NADEEL, False,
     "Kruis alles aan wat van toepassing is; laat leeg als er geen ernstig nadeel is."),
    ("ernstig_nadeel_voor", "Voor wie is er ernstig nadeel?", "choice",
     [["betrokkene", "Voor betrokkene zelf"], ["anderen", "Voor anderen"], ["beide", "Voor betrokkene en anderen"],
      ["geen", "Geen ernstig nadeel"]], True, ""),
    ("ernstig_nadeel_toelichting", "Toelichting op het ernstig nadeel", "text", [], False,
     "Hoe groot en hoe dichtbij is het nadeel? Hangt het samen met de stoornis?"),
    ("vrijwillig", "Is vrijwillige zorg of bemoeizorg mogelijk, of geprobeerd?", "choice",
     [["mogelijk", "Vrijwillige zorg is mogelijk (betrokkene werkt mee)"],
      ["bemoeizorg_mogelijk", "Bemoeizorg is mogelijk"],
      ["geprobeerd", "Geprobeerd, zonder resultaat"],
      ["niet_mogelijk", "Niet mogelijk"],
      ["onbekend", "Onbekend"]], True, ""),
    ("vrijwillig_toelichting", "Toelichting op vrijwillige zorg en bemoeizorg", "text", [], False,
     "Wat is geprobeerd, door wie, en met welk resultaat?"),
    ("oordeel", "Oordeel van de GGZ-deskundige professional", "professional", [], True,
     "Een gekwalificeerde professional met GGZ-expertise beoordeelt: psychiater, GZ-psycholoog, SPV, verpleegkundig specialist GGZ."),
    ("conclusie", "Conclusie van het verkennend onderzoek", "text", [], True,
     "Is verplichte zorg nodig, of kan het vrijwillig? Waarom?"),
]


def seed(apps, schema_editor):
    Version = apps.get_model("wvggz", "QuestionnaireVersion")
    Question = apps.get_model("wvggz", "Question")
    if Version.objects.exists():
        return
    # Questions first, then publish: a published version takes no new questions.
    version = Version.objects.create(number=1, title="Vragenlijst verkennend onderzoek Wvggz", note="Eerste versie.")
    for order, (key, text, kind, choices, required, help_text) in enumerate(QUESTIONS, start=1):
        Question.objects.create(
            version=version, key=key, text=text, kind=kind, choices=choices, required=required, help=help_text,
            order=order * 10,
        )
    Version.objects.filter(pk=version.pk).update(published=True, published_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("wvggz", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
