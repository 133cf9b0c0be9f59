"""The demo county's goal framework: the strategy 工业强县, the two great tasks (两大任务)
and the "12335" work goals, each with the measurable targets that commitments, key tasks
and activities are tagged to.

The breakdown is invented for the fictional 临江县 (the speech names the framework, not its
content): 1 goal, 2 centres, 3 bases, 3 industries, 5 works. The tree is written with
treebeard's bulk loader: one root, the rest in one INSERT.
"""
from __future__ import annotations

from collections import Counter

from django.db import transaction

from pacesetter.core import audit

from ..enums import GoalKind
from ..models import Goal

STRATEGY, TASK, GOAL, TARGET = GoalKind.STRATEGY, GoalKind.TASK, GoalKind.GOAL, GoalKind.TARGET


def _node(code: str, name: str, kind: str, description: str = "", children: tuple = ()) -> dict:
    return {
        "data": {"code": code, "name": name, "kind": kind, "description": description},
        "children": list(children),
    }


def _targets(prefix: str, *names: str) -> tuple[dict, ...]:
    return tuple(_node(f"{prefix}-{n:02d}", name, TARGET) for n, name in enumerate(names, start=1))


FRAMEWORK = _node(
    "GYQX", "工业强县", STRATEGY,
    "以工业化为核心，坚持项目为王、招商为先，把临江县建设成为全省工业强县。",
    (
        _node("RW1", "两大任务之一：项目建设", TASK, "以重点项目建设为抓手，扩大有效投资。", _targets(
            "RW1",
            "全年新开工亿元以上项目40个",
            "重点项目完成投资150亿元",
            "县工业园区新建标准厂房30万平方米",
        )),
        _node("RW2", "两大任务之二：招商引资", TASK, "以招大引强为重点，优化营商环境。", _targets(
            "RW2",
            "引进亿元以上产业项目30个",
            "实际到位县外资金120亿元",
            "新增规模以上工业企业25家",
        )),
        _node("MB1", "“12335”一个目标：建成全省工业强县", GOAL, "“12335”工作目标之一。", _targets(
            "MB1",
            "地区生产总值突破300亿元",
            "规模以上工业增加值增长9%以上",
            "财政总收入突破35亿元",
        )),
        _node("MB2", "“12335”两个中心：区域物流中心和商贸中心", GOAL, "“12335”工作目标之二。", _targets(
            "MB2",
            "临江港区域物流中心：港口年吞吐量突破500万吨",
            "城东区域商贸中心：社会消费品零售总额增长10%",
        )),
        _node("MB3", "“12335”三个基地：有色金属、新型建材、绿色食品", GOAL, "“12335”工作目标之三。", _targets(
            "MB3",
            "有色金属精深加工基地：主营业务收入突破200亿元",
            "新型建材基地：新增装配式建材产能100万立方米",
            "绿色食品加工基地：农产品加工转化率达到70%",
        )),
        _node("MB4", "“12335”三大产业：电子信息、现代农业、全域旅游", GOAL, "“12335”工作目标之四。", _targets(
            "MB4",
            "电子信息产业：规模以上企业达到30家",
            "现代农业：新增高标准农田5万亩，培育农民专业合作社50家",
            "全域旅游：接待游客突破600万人次",
        )),
        _node("MB5", "“12335”五项工程：城市提质、乡村振兴、民生保障、生态环保、固本强基", GOAL,
              "“12335”工作目标之五。", _targets(
                  "MB5",
                  "城市提质工程：完成老旧小区改造40个",
                  "乡村振兴工程：村集体经营性收入全部达到10万元以上",
                  "民生保障工程：办好十件民生实事",
                  "生态环保工程：空气质量优良天数比例达到92%以上",
                  "固本强基工程：软弱涣散基层党组织整顿转化率100%",
              )),
    ),
)


def seed_goals() -> dict[str, int]:
    """Write the framework (into a database without it); returns how many goals of each kind."""
    with transaction.atomic():
        Goal.objects.load_bulk([FRAMEWORK], bulk_create=True)
        root = Goal.objects.get(code=FRAMEWORK["data"]["code"])
        counts = dict(Counter(Goal.objects.filter(path__startswith=root.path).values_list("kind", flat=True)))
        audit.record("demo.seed_goals", by=None, obj=root, after={"counts": counts})
    return counts
