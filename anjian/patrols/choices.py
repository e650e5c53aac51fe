from django.db import models
from django.utils.translation import gettext_lazy as _


class VehicleType(models.TextChoices):
    TRICYCLE = "tricycle", _("三轮车")
    MOTORCYCLE = "motorcycle", _("摩托车")
    FARM_VEHICLE = "farm_vehicle", _("农用车")
    E_BIKE = "e_bike", _("电动车")
    CAR = "car", _("小客车")
    OTHER = "other", _("其他")


class Violation(models.TextChoices):
    NO_LICENCE = "no_licence", _("无证驾驶")
    NO_PLATE = "no_plate", _("无牌")
    NO_HELMET = "no_helmet", _("未戴头盔或防护")
    FARM_PASSENGERS = "farm_passengers", _("农用车载人")
    OVERLOAD = "overload", _("超载")
    OTHER = "other", _("其他")


class PersuasionOutcome(models.TextChoices):
    EDUCATED = "educated", _("教育后放行")
    CORRECTED = "corrected", _("当场纠正后放行")
    REFERRED = "referred", _("移交交警/派出所处理")
    OTHER = "other", _("其他")


class FireSourceKind(models.TextChoices):
    FIELD_FIRE = "field_fire", _("野外用火")
    BURNING = "burning", _("烧荒")
    RITUAL = "ritual", _("祭祀用火")
    SMOKING = "smoking", _("吸烟")
    OTHER = "other", _("其他")
