"""User administration for the system administrator (系统管理员, 三员分立): users, passwords,
role grants and unit grants. Only users inside the administrator's scope are listed; any other
user id is a 404 (`accounts.selectors.manageable_users`)."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accounts import selectors, services
from anjian.accounts.choices import Role
from anjian.accounts.forms import PasswordForm, RoleGrantForm, UnitAccessForm, UserForm
from anjian.accounts.models import User
from anjian.core.journal import entries_for


def system_admin_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_role(Role.SYSTEM_ADMIN):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapper


def _managed(request, pk: int) -> User:
    try:
        return selectors.manageable_users(request.user).get(pk=pk)
    except (User.DoesNotExist, ValueError):
        raise Http404 from None


def _message_errors(request, exc: ValidationError | PermissionDenied) -> None:
    text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    messages.error(request, text or _("该对象不在您的管辖范围内"))


@system_admin_required
def user_list(request: HttpRequest) -> HttpResponse:
    q, role, active = (request.GET.get(k, "").strip() for k in ("q", "role", "active"))
    users = selectors.user_list(request.user, q=q, role=role, active=active)
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page, "roles": Role.choices})


@system_admin_required
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已创建账号“%(u)s”，请继续为其授予角色") % {"u": user.username})
            return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form})


def _detail(request, user: User, status: int = 200, **forms) -> HttpResponse:
    """The user page; after a refused grant it comes back with that form and its messages."""
    return render(request, "accounts/user_detail.html", {
        "target": user,
        "grants": user.role_grants.select_related("region", "organisation").order_by("pk"),
        "accesses": [(a, Role(a.role).label if a.role in Role.values else a.role) for a in
                     user.unit_access.select_related("unit", "unit__region").order_by("pk")],
        "grant_form": forms.get("grant_form") or RoleGrantForm(actor=request.user),
        "unit_form": forms.get("unit_form") or UnitAccessForm(actor=request.user),
        "is_self": user.pk == request.user.pk,
        "journal": entries_for(user)[:50],
    }, status=status)


@system_admin_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _managed(request, pk))


@system_admin_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _managed(request, pk)
    form = UserForm(request.POST or None, actor=request.user, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(actor=request.user, user=user, data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已保存"))
            return redirect("accounts:user_detail", pk=pk)
    return render(request, "accounts/user_form.html", {"form": form, "target": user})


@system_admin_required
def user_password(request: HttpRequest, pk: int) -> HttpResponse:
    user = _managed(request, pk)
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(actor=request.user, user=user,
                                       password=form.cleaned_data["password"])
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已重置“%(u)s”的密码") % {"u": user.username})
            return redirect("accounts:user_detail", pk=pk)
    return render(request, "accounts/user_password.html", {"form": form, "target": user})


@system_admin_required
@require_POST
def user_set_active(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    user = _managed(request, pk)
    service = services.user_activate if active else services.user_deactivate
    try:
        service(actor=request.user, user=user)
    except (ValidationError, PermissionDenied) as exc:
        _message_errors(request, exc)
    else:
        messages.success(request, _("账号已启用") if active else _("账号已停用，不能再登录"))
    return redirect("accounts:user_detail", pk=pk)


@system_admin_required
@require_POST
def grant_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _managed(request, pk)
    form = RoleGrantForm(request.POST, actor=request.user)
    if form.is_valid():
        try:
            grant = services.role_grant_create(actor=request.user, user=user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已授予角色：%(g)s") % {"g": grant})
            return redirect("accounts:user_detail", pk=pk)
    return _detail(request, user, 400, grant_form=form)


@system_admin_required
@require_POST
def grant_revoke(request: HttpRequest, pk: int, grant_pk: int) -> HttpResponse:
    user = _managed(request, pk)
    grant = get_object_or_404(user.role_grants, pk=grant_pk)
    try:
        services.role_grant_revoke(actor=request.user, grant=grant)
    except (ValidationError, PermissionDenied) as exc:
        _message_errors(request, exc)
    else:
        messages.success(request, _("已收回角色：%(g)s") % {"g": grant})
    return redirect("accounts:user_detail", pk=pk)


@system_admin_required
@require_POST
def unit_access_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _managed(request, pk)
    form = UnitAccessForm(request.POST, actor=request.user)
    if form.is_valid():
        try:
            services.unit_access_grant(actor=request.user, user=user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已授权监管对象：%(u)s") % {"u": form.cleaned_data["unit"]})
            return redirect("accounts:user_detail", pk=pk)
    return _detail(request, user, 400, unit_form=form)


@system_admin_required
@require_POST
def unit_access_revoke(request: HttpRequest, pk: int, access_pk: int) -> HttpResponse:
    user = _managed(request, pk)
    access = get_object_or_404(user.unit_access.select_related("unit"), pk=access_pk)
    try:
        services.unit_access_revoke(actor=request.user, access=access)
    except (ValidationError, PermissionDenied) as exc:
        _message_errors(request, exc)
    else:
        messages.success(request, _("已收回对监管对象“%(u)s”的授权") % {"u": access.unit})
    return redirect("accounts:user_detail", pk=pk)
