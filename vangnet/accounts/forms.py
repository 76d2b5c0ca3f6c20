import re

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autofocus"] = True


class OtpCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        help_text=_("De code van 6 cijfers die de app nu laat zien."),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self):
        code = re.sub(r"\s+", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6,8}", code):
            raise forms.ValidationError(_("Vul de code van 6 cijfers in, zonder letters of andere tekens."))
        return code


class NewPasswordForm(SetPasswordForm):
    """Choose a password (via a reset link): Django's validators, incl. the minimum length."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Nieuw wachtwoord")
        self.fields["new_password2"].label = _("Nieuw wachtwoord nogmaals")


class OwnPasswordChangeForm(PasswordChangeForm):
    """Change one's own password: the current one, then the new one twice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Huidig wachtwoord")
        self.fields["new_password1"].label = _("Nieuw wachtwoord")
        self.fields["new_password2"].label = _("Nieuw wachtwoord nogmaals")
