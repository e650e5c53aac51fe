from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.core.forms import ServiceErrorsMixin, bootstrap
from anjian.notify.choices import ChannelKind, NotificationKind


class ChannelForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("渠道"), choices=ChannelKind.choices)
    target = forms.CharField(label=_("地址"), max_length=500, help_text=_(
        "企业微信/钉钉/飞书：群机器人的 Webhook 地址（或其中的 key/token）；电子邮件：邮箱地址；"
        "短信网关：网关接收消息的 http(s) 地址，消息以 JSON 提交"))
    kinds = forms.MultipleChoiceField(label=_("接收的消息类型"), choices=NotificationKind.choices,
                                      required=False, widget=forms.CheckboxSelectMultiple,
                                      help_text=_("不选则接收全部类型"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)
