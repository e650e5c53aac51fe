import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """A password needs letters and digits (密码须同时包含字母和数字)."""

    def validate(self, password, user=None):
        if not (re.search(r"[A-Za-z]", password) and re.search(r"\d", password)):
            raise ValidationError(_("密码须同时包含字母和数字。"), code="password_classes")

    def get_help_text(self):
        return _("密码须同时包含字母和数字。")
