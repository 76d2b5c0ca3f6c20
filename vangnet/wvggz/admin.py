"""Functioneel beheer of the Wvggz questionnaire.

Onderzoeken are deliberately NOT in the admin (special-category personal
data, only through the guarded, logged views). A published version is shown
read-only; to change questions, "make a new draft version" copies it, the
beheerder edits the draft, then publishes it. New onderzoeken use the newest
published version; running ones keep theirs."""

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Question, QuestionnaireVersion


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["order", "key", "text", "kind", "required", "choices", "help"]

    def _editable(self, obj):
        return obj is None or not obj.published

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "published", "published_at", "question_count"]
    readonly_fields = ["number", "published", "published_at", "created_by", "created_at"]
    fields = ["number", "title", "note", "published", "published_at", "created_by", "created_at"]
    inlines = [QuestionInline]
    actions = ["make_draft", "publish"]

    @admin.display(description=_("aantal vragen"))
    def question_count(self, obj):
        return obj.questions.count()

    def has_add_permission(self, request):
        # A version starts as a copy ("nieuwe conceptversie"), so the number is always right.
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.published or obj.onderzoeken.exists()):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)  # bulk delete would bypass the published check
        return actions

    @admin.action(description=_("Nieuwe conceptversie maken (kopie)"))
    def make_draft(self, request, queryset):
        for version in queryset:
            draft = services.new_draft_from(version, by=request.user)
            self.message_user(request, _("Conceptversie %(n)d gemaakt.") % {"n": draft.number})

    @admin.action(description=_("Publiceren (daarna niet meer te wijzigen)"))
    def publish(self, request, queryset):
        for version in queryset:
            try:
                services.publish_version(version)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), level=messages.ERROR)
            else:
                self.message_user(request, _("Versie %(n)d is gepubliceerd.") % {"n": version.number})
