"""REST API of the region tree (/api/regions/) and organisations (/api/organisations/).

Scoped reads; writes through regions.services. A region's place in the tree (parent, kind) is fixed
once created. Regions are not deleted through the API (units, people and history hang on them); an
organisation's DELETE marks it no longer in use (停用), keeping it and its history.
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response

from anjian.core.api import JournalMixin, ScopedFilterSet, ScopedViewSet
from anjian.core.scope import CHANGE
from anjian.regions import services
from anjian.regions.choices import OrganisationKind, RegionKind, RegionLevel
from anjian.regions.models import Organisation, Region, Sector


def _subtree(queryset, field: str, region: Region | None):
    if region is None:
        return queryset
    return queryset.filter(**{f"{field}__path__startswith": region.path})


class RegionFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("名称或代码"), method="filter_q")
    parent = django_filters.ModelChoiceFilter(label=gettext_lazy("上级"),
                                              queryset=Region.objects.all())
    within = django_filters.ModelChoiceFilter(
        label=gettext_lazy("所属区划（含下级）"), queryset=Region.objects.all(),
        field_name="id", method="filter_within")
    level = django_filters.ChoiceFilter(label=gettext_lazy("层级"), choices=RegionLevel.choices)
    kind = django_filters.ChoiceFilter(label=gettext_lazy("类型"), choices=RegionKind.choices)
    code = django_filters.CharFilter(label=gettext_lazy("区划代码"))

    scoped_filters = {"parent": Region, "within": Region}

    class Meta:
        model = Region
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__contains=value) | Q(code__startswith=value)) if value else queryset

    def filter_within(self, queryset, name, region):
        return queryset.filter(path__startswith=region.path)


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "parent", "name", "code", "kind", "level", "path",
                  *(f for f in services.REGION_EDITABLE if f not in ("name", "code"))]
        read_only_fields = ["level", "path"]
        validators: list = []  # uniqueness is the service's rule (with its Chinese message)
        extra_kwargs = {"parent": {"required": True, "allow_null": False},
                        "code": {"validators": []}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context.get("actor")
        if user is not None:
            self.fields["parent"].queryset = Region.objects.for_user(user)

    def validate(self, attrs):
        if self.instance is not None:
            for name, message in (("parent", _("创建后不能更改上级")), ("kind", _("创建后不能更改类型"))):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError({name: message})
        return attrs


class RegionViewSet(JournalMixin, ScopedViewSet):
    """The region tree (区划与网格): county → town → village → grid."""

    scope_model = Region
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().order_by("path")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        self.saved(serializer, services.region_create(
            actor=self.request.user, parent=data.pop("parent"), name=data.pop("name"),
            code=data.pop("code"), kind=data.pop("kind"), **data))

    def perform_update(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if k not in ("parent", "kind")}
        self.saved(serializer, services.region_update(
            actor=self.request.user, region=serializer.instance, data=data))


class OrganisationFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("名称"), field_name="name",
                                  lookup_expr="contains")
    region = django_filters.ModelChoiceFilter(
        label=gettext_lazy("所属区划（含下级）"), queryset=Region.objects.all(),
        method="filter_region")
    kind = django_filters.ChoiceFilter(label=gettext_lazy("类型"), choices=OrganisationKind.choices)
    sector = django_filters.ModelChoiceFilter(label=gettext_lazy("监管行业领域"),
                                              queryset=Sector.objects.all(), field_name="sectors")
    is_active = django_filters.BooleanFilter(label=gettext_lazy("在用"))

    scoped_filters = {"region": Region}

    class Meta:
        model = Organisation
        fields: list[str] = []

    def filter_region(self, queryset, name, region):
        return _subtree(queryset, "region", region)


class OrganisationSerializer(serializers.ModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    sectors = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Sector.objects.all(), required=False,
        help_text="ids of the sectors it supervises (三管三必须)")

    class Meta:
        model = Organisation
        fields = ["id", "region", "region_name", "name", "kind", "sectors", "phone", "address",
                  "is_active"]
        validators: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context.get("actor")
        if user is not None:
            self.fields["region"].queryset = Region.objects.for_user(user)


@extend_schema_view(destroy=extend_schema(
    summary="Mark an organisation no longer in use (停用); it and its history stay",
    responses={200: OrganisationSerializer}))
class OrganisationViewSet(JournalMixin, ScopedViewSet):
    """Organisations (机关站所) with the sectors they supervise."""

    scope_model = Organisation
    scope_actions = {**ScopedViewSet.scope_actions, "destroy": CHANGE}
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    select_related = ("region",)
    prefetch_related = ("sectors",)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        self.saved(serializer, services.organisation_create(
            actor=self.request.user, region=data.pop("region"), name=data.pop("name"),
            kind=data.pop("kind"), sectors=data.pop("sectors", ()), **data))

    def perform_update(self, serializer):
        self.saved(serializer, services.organisation_update(
            actor=self.request.user, organisation=serializer.instance,
            data=serializer.validated_data))

    def destroy(self, request, *args, **kwargs):
        org = self.get_object()
        if not org.is_active:
            raise ValidationError({"is_active": _("该机构已停用")})
        org = services.organisation_update(actor=request.user, organisation=org,
                                           data={"is_active": False})
        return Response(self.get_serializer(org).data)

# (URL prefix under /api/, viewset, basename): registered by anjian.api_urls
ROUTES = [
    ("regions", RegionViewSet, "region"),
    ("organisations", OrganisationViewSet, "organisation"),
]
