"""The 355 九小场所 and 231 street shops of seed 001 §四."""

from __future__ import annotations

from anjian.demo.names import SHOP_WORDS, SURNAMES
from anjian.demo.places import Place
from anjian.demo.unitkit import UnitKit

# Seed 001 §四: 小生产加工企业68家，小商店163家，小美容院洗浴场所12家，小旅馆3家，小诊所47家，小餐馆62家
SMALL_VENUES = {
    "small_production": 68, "small_shop": 163, "small_beauty_bath": 12, "small_hotel": 3,
    "small_clinic": 47, "small_restaurant": 62,
}
STREET_SHOPS = 231

PRODUCTS = [
    ("苹果分拣包装厂", "C", ""), ("粉条加工坊", "C", "1391"), ("面粉加工厂", "C", "1312"),
    ("醋坊", "C", ""), ("豆腐坊", "C", ""), ("木材加工厂", "C", "2011"), ("家具加工厂", "C", "2110"),
    ("铝合金门窗加工部", "C", ""), ("钢构加工厂", "C", "3311"), ("纸箱加工厂", "C", "2231"),
    ("饲料加工厂", "C", ""), ("榨油坊", "C", ""), ("馒头加工坊", "C", "1431"), ("石材加工厂", "C", ""),
    ("核桃加工厂", "C", ""), ("服装加工厂", "C", "1819"), ("预制板厂", "C", "3021"),
]
SHOP_KINDS = ["便民商店", "超市", "日杂店", "副食店", "烟酒店", "小卖部", "百货店", "批发部"]
DISHES = ["烩面馆", "羊肉汤馆", "饺子馆", "面馆", "大刀面馆", "凉皮店", "火锅店", "农家菜馆",
          "包子铺", "炒菜馆", "烧烤店", "快餐店"]
BEAUTY = ["美发店", "理发店", "美容美体店", "洗浴中心", "足疗店", "浴池"]
STREET_KINDS = [
    "五金店", "农资店", "服装店", "手机店", "家电城", "电动车行", "大药房", "眼镜店", "蛋糕店",
    "母婴店", "建材店", "汽车修理部", "摩托车修理部", "通讯营业厅", "寿衣花圈店", "打印复印店",
    "快递驿站", "水果店", "化妆品店", "鞋店", "床上用品店", "家具店", "茶叶店", "农机配件门市",
    "种子门市", "瓷砖门市", "窗帘布艺店", "童装店", "装饰材料店", "轮胎店",
]


def _word(rng) -> str:
    return "".join(rng.sample(SHOP_WORDS, 2))


def _short(place: Place) -> str:
    """张村街道 or the village without its final 村, as shops name themselves."""
    if "街道" in place.address:
        return "张村" if "张村街道" in place.address else "宜村"
    return place.village.name[:-1] if len(place.village.name) > 2 else place.village.name


def build_small_venues(kit: UnitKit) -> None:
    rng, placer = kit.rng, kit.placer
    # Every village has its shop and its clinic (村卫生室); the rest cluster on the streets.
    for v in placer.villages:
        place = placer.in_village(v)
        kit.small_venue("small_shop", place, kit.names.make(
            rng, lambda r, p=place: f"{_short(p)}{_word(r)}{r.choice(SHOP_KINDS)}"),
            section="F", code="5219", employees=(1, 3), area=(20, 120))
        place = placer.in_village(v, "村委会旁")
        kit.small_venue("small_clinic", place, kit.names.take(f"{v.name}卫生室"),
                        section="Q", code="8424", employees=(1, 3), area=(40, 120), credit=None)
    for _ in range(SMALL_VENUES["small_shop"] - len(placer.villages)):
        place = placer.on_streets() if rng.random() < 0.7 else placer.anywhere()
        kit.small_venue("small_shop", place, kit.names.make(
            rng, lambda r, p=place: f"{_short(p)}{_word(r)}{r.choice(SHOP_KINDS)}"),
            section="F", code="5219", employees=(1, 4), area=(20, 280))
    for _ in range(SMALL_VENUES["small_clinic"] - len(placer.villages)):
        place = placer.on_streets()
        kit.small_venue("small_clinic", place, kit.names.make(
            rng, lambda r: f"{r.choice(SURNAMES)}{r.choice(['氏', '记', ''])}"
                           f"{r.choice(['中医诊所', '口腔诊所', '诊所', '西医诊所'])}"),
            section="Q", code="8425", employees=(1, 4), area=(30, 150))
    for _ in range(SMALL_VENUES["small_restaurant"]):
        place = placer.on_streets() if rng.random() < 0.8 else placer.anywhere("tableland", "hills")
        kit.small_venue("small_restaurant", place, kit.names.make(
            rng, lambda r, p=place: f"{r.choice([_short(p), r.choice(SURNAMES) + '家'])}{r.choice(DISHES)}"),
            section="H", code=rng.choice(["6210", "6220"]), employees=(2, 12), area=(40, 250),
            risks=("yellow", "yellow", "blue", "orange"))
    for _ in range(SMALL_VENUES["small_beauty_bath"]):
        place = placer.on_streets() if rng.random() < 0.85 else placer.anywhere("tableland")
        kit.small_venue("small_beauty_bath", place, kit.names.make(
            rng, lambda r: f"{_word(r)}{r.choice(BEAUTY)}"),
            section="O", employees=(1, 6), area=(30, 200))
    for street, hotel in (("张村街道", "张村宾馆"), ("张村街道", "鑫源旅社"), ("宜村街道", "宜村如家旅馆")):
        kit.small_venue("small_hotel", placer.on_street(street), kit.names.take(hotel),
                        section="H", code="6129", employees=(3, 8), area=(150, 600),
                        risks=("yellow", "orange"))
    for _ in range(SMALL_VENUES["small_production"]):
        place = placer.anywhere("tableland", "hills", "centre")
        product, section, code = rng.choice(PRODUCTS)
        kit.small_venue("small_production", place, kit.names.make(
            rng, lambda r, p=place, pr=product: f"{_short(p)}{r.choice([_word(r), r.choice(SURNAMES) + '氏'])}{pr}"),
            section=section, code=code, employees=(3, 40), area=(100, 1500),
            risks=("yellow", "yellow", "orange", "blue"), credit="company" if rng.random() < 0.3 else "individual")


def build_street_shops(kit: UnitKit) -> None:
    rng, placer = kit.rng, kit.placer
    for i in range(STREET_SHOPS):
        if i % 5 == 4:  # one in five stands on a village's own main road
            place = placer.anywhere("tableland", "hills", where="主街")
        else:
            place = placer.on_streets()
        kit.street_shop(place, kit.names.make(
            rng, lambda r, p=place: f"{r.choice([_short(p), _word(r), r.choice(SURNAMES) + '记'])}"
                                    f"{r.choice(STREET_KINDS)}"))
