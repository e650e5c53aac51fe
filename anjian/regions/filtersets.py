"""The region and grid filters every list filters by, and the dropdowns they render."""

from __future__ import annotations

import django_filters
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from anjian.regions.models import Region


class _Options:
    def __init__(self, filterset: RegionTreeFilterSet) -> None:
        self.filterset = filterset

    def __getitem__(self, name: str) -> str:
        return self.filterset.options_html(name)


class RegionTreeFilterSet(django_filters.FilterSet):
    """Base of a FilterSet over a model with a `region` foreign key: `region` (a town or village and
    everything below it) and `grid`, both offered only within the user's scope (`user=`, or the
    request's user when the API builds it)."""

    region = django_filters.ModelChoiceFilter(
        label=_("区划"), queryset=Region.objects.filter(level__lte=3), method="filter_region"
    )
    grid = django_filters.ModelChoiceFilter(
        label=_("网格"), queryset=Region.objects.filter(level=4), field_name="region"
    )

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if user is None and self.request is not None:
            user = getattr(self.request, "user", None)
        self.user = user
        if user is not None:
            visible = Region.objects.for_user(user)
            self.filters["region"].queryset = visible.filter(level__lte=3)
            self.filters["grid"].queryset = visible.filter(level=4)

    def filter_region(self, queryset, name, region):
        subtree = Region.objects.filter(path__startswith=region.path).values("pk")
        return queryset.filter(region__in=subtree)

    def options_html(self, name: str) -> str:
        """The <option>s of filter `name`'s dropdown, the current value selected.

        Built here rather than by the form widget or a template loop, which cost a template
        include or several lookups per option: a county office has hundreds of villages and
        grids to choose from. Of a region only its id and name are read (not its GeoJSON).
        """
        selected = escape(self.data.get(name, "")) if self.data else ""
        return mark_safe("".join(  # noqa: S308 - every value and label is escaped
            f'<option value="{value}"{" selected" if value == selected else ""}>{label}</option>'
            for value, label in self._choices(name)
        ))

    def _choices(self, name: str) -> list[tuple[str, str]]:
        """(value, label) of filter `name`'s options, escaped. A county's 2,000 regions are kept
        with the user's grants (accounts.grant_cache: any change to regions replaces them)."""
        field = self.filters[name]
        if not isinstance(field, django_filters.ModelChoiceFilter):
            return [(escape(value), escape(label))  # with its empty choice first
                    for value, label in self.form.fields[name].choices]

        def read() -> list[tuple[str, str]]:
            return [(escape(pk), escape(label))
                    for pk, label in field.queryset.values_list("pk", "name")]

        if field.queryset.query.is_empty():  # none(): no region in the user's scope
            return []
        if field.queryset.model is not Region or not getattr(self.user, "is_authenticated", False):
            return read()
        from anjian.accounts.grant_cache import kept_with_grants

        return kept_with_grants(self.user, ("regions.options", str(field.queryset.query)), read)

    @cached_property
    def options(self) -> _Options:
        """`filter.options.category` in a template: options_html("category")."""
        return _Options(self)
