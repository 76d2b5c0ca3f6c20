"""The partner API: network partners submit meldingen and follow their status.

Thin views: the rules live in vangnet.intake (form validation and services)
and vangnet.access (who sees what); every read and write is access-logged."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from vangnet.access import policies
from vangnet.audit.models import AccessLog
from vangnet.audit.services import log_access, log_list_access
from vangnet.intake import services as intake
from vangnet.intake.models import Melding

from .permissions import IsNetworkPartner, IsVerifiedUser
from .serializers import PartnerMeldingCreateSerializer, PartnerMeldingSerializer


def _django_errors(error: DjangoValidationError) -> dict | list:
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": error.messages}


@extend_schema_view(
    get=extend_schema(
        summary="Eigen meldingen",
        tags=["meldingen"],
        description="De meldingen die u (netwerkpartner) zelf heeft ingediend, met alleen de status.",
    ),
    post=extend_schema(
        summary="Melding indienen",
        tags=["meldingen"],
        description="Een nieuwe melding zorgwekkend gedrag. Gaat naar het meldpunt van uw werkgebied.",
        request=PartnerMeldingCreateSerializer,
        responses={201: PartnerMeldingSerializer},
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
        serializer = PartnerMeldingCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        melding = serializer.unsaved_melding()
        try:
            melding.meldpunt = intake.meldpunt_for_partner(request.user.organisation)
            intake.register_partner_melding(melding, categories=serializer.form.cleaned_data["categories"], by=request.user)
        except DjangoValidationError as error:
            raise serializers.ValidationError(_django_errors(error)) from error
        log_access(
            request,
            AccessLog.Action.CREATE,
            melding=melding,
            object_type="melding",
            detail=_("Melding ingediend via de API (netwerkpartner)"),
            reason=policies.BASIS_OWN_MELDING,
        )
        return Response(PartnerMeldingSerializer(melding).data, status=status.HTTP_201_CREATED)
