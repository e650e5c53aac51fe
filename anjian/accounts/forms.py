from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Person


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码不正确。连续失败多次后账号将被暂时锁定。"),
        "inactive": _("该账号已停用。"),
    }


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "phone", "region", "organisation", "duty", "position", "is_active"]
