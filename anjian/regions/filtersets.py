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
        selected = str(self.data.get(name, "")) if self.data else ""
        field = self.filters[name]
        if isinstance(field, django_filters.ModelChoiceFilter):
            choices = field.queryset.values_list("pk", "name")
        else:
            choices = self.form.fields[name].choices  # with its empty choice first
        return mark_safe("".join(  # noqa: S308 - every value and label is escaped
            f'<option value="{escape(value)}"{" selected" if str(value) == selected else ""}>'
            f"{escape(label)}</option>"
            for value, label in choices
        ))

    @cached_property
    def options(self) -> _Options:
        """`filter.options.category` in a template: options_html("category")."""
        return _Options(self)
