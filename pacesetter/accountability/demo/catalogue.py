"""The demo county's key tasks, drawn from the speech's third section: spring tree planting,
key project construction (the industrial park's standard factory buildings, roads, the
port), attracting investment, competing for projects and funds, and key engineering works.

Each task names how it keeps to schedule in the demo (`state`), so the dashboards show a
realistic mix: most on track, some behind, a few seriously behind or late with reports,
three completed, one suspended, one not started yet. Units are named by a word of their
name (the first organisation of the county whose name holds it, agencies first) or as
T1/T2, the first and second township; the leader by their place in the county's list
(1 is the county party secretary, whose login is `leader1`).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..enums import KeyTaskKind

WORK, PROJECT, ENGINEERING = KeyTaskKind.KEY_WORK, KeyTaskKind.KEY_PROJECT, KeyTaskKind.KEY_ENGINEERING

ON_TRACK, BEHIND, SERIOUS, LATE_REPORT = "on_track", "behind", "serious", "late_report"
COMPLETED, SUSPENDED, NOT_STARTED = "completed", "suspended", "not_started"

#: Code prefixes by kind: 重点工作 GZ, 重点项目 XM, 重点工程 GC.
PREFIX = {WORK: "GZ", PROJECT: "XM", ENGINEERING: "GC"}

#: Milestones of the usual kinds of task, when a task names none of its own.
BUILD = ("前期手续办结（立项、用地、环评）", "主体工程开工", "主体结构完工", "配套设施安装", "竣工验收")
WORKS = ("施工图设计审查", "招标确定施工单位", "路基（主体）工程完成", "竣工验收")
INVEST = ("梳理招商目录、制定推介方案", "举办专题推介活动", "重点项目集中签约", "签约项目落地开工")
APPLY = ("项目谋划入库", "编制申报材料", "通过省级评审", "资金（批复）下达")


@dataclass(frozen=True)
class Spec:
    title: str
    kind: str
    state: str
    leader: int
    lead: str
    supporting: tuple[str, ...]
    goal: str
    budget: int | None
    description: str
    milestones: tuple[str, ...]
    #: Which phrases its progress reports use: plant, build, invest, apply, rural.
    theme: str


def _t(title, kind, state, leader, lead, supporting, goal, budget, description, milestones, theme) -> Spec:
    return Spec(title, kind, state, leader, lead, tuple(supporting), goal, budget, description, tuple(milestones),
                theme)


TASKS = (
    # --- spring tree planting and greening (春季植树造林) -------------------------------------
    _t("春季植树造林（全县新增造林3万亩）", WORK, COMPLETED, 10, "林业局", ["自然资源局", "T1", "T2"], "MB5-04", 1800,
       "落实县级领导包片、乡镇包村责任，完成荒山造林、通道绿化和村庄绿化3万亩，苗木成活率90%以上。",
       ["苗木调运、整地挖穴", "集中造林第一阶段（1.5万亩）", "集中造林第二阶段（1.5万亩）", "成活率核查验收"], "plant"),
    _t("国省干道沿线绿色通道建设", ENGINEERING, ON_TRACK, 10, "林业局", ["交通运输局"], "MB5-04", 2600,
       "国道、省道沿线两侧各建设20米宽绿化带，共86公里，做到四季有绿、三季有花。",
       ["规划设计", "土地流转与清表", "苗木栽植", "抚育管护与验收"], "plant"),
    _t("城区公园绿地提质改造", ENGINEERING, ON_TRACK, 12, "城市管理局", ["住房和城乡建设局"], "MB5-01", 4200,
       "新建滨江公园，改造人民公园、城东游园，新增城区绿地面积18万平方米。", BUILD[:1] + ("滨江公园主体完工", "人民公园改造完工", "竣工验收"),
       "build"),
    _t("森林防火与林业有害生物防治", WORK, ON_TRACK, 10, "应急管理局", ["林业局"], "MB5-04", 380,
       "完成防火隔离带建设120公里，松材线虫病疫木清理率100%。", ["防火隔离带建设", "疫木集中清理", "秋冬季防火检查"], "plant"),
    # --- the industrial park (工业园区) ------------------------------------------------------
    _t("县工业园区标准厂房二期（12万平方米）", PROJECT, ON_TRACK, 1, "科技和工业信息化局",
       ["自然资源局", "住房和城乡建设局", "工业园区第一联合"], "RW1-03", 36000,
       "建设标准厂房24栋12万平方米及配套道路管网，为招商项目“拎包入驻”提供载体。", BUILD, "build"),
    _t("县工业园区标准厂房三期（8万平方米）", PROJECT, SERIOUS, 1, "科技和工业信息化局", ["自然资源局", "T1"], "RW1-03",
       24000, "建设标准厂房16栋8万平方米；用地报批和征地拆迁须在上半年完成。", BUILD[:4], "build"),
    _t("工业园区污水处理厂及配套管网", ENGINEERING, BEHIND, 4, "生态环境分局", ["住房和城乡建设局", "水利局"], "MB5-04",
       9800, "新建日处理2万吨污水处理厂一座、配套管网18公里，园区污水全收集全处理。", WORKS, "build"),
    _t("工业园区“三纵两横”路网", ENGINEERING, ON_TRACK, 4, "交通运输局", ["科技和工业信息化局"], "RW1-03", 15600,
       "新建园区主干道5条共14.6公里，同步敷设给排水、电力、通信管线。", WORKS, "build"),
    _t("工业园区110千伏变电站", ENGINEERING, BEHIND, 4, "发展和改革局", ["自然资源局"], "RW1-02", 7200,
       "新建110千伏变电站一座，满足园区新增用电负荷12万千伏安。", ("可研及接入系统批复", "土建施工", "设备安装调试", "投运送电"),
       "build"),
    _t("城关镇工业园区扩区征地拆迁", WORK, SERIOUS, 2, "T1", ["自然资源局", "司法局"], "RW1-03", 12000,
       "完成园区扩区范围内1800亩土地征收、312户房屋拆迁安置，按期交付净地。",
       ("入户调查与丈量登记", "补偿方案公示", "签订补偿协议", "净地交付"), "rural"),
    # --- key projects of the "12335" bases and industries ------------------------------------
    _t("有色金属精深加工产业园（年产5万吨铜杆）", PROJECT, ON_TRACK, 1, "科技和工业信息化局", ["商务局"], "MB3-01", 58000,
       "引进年产5万吨低氧光亮铜杆及漆包线项目，建成后年产值40亿元。", BUILD, "build"),
    _t("新型建材产业园装配式构件生产线", PROJECT, ON_TRACK, 11, "住房和城乡建设局", ["科技和工业信息化局"], "MB3-02",
       21000, "建设年产30万立方米装配式混凝土构件生产线两条。", BUILD[:4], "build"),
    _t("绿色食品加工园冷链物流中心", PROJECT, LATE_REPORT, 3, "农业农村局", ["商务局", "市场监督管理局"], "MB3-03",
       8600, "建设冷库容量3万吨的冷链物流中心，配套农产品检测和电商分拣。", BUILD[:4], "build"),
    _t("电子信息产业园孵化楼", PROJECT, BEHIND, 1, "科技和工业信息化局", ["人力资源和社会保障局"], "MB4-01", 13500,
       "建设孵化楼及研发中心4.2万平方米，引进电子元器件企业10家以上。", BUILD[:4], "build"),
    _t("临江港二期码头工程", ENGINEERING, ON_TRACK, 1, "交通运输局", ["发展和改革局", "水利局"], "MB2-01", 46000,
       "新建3000吨级泊位4个，港口年吞吐能力增加300万吨。", ("港池疏浚", "码头桩基施工", "码头面层及堆场", "交工验收"),
       "build"),
    _t("城东商贸物流城", PROJECT, SUSPENDED, 2, "商务局", ["自然资源局", "住房和城乡建设局"], "MB2-02", 32000,
       "建设集商贸、仓储、配送于一体的商贸物流城；因规划调整暂缓实施，待县国土空间规划批复后复工。", BUILD, "build"),
    _t("县城至高速互通连接线（一级公路12公里）", ENGINEERING, ON_TRACK, 11, "交通运输局", ["自然资源局", "T1"],
       "RW1-02", 28000, "按一级公路标准新建连接线12公里，县城上高速时间缩短至10分钟。", WORKS, "build"),
    _t("农村公路提质改造200公里", ENGINEERING, BEHIND, 11, "交通运输局", ["T2", "财政局"], "MB5-02", 16000,
       "完成通村公路提质改造200公里、危桥改造12座。", ("项目清单审定", "第一批100公里完工", "危桥改造完工", "第二批100公里完工"),
       "build"),
    _t("城区老旧小区改造（40个）", ENGINEERING, ON_TRACK, 12, "住房和城乡建设局", ["T1", "城市管理局"], "MB5-01", 9600,
       "改造2000年前建成的老旧小区40个，惠及居民5600户，同步加装电梯60部。",
       ("居民意愿征询与方案设计", "第一批20个小区完工", "第二批20个小区完工", "加装电梯并验收"), "build"),
    _t("县人民医院综合楼", PROJECT, BEHIND, 12, "卫生健康局", ["发展和改革局", "财政局"], "MB5-03", 26000,
       "建设门诊医技综合楼5.6万平方米，新增床位500张。", BUILD, "build"),
    _t("县第一中学新校区", PROJECT, ON_TRACK, 3, "教育局", ["自然资源局", "住房和城乡建设局"], "MB5-03", 31000,
       "新建可容纳4800名学生的高中新校区，秋季学期前完成教学楼主体。", BUILD[:4], "build"),
    _t("城区供水厂扩建", ENGINEERING, SERIOUS, 4, "水利局", ["住房和城乡建设局", "生态环境分局"], "MB5-03", 11000,
       "供水厂日供水能力由5万吨扩建至10万吨，解决城东片区和工业园区用水。", WORKS, "build"),
    _t("中小河流治理（清水河段）", ENGINEERING, LATE_REPORT, 10, "水利局", ["T2"], "MB5-04", 5400,
       "治理清水河干流18公里，新建堤防9公里、护岸12公里。", WORKS, "build"),
    _t("高标准农田建设5万亩", ENGINEERING, ON_TRACK, 3, "农业农村局", ["T1", "T2", "自然资源局"], "MB4-02", 15000,
       "新建高标准农田5万亩，配套机耕路、灌排渠系，亩均粮食增产100斤。", ("项目初步设计批复", "土地平整", "灌排工程", "竣工验收"),
       "rural"),
    _t("青石峡景区提质升级", PROJECT, BEHIND, 7, "文化广电旅游局", ["交通运输局"], "MB4-03", 8800,
       "建设游客服务中心、旅游栈道和停车场，创建国家4A级旅游景区。", BUILD[:4], "build"),
    _t("冬春农田水利建设", ENGINEERING, NOT_STARTED, 3, "水利局", ["农业农村局", "T1", "T2"], "MB4-02", 3200,
       "冬春时节清淤山塘、整修渠道，新增和改善灌溉面积3万亩。", ("山塘清淤", "渠道整修", "验收评比"), "rural"),
    # --- attracting investment (招商引资) ----------------------------------------------------
    _t("长三角招商推介会（上海、苏州）", WORK, COMPLETED, 2, "商务局", ["科技和工业信息化局", "工商联"], "RW2-01", 120,
       "在上海、苏州举办招商推介会两场，签约亿元以上项目不少于8个。", INVEST[:3], "invest"),
    _t("珠三角电子信息产业专题招商", WORK, ON_TRACK, 1, "商务局", ["科技和工业信息化局"], "RW2-01", 160,
       "围绕电子元器件、智能终端开展驻点招商，全年引进电子信息项目10个。", INVEST, "invest"),
    _t("有色金属产业链精准招商", WORK, SERIOUS, 9, "科技和工业信息化局", ["商务局", "工商联"], "RW2-02", 90,
       "绘制有色金属产业链招商图谱，引进补链延链强链项目6个，到位资金20亿元。", INVEST, "invest"),
    _t("返乡创业“引凤还巢”工程", WORK, LATE_REPORT, 9, "人力资源和社会保障局", ["工商联", "T2"], "RW2-03", 300,
       "吸引在外能人返乡创办企业60家，带动就业3000人。", ("建立在外人才库", "举办返乡创业恳谈会", "返乡项目落地", "创业孵化基地挂牌"),
       "invest"),
    _t("签约项目“双月”集中开工", WORK, ON_TRACK, 2, "发展和改革局", ["商务局", "自然资源局"], "RW1-01", None,
       "每两个月组织一次签约项目集中开工，全年新开工亿元以上项目40个。",
       ("第一批集中开工", "第二批集中开工", "第三批集中开工", "第四批集中开工", "年度开工目标考核"), "invest"),
    _t("优化营商环境“一网通办”", WORK, ON_TRACK, 4, "政务服务中心", ["市场监督管理局", "自然资源局"], "RW2-03", 650,
       "企业开办1个工作日办结，工业项目审批压缩至30个工作日以内。", ("事项清单梳理", "系统上线运行", "“容缺受理”全面推行"),
       "invest"),
    _t("新增规模以上工业企业培育", WORK, ON_TRACK, 4, "科技和工业信息化局", ["统计局", "税务局"], "RW2-03", 500,
       "建立“小升规”培育库，全年新增规模以上工业企业25家。", ("建立培育库", "一企一策帮扶", "月度入统申报", "年度目标考核"), "invest"),
    # --- competing for projects and funds (争项目争资金) -------------------------------------
    _t("中央预算内投资项目申报", WORK, COMPLETED, 4, "发展和改革局", ["财政局"], "RW1-02", None,
       "争取中央预算内投资项目15个、资金2.8亿元。", APPLY, "apply"),
    _t("地方政府专项债券项目申报（30亿元）", WORK, ON_TRACK, 4, "财政局", ["发展和改革局"], "RW1-02", None,
       "谋划储备专项债券项目40个，争取发行额度30亿元。", APPLY, "apply"),
    _t("超长期特别国债项目争取", WORK, ON_TRACK, 2, "发展和改革局", ["财政局", "交通运输局", "水利局"], "RW1-02", None,
       "围绕交通、水利、城市更新谋划超长期特别国债项目，争取资金5亿元以上。", APPLY, "apply"),
    _t("省级工业园区扩区调区申报", WORK, BEHIND, 2, "自然资源局", ["科技和工业信息化局", "发展和改革局"], "RW1-03", 180,
       "园区规划面积由12平方公里扩至20平方公里，年内获省政府批复。", ("编制扩区方案", "规划环评与用地审查", "市级审核", "省政府批复"),
       "apply"),
    _t("乡村振兴衔接资金项目申报", WORK, LATE_REPORT, 3, "乡村振兴局", ["农业农村局", "财政局"], "MB5-02", None,
       "争取衔接推进乡村振兴补助资金1.6亿元，产业项目占比不低于60%。", APPLY, "apply"),
    _t("山水林田湖草生态保护修复资金争取", WORK, ON_TRACK, 6, "生态环境分局", ["自然资源局", "林业局"], "MB5-04", 260,
       "申报山水林田湖草沙一体化保护修复工程，争取中央和省级资金3亿元。", APPLY, "apply"),
    # --- townships (乡镇) -------------------------------------------------------------------
    _t("城关镇背街小巷改造", ENGINEERING, BEHIND, 12, "T1", ["城市管理局"], "MB5-01", 2400,
       "改造城关镇背街小巷46条，完成雨污分流、路面硬化和路灯安装。", ("摸底调查与方案公示", "第一批23条完工", "第二批23条完工"),
       "build"),
    _t("村集体经济“清零”攻坚", WORK, ON_TRACK, 5, "T2", ["农业农村局", "乡村振兴局"], "MB5-02", 600,
       "每个村培育一个集体经济项目，村集体经营性收入全部达到10万元以上。",
       ("一村一策规划", "产业项目落地", "收益分配公示", "年度考核验收"), "rural"),
    _t("软弱涣散基层党组织整顿转化", WORK, ON_TRACK, 5, "组织部", ["T1", "T2"], "MB5-05", 80,
       "对排查出的软弱涣散村（社区）党组织逐个落实县级领导联系、第一书记驻村，年内全部整顿转化。",
       ("排查确定整顿对象", "落实联系领导和第一书记", "整顿转化验收"), "rural"),
)
