"""Shared API pieces: scoped viewsets, the journal endpoints and an exception handler that gives
Chinese messages and turns Django's errors into API responses.

Every viewset here starts from `Model.objects.for_user(request.user, action)`; the action follows
from the request (view for reads, add/change/delete for writes). A user whose roles never allow the
action on the object type gets 403 whatever the id; an object outside the user's scope is 404.
Writes go through the app's services: the viewset calls them, the serializer only parses.
"""

from __future__ import annotations

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from anjian.core.journal import entries_for
from anjian.core.models import JournalAction, JournalEntry
from anjian.core.scope import ADD, CHANGE, DELETE, VIEW, user_can

AUDIT_ADMIN = "audit_admin"  # accounts.choices.Role.AUDIT_ADMIN (core does not import accounts)


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        # DRF's session authentication says this in untranslated English.
        exc = exceptions.PermissionDenied(_("CSRF 校验失败：请刷新页面后重试，或使用令牌（Token）访问接口"))
    elif isinstance(exc, exceptions.ParseError):
        # DRF's own text ("JSON parse error - …") is not translated.
        exc = exceptions.ParseError(_("请求内容无法解析，请检查 JSON 格式"))
    elif isinstance(exc, IntegrityError):
        # A race past the services' checks (e.g. two requests registering the same code at once).
        exc = exceptions.ValidationError({"non_field_errors": [_("与已有记录冲突，未作任何修改")]})
    return drf_exception_handler(exc, context)


class Pagination(PageNumberPagination):
    """Pages in two steps: count and pick the page's ids, then read only those rows — the database
    never sorts whole rows of every match to keep one page."""

    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        ids = super().paginate_queryset(queryset.values_list("pk", flat=True), request, view)
        if ids is None:
            return None
        ids = list(ids)
        by_pk = {obj.pk: obj for obj in queryset.order_by().filter(pk__in=ids)}
        return [by_pk[pk] for pk in ids if pk in by_pk]



class ScopedFilterBackend(DjangoFilterBackend):
    """django-filter, with the user passed to the FilterSet so its choices (regions, grids …) are
    limited to what the user may see: an id outside the scope is refused like one that does not
    exist."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        kwargs["user"] = request.user
        return kwargs


class ScopedFilterSet(django_filters.FilterSet):
    """A FilterSet that accepts `user` (see ScopedFilterBackend) and scopes `scoped_filters`:
    {filter name: model whose `for_user(user)` gives its choices}."""

    scoped_filters: dict = {}

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if user is not None:
            for name, model in self.scoped_filters.items():
                base = self.filters[name].queryset
                self.filters[name].queryset = model.objects.for_user(user).filter(
                    pk__in=base.values("pk"))


class ActionPermission(permissions.BasePermission):
    """403 when none of the user's roles allows the action on the viewset's object type."""

    message = gettext_lazy("您的角色无权执行此操作")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated
                    and user_can(user, view.scope_action, view.scope_model))


class ScopedViewSet(viewsets.ModelViewSet):
    """CRUD on a scoped model. Subclasses set `scope_model`, `serializer_class` and implement
    `perform_create`, `perform_update`, `perform_destroy` by calling services."""

    scope_model = None
    # view action -> scope action; anything not listed is VIEW for safe methods, else CHANGE.
    scope_actions = {"create": ADD, "update": CHANGE, "partial_update": CHANGE, "destroy": DELETE}
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    permission_classes = [permissions.IsAuthenticated, ActionPermission]
    filter_backends = [ScopedFilterBackend]
    pagination_class = Pagination

    @property
    def scope_action(self) -> str:
        if self.action in self.scope_actions:
            return self.scope_actions[self.action]
        return VIEW if self.request.method in permissions.SAFE_METHODS else CHANGE

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.scope_model.objects.none()
        qs = self.scope_model.objects.for_user(self.request.user, self.scope_action)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs.order_by("pk")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["actor"] = getattr(self.request, "user", None)
        return context

    def saved(self, serializer, obj) -> None:
        """Hand the object a service returned to the serializer for the response."""
        serializer.instance = obj


class JournalEntrySerializer(serializers.ModelSerializer):
    object_type = serializers.SerializerMethodField(help_text="app_label.model, e.g. units.unit")

    class Meta:
        model = JournalEntry
        fields = ["id", "created_at", "actor", "actor_name", "request_id", "source", "action",
                  "object_type", "object_id", "object_repr", "changes", "comment"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_object_type(self, entry: JournalEntry) -> str:
        ct = ContentType.objects.get_for_id(entry.content_type_id)  # cached per process
        return f"{ct.app_label}.{ct.model}"


class JournalMixin:
    """`GET …/{id}/journal/`: the history of one object, for anyone who may see the object."""

    @extend_schema(responses=JournalEntrySerializer(many=True), filters=False,
                   summary="History of one object (变更日志)")
    @action(detail=True, methods=["get"], filter_backends=[])
    def journal(self, request, pk=None):
        obj = self.get_object()
        page = self.paginate_queryset(entries_for(obj))
        return self.get_paginated_response(JournalEntrySerializer(page, many=True).data)


class IsAuditAdmin(permissions.BasePermission):
    message = gettext_lazy("只有审计管理员可以查看全部变更日志")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.has_role(AUDIT_ADMIN))


class JournalEntryFilterSet(django_filters.FilterSet):
    actor = django_filters.NumberFilter(label=gettext_lazy("操作人"), field_name="actor_id")
    actor_name = django_filters.CharFilter(label=gettext_lazy("操作人姓名"), lookup_expr="contains")
    action = django_filters.ChoiceFilter(label=gettext_lazy("操作"), choices=JournalAction.choices)
    object_type = django_filters.CharFilter(
        label=gettext_lazy("对象类型（如 units.unit）"), method="filter_object_type")
    object_id = django_filters.CharFilter(label=gettext_lazy("对象编号"))
    object_repr = django_filters.CharFilter(label=gettext_lazy("对象"), lookup_expr="contains")
    request_id = django_filters.CharFilter(label=gettext_lazy("请求编号"))
    source = django_filters.CharFilter(label=gettext_lazy("来源"))
    created_after = django_filters.IsoDateTimeFilter(
        label=gettext_lazy("起始时间"), field_name="created_at", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(
        label=gettext_lazy("截止时间"), field_name="created_at", lookup_expr="lte")

    class Meta:
        model = JournalEntry
        fields: list[str] = []

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)

    def filter_object_type(self, queryset, name, value):
        app_label, _sep, model = value.strip().lower().partition(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)


class JournalEntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          viewsets.GenericViewSet):
    """The whole journal (变更日志), read-only, for the audit administrator (审计管理员) only.
    Nothing in Anjian edits or deletes a journal entry."""

    serializer_class = JournalEntrySerializer
    permission_classes = [permissions.IsAuthenticated, IsAuditAdmin]
    filter_backends = [ScopedFilterBackend]
    filterset_class = JournalEntryFilterSet
    pagination_class = Pagination
    queryset = JournalEntry.objects.all()



class OwnedViewSet(JournalMixin, ScopedViewSet):
    """Create and update through `create_service`/`update_service` (name of the object keyword)."""

    http_method_names = ["get", "post", "patch", "put", "head", "options"]
    create_service = None
    update_service = None
    object_name = ""

    def perform_create(self, serializer):
        self.saved(serializer, type(self).create_service(actor=self.request.user,
                                                         data=serializer.validated_data))

    def perform_update(self, serializer):
        obj = self.get_object()
        self.saved(serializer, type(self).update_service(
            actor=self.request.user, data=serializer.validated_data,
            **{self.object_name: obj}))

    def _child(self, serializer_class, call, code=status.HTTP_201_CREATED):
        parsed = serializer_class(data=self.request.data)
        parsed.is_valid(raise_exception=True)
        return Response(serializer_class(call(parsed.validated_data)).data, status=code)


# (URL prefix under /api/, viewset, basename): registered by anjian.api_urls
ROUTES = [
    ("journal", JournalEntryViewSet, "journal"),
]
