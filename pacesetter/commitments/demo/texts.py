"""What the demo's organisations and members pledge, and what people write about it: data
in Chinese (the county's own language), not interface strings.

Items follow the sector templates' themes (templates_catalogue): teachers' ethics in
schools, medical ethics and patient relations in hospitals, service efficiency in agencies,
members' responsibility zones in enterprises. Some name the county goal (a code of
orgs.demo.goals) they serve.
"""
from __future__ import annotations

from dataclasses import dataclass

from pacesetter.orgs.enums import Sector

from ..enums import Category, Judgement

SERVICE, ETHICS, EFFICIENCY = Category.SERVICE, Category.ETHICS, Category.EFFICIENCY
DEVELOPMENT, RESPONSIBILITY = Category.DEVELOPMENT, Category.RESPONSIBILITY
STUDY, ORGANISATION = Category.STUDY, Category.ORGANISATION


@dataclass(frozen=True)
class ItemText:
    category: str
    content: str
    target: str
    goal: str | None = None  # a Goal code


def _t(category: str, content: str, target: str, goal: str | None = None) -> ItemText:
    return ItemText(category, content, target, goal)


ORGANISATION_ITEMS: dict[str, tuple[ItemText, ...]] = {
    Sector.AGENCY: (
        _t(EFFICIENCY, "推行“一窗受理、一次办好”，压缩群众和企业办事时限",
           "办事材料精简30%，承诺时限内办结率100%", "RW2-01"),
        _t(SERVICE, "在服务窗口和网站公开办事指南、收费标准和监督电话",
           "服务事项公开率100%，群众满意率90%以上"),
        _t(ETHICS, "开展作风建设专项整治，杜绝“门难进、脸难看、事难办”和吃拿卡要",
           "全年无有效投诉，行风评议满意率90%以上"),
        _t(DEVELOPMENT, "班子成员每人联系1个重点项目，到现场办公解决问题",
           "联系项目按期开工率100%，协调解决问题不少于10个", "RW1-01"),
        _t(SERVICE, "开展党员干部“进村入户”走访活动，建立民情台账",
           "每名党员每季度走访群众不少于5户"),
        _t(EFFICIENCY, "落实首问负责、限时办结和责任追究制度",
           "首问负责落实率100%，超时办结为零"),
        _t(DEVELOPMENT, "为招商引资项目提供审批全程代办服务",
           "代办项目审批平均用时不超过20个工作日", "RW2-02"),
        _t(RESPONSIBILITY, "设立党员先锋岗和党员示范窗口",
           "每个科室至少设立1个党员先锋岗"),
    ),
    Sector.SCHOOL: (
        _t(ETHICS, "加强师德师风建设，杜绝有偿补课和收受家长礼品礼金",
           "全年师德违规为零，教师签订师德承诺书100%"),
        _t(SERVICE, "党员教师每人结对帮扶2名学习或生活困难的学生",
           "结对帮扶学生学业进步率80%以上", "MB5-03"),
        _t(SERVICE, "每月开展一次家长开放日，党员教师带头家访",
           "家长满意度测评90%以上，家访覆盖全部学生"),
        _t(DEVELOPMENT, "党员教师带头上示范课、开展教学研究",
           "每名党员教师每学期上示范课1节，完成县级以上课题2项"),
        _t(SERVICE, "落实“双减”政策，开展课后延时服务",
           "有需求的学生课后服务覆盖率100%", "MB5-03"),
        _t(RESPONSIBILITY, "党员教师包干校园安全责任区，定期排查隐患",
           "校园安全责任事故为零"),
        _t(ETHICS, "规范招生和收费行为，收费项目全部公示",
           "违规收费为零，收费公示率100%"),
    ),
    Sector.HEALTH: (
        _t(ETHICS, "加强医德医风建设，拒收红包和回扣",
           "医德医风有效投诉为零"),
        _t(SERVICE, "改善医患关系，检查、治疗和费用事前告知",
           "患者满意度92%以上"),
        _t(EFFICIENCY, "优化就诊流程，推行预约诊疗和检查结果互认",
           "门诊平均候诊时间30分钟以内", "MB5-03"),
        _t(SERVICE, "组织党员医生下乡义诊，做实家庭医生签约服务",
           "全年义诊不少于12次，重点人群签约率75%以上", "MB5-03"),
        _t(DEVELOPMENT, "开展新技术新项目，提升县域医疗服务能力",
           "新开展新技术项目5项，县域内就诊率90%以上", "MB5-03"),
        _t(RESPONSIBILITY, "每个科室设立党员示范岗和党员服务先锋号",
           "党员示范岗覆盖全部临床科室"),
        _t(EFFICIENCY, "推行“先诊疗后付费”和出院一站式结算",
           "出院结算平均用时10分钟以内"),
    ),
    Sector.ENTERPRISE: (
        _t(RESPONSIBILITY, "划分党员责任区，党员在生产一线带头攻坚",
           "每名党员有责任区，责任区安全生产事故为零"),
        _t(DEVELOPMENT, "党员领衔技术攻关项目",
           "完成技术攻关项目2项以上，节约成本50万元", "MB3-01"),
        _t(RESPONSIBILITY, "设立党员先锋岗和党员示范班组",
           "每个车间至少1个党员先锋岗"),
        _t(DEVELOPMENT, "党员带头参与技术改造和产品升级",
           "完成技改投资2000万元，新产品产值增长15%", "MB4-01"),
        _t(SERVICE, "关心关爱职工，帮扶困难职工家庭",
           "困难职工走访慰问全覆盖，职工满意率90%以上"),
        _t(ORGANISATION, "把生产经营骨干培养成党员，把党员培养成生产经营骨干",
           "发展党员1名，培养入党积极分子2名"),
        _t(DEVELOPMENT, "党员带头开拓市场，完成年度生产经营任务",
           "年产值增长12%以上，新增就业岗位20个", "MB1-02"),
        _t(RESPONSIBILITY, "党员带头开展安全生产隐患排查治理",
           "排查出的隐患整改率100%"),
    ),
    Sector.SOCIAL: (
        _t(SERVICE, "党员带头开展志愿服务活动",
           "每月至少1次志愿服务，服务群众500人次以上", "MB5-03"),
        _t(SERVICE, "为会员提供政策宣讲和法律咨询服务",
           "全年举办政策宣讲会4场，服务会员100家次"),
        _t(ORGANISATION, "规范财务管理和活动管理，依法依章程开展活动",
           "年检合格，财务每季度公开1次"),
        _t(SERVICE, "组织会员参与乡村振兴和公益帮扶",
           "结对帮扶困难群众20户", "MB5-02"),
        _t(DEVELOPMENT, "引导会员企业参与招商引资和项目建设",
           "推荐引进项目2个", "RW2-01"),
    ),
    Sector.VILLAGE: (
        _t(DEVELOPMENT, "发展壮大村集体经济，领办农民专业合作社",
           "村集体经营性收入达到15万元以上", "MB5-02"),
        _t(SERVICE, "推行为民代办服务，群众办事不出村",
           "群众诉求3个工作日内回应，代办事项办结率100%"),
        _t(DEVELOPMENT, "党员带头发展特色种养，每名党员帮带2户群众增收",
           "帮带农户人均收入增长10%", "MB4-02"),
        _t(SERVICE, "开展农村人居环境整治，建设美丽乡村",
           "村庄保洁覆盖率100%，改厕任务全部完成", "MB5-04"),
        _t(ORGANISATION, "落实“四议两公开”，党务、村务、财务按时公开",
           "每季度公开1次，群众满意率90%以上"),
        _t(SERVICE, "建立矛盾纠纷排查调处机制",
           "矛盾纠纷调处成功率95%以上，不发生越级上访"),
        _t(DEVELOPMENT, "配合做好重点项目征地和建设环境保障",
           "按期交付项目建设用地", "RW1-01"),
        _t(SERVICE, "关爱留守老人、留守儿童和困难群众",
           "走访慰问全覆盖，建立帮扶台账", "MB5-03"),
    ),
    Sector.COMMUNITY: (
        _t(SERVICE, "在职党员到社区报到，为居民服务",
           "每名报到党员全年服务不少于4次"),
        _t(EFFICIENCY, "推行网格化管理，居民诉求通过网格及时解决",
           "居民诉求7天内办结率95%以上", "MB5-01"),
        _t(SERVICE, "建设“15分钟便民服务圈”，开展便民服务",
           "新增便民服务点3个，居民满意度90%以上", "MB5-01"),
        _t(SERVICE, "推进老旧小区改造和环境整治",
           "完成老旧小区改造2个", "MB5-01"),
        _t(SERVICE, "关爱空巢老人和困难家庭，开展结对帮扶",
           "困难家庭结对帮扶全覆盖", "MB5-03"),
        _t(ORGANISATION, "推进小区党支部和楼栋党小组建设",
           "小区党组织覆盖率100%"),
        _t(SERVICE, "开展平安社区建设和消防安全宣传",
           "刑事案件和火灾事故同比下降"),
    ),
}

#: Party committees and general branches lead other organisations: what they pledge besides.
LEADING_ITEMS = (
    _t(ORGANISATION, "落实基层党建工作责任制，开展书记抓党建述职评议",
       "所属党组织书记述职评议全覆盖", "MB5-05"),
    _t(ORGANISATION, "整顿软弱涣散基层党组织，推动后进赶先进",
       "软弱涣散党组织整顿转化率100%", "MB5-05"),
    _t(STUDY, "开展党员教育培训，建强党员队伍",
       "党员年度集中培训不少于32学时"),
    _t(DEVELOPMENT, "班子成员联系重点项目和重点企业",
       "联系项目和企业反映的问题解决率90%以上", "RW1-02"),
)

COMMON_ITEMS = (
    _t(STUDY, "组织全体党员开展每月主题学习",
       "全年集中学习12次以上，党员参学率90%以上"),
    _t(ORGANISATION, "严格落实“三会一课”和主题党日制度",
       "党员大会每季度1次，主题党日每月1次，记录完整"),
    _t(STUDY, "开展党员“亮身份、作表率”活动",
       "党员佩戴党徽亮身份，公开承诺覆盖率100%"),
    _t(ORGANISATION, "规范发展党员工作，按月足额收缴党费",
       "党费按月足额收缴，发展党员程序规范"),
)

MEMBER_ITEMS: dict[str, tuple[ItemText, ...]] = {
    Sector.AGENCY: (
        _t(EFFICIENCY, "首问负责、限时办结，不让群众跑冤枉路", "经办事项承诺时限内办结率100%"),
        _t(SERVICE, "联系帮扶1户困难群众", "全年走访帮扶户不少于6次"),
    ),
    Sector.SCHOOL: (
        _t(ETHICS, "坚守师德，不从事有偿补课，不收受家长礼品", "全年零违规"),
        _t(SERVICE, "结对帮扶2名学习困难的学生", "帮扶学生期末成绩明显提升"),
    ),
    Sector.HEALTH: (
        _t(ETHICS, "不收红包、不拿回扣，合理检查合理用药", "全年零投诉"),
        _t(SERVICE, "参加下乡义诊和健康宣讲", "全年参加义诊不少于6次", "MB5-03"),
    ),
    Sector.ENTERPRISE: (
        _t(RESPONSIBILITY, "当好责任区安全生产监督员", "责任区安全事故为零"),
        _t(DEVELOPMENT, "围绕生产经营提出合理化建议", "全年提出合理化建议3条以上", "MB4-01"),
    ),
    Sector.SOCIAL: (
        _t(SERVICE, "参加公益志愿服务活动", "全年参加志愿服务不少于6次"),
    ),
    Sector.VILLAGE: (
        _t(DEVELOPMENT, "带头发展特色种养，帮带2户群众增收", "帮带户年收入增长10%", "MB4-02"),
        _t(SERVICE, "担任网格联络员，收集反映群众诉求", "每月走访联系户不少于5户"),
        _t(SERVICE, "带头参与村庄环境整治", "门前“三包”责任区长期整洁", "MB5-04"),
    ),
    Sector.COMMUNITY: (
        _t(SERVICE, "参加社区志愿服务", "全年志愿服务不少于24小时"),
        _t(SERVICE, "担任楼栋长，帮助邻里解决困难", "楼栋居民诉求及时反映率100%", "MB5-01"),
    ),
}

MEMBER_COMMON = (
    _t(STUDY, "按时参加组织生活，坚持学习", "全年参加组织生活不缺席，每月自学不少于4小时"),
    _t(SERVICE, "为群众办实事", "全年为群众办实事3件以上，事事有记录"),
)

PROGRESS_NOTES = (
    "已召开专题推进会，明确责任人和时间节点，各项工作按计划推进。",
    "本阶段已完成{n}项具体工作，群众反映良好。",
    "对照承诺目标开展自查，发现问题{n}个，已整改到位。",
    "组织党员{m}人次参与，相关台账资料已整理归档。",
    "阶段性目标已经完成，下一步重点抓好巩固提升。",
    "已走访群众{m}户，收集意见建议{n}条，正在逐条落实。",
    "经支部委员会研究，调整了工作方法，进度明显加快。",
)
DELIVERED_NOTES = (
    "承诺事项已全部完成，经支部委员会核实，佐证材料已公示。",
    "已按期完成承诺目标，群众满意。",
    "目标任务超额完成，经上级党组织验收通过。",
)
NOT_DELIVERED_NOTES = (
    "受项目审批进度影响未能按期完成，已向上级党组织说明情况并制定整改措施。",
    "因资金未能及时到位，承诺目标只完成了一部分，已列入下年度重点推进。",
    "因政策调整，承诺事项未能兑现，已作出书面说明。",
)
RETURN_REASONS = (
    "承诺内容过于笼统，请细化为可量化、可考核的具体目标。",
    "个别承诺的完成时限与活动安排不符，请调整后重新提交。",
    "承诺事项与本单位职能结合不够紧密，请对照“12335”工作目标修改。",
    "缺少服务群众方面的承诺，请补充后重新提交。",
)
RESUBMIT_NOTE = "已按上级意见细化目标并调整完成时限。"

#: (kind, text, name) from the public; the kind is "feedback" or "objection".
FEEDBACK = (
    ("feedback", "预约挂号确实方便多了，为医护人员点赞！", "一位患者家属"),
    ("feedback", "村里的路灯修好了，晚上出门安全多了，谢谢党员同志。", "老张"),
    ("feedback", "希望能多组织一些针对老年人的活动。", ""),
    ("feedback", "窗口的同志态度很好，一次就把事情办完了。", "王女士"),
    ("feedback", "家长开放日很有意义，希望坚持下去。", "一位家长"),
    ("feedback", "合作社带着我们种蔬菜，今年收入比去年多了不少。", "村民李大姐"),
    ("feedback", "网格员上门登记了我们反映的问题，第二周就解决了。", "热心居民"),
    ("objection", "承诺的便民服务点到现在还没有建好，请说明原因。", ""),
    ("objection", "村务公开栏上个季度的账目还没有贴出来。", "村民"),
    ("objection", "承诺的办结时限没有做到，我的事情拖了一个多月。", ""),
)
#: Replies of the organisation, by the kind of what it answers.
REPLIES = {
    "feedback": (
        "感谢您的肯定，我们将继续努力！",
        "感谢您的建议，已纳入下一步工作计划。",
    ),
    "objection": (
        "经核实，情况属实，已督促相关同志限期整改，整改结果将在公示栏公布。",
        "经核实，该事项因选址调整推迟，预计12月中旬完成，届时将公示。",
    ),
}
#: (text, why it was not shown)
REJECTED = (
    ("专业办理各类证件，价格优惠，欢迎来电咨询。", "广告信息，与承诺内容无关。"),
    ("这些人都是骗子，什么都不干！！！", "含有侮辱性言辞，且未指明具体事项。"),
    ("卫生院的预约挂号确实方便多了，为医护人员点赞！", "与已显示的留言重复。"),
)

REVIEW_COMMENTS = {
    Judgement.EXCELLENT: "承诺事项全部兑现，群众评价高，示范带动作用明显。",
    Judgement.GOOD: "大部分承诺按期兑现，个别事项需加快进度。",
    Judgement.FAIR: "部分承诺进度滞后，需加强督促、限期完成。",
    Judgement.POOR: "承诺兑现率低，群众意见较大，责令限期整改。",
}
