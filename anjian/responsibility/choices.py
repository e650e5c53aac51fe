"""Code lists of the responsibility system (责任体系)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DutyCategory(models.TextChoices):
    """The kinds of duty a post carries (党政同责、一岗双责、齐抓共管、失职追责, domain.md §6.4)."""

    FIRST_RESPONSIBLE = "first_responsible", _("第一责任人责任")
    LEADERSHIP = "leadership", _("领导责任")
    DUAL_DUTY = "dual_duty", _("一岗双责")
    SUPERVISION = "supervision", _("监管责任")
    TERRITORIAL = "territorial", _("属地管理责任")
    PRINCIPAL = "principal", _("主体责任")


class AgreementKind(models.TextChoices):
    """Who the town signs a responsibility agreement (责任书) with."""

    VILLAGE = "village", _("村（社区）")
    ENTERPRISE = "enterprise", _("企业")
    SCHOOL = "school", _("学校")
    DEPARTMENT = "department", _("部门（机关站所）")


class MeetingKind(models.TextChoices):
    """Meetings that studied or deployed work safety (seed 000 §一, seed 001 §一, seed 004 §三)."""

    PARTY_COMMITTEE = "party_committee", _("党委会")
    THEORY_STUDY = "theory_study", _("理论学习中心组")
    LEADERSHIP_TEAM = "leadership_team", _("领导班子会议")
    CADRE_STAFF = "cadre_staff", _("干部职工会")
    VILLAGE_TOWN = "village_town", _("村镇大会")
    SAFETY_SPECIAL = "safety_special", _("安全生产专题会议")
    ENTERPRISE_HEADS = "enterprise_heads", _("企业负责人会议")
    FIRE_JOINT = "fire_joint", _("消防联席会议")
    ROAD_JOINT = "road_joint", _("道路交通联席会议")
    FIREWORKS_JOINT = "fireworks_joint", _("烟花爆竹联合稽查会议")
    VILLAGE_COMMITTEE = "village_committee", _("村两委会议")
    OTHER = "other", _("其他会议")


# Units that sign as a school (学校) rather than as an enterprise.
SCHOOL_SUBCATEGORIES = ("school", "kindergarten", "small_school")


def kind_for_unit(unit) -> str:
    """The agreement kind of a supervised unit: a school or kindergarten, else an enterprise."""
    return AgreementKind.SCHOOL if unit.subcategory in SCHOOL_SUBCATEGORIES else \
        AgreementKind.ENTERPRISE
