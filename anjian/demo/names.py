"""Name pools and generators of plausible, valid, unique values: people's names, mobile numbers,
unified social credit codes. Every generator takes a `random.Random`, so the demo is deterministic."""

from __future__ import annotations

import random

from anjian.core.validators import CREDIT_CODE_CHARSET, credit_code_check_char

SEED = "xizhangcun-2023"


def rng_for(section: str) -> random.Random:
    """One generator per part of the demo (a str seed is hashed with SHA-512, not hash())."""
    return random.Random(f"{SEED}:{section}")


# Common surnames of western Henan, most frequent first (weights fall off with rank).
SURNAMES = (
    "王李张刘陈杨赵郭黄周吴徐孙马朱胡何高宋郑梁谢韩唐冯许邓曹彭董袁田潘于蒋蔡杜程苏魏吕丁任"
    "姚卢姜崔范石贾夏付方白孟秦邱尹薛闫段雷侯史贺毛郝常屈乔牛卫宁柴党申翟岳靳畅燕阎师"
)
SURNAME_WEIGHTS = [1.0 / (i + 4) for i in range(len(SURNAMES))]

MALE_CHARS = "建国军伟强勇明华志刚文斌海涛磊鹏超杰飞龙平东辉林波峰新军红卫保成群生金宝德民振兴俊锋浩宇博帅"
FEMALE_CHARS = "秀芳丽娟敏静霞艳玲红梅英燕萍琴云莉凤兰娜慧婷雪洁晓琳倩丹颖悦"


class PersonNames:
    """Chinese names, none used twice in the demo."""

    def __init__(self, reserved: tuple[str, ...] = ()) -> None:
        self.used: set[str] = set(reserved)

    def make(self, rng: random.Random, female: bool | None = None) -> str:
        if female is None:
            female = rng.random() < 0.3
        chars = FEMALE_CHARS if female else MALE_CHARS
        for _attempt in range(200):
            surname = rng.choices(SURNAMES, SURNAME_WEIGHTS)[0]
            given = rng.choice(chars)
            if rng.random() < 0.72:
                given += rng.choice(chars)
            name = surname + given
            if name not in self.used and surname not in given and len(set(given)) == len(given):
                self.used.add(name)
                return name
        raise RuntimeError("name pool exhausted")


MOBILE_PREFIXES = [
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
    "155", "156", "158", "159", "166", "176", "177", "180", "181", "182", "183", "185", "186",
    "187", "188", "189", "199",
]


class Phones:
    """Valid, unique mainland mobile numbers and 0398 (三门峡) landlines."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def mobile(self, rng: random.Random) -> str:
        while True:
            number = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
            if number not in self.used:
                self.used.add(number)
                return number

    def landline(self, rng: random.Random) -> str:
        while True:
            number = f"0398-38{rng.randrange(10**5):05d}"
            if number not in self.used:
                self.used.add(number)
                return number


# Registration department + organisation type (GB 32100 positions 1–2, domain.md §8.1).
CREDIT_KINDS = {
    "company": "91",  # 工商: 企业
    "individual": "92",  # 工商: 个体工商户
    "cooperative": "93",  # 工商: 农民专业合作社
    "institution": "12",  # 机构编制: 事业单位
    "private_nonprofit": "52",  # 民政: 民办非企业单位
}
REGION_PART = "411203"  # 陕州区
_ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]  # GB 11714 inner check
_ORG_VALUES = {c: (int(c) if c.isdigit() else ord(c) - 55) for c in CREDIT_CODE_CHARSET}


def organisation_check_char(body: str) -> str:
    """GB 11714 check digit of an 8-character organisation code body."""
    value = 11 - sum(_ORG_VALUES[c] * w for c, w in zip(body, _ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(value, str(value))


class CreditCodes:
    """Valid, unique unified social credit codes registered in 陕州区 (411203)."""

    _BODY_CHARS = CREDIT_CODE_CHARSET

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, rng: random.Random, kind: str = "company") -> str:
        head = CREDIT_KINDS[kind] + REGION_PART
        while True:
            if kind in ("institution", "private_nonprofit"):
                body = "4" + "".join(rng.choice("0123456789") for _ in range(7))
            else:  # codes issued since 2015 start their body with MA
                body = "MA" + rng.choice("0123456789") + "".join(
                    rng.choice(self._BODY_CHARS) for _ in range(5)
                )
            first17 = head + body + organisation_check_char(body)
            code = first17 + credit_code_check_char(first17)
            if code not in self.used:
                self.used.add(code)
                return code


class UniqueNames:
    """Unit names, none used twice in the demo: `make` retries a name factory until it is new."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, rng: random.Random, factory) -> str:
        for _attempt in range(60):
            name = factory(rng)
            if name not in self.used:
                self.used.add(name)
                return name
        base = factory(rng)
        for n in "二三四五六七八九":
            name = f"{base}（{n}店）"
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError(f"cannot make a new name like {base}")

    def take(self, name: str) -> str:
        if name in self.used:
            raise ValueError(f"duplicate demo unit name {name}")
        self.used.add(name)
        return name


# Words for shop and business names.
SHOP_WORDS = "鑫盛兴隆福顺发源丰泰祥瑞宏达永利华富康乐惠民佳美新亿和润金旺"
