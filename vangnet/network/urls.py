from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("sociale-kaart/", views.service_list, name="service_list"),
    path("sociale-kaart/nieuw/", views.service_edit, name="service_create"),
    path("sociale-kaart/<int:pk>/", views.service_detail, name="service_detail"),
    path("sociale-kaart/<int:pk>/bewerken/", views.service_edit, name="service_edit"),
    path("casus/<int:casus_pk>/verwijzen/", views.referral_create, name="referral_create"),
    path("verwijzing/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("verwijzing/<int:pk>/intake/", views.referral_intake, name="referral_intake"),
    path("verwijzing/<int:pk>/in-zorg/", views.referral_in_care, name="referral_in_care"),
    path("verwijzing/<int:pk>/intrekken/", views.referral_withdraw, name="referral_withdraw"),
    path("partner/verwijzingen/", views.partner_inbox, name="partner_inbox"),
    path("partner/verwijzingen/<int:pk>/", views.partner_referral, name="partner_referral"),
    path("vinger-aan-de-pols/<int:pk>/", views.follow_up_answer, name="follow_up_answer"),
    path("vinger-aan-de-pols/<int:pk>/besluit/", views.follow_up_decide, name="follow_up_decide"),
    path("melding/<int:pk>/statusbericht/", views.status_message, name="status_message"),
    path("cijfers/", views.figures, name="figures"),
    path("cijfers.csv", views.figures_csv, name="figures_csv"),
]
