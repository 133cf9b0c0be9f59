"""Chinese names for people and places, drawn from a caller's `random.Random`.

Surnames follow their frequency in the population; given names follow the fashion of the
decade a person was born in, so a 1950s villager is 王秀英 or 李国华 and a 1995 teacher
陈思涵 or 刘浩宇. Place names are made of common place-name morphemes; every county,
township and village here is fictional.
"""
from __future__ import annotations

import bisect
import itertools
import random

# Surnames with their approximate share of the population (per mille).
_SURNAMES = (
    ("王", 71), ("李", 70), ("张", 68), ("刘", 54), ("陈", 46), ("杨", 31), ("黄", 24), ("赵", 22),
    ("吴", 20), ("周", 19), ("徐", 16), ("孙", 15), ("马", 14), ("朱", 13), ("胡", 13), ("郭", 12),
    ("何", 12), ("林", 11), ("高", 11), ("罗", 10), ("郑", 9), ("梁", 9), ("谢", 8), ("宋", 7),
    ("唐", 7), ("许", 7), ("韩", 6), ("邓", 6), ("冯", 6), ("曹", 6), ("彭", 6), ("曾", 5),
    ("肖", 5), ("田", 5), ("董", 5), ("潘", 4), ("袁", 4), ("蔡", 4), ("蒋", 4), ("余", 4),
    ("于", 4), ("杜", 4), ("叶", 4), ("程", 4), ("魏", 3), ("苏", 3), ("吕", 3), ("丁", 3),
    ("任", 3), ("卢", 3), ("姚", 3), ("沈", 3), ("钟", 3), ("姜", 3), ("崔", 3), ("谭", 3),
    ("陆", 3), ("范", 2), ("汪", 2), ("廖", 2), ("石", 2), ("金", 2), ("韦", 2), ("贾", 2),
    ("夏", 2), ("付", 2), ("方", 2), ("邹", 2), ("熊", 2), ("白", 2), ("孟", 2), ("秦", 2),
    ("邱", 2), ("侯", 2), ("江", 2), ("尹", 2), ("薛", 2), ("闫", 2), ("段", 2), ("雷", 2),
    ("龙", 2), ("黎", 2), ("史", 2), ("陶", 2), ("贺", 2), ("毛", 1), ("郝", 1), ("顾", 1),
    ("龚", 1), ("邵", 1), ("万", 1), ("覃", 1), ("武", 1), ("钱", 1), ("戴", 1), ("严", 1),
    ("欧阳", 1), ("诸葛", 1), ("司马", 1),
)
SURNAMES = tuple(s for s, _ in _SURNAMES)
_SURNAME_CUM = tuple(itertools.accumulate(w for _, w in _SURNAMES))

# Given-name characters by era and gender: (first characters, second characters).
_GIVEN = {
    # born before 1965
    ("old", "M"): ("建国志德永长春福庆学金洪振光明文树占发忠", "国华民军平林生明福贵才山成强忠荣祥海田"),
    ("old", "F"): ("秀桂玉淑春凤兰翠美金素月冬巧", "英兰珍芳华梅琴霞莲荣云花娥香芝"),
    # born 1965–1979
    ("mid", "M"): ("建海志伟立晓卫红文小振永国新俊", "军平勇华明东斌强峰刚波辉亮林杰"),
    ("mid", "F"): ("丽晓海红小艳春秀雪桂玉慧", "丽红艳霞燕梅娟萍芳敏静玲琴"),
    # born 1980 and later
    ("new", "M"): ("浩宇子俊博泽思一梓天嘉皓明晨家志少", "轩然阳杰宇睿航豪涛鹏辰文超磊鑫龙"),
    ("new", "F"): ("欣梦思雨诗佳晓婉紫可雅静子嘉心", "怡琪涵婷萱璐雪颖悦彤洁妍蕾倩瑶"),
}
# Single-character given names (王伟, 李娜), common in every era.
_SINGLE = {
    "M": "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁浩宇俊凯健峰亮",
    "F": "芳娜敏静丽艳娟霞燕玲英萍红琴梅琳雪慧颖婷倩洁欣怡",
}


def _era(birth_year: int) -> str:
    if birth_year < 1965:
        return "old"
    if birth_year < 1980:
        return "mid"
    return "new"


def surname(rng: random.Random) -> str:
    return SURNAMES[bisect.bisect_right(_SURNAME_CUM, rng.random() * _SURNAME_CUM[-1])]


def given_name(rng: random.Random, gender: str, birth_year: int) -> str:
    if rng.random() < 0.28:
        return rng.choice(_SINGLE[gender])
    first, second = _GIVEN[(_era(birth_year), gender)]
    a, b = rng.choice(first), rng.choice(second)
    return a + b if a != b else a + rng.choice(second)


def person_name(rng: random.Random, gender: str, birth_year: int, family: str | None = None) -> str:
    return (family or surname(rng)) + given_name(rng, gender, birth_year)


# --- places -----------------------------------------------------------------------------

#: (county name without 县, its pinyin initials). The demo county is the first.
COUNTY_FIRST = (
    ("临", "L"), ("青", "Q"), ("云", "Y"), ("清", "Q"), ("安", "A"), ("永", "Y"), ("宁", "N"),
    ("泰", "T"), ("兴", "X"), ("长", "C"), ("丰", "F"), ("新", "X"), ("东", "D"), ("龙", "L"),
    ("白", "B"), ("石", "S"), ("松", "S"), ("桃", "T"), ("梅", "M"), ("金", "J"), ("乐", "L"),
    ("和", "H"), ("富", "F"), ("凤", "F"), ("玉", "Y"), ("嘉", "J"),
)
COUNTY_SECOND = (
    ("江", "J"), ("川", "C"), ("阳", "Y"), ("山", "S"), ("水", "S"), ("源", "Y"), ("溪", "X"),
    ("宁", "N"), ("安", "A"), ("平", "P"), ("城", "C"), ("丰", "F"), ("林", "L"), ("泉", "Q"),
    ("陵", "L"), ("岭", "L"), ("湖", "H"), ("河", "H"), ("德", "D"), ("昌", "C"),
)

TOWNSHIPS = (
    "城关镇", "河西乡", "青石镇", "东岗镇", "白沙镇", "柳林乡", "石桥镇", "高坪乡", "龙泉镇", "新店镇",
    "黄土岭乡", "三河镇", "桃源乡", "杨柳镇", "双河镇", "金竹乡", "长岭镇", "花园乡", "梅溪镇", "枫林乡",
    "清水镇", "大坪乡", "岩口镇", "沙坝乡", "马鞍乡", "回龙镇", "太平镇", "水口乡", "云台镇", "官庄乡",
    "白马镇", "铁炉乡", "龙门镇", "竹园乡", "永兴镇", "茶山乡", "东升镇", "西岭乡", "南河镇", "北山乡",
)

_PLACE_HEAD = (
    "张家", "李家", "王家", "刘家", "陈家", "杨家", "赵家", "周家", "吴家", "黄家", "石", "柳", "桃", "杏",
    "桂", "松", "竹", "梅", "枫", "槐", "青", "白", "黄", "红", "金", "银", "龙", "凤", "马", "牛", "鹿",
    "东", "西", "南", "北", "上", "下", "前", "后", "大", "小", "新", "高", "长", "双", "三", "五", "七",
)
_PLACE_TAIL = (
    "湾", "坪", "岭", "坝", "沟", "河", "桥", "塘", "山", "冲", "岗", "庄", "垭", "口", "峪", "坡", "园",
    "林", "溪", "田", "堡", "寨", "铺", "店",
)
# Villages renamed in the 1950s–60s.
_VILLAGE_WHOLE = ("红旗", "团结", "和平", "光明", "胜利", "新民", "建设", "先锋", "联合", "幸福", "前进", "民主")

COMMUNITIES = (
    "东街", "西门", "滨江", "文昌", "建设路", "人民路", "和平", "新华", "朝阳", "南苑", "北城", "幸福",
    "锦绣", "育才", "解放路", "府前", "江滨", "城南", "城北", "河畔", "迎宾", "翠湖", "金桥", "长安",
)
#: Communities of a market town take the town's name: 梅溪新街社区.
TOWN_COMMUNITIES = ("新街", "老街", "集镇", "新区", "河滨", "东街", "西街", "南街", "北街", "站前")


def place_name(rng: random.Random) -> str:
    """A village-style place name: 张家湾, 石门坪, 红旗."""
    if rng.random() < 0.08:
        return rng.choice(_VILLAGE_WHOLE)
    return rng.choice(_PLACE_HEAD) + rng.choice(_PLACE_TAIL)


def unique(rng: random.Random, used: set[str], make) -> str:
    """Draw names with `make(rng)` until one is not in `used`; a numeral settles long runs."""
    for _ in range(50):
        name = make(rng)
        if name not in used:
            used.add(name)
            return name
    base = make(rng)
    for n in itertools.count(2):
        name = f"{base}{n}"
        if name not in used:
            used.add(name)
            return name
    raise AssertionError("unreachable")


# --- enterprises and associations ---------------------------------------------------------

FIRM_WORDS = (
    "宏达", "鑫源", "华兴", "恒通", "金山", "绿源", "天成", "永盛", "富民", "兴隆", "瑞丰", "顺发", "博远",
    "润泽", "嘉禾", "昌盛", "远航", "鼎盛", "佳和", "汇丰源", "利民", "安泰", "众诚", "德信", "泰和",
)
_FIRM_TRADE = (
    "建材", "农业开发", "食品", "纺织", "机械制造", "电子科技", "物流", "茶业", "药业", "矿业", "化工",
    "服装", "竹木制品", "生态农业", "商贸", "建筑工程", "新能源", "酒业", "米业", "家具", "包装", "养殖",
)
_FIRM_FORM = ("有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司")


def firm_name(rng: random.Random, place: str) -> str:
    return place + rng.choice(FIRM_WORDS) + rng.choice(_FIRM_TRADE) + rng.choice(_FIRM_FORM)


ASSOCIATIONS = (
    "个体劳动者协会", "建筑业协会", "餐饮行业协会", "茶叶协会", "果业协会", "物流协会", "旅游协会",
    "电子商务协会", "志愿者协会", "慈善总会", "老年体育协会", "书法家协会", "摄影家协会", "作家协会",
    "中小企业商会", "青年企业家商会", "养殖业协会", "家政服务协会", "律师协会", "会计学会",
)
SOCIAL_UNITS = ("律师事务所", "会计师事务所", "养老服务中心", "社会工作服务中心", "职业培训学校", "幼教集团")

#: County-level agencies under the agencies' working committee, in the order of a county's list.
AGENCIES = (
    "县委办公室", "县人大常委会机关", "县政府办公室", "县政协机关", "县纪委监委机关", "县委组织部",
    "县委宣传部", "县委统战部", "县委政法委", "县委编办", "县委党校", "县发展和改革局", "县教育局",
    "县科技和工业信息化局", "县民政局", "县司法局", "县财政局", "县人力资源和社会保障局", "县自然资源局",
    "县住房和城乡建设局", "县交通运输局", "县水利局", "县农业农村局", "县商务局", "县文化广电旅游局",
    "县卫生健康局", "县退役军人事务局", "县应急管理局", "县审计局", "县市场监督管理局", "县统计局",
    "县医疗保障局", "县林业局", "县乡村振兴局", "县信访局", "县人民法院", "县人民检察院", "县总工会",
    "团县委", "县妇联", "县科协", "县工商联", "县档案馆", "县融媒体中心", "县政务服务中心", "县税务局",
    "县气象局", "县供销合作社", "县城市管理局", "县生态环境分局", "县公共资源交易中心", "县住房公积金中心",
    "县不动产登记中心", "县机关事务服务中心", "县残联",
)
#: Agencies large enough for a general branch with several branches.
BIG_AGENCIES = frozenset({"县政府办公室", "县人民法院", "县人民检察院", "县财政局", "县农业农村局",
                          "县住房和城乡建设局", "县自然资源局", "县税务局", "县市场监督管理局"})
POLICE_UNITS = ("机关", "治安管理大队", "刑事侦查大队", "交通警察大队", "城关派出所", "看守所", "特巡警大队")

HOSPITAL_DEPARTMENTS = ("内科", "外科", "妇儿", "医技", "护理", "行政后勤", "离退休")

#: County-level leaders, in the order of the county's list.
LEADER_TITLES = (
    "县委书记", "县委副书记、县长", "县委副书记", "县委常委、常务副县长", "县委常委、组织部长",
    "县委常委、纪委书记、监委主任", "县委常委、宣传部长", "县委常委、政法委书记", "县委常委、统战部长",
    "副县长", "副县长", "副县长",
)

EDUCATION = ("小学", "初中", "高中", "中专", "大专", "大学本科", "硕士研究生", "博士研究生")

_PHONE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155",
    "156", "157", "158", "159", "166", "173", "177", "180", "181", "182", "183", "185", "186", "187", "188",
    "189", "191", "198", "199",
)


def mobile(rng: random.Random) -> str:
    return rng.choice(_PHONE_PREFIXES) + f"{rng.randrange(100_000_000):08d}"


NUMERALS = "一二三四五六七八九十"
