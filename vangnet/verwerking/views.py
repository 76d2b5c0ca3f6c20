"""The register of processing (issue 16 part 6): one page and its CSV and Excel exports,
for the privacy officer and functioneel beheer (a wrong role gets 403 and a refusal row).
No personal data: organisations, kinds of data, terms and measures."""

import io

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from vangnet.access import guards
from vangnet.accounts import roles
from vangnet.core import csv_export, xlsx_export

from . import register


def _filename(extension: str) -> str:
    return f"verwerkingsregister-{timezone.localdate():%Y-%m-%d}.{extension}"


@guards.role_required(*roles.REGISTER_READERS)
@require_GET
def register_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "verwerking/register.html",
        {"activities": register.processing_register(), "made_on": timezone.localdate()},
    )


@guards.role_required(*roles.REGISTER_READERS)
@require_GET
def register_csv(request: HttpRequest) -> HttpResponse:
    buffer = io.StringIO(newline="")
    buffer.write("\ufeff")  # Excel reads the file as UTF-8
    writer = csv_export.writer(buffer, delimiter=";")
    writer.writerow([header for _attribute, header in register.columns()])
    writer.writerows(register.as_rows(register.processing_register()))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


@guards.role_required(*roles.REGISTER_READERS)
@require_GET
def register_xlsx(request: HttpRequest) -> HttpResponse:
    content = xlsx_export.text_table(
        [header for _attribute, header in register.columns()],
        register.as_rows(register.processing_register()),
        sheet_name=_("Verwerkingsregister"),
    )
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
