"""The partner API: network partners submit meldingen and follow their status.

Thin views: the rules live in vangnet.intake (form validation and services)
and vangnet.access (who sees what); every read and write is access-logged."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.response import Response

from vangnet.access import policies
from vangnet.audit.models import AccessLog
from vangnet.audit.services import AuditContext, ObjectType, log_access, log_list_access
from vangnet.intake import services as intake
from vangnet.intake.models import Melding

from . import services
from .permissions import IsNetworkPartner, IsVerifiedUser
from .serializers import (
    VALIDATION_ERROR_SCHEMA,
    ErrorSerializer,
    PartnerMeldingCreateSerializer,
    PartnerMeldingSerializer,
)

IDEMPOTENCY_HEADER = "Idempotency-Key"

FORBIDDEN = OpenApiResponse(
    ErrorSerializer,
    description=gettext_lazy(
        "Niet ingelogd, geen tweestapsverificatie, of geen netwerkpartner (medewerkers en beheerders)."
    ),
)
NOT_FOUND = OpenApiResponse(ErrorSerializer, description=gettext_lazy("Deze pagina bestaat niet."))
BAD_REQUEST = OpenApiResponse(
    VALIDATION_ERROR_SCHEMA,
    description=gettext_lazy(
        "Ongeldige invoer: per veld de Nederlandse foutmeldingen, of detail als het verzoek niet "
        "gelezen kon worden (geen geldige JSON, te diep genest, te groot)."
    ),
)
KEY_REUSED = OpenApiResponse(
    ErrorSerializer,
    description=gettext_lazy("Deze Idempotency-Key is al gebruikt voor een verzoek met een andere inhoud."),
)
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=gettext_lazy(
        "Niet verplicht, wel aangeraden: een unieke waarde per melding (bijvoorbeeld een UUID, 1 tot 255 "
        "tekens). Stuurt u hetzelfde verzoek opnieuw met dezelfde sleutel (bijvoorbeeld na een time-out), "
        "dan krijgt u hetzelfde antwoord terug en wordt er geen tweede melding gemaakt; het antwoord heeft "
        "dan de header Idempotent-Replayed: true. Dezelfde sleutel met een andere inhoud geeft 422. "
        "Een sleutel geldt 24 uur, per gebruiker."
    ),
)


@extend_schema_view(
    get=extend_schema(
        summary="Eigen meldingen",
        tags=["meldingen"],
        description="De meldingen die u (netwerkpartner) zelf heeft ingediend, met alleen de status.",
        responses={200: PartnerMeldingSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
    ),
    post=extend_schema(
        summary="Melding indienen",
        tags=["meldingen"],
        description="Een nieuwe melding zorgwekkend gedrag. Gaat naar het meldpunt van uw werkgebied. "
        "Alle foutmeldingen zijn in het Nederlands.",
        request=PartnerMeldingCreateSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={201: PartnerMeldingSerializer, 400: BAD_REQUEST, 403: FORBIDDEN, 422: KEY_REUSED},
    ),
)
class PartnerMeldingenView(generics.ListCreateAPIView):
    permission_classes = [IsVerifiedUser, IsNetworkPartner]
    serializer_class = PartnerMeldingSerializer
    queryset = Melding.objects.none()

    def get_queryset(self):
        return (
            policies.visible_meldingen(self.request.user)
            .select_related("casus", "person")
            .order_by("-received_at", "-pk")
        )

    def get_serializer_class(self):
        if self.request is not None and self.request.method == "POST":
            return PartnerMeldingCreateSerializer
        return PartnerMeldingSerializer

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        log_list_access(
            request,
            meldingen=page,
            detail=_("Eigen meldingen opgevraagd via de API (netwerkpartner)"),
            reason=policies.BASIS_OWN_MELDING,
        )
        return self.get_paginated_response(PartnerMeldingSerializer(page, many=True).data)

    def create(self, request, *args, **kwargs):
        key = request.headers.get(IDEMPOTENCY_HEADER)
        if key is None:
            answer = self._submit(request)
        else:
            try:
                key = services.check_key(key)
            except services.InvalidKey as error:
                return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
            try:
                answer = services.answer_once(
                    user=request.user,
                    key=key,
                    fingerprint=services.request_fingerprint(request.data),
                    produce=lambda: self._submit(request),
                )
            except services.KeyReused:
                return Response(
                    {
                        "detail": _(
                            "Deze Idempotency-Key is al gebruikt voor een andere melding. "
                            "Gebruik voor elke nieuwe melding een nieuwe sleutel."
                        )
                    },
                    status=status.HTTP_422_UNPROCESSABLE_ENTITY,
                )
        headers = {}
        if answer.replayed:
            headers["Idempotent-Replayed"] = "true"
            if answer.melding is not None:
                log_access(
                    request,
                    AccessLog.Action.READ,
                    melding=answer.melding,
                    object_type=ObjectType.MELDING,
                    detail=_("Eerder antwoord opnieuw gestuurd via de API (zelfde Idempotency-Key)"),
                    reason=policies.BASIS_OWN_MELDING,
                )
        return Response(answer.body, status=answer.status_code, headers=headers)

    def _submit(self, request) -> services.Answer:
        serializer = PartnerMeldingCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        melding = serializer.unsaved_melding()
        # A refusal (no meldpunt, ...) is a Django ValidationError: errors.py answers it as a 400.
        melding.meldpunt = intake.meldpunt_for_partner(request.user.organisation)
        intake.register_partner_melding(
            melding,
            categories=serializer.form.cleaned_data["categories"],
            by=request.user,
            context=AuditContext.from_request(request),
            log_detail=_("Melding ingediend via de API (netwerkpartner)"),
        )
        return services.Answer(status.HTTP_201_CREATED, PartnerMeldingSerializer(melding).data, melding)
