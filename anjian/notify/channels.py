"""Turning a channel as a user enters it (a robot's webhook address or key, an e-mail address, a
gateway address) into an apprise URL, and checking that apprise can use it.

apprise speaks to WeCom (wecombot://), DingTalk (dingtalk://), Feishu (feishu://), e-mail (mailto://,
through the server of ANJIAN_EMAIL_URL) and plain webhooks (json:// / form://, which is how SMS
gateways are reached). A robot's full https webhook address is understood as well: apprise
recognises the vendors' native addresses.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import apprise
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from anjian.notify.choices import ChannelKind

SCHEMES = {ChannelKind.WECOM: "wecombot", ChannelKind.DINGTALK: "dingtalk",
           ChannelKind.FEISHU: "feishu"}
WEBHOOK_SCHEMES = ("json://", "jsons://", "form://", "forms://", "xml://", "xmls://")


# The token inside a robot's https webhook address, for the vendors apprise reads only as tokens.
NATIVE = {
    ChannelKind.FEISHU: re.compile(r"^https://open\.(?:feishu\.cn|larksuite\.com)/open-apis/bot/v2/"
                                   r"hook/(?P<token>[\w-]+)/?$"),
    ChannelKind.DINGTALK: re.compile(r"^https://oapi\.dingtalk\.com/robot/send/?\?access_token="
                                     r"(?P<token>\w+)$"),
}


def _robot_address(kind: str, target: str) -> str:
    pattern = NATIVE.get(kind)
    match = pattern.match(target) if pattern else None
    if match:
        return f"{SCHEMES[kind]}://{match['token']}"
    return target  # apprise reads the address itself (WeCom's qyapi address, or its own URL)


def apprise_url(kind: str, target: str) -> str:
    """The apprise URL for a channel; raises ValidationError with a Chinese message."""
    target = target.strip()
    if not target:
        raise ValidationError(_("请填写地址"))
    if kind == ChannelKind.EMAIL:
        validate_email(target)
        if not settings.ANJIAN_EMAIL_URL:
            raise ValidationError(_("系统尚未配置邮件服务器（ANJIAN_EMAIL_URL），暂不能使用电子邮件渠道"))
        joiner = "&" if "?" in settings.ANJIAN_EMAIL_URL else "?"
        url = f"{settings.ANJIAN_EMAIL_URL}{joiner}to={quote(target)}"
    elif kind == ChannelKind.WEBHOOK:
        if target.startswith(("http://", "https://")):
            target = "json" + target[4:]  # http(s):// → json(s)://: POST the message as JSON
        if not target.startswith(WEBHOOK_SCHEMES):
            raise ValidationError(_("Webhook 地址应以 http://、https://、json:// 或 form:// 开头"))
        url = target
    elif "://" in target:
        url = _robot_address(kind, target)
    else:
        url = f"{SCHEMES[kind]}://{target}"
    if apprise.Apprise.instantiate(url) is None:
        raise ValidationError(_("无法识别的地址，请检查机器人密钥或 Webhook 地址"))
    return url


def masked(kind: str, target: str) -> str:
    """The address with its secret part hidden, for pages and the journal."""
    try:
        plugin = apprise.Apprise.instantiate(apprise_url(kind, target))
    except ValidationError:
        plugin = None
    if plugin is None:
        return target[:4] + "…"
    return plugin.url(privacy=True)
