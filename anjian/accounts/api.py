"""REST API of the people placed on the tree (/api/people/). Scoped reads; writes through
accounts.services. DELETE means the person left the post (离岗): the record and its history stay."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response

from anjian.accounts import services
from anjian.accounts.choices import Duty
from anjian.accounts.models import Person
from anjian.core.api import JournalMixin, ScopedFilterSet, ScopedViewSet
from anjian.core.scope import CHANGE
from anjian.regions.models import Organisation, Region


class PersonFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("姓名、电话、职务"), method="filter_q")
    region = django_filters.ModelChoiceFilter(
        label=gettext_lazy("所在区划（含下级）"), queryset=Region.objects.all(),
        method="filter_region")
    organisation = django_filters.ModelChoiceFilter(
        label=gettext_lazy("所在机构"), queryset=Organisation.objects.all())
    duty = django_filters.ChoiceFilter(label=gettext_lazy("职责"), choices=Duty.choices)
    is_active = django_filters.BooleanFilter(label=gettext_lazy("在岗"))

    scoped_filters = {"region": Region, "organisation": Organisation}

    class Meta:
        model = Person
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__contains=value) | Q(phone__contains=value)
                               | Q(position__contains=value))

    def filter_region(self, queryset, name, region):
        return queryset.filter(region__path__startswith=region.path)


class PersonSerializer(serializers.ModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True,
                                              default=None)

    class Meta:
        model = Person
        fields = ["id", "name", "phone", "region", "region_name", "organisation",
                  "organisation_name", "duty", "position", "is_active"]
        # The region may be left out when an organisation is given (the person sits at its place).
        extra_kwargs = {"region": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context.get("actor")
        if user is not None:
            self.fields["region"].queryset = Region.objects.for_user(user)
            self.fields["organisation"].queryset = Organisation.objects.for_user(user)


@extend_schema_view(destroy=extend_schema(
    summary="The person left the post (离岗); the record and its history stay",
    responses={200: PersonSerializer}))
class PersonViewSet(JournalMixin, ScopedViewSet):
    """People on the tree (人员): grid workers, village cadres, agency staff, rangers."""

    scope_model = Person
    scope_actions = {**ScopedViewSet.scope_actions, "destroy": CHANGE}
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    select_related = ("region", "organisation")

    def perform_create(self, serializer):
        self.saved(serializer, services.person_create(actor=self.request.user,
                                                      data=serializer.validated_data))

    def perform_update(self, serializer):
        self.saved(serializer, services.person_update(
            actor=self.request.user, person=serializer.instance, data=serializer.validated_data))

    def destroy(self, request, *args, **kwargs):
        person = services.person_deactivate(actor=request.user, person=self.get_object())
        return Response(self.get_serializer(person).data)

# (URL prefix under /api/, viewset, basename): registered by anjian.api_urls
ROUTES = [
    ("people", PersonViewSet, "person"),
]
