from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainingKind(models.TextChoices):
    THREE_LEVEL = "three_level", _("三级安全教育")  # company, workshop and team induction
    SPECIAL = "special", _("专项培训")
    ALL_STAFF = "all_staff", _("全员培训")
    FIRE_DRILL = "fire_drill", _("消防实操演练")
    PRINCIPAL = "principal", _("主要负责人和安全管理人员培训")
    CADRE = "cadre", _("镇村干部培训")
    FIRST_LESSON = "first_lesson", _("开工第一课")
    OTHER = "other", _("其他")


class AttendeeRole(models.TextChoices):
    PRINCIPAL = "principal", _("主要负责人")
    SAFETY_MANAGER = "safety_manager", _("安全生产管理人员")
    NEW_WORKER = "new_worker", _("新上岗从业人员")
    WORKER = "worker", _("从业人员")
    CADRE = "cadre", _("干部")
    OTHER = "other", _("其他")


class PublicityKind(models.TextChoices):
    DOOR_TO_DOOR = "door_to_door", _("入户宣传")
    VILLAGE_MEETING = "village_meeting", _("群众大会")
    LOUDSPEAKER = "loudspeaker", _("乡村大喇叭")
    GROUP_PUSH = "group_push", _("微信群推送")
    SUMMER_EDUCATION = "summer_education", _("学生暑期安全教育")
    INTO_ENTERPRISES = "into_enterprises", _("进企业")
    INTO_SCHOOLS = "into_schools", _("进校园")
    INTO_COMMUNITIES = "into_communities", _("进社区")
    INTO_VILLAGES = "into_villages", _("进农村")
    INTO_FAMILIES = "into_families", _("进家庭")
    SAFETY_MONTH = "safety_month", _("安全生产月")
    CONSULTATION_DAY = "consultation_day", _("安全宣传咨询日")
    DISASTER_DAY = "disaster_day", _("防灾减灾日")
    FIRE_DAY = "fire_day", _("消防日")
    TRAFFIC_DAY = "traffic_day", _("交通安全日")
    NATIONAL_SECURITY_DAY = "national_security_day", _("全民国家安全教育日")
    PUPIL_DAY = "pupil_day", _("中小学生安全教育日")
    WARNING_SIGNS = "warning_signs", _("设立警示标志")
    OTHER = "other", _("其他")
