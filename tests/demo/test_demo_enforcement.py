"""The demo's enforcement: seed 004's 17 joint actions, 1,652 hazards found and 76 illegal acts
stopped; orders re-inspected but two overdue; penalties; two units on the dishonesty list shown
with the 失信 badge; built again it adds nothing."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from anjian.demo import enforcement as demo_enforcement
from anjian.demo.builder import kit_from_database
from anjian.enforcement import selectors
from anjian.enforcement.choices import ActionKind
from anjian.enforcement.models import DishonestyListing, EnforcementAction
from anjian.regions.models import Region


def _town():
    return Region.objects.get(level=2, name="西张村镇")


def test_the_seed_figures(town):
    today = timezone.localdate()
    counts = selectors.enforcement_counts(_town(), today.replace(year=today.year - 1), today)
    assert counts.joint_actions == 17
    assert counts.hazards_found == 1652
    assert counts.illegal_acts_stopped == 76
    assert counts.by_kind[ActionKind.PENALTY] == 4 and counts.penalties_total > 0
    assert counts.by_kind[ActionKind.ORDER] == 20
    assert counts.by_kind[ActionKind.REINSPECTION] == 17
    assert selectors.orders_overdue(_town(), today).count() == 2
    assert all(o.hazard_id for o in EnforcementAction.objects.filter(kind=ActionKind.ORDER))


def test_dishonesty_list_and_badge_on_the_pages(town):
    listed = selectors.listed_unit_ids()
    assert len(listed) == 2
    assert DishonestyListing.objects.count() == 2
    client = Client()
    client.force_login(town.users["demo_office"])
    page = client.get(reverse("enforcement:listing_list")).content.decode()
    assert page.count("dishonesty-badge") == 2


def test_built_again_adds_nothing(town):
    before = EnforcementAction.objects.count()
    kit = kit_from_database()
    demo_enforcement.build(kit)
    assert EnforcementAction.objects.count() == before and not kit.created


def test_builds_from_empty(town):

    DishonestyListing.objects.all().delete()
    EnforcementAction.objects.filter(kind=ActionKind.REINSPECTION).delete()
    EnforcementAction.objects.all().delete()
    kit = kit_from_database()
    demo_enforcement.build(kit)
    assert kit.created["enforcement_actions"] == 17 + 12 + 20 + 17 + 4
    assert kit.created["dishonesty_listings"] == 2
