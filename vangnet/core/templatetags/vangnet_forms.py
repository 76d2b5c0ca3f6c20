"""Template helpers for accessible forms (issue 12, items 6, 10 and 11): which element an
error-summary link points at, what a radio/checkbox group is described by, a textarea that
counts instead of cutting, and whether the page shows a form in error (for its <title>)."""

import copy
from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def anchor_id(field: BoundField) -> str:
    """The id an error-summary link must point at: the input itself, or for a radio/checkbox
    group its first option (a group's own id_for_label is empty, which gave href="#").
    Empty when nothing on the page can take focus (hidden or unrendered fields)."""
    if field.is_hidden or not field.auto_id:
        return ""
    if field.use_fieldset:
        subwidgets = field.subwidgets
        return subwidgets[0].id_for_label if subwidgets else ""
    return field.id_for_label or ""


@register.filter
def described_by(field: BoundField, extra: str = "") -> str:
    """The ids the help text, the errors and ``extra`` (e.g. a counter) get in field.html."""
    ids = []
    if field.auto_id:
        if field.help_text:
            ids.append(f"{field.auto_id}_helptext")
        if field.errors:
            ids.append(f"{field.auto_id}_error")
    if extra:
        ids.append(extra)
    return " ".join(ids)


@register.filter
def max_chars(field: BoundField) -> int | None:
    """The maximum length of a textarea, shown with a counter instead of cutting pasted text."""
    if not isinstance(field.field.widget, forms.Textarea):
        return None
    limit = getattr(field.field, "max_length", None) or field.field.widget.attrs.get("maxlength")
    return int(limit) if limit else None


@register.filter
def chars_left(field: BoundField) -> int:
    limit = max_chars(field) or 0
    value = field.value()
    return limit - len(str(value)) if value else limit


@register.filter
def chars_over(field: BoundField) -> int:
    return max(0, -chars_left(field))


@register.filter
def counted_textarea(field: BoundField) -> SafeString:
    """The textarea without ``maxlength`` (the browser silently cuts a paste at it; the
    server says how much is too much and keeps the text) and tied to its counter."""
    widget = copy.copy(field.field.widget)
    widget.attrs = {k: v for k, v in widget.attrs.items() if k != "maxlength"}
    counter_id = f"{field.auto_id}_count"
    attrs: dict[str, str | bool] = {
        "data-max-chars": str(max_chars(field)),
        "aria-describedby": described_by(field, counter_id),
    }
    return field.as_widget(widget=widget, attrs=attrs)


@register.filter
def has_required(form: forms.BaseForm | None) -> bool:
    """A form with a visible required field explains what "*" means."""
    if form is None or not hasattr(form, "visible_fields"):
        return False
    return any(field.field.required for field in form.visible_fields())


@register.filter
def summary_id(form: forms.BaseForm | None) -> str:
    """One error summary per form, also with two forms on a page (ids never repeat)."""
    prefix = getattr(form, "prefix", None)
    return f"error-summary-{prefix}" if prefix else "error-summary"


@register.simple_tag(takes_context=True)
def autofocus_once(context: template.Context) -> str:
    """``autofocus`` for the first error summary on the page only: two forms in error
    would otherwise both claim the focus."""
    request = context.get("request")
    holder: Any = request if request is not None else context.render_context
    if getattr(holder, "_vangnet_autofocus_given", False):
        return ""
    holder._vangnet_autofocus_given = True
    return " autofocus"


@register.simple_tag(takes_context=True)
def field_widget(context: template.Context, field: BoundField) -> SafeString:
    """The field's widget; its own ``autofocus`` (e.g. the login's username) gives way to an
    error summary that already took the focus, so a page never has two."""
    if not field.field.widget.attrs.get("autofocus"):
        return field.as_widget()
    if autofocus_once(context):
        return field.as_widget()
    return field.as_widget(attrs={"autofocus": False})


@register.filter
def without_id(field: BoundField) -> SafeString:
    """A hidden input without an id: several forms on one page each carry a ``version``,
    and the same id twice is invalid (nothing points at a hidden input anyway)."""
    return field.as_widget(attrs={"id": False})


def _forms_in(value: Any) -> list[forms.BaseForm]:
    if isinstance(value, forms.BaseForm):
        return [value]
    if isinstance(value, forms.BaseFormSet):
        return [*value.forms]
    return []


@register.simple_tag(takes_context=True)
def page_in_error(context: template.Context) -> bool:
    """True when a bound form on the page has errors: the <title> then starts with "Fout:"."""
    for value in context.flatten().values():
        for form in _forms_in(value):
            if form.is_bound and form.errors:
                return True
        if isinstance(value, forms.BaseFormSet) and value.is_bound and value.non_form_errors():
            return True
    return False
