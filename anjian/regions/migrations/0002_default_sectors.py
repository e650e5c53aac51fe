"""Default sectors of supervision (行业领域). Offices may add or rename them."""

from django.db import migrations

SECTORS = [
    ("fire", "消防安全"), ("road_traffic", "道路交通"), ("mining", "矿山"),
    ("hazardous_chemicals", "危险化学品"), ("fireworks", "烟花爆竹"), ("industry_trade", "工贸"),
    ("construction", "建筑施工"), ("education", "教育"), ("health", "卫生健康"),
    ("civil_affairs", "民政养老"), ("commerce", "商贸流通"), ("food", "餐饮食品"),
    ("culture_tourism", "文化旅游"), ("religion", "宗教场所"), ("forestry", "林业"),
    ("water", "水利"), ("geology", "地质灾害"), ("gas", "城镇燃气"), ("electricity", "电力"),
    ("agriculture", "农业农村"), ("special_equipment", "特种设备"),
]


def add(apps, schema_editor):
    Sector = apps.get_model("regions", "Sector")
    for code, name in SECTORS:
        Sector.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
