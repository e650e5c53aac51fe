"""The dashboard (数据看板) and the map (地图): thin views over `dashboard.selectors`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.scope import user_can
from anjian.dashboard import charts, mapdata, panels, selectors
from anjian.hazards.models import Hazard
from anjian.regions.models import Region
from anjian.units.models import Unit


def _region(request: HttpRequest) -> tuple[Region, list[Region]]:
    """The region asked for (?region=) if the user sees it, else their highest one; and the
    choices: the user's regions down to villages."""
    choices = list(Region.objects.for_user(request.user).filter(level__lte=3)
                   .order_by("level", "code", "path")[:300])
    if not choices:
        raise PermissionDenied(_("您没有可查看的区划"))
    wanted = request.GET.get("region", "")
    chosen = next((r for r in choices if str(r.pk) == wanted), None)
    return chosen or choices[0], choices


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, "view", Hazard):
        raise PermissionDenied
    region, choices = _region(request)
    today = timezone.localdate()
    user = request.user
    matrix = selectors.open_matrix(user, region)
    weeks = selectors.weekly_flow(user, region, today)
    coverage = selectors.coverage(user, region, today)
    return render(request, "dashboard/index.html", {
        "region": region, "choices": choices, "today": today,
        "matrix": matrix, "rates": selectors.year_rates(user, region, today),
        "overdue": selectors.overdue_hazards(user, region, today),
        "listed": selectors.listed_majors(user, region),
        "coverage": coverage,
        "daily": panels.daily_reports(user, region, today),
        "on_duty": panels.on_duty(user, region),
        "accidents": panels.accident_panel(user, region, today),
        "charts": {"open": charts.open_chart(matrix), "weekly": charts.weekly_chart(weeks),
                   "coverage": charts.coverage_chart(coverage)},
    })


@login_required
def map_page(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, "view", Unit):
        raise PermissionDenied
    region, choices = _region(request)
    return render(request, "dashboard/map.html", {
        "region": region, "choices": choices, "categories": mapdata.category_choices(),
        "tiles": mapdata.tile_settings()})


@login_required
def map_data(request: HttpRequest) -> JsonResponse:
    """GeoJSON for the map: the region's grids (or villages), its units and its open hazards."""
    if not user_can(request.user, "view", Unit):
        raise PermissionDenied
    region, _choices = _region(request)
    return JsonResponse(mapdata.features(request.user, region,
                                         category=request.GET.get("category", "")))
