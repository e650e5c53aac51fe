"""A unit choice among too many units to list (a county's): only the chosen option is rendered
and the browser asks /units/options/?q= for matches, within the user's own scope."""

import re

import pytest
from django import forms

from anjian.core.forms import RemoteSelect, bootstrap
from anjian.units.models import Unit


def _options(client, q):
    response = client.get("/units/options/", {"q": q})
    assert response.status_code == 200
    return response.json()["results"]


def test_matches_come_from_the_users_scope_only(world, client):
    client.force_login(world.users["office"])
    assert [r["text"] for r in _options(client, "后关小")] == ["后关小饭馆（后关村第1网格）"]
    assert _options(client, "91350100m000100y43")[0]["value"] == world.units["shop_a"].pk
    assert _options(client, "  ") == []
    client.force_login(world.users["village_a"])
    assert _options(client, "后关小") == []  # another village's
    assert [r["text"] for r in _options(client, "张一")] == ["张一小学（张一村）", "张一便民超市（张一村第1网格）"]


def test_signed_out_gets_the_login_page(world, client):
    response = client.get("/units/options/", {"q": "张一"})
    assert response.status_code == 302 and "/login/" in response["Location"]


class UnitForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), empty_label="请选择单位")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)  # before the queryset, as several forms do
        self.fields["unit"].queryset = Unit.objects.for_user(user).order_by("name")


def _rendered(form) -> tuple[str, list[str]]:
    html = str(form["unit"])
    return html, re.findall(r"<option[^>]*>([^<]*)</option>", html)


def test_few_units_are_all_listed(world, settings):
    settings.REMOTE_SELECT_FROM = 100
    form = UnitForm(user=world.users["office"])
    html, options = _rendered(form)
    assert isinstance(form.fields["unit"].widget, RemoteSelect)
    assert "data-remote" not in html and "后关小饭馆" in options and len(options) > 4


def test_many_units_render_only_the_chosen_one(world, settings):
    settings.REMOTE_SELECT_FROM = 2
    shop = world.units["shop_b"]
    html, options = _rendered(UnitForm(user=world.users["office"]))
    assert 'data-remote="/units/options/"' in html and options == ["请选择单位"]
    form = UnitForm({"unit": str(shop.pk)}, user=world.users["office"])
    assert form.is_valid() and form.cleaned_data["unit"] == shop
    html, options = _rendered(form)
    assert options == ["请选择单位", "后关小饭馆"] and f'value="{shop.pk}" selected' in html


@pytest.mark.parametrize("value", ["abc", "999999"])
def test_a_bad_or_foreign_choice_is_refused_and_still_renders(world, settings, value):
    settings.REMOTE_SELECT_FROM = 0
    form = UnitForm({"unit": value}, user=world.users["office"])
    assert not form.is_valid() and "unit" in form.errors
    assert _rendered(form)[1] == ["请选择单位"]


def test_a_unit_outside_the_scope_cannot_be_chosen_by_its_id(world, settings):
    settings.REMOTE_SELECT_FROM = 0
    form = UnitForm({"unit": str(world.units["shop_b"].pk)}, user=world.users["village_a"])
    assert not form.is_valid()
    assert _rendered(form)[1] == ["请选择单位"]  # not rendered either
