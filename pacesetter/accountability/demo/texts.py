"""What the demo's people write: progress narratives, the leader's comments, answers to
supervision notices, an inspector's findings and decisions. Chinese, as a county writes."""
from __future__ import annotations

import datetime
import random

from .catalogue import BEHIND, SERIOUS, Spec
from .timeline import Report, Timeline

DONE = {
    "plant": ("组织干部群众义务植树{n}千人次", "完成整地挖穴{n}万个", "调运各类苗木{n}万株", "开展补植补造和抚育管护",
              "落实护林员网格化管护责任"),
    "build": ("施工单位{n}台机械、{m}名工人在岗作业", "完成桩基施工{m}根", "完成土石方{n}万立方米",
              "开展质量安全检查{n}次，整改隐患{m}处", "材料、设备按计划进场"),
    "invest": ("赴外对接客商{n}批次", "接待来访客商{n}批次", "新签约项目{n}个，协议资金{m}亿元", "跟踪在谈项目{m}个",
               "落实“一个项目、一名领导、一套班子”服务机制"),
    "apply": ("梳理储备项目{m}个", "完成{n}个项目可研报告编制", "赴省直部门对接汇报{n}次", "{n}个项目纳入省级项目库",
              "与设计单位逐项完善申报材料"),
    "rural": ("入户走访{m}户", "召开群众会、协调会{n}场", "完成{n}个村（组）的工作任务", "落实包村干部责任",
              "化解矛盾纠纷{n}起"),
}
CAUSES = ("连续降雨", "用地报批进度", "征地拆迁遗留问题", "资金拨付滞后", "设计变更", "施工力量不足")
REMEDIES = ("倒排工期、增加施工力量", "提请县级联系领导召开专题调度会协调解决", "实行周调度、旬通报",
            "督促责任单位落实赶工措施")
NEXT = ("倒排工期、挂图作战，确保下一节点按期完成", "加强与省市部门对接，争取早日批复", "加快资金拨付进度",
        "强化质量安全管理", "做好群众工作，营造良好施工环境")
COMMENTS = ("已阅，进度较好，继续保持。", "要倒排工期，确保节点按期完成。", "请牵头单位会同配合单位每周调度一次。",
            "注意质量安全，不能只抢进度。", "")


def narrative(rng: random.Random, spec: Spec, line: Timeline, report: Report, *, last: bool) -> str:
    """A report's narrative: what was done this period, the milestones reached, money spent,
    why it lags (behind tasks' latest report) and what comes next."""
    phrases = rng.sample(DONE[spec.theme], 2)
    parts = [f"{report.day.month}月工作进展："
             + "；".join(p.format(n=rng.randint(2, 9), m=rng.randint(10, 60)) for p in phrases) + "。"]
    parts += [f"“{line.milestones[i][0]}”节点已完成。" for i in report.done]
    if spec.budget and spec.theme == "build":
        parts.append(f"累计完成投资{spec.budget * report.percent // 100}万元，占计划总投资的{report.percent}%。")
    if last and spec.state in (BEHIND, SERIOUS) and line.overdue is not None:
        title = line.milestones[line.overdue][0]
        parts.append(f"受{rng.choice(CAUSES)}影响，“{title}”节点未能按期完成，正在{rng.choice(REMEDIES)}。")
    if report.percent < 100:
        parts.append(f"下一步：{rng.choice(NEXT)}。")
    else:
        parts.append("年度任务全面完成，已通过验收。")
    return "".join(parts)


def comment(rng: random.Random) -> str:
    return rng.choice(COMMENTS)


def notice_answer(rng: random.Random, respond_by: datetime.date) -> str:
    return (f"收到督办通知后，单位党组（党委）立即召开专题会议研究整改措施：一是{rng.choice(REMEDIES)}；"
            f"二是明确一名班子成员专职负责，每周向县级联系领导报告进展；三是按月报送进度。"
            f"计划于{respond_by:%Y年%m月%d日}前完成滞后节点任务。")


def findings(title: str, milestone: str, due: datetime.date, today: datetime.date, unit: str) -> str:
    return (f"经核查，“{title}”的“{milestone}”节点应于{due:%Y年%m月%d日}完成，截至{today:%Y年%m月%d日}仍未完成，"
            f"逾期{(today - due).days}天；牵头单位{unit}收到提醒和督办通知后未采取有效措施，进度严重滞后，"
            f"影响全县重点工作推进。")


def response(rng: random.Random) -> str:
    return (f"我单位对进度滞后问题深刻反思，已向县效能办作出书面说明：一是{rng.choice(REMEDIES)}；"
            f"二是主要负责人每周到现场调度一次；三是建立问题清单、责任清单、时限清单，逐项销号。")


def decision(unit: str) -> str:
    return (f"经县效能办研究并报县委同意，对{unit}予以通报批评，责令其在30日内完成整改，"
            f"并将整改情况书面报告县效能办；本年度效能考核相应扣分。")
