"""The inbox (站内消息) and each user's own notification channels."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.notify import selectors, services
from anjian.notify.channels import masked
from anjian.notify.forms import ChannelForm
from anjian.notify.models import Channel, Notification


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    notes = selectors.inbox(request.user)
    unread_only = request.GET.get("unread") == "1"
    if unread_only:
        notes = notes.filter(read_at__isnull=True)
    page = Paginator(notes, 30).get_page(request.GET.get("page"))
    return render(request, "notify/inbox.html", {"page": page, "unread_only": unread_only})


@login_required
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go to what it is about (only a link on this site)."""
    note = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notifications_read(user=request.user, ids=[note.pk])
    if note.link and url_has_allowed_host_and_scheme(note.link, allowed_hosts={request.get_host()}):
        return redirect(note.link)
    return redirect("notify:inbox")


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    n = services.notifications_read(user=request.user)
    messages.success(request, _("已将 %(n)s 条消息标为已读") % {"n": n})
    return redirect("notify:inbox")


@login_required
def channels(request: HttpRequest) -> HttpResponse:
    form = ChannelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.channel_create(actor=request.user, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("通知渠道已添加"))
            return redirect("notify:channels")
    rows = [(c, masked(c.kind, c.target)) for c in Channel.objects.filter(user=request.user)]
    return render(request, "notify/channels.html", {"form": form, "rows": rows})


@login_required
@require_POST
def channel_delete(request: HttpRequest, pk: int) -> HttpResponse:
    channel = get_object_or_404(Channel, pk=pk, user=request.user)
    services.channel_delete(actor=request.user, channel=channel)
    messages.success(request, _("通知渠道已删除"))
    return redirect("notify:channels")


@login_required
@require_POST
def channel_test(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a test message through one channel now (through the queue, like every message)."""
    channel = get_object_or_404(Channel, pk=pk, user=request.user)
    services.channel_test_send(channel=channel, title=_("安监测试消息"), body=_(
        "这是一条测试消息：%(c)s 渠道可以收到安监的通知。") % {"c": channel.get_kind_display()})
    messages.info(request, _("测试消息已发出，请稍后在该渠道查看；发送结果见“消息”页。"))
    return redirect("notify:channels")
