from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.accidents import rules


class AccidentGrade(models.TextChoices):
    """事故等级 (国务院令第493号 Art. 3)."""

    ORDINARY = rules.ORDINARY, _("一般")
    RELATIVELY_SERIOUS = rules.RELATIVELY_SERIOUS, _("较大")
    SERIOUS = rules.SERIOUS, _("重大")
    EXTRAORDINARY = rules.EXTRAORDINARY, _("特别重大")


class ClassificationVersion(models.TextChoices):
    """Which GB 6441 list the accident's type comes from (事故分类标准版本)."""

    V1986 = rules.V1986, _("GB 6441-1986（20类）")
    V2025 = rules.V2025, _("GB 6441-2025（27类）")


class StepKind(models.TextChoices):
    """One step of the reporting timeline (事故报告时间线)."""

    UNIT_REPORT = "unit_report", _("事故单位报告县级应急管理部门（1小时内）")
    TO_CITY = rules.TO_CITY, _("县级上报设区的市级（2小时内）")
    TO_PROVINCE = rules.TO_PROVINCE, _("市级上报省级（2小时内）")
    TO_STATE_COUNCIL = rules.TO_STATE_COUNCIL, _("省级上报国务院（2小时内）")
    SUPPLEMENTARY = "supplementary", _("伤亡人数补报")
    INVESTIGATION = "investigation", _("提交事故调查报告（60日内）")
    APPROVAL = "approval", _("事故调查报告批复")


ESCALATION_KINDS = (StepKind.TO_CITY, StepKind.TO_PROVINCE, StepKind.TO_STATE_COUNCIL)
