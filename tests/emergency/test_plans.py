"""Plans and versions: owner scope, review due dates and flags, attached files, journal."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from anjian.core.attachments import read_attachment
from anjian.core.journal import entries_for
from anjian.emergency import selectors, services
from anjian.emergency.choices import ReviewStatus
from anjian.emergency.models.plans import add_years
from anjian.testing.emergency import pdf_bytes, version_data

pytestmark = pytest.mark.django_db


def pdf():
    return read_attachment(SimpleUploadedFile("预案.pdf", pdf_bytes()))


def make_plan(world, actor=None, approved_on=None, **extra):
    version = version_data(**({"approved_on": approved_on, "effective_on": approved_on}
                              if approved_on else {}))
    return services.plan_create(actor=actor or world.users["office"], data={
        "title": "西张村镇处置突发事件应急预案", "kind": "comprehensive", "region": world.town,
        **extra}, version=version, file=pdf())


def test_office_registers_a_plan_with_its_first_version_and_file(world):
    plan = make_plan(world)
    version = plan.current_version
    assert version.number == "2024版" and version.has_file and version.original_name == "预案.pdf"
    assert version.review_due == add_years(version.approved_on, 3)
    assert plan.review_status() == ReviewStatus.OK
    assert entries_for(plan).count() >= 2 and entries_for(version).exists()


def test_review_interval_sets_the_due_date_and_the_flags(world):
    today = dt.date.today()
    old = make_plan(world, approved_on=today - dt.timedelta(days=3 * 366))
    soon = make_plan(world, title="防汛专项应急预案", kind="special",
                     approved_on=add_years(today, -3) + dt.timedelta(days=30))
    assert old.review_status(today) == ReviewStatus.OVERDUE
    assert soon.review_status(today) == ReviewStatus.DUE_SOON
    due = list(selectors.plans_due_review(world.town, today))
    assert due == [old, soon]
    assert list(selectors.plans_due_review(world.village_a, today)) == []


def test_a_newer_version_becomes_current_and_an_older_one_does_not(world):
    plan = make_plan(world)
    first = plan.current_version
    later = services.plan_version_add(actor=world.users["office"], plan=plan, data=version_data(
        number="2026版", approved_on=first.approved_on + dt.timedelta(days=1),
        effective_on=first.approved_on + dt.timedelta(days=1), review_interval_years=2))
    plan.refresh_from_db()
    assert plan.current_version == later and later.review_due == add_years(later.approved_on, 2)
    services.plan_version_add(actor=world.users["office"], plan=plan, data=version_data(
        number="2019版", approved_on=first.approved_on - dt.timedelta(days=900),
        effective_on=first.approved_on - dt.timedelta(days=900)))
    plan.refresh_from_db()
    assert plan.current_version == later


def test_version_numbers_dates_and_intervals_are_checked(world):
    plan = make_plan(world)
    office = world.users["office"]
    with pytest.raises(ValidationError) as caught:
        services.plan_version_add(actor=office, plan=plan, data=version_data())
    assert "number" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.plan_version_add(actor=office, plan=plan, data=version_data(
            number="x", effective_on=dt.date.today() - dt.timedelta(days=5)))
    assert "effective_on" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.plan_version_add(actor=office, plan=plan, data=version_data(
            number="y", review_interval_years=0))
    assert "review_interval_years" in caught.value.message_dict


def test_village_cannot_register_a_plan_for_another_village(world):
    with pytest.raises(PermissionDenied):
        make_plan(world, actor=world.users["village_a"], region=world.village_b)
    plan = make_plan(world, actor=world.users["village_a"], region=world.village_a,
                     title="张一村防汛应急预案")
    assert plan.region == world.village_a


def test_enterprise_registers_a_site_plan_for_its_own_unit_only(world):
    shop = world.units["shop_a"]
    plan = make_plan(world, actor=world.users["enterprise_a"], unit=shop, region=None,
                     title="超市火灾现场处置方案", kind="site")
    assert plan.unit == shop and plan.region == shop.region
    with pytest.raises(PermissionDenied):
        make_plan(world, actor=world.users["enterprise_a"], unit=world.units["shop_b"],
                  region=None, kind="site")
    with pytest.raises(PermissionDenied):
        make_plan(world, actor=world.users["enterprise_a"], region=world.town)


def test_leader_reads_but_cannot_write(world):
    with pytest.raises(PermissionDenied):
        make_plan(world, actor=world.users["leader"])
