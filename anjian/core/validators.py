"""Validators for codes and phone numbers used across Anjian.

统一社会信用代码 (unified social credit code): GB 32100-2015, check character by ISO 7064 mod 31
(domain.md §8.1). Positions 9–17 carry the GB 11714 organisation code; its inner check digit is not
enforced, since real codes and the standard's own synthetic vectors (e.g. 91350100000000004X)
disagree with it (domain.md §8.1, last note).
"""

import operator
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_CREDIT_VALUES = {c: i for i, c in enumerate(CREDIT_CODE_CHARSET)}
_CREDIT_CHARS_RE = re.compile(r"[0-9A-HJ-NP-RTUW-Y]{18}\Z")

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,5})?$")


def credit_code_check_char(first17: str) -> str:
    """The 18th character for the first 17 characters of a credit code."""
    if len(first17) != 17:
        raise ValueError("credit_code_check_char takes the first 17 characters")
    total = sum(map(operator.mul, map(_CREDIT_VALUES.__getitem__, first17), CREDIT_CODE_WEIGHTS))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def credit_code_error(code: str) -> str | None:
    """Return a Chinese message describing what is wrong with a credit code, or None if valid."""
    if len(code) != 18:
        return _("统一社会信用代码应为18位，实为%(n)d位") % {"n": len(code)}
    bad = None if _CREDIT_CHARS_RE.match(code) else sorted({c for c in code if c not in _CREDIT_VALUES})
    if bad:
        return _("统一社会信用代码含有不允许的字符：%(chars)s（不使用I、O、S、V、Z）") % {
            "chars": "".join(bad)
        }
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        return _("统一社会信用代码校验位错误：第18位应为%(c)s") % {"c": expected}
    return None


def normalize_credit_code(value: str | None) -> str:
    """Upper-case and strip spaces (also full-width ones) a credit code as typed or pasted."""
    if not value:
        return ""
    if value.__class__ is str and value.isascii() and value.isalnum():  # as most are stored
        return value.upper()
    return re.sub(r"[\s\u3000]+", "", str(value)).upper()


def validate_credit_code(value: str) -> None:
    message = credit_code_error(normalize_credit_code(value))
    if message:
        raise ValidationError(message, code="credit_code")


def normalize_phone(value: str | None) -> str:
    if not value:
        return ""
    return re.sub(r"[\s\u3000()（）]+", "", str(value)).replace("—", "-").replace("－", "-")


def phone_error(value: str) -> str | None:
    phone = normalize_phone(value)
    if MOBILE_RE.match(phone) or LANDLINE_RE.match(phone):
        return None
    return _("电话号码格式不正确：%(v)s（手机11位，座机如0398-1234567）") % {"v": value}


def validate_phone(value: str) -> None:
    message = phone_error(value)
    if message:
        raise ValidationError(message, code="phone")
