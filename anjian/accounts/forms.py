"""Forms for people, users and roles. They type-check input and offer only choices within the
user's scope; the rules live in `accounts.services`, whose messages are shown per field."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anjian.accounts import selectors
from anjian.accounts.choices import Duty, Role
from anjian.accounts.models import Person, User
from anjian.accounts.roles import ORGANISATION_ROLES, REGION_ROLES, UNIT_ROLES
from anjian.core.forms import ServiceErrorsMixin, bootstrap
from anjian.regions.models import Organisation, Region
from anjian.regions.selectors import regions_for_placing


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": gettext_lazy("用户名或密码不正确。连续失败多次后账号将被暂时锁定。"),
        "inactive": gettext_lazy("该账号已停用。"),
    }


def _region_label(region: Region) -> str:
    return "　" * max(region.level - 1, 0) + f"{region.name}（{region.get_level_display()}）"


class ServiceForm(ServiceErrorsMixin, forms.Form):
    """A form whose saving service may refuse."""


class PersonForm(ServiceForm):
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=50)
    duty = forms.ChoiceField(label=gettext_lazy("职责"), choices=Duty.choices, initial=Duty.STAFF)
    region = forms.ModelChoiceField(
        label=gettext_lazy("所在区划/网格"), queryset=Region.objects.none(), required=False,
        help_text=gettext_lazy("网格员落位到网格，村干部落位到村（社区）；机构人员可只选机构"))
    organisation = forms.ModelChoiceField(label=gettext_lazy("所在机构"), required=False,
                                          queryset=Organisation.objects.none())
    position = forms.CharField(label=gettext_lazy("职务"), max_length=60, required=False)
    phone = forms.CharField(label=gettext_lazy("电话"), max_length=30, required=False)
    is_active = forms.BooleanField(label=gettext_lazy("在岗"), required=False, initial=True)

    def __init__(self, *args, user, action: str, person: Person | None = None, **kwargs):
        if person is not None:
            kwargs.setdefault("initial", {f: getattr(person, f) for f in (
                "name", "duty", "region", "organisation", "position", "phone", "is_active")})
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_for_placing(user, Person, action)
        self.fields["region"].label_from_instance = _region_label
        self.fields["organisation"].queryset = (
            Organisation.objects.for_user(user).filter(is_active=True).select_related("region"))
        if person is None:
            del self.fields["is_active"]
        bootstrap(self)

    def clean(self):
        data = super().clean()
        if not data.get("region") and not data.get("organisation") and "region" not in self.errors:
            self.add_error("region", _("请选择所在区划/网格或所在机构"))
        return data


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("关键词"), required=False, widget=forms.TextInput(
        attrs={"type": "search", "placeholder": gettext_lazy("姓名、电话、职务")}))
    region = forms.ModelChoiceField(label=gettext_lazy("区划"), queryset=Region.objects.none(),
                                    required=False, empty_label=gettext_lazy("全部区划"))
    duty = forms.ChoiceField(label=gettext_lazy("职责"), required=False,
                             choices=[("", gettext_lazy("全部职责")), *Duty.choices])
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("机构"), queryset=Organisation.objects.none(), required=False,
        empty_label=gettext_lazy("全部机构"))
    status = forms.ChoiceField(label=gettext_lazy("状态"), required=False, choices=[
        ("active", gettext_lazy("在岗")), ("inactive", gettext_lazy("不在岗")),
        ("all", gettext_lazy("全部"))])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.for_user(user).order_by("path")
        self.fields["region"].label_from_instance = _region_label
        self.fields["organisation"].queryset = Organisation.objects.for_user(user)
        bootstrap(self)


class UserForm(ServiceForm):
    username = forms.CharField(label=gettext_lazy("用户名"), max_length=150,
                               help_text=gettext_lazy("登录用，字母、数字和 @/./+/-/_"))
    display_name = forms.CharField(label=gettext_lazy("姓名"), max_length=50, required=False)
    phone = forms.CharField(label=gettext_lazy("手机"), max_length=30, required=False)
    email = forms.CharField(label=gettext_lazy("电子邮箱"), max_length=254, required=False)
    person = forms.ModelChoiceField(
        label=gettext_lazy("对应人员"), queryset=Person.objects.none(), required=False,
        help_text=gettext_lazy("把账号与区划网格上的人员对应起来（可不选）"))
    password = forms.CharField(label=gettext_lazy("初始密码"), widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}), strip=False)
    password_confirm = forms.CharField(label=gettext_lazy("再次输入密码"), strip=False,
                                       widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, actor, user: User | None = None, **kwargs):
        if user is not None:
            kwargs.setdefault("initial", {f: getattr(user, f) for f in (
                "username", "display_name", "phone", "email", "person")})
        super().__init__(*args, **kwargs)
        people = Person.objects.for_user(actor).filter(is_active=True)
        free = people.filter(user__isnull=True)
        if user is not None and user.person_id:
            free = free | Person.objects.filter(pk=user.person_id)
        self.fields["person"].queryset = free.select_related("region").order_by("region__path", "name")
        self.fields["person"].label_from_instance = lambda p: f"{p.name} · {p.region.name}"
        if user is not None:
            del self.fields["password"], self.fields["password_confirm"]
        bootstrap(self)

    def clean(self):
        data = super().clean()
        if "password" in self.fields and data.get("password") != data.get("password_confirm"):
            self.add_error("password_confirm", _("两次输入的密码不一致"))
        return data


class PasswordForm(ServiceForm):
    password = forms.CharField(label=gettext_lazy("新密码"), strip=False, widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}))
    password_confirm = forms.CharField(label=gettext_lazy("再次输入新密码"), strip=False,
                                       widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def clean(self):
        data = super().clean()
        if data.get("password") != data.get("password_confirm"):
            self.add_error("password_confirm", _("两次输入的密码不一致"))
        return data


GRANTABLE = [(r.value, r.label) for r in Role if r in REGION_ROLES or r in ORGANISATION_ROLES]


class RoleGrantForm(ServiceForm):
    role = forms.ChoiceField(label=gettext_lazy("角色"), choices=GRANTABLE)
    region = forms.ModelChoiceField(
        label=gettext_lazy("区划"), queryset=Region.objects.none(), required=False,
        help_text=gettext_lazy("村（社区）角色选村，网格员选网格，领导和管理员选乡镇"))
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("机构"), queryset=Organisation.objects.none(), required=False,
        help_text=gettext_lazy("机关站所角色必须选机构"))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = selectors.admin_regions(actor)
        self.fields["region"].label_from_instance = _region_label
        self.fields["organisation"].queryset = selectors.admin_organisations(actor)
        bootstrap(self)


class UnitAccessForm(ServiceForm):
    role = forms.ChoiceField(label=gettext_lazy("角色"),
                             choices=[(r.value, r.label) for r in Role if r in UNIT_ROLES])
    unit = forms.CharField(label=gettext_lazy("监管对象"), max_length=200,
                           widget=forms.TextInput(attrs={"placeholder": gettext_lazy(
                               "统一社会信用代码或完整名称")}))

    def __init__(self, *args, actor, **kwargs):
        self.actor = actor
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def clean_unit(self):
        matches = list(selectors.admin_units_matching(self.actor, self.cleaned_data["unit"]))
        if not matches:
            raise ValidationError(_("在您的管辖范围内找不到该监管对象"))
        if len(matches) > 1:
            raise ValidationError(_("有多个同名监管对象，请填写统一社会信用代码"))
        return matches[0]


