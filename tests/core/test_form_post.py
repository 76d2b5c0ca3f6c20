"""vangnet.core.views.form_post: the one path of every form page."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from vangnet.core.concurrency import ConcurrentEditError
from vangnet.core.forms import INVALID_POST_STATUS
from vangnet.core.views import FORM_PAGE_STATUS, form_post


class _Form(forms.Form):
    name = forms.CharField()
    version = forms.IntegerField(widget=forms.HiddenInput)


def _request(data: dict[str, str]) -> HttpRequest:
    # The real middleware gives the request its session and message storage.
    request = RequestFactory().post("/formulier/", data)
    for middleware in (SessionMiddleware, MessageMiddleware):
        middleware(lambda r: HttpResponse()).process_request(request)
    return request


def _post(data, call, **kwargs):
    request = _request(data)
    form = _Form(request.POST)
    shown = []

    def page(f):
        shown.append(f)
        return HttpResponse("opnieuw")

    response = form_post(request, form, call, success=("Opgeslagen.", "/klaar/"), render_invalid=page, **kwargs)
    return request, form, response, shown


def test_success_shows_the_message_and_redirects():
    called: list[dict[str, object]] = []
    request, _form, response, shown = _post({"name": "Jan", "version": "1"}, called.append)
    assert response.status_code == 302 and response.url == "/klaar/"
    assert [str(m) for m in get_messages(request)] == ["Opgeslagen."]
    assert called == [{"name": "Jan", "version": 1}] and shown == []


def test_success_may_depend_on_the_result():
    request = _request({"name": "Jan", "version": "1"})
    response = form_post(
        request,
        _Form(request.POST),
        lambda d: 42,
        success=lambda pk: ("Klaar.", f"/ding/{pk}/"),
        render_invalid=lambda f: HttpResponse(),
    )
    assert response.url == "/ding/42/"


def test_invalid_form_is_not_passed_to_the_service():
    called: list[dict[str, object]] = []
    _request_, form, response, shown = _post({"name": "", "version": "1"}, called.append)
    assert response.status_code == INVALID_POST_STATUS and shown == [form] and called == []
    assert "name" in form.errors


def test_service_error_lands_on_its_field_and_page_status_can_be_kept():
    def refuse(data):
        raise ValidationError({"name": "Deze naam bestaat al."})

    _r, form, response, _shown = _post({"name": "Jan", "version": "1"}, refuse, invalid_status=FORM_PAGE_STATUS)
    assert response.status_code == FORM_PAGE_STATUS
    assert form.errors["name"] == ["Deze naam bestaat al."]


def test_conflict_keeps_the_input_and_moves_the_version():
    def conflict(data):
        raise ConcurrentEditError(ConcurrentEditError.message)

    class Record:
        version = 1

        def refresh_from_db(self):
            self.version = 4  # someone else saved three times

    _r, form, response, _shown = _post({"name": "Getypt", "version": "1"}, conflict, record=Record())
    assert response.status_code == INVALID_POST_STATUS
    assert form.data["name"] == "Getypt" and form.data["version"] == "4"
    assert str(ConcurrentEditError.message) in form.non_field_errors()


def test_conflict_without_a_record_only_says_so():
    def conflict(data):
        raise ConcurrentEditError(ConcurrentEditError.message)

    _r, form, _response, _shown = _post({"name": "Getypt", "version": "1"}, conflict)
    assert form.data["version"] == "1"
    assert str(ConcurrentEditError.message) in form.non_field_errors()


def test_get_shows_the_page_and_calls_nothing():
    called: list[dict[str, object]] = []
    request = RequestFactory().get("/formulier/")
    form = _Form()
    response = form_post(
        request, form, called.append, success=("x", "/"), render_invalid=lambda f: HttpResponse("pagina")
    )
    assert response.status_code == 200 and response.content == b"pagina" and called == []
