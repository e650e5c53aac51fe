"""User accounts (用户), managed by system administrators within their region subtrees."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.choices import Role
from anjian.accounts.models import User
from anjian.accounts.selectors import admin_region_paths, manageable_users
from anjian.accounts.services._common import (
    REQUIRED,
    USER_FIELDS,
    USER_JOURNAL_FIELDS,
    _out_of_scope,
    _text,
    _too_long,
)
from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.core.scope import VIEW, in_scope
from anjian.core.validators import normalize_phone, phone_error


def _require_admin(actor) -> list[str] | None:
    """The actor's administered region paths; refuses anyone who is not a system administrator."""
    if actor is None or actor.is_superuser:
        return None
    if not actor.has_role(Role.SYSTEM_ADMIN):
        raise PermissionDenied(_("只有系统管理员可以管理用户和角色"))
    return admin_region_paths(actor)


def assert_user_in_scope(actor, user: User) -> None:
    if actor is not None and not manageable_users(actor).filter(pk=user.pk).exists():
        raise _out_of_scope()


def _user_snapshot(user: User) -> dict:
    return journal.snapshot(user, USER_JOURNAL_FIELDS)


def _check_user(actor, user: User, errors: dict) -> None:
    for name, limit in (("display_name", 50), ("phone", 30), ("email", 254)):
        setattr(user, name, _text(getattr(user, name)))
        if message := _too_long(getattr(user, name), limit):
            errors[name] = message
    user.username = _text(user.username)
    if not user.username:
        errors["username"] = REQUIRED
    else:
        try:
            UnicodeUsernameValidator()(user.username)
        except ValidationError:
            errors["username"] = _("用户名只能包含字母、数字和 @/./+/-/_ 字符")
        if message := _too_long(user.username, 150):
            errors["username"] = message
        elif User.objects.filter(username__iexact=user.username).exclude(pk=user.pk).exists():
            errors["username"] = _("用户名“%(u)s”已被使用") % {"u": user.username}
    if user.phone and "phone" not in errors:
        if message := phone_error(user.phone):
            errors["phone"] = message
        else:
            user.phone = normalize_phone(user.phone)
    if user.email and "email" not in errors:
        try:
            validate_email(user.email)
        except ValidationError:
            errors["email"] = _("电子邮箱格式不正确")
    person = user.person
    if person is not None:
        if actor is not None and not in_scope(person, actor, VIEW):
            errors["person"] = _("该人员不在您的管辖范围内")
        else:
            other = User.objects.filter(person=person).exclude(pk=user.pk).first()
            if other:
                errors["person"] = _("该人员已关联账号“%(u)s”") % {"u": other.username}


def _password_message(error: ValidationError) -> str:
    """Django's own messages, in Chinese even where its catalogue lags behind (too short)."""
    params = error.params or {}
    if error.code == "password_too_short":
        return _("密码太短，至少需要%(n)d个字符。") % {"n": params.get("min_length", 0)}
    if error.code == "password_too_similar":
        return _("密码与%(f)s太相似。") % {"f": params.get("verbose_name", _("用户信息"))}
    if error.code == "password_too_common":
        return _("密码太常见，容易被猜到。")
    if error.code == "password_entirely_numeric":
        return _("密码不能全是数字。")
    return " ".join(error.messages)


def _password_errors(password: str, user: User) -> list[str]:
    if not password:
        return [str(REQUIRED)]
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        return [_password_message(e) for e in exc.error_list]
    return []


@transaction.atomic
def user_create(*, actor, data: dict) -> User:
    """A new login. `data`: username, password (initial), display_name, phone, email, person."""
    _require_admin(actor)
    user = User(**{k: data[k] for k in USER_FIELDS if k in data})
    errors: dict = {}
    _check_user(actor, user, errors)
    if password_errors := _password_errors(data.get("password") or "", user):
        errors["password"] = password_errors
    if errors:
        raise ValidationError(errors)
    user.set_password(data["password"])
    user.save()
    assert_user_in_scope(actor, user)
    journal.record(actor, user, JournalAction.CREATE, journal.diff({}, _user_snapshot(user)))
    return user


def lock_managed_user(actor, user: User) -> User:
    _require_admin(actor)
    assert_user_in_scope(actor, user)
    return User.objects.select_for_update().get(pk=user.pk)


@transaction.atomic
def user_update(*, actor, user: User, data: dict) -> User:
    """Edit username, display_name, phone, email or the linked person (never the password here)."""
    user = lock_managed_user(actor, user)
    before = _user_snapshot(user)
    for key in USER_FIELDS:
        if key in data:
            setattr(user, key, data[key])
    errors: dict = {}
    _check_user(actor, user, errors)
    if errors:
        raise ValidationError(errors)
    changes = journal.diff(before, _user_snapshot(user))
    if changes:
        user.save(update_fields=list(changes))
        journal.record(actor, user, JournalAction.UPDATE, changes)
    return user


@transaction.atomic
def user_set_password(*, actor, user: User, password: str) -> User:
    """Reset a password (the journal records that it changed, never the password)."""
    user = lock_managed_user(actor, user)
    if errors := _password_errors(password or "", user):
        raise ValidationError({"password": errors})
    user.set_password(password)
    user.save(update_fields=["password"])
    journal.record(actor, user, JournalAction.UPDATE, comment=_("重置密码"))
    return user


@transaction.atomic
def user_deactivate(*, actor, user: User) -> User:
    """停用: the user can no longer log in; grants and history stay."""
    user = lock_managed_user(actor, user)
    if actor is not None and actor.pk == user.pk:
        raise ValidationError({"is_active": _("不能停用自己的账号")})
    if not user.is_active:
        raise ValidationError({"is_active": _("该账号已停用")})
    user.is_active = False
    user.save(update_fields=["is_active"])
    journal.record(actor, user, JournalAction.UPDATE, {"is_active": [True, False]})
    return user


@transaction.atomic
def user_activate(*, actor, user: User) -> User:
    user = lock_managed_user(actor, user)
    if user.is_active:
        raise ValidationError({"is_active": _("该账号已在用")})
    user.is_active = True
    user.save(update_fields=["is_active"])
    journal.record(actor, user, JournalAction.UPDATE, {"is_active": [False, True]})
    return user
