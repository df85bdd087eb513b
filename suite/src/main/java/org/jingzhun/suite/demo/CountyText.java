package org.jingzhun.suite.demo;

import static org.jingzhun.contracts.FocusArea.BASIC_WORK;
import static org.jingzhun.contracts.FocusArea.BRANCH_STANDARDIZATION;
import static org.jingzhun.contracts.FocusArea.EDUCATION_MISSION;
import static org.jingzhun.contracts.FocusArea.LEADING_REFORM_AND_DEVELOPMENT;
import static org.jingzhun.contracts.FocusArea.MEDICAL_ETHICS;
import static org.jingzhun.contracts.FocusArea.NEW_DEVELOPMENT_PHILOSOPHY;
import static org.jingzhun.contracts.FocusArea.ORGANIZING_POWER;
import static org.jingzhun.contracts.FocusArea.ORGAN_PARTY_BUILDING;
import static org.jingzhun.contracts.FocusArea.PARTY_AFFAIRS;
import static org.jingzhun.contracts.FocusArea.PARTY_BUILDING;
import static org.jingzhun.contracts.FocusArea.PATIENT_SERVICE_GAPS;
import static org.jingzhun.contracts.FocusArea.POLICY_DELIVERY;
import static org.jingzhun.contracts.FocusArea.POLITICAL_FUNCTION;
import static org.jingzhun.contracts.FocusArea.POVERTY_ALLEVIATION;
import static org.jingzhun.contracts.FocusArea.QUALITY_OF_SERVICE;
import static org.jingzhun.contracts.FocusArea.SERVING_GRASSROOTS_AND_DEVELOPMENT;
import static org.jingzhun.contracts.FocusArea.SERVING_THE_MASSES;
import static org.jingzhun.contracts.FocusArea.SOCIAL_GOVERNANCE;
import static org.jingzhun.contracts.FocusArea.TEACHER_ETHICS;
import static org.jingzhun.contracts.FocusArea.TEACHING_MANAGEMENT;
import static org.jingzhun.contracts.FocusArea.TRANSFORMATION_AND_UPGRADING;
import static org.jingzhun.contracts.FocusArea.TWO_COVERAGES;
import static org.jingzhun.contracts.FocusArea.WEAK_FOUNDATIONS;
import static org.jingzhun.contracts.FocusArea.WORK_STYLE_AND_EFFICIENCY;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.Sector;

/**
 * The words of the demo county: real names where the source document or the county gives them (the
 * four county bodies, the 15 towns and streets of 湄潭县, the three special rectifications), plausible
 * ones elsewhere. Data only; {@link CountyGenerator} picks from it with a fixed seed.
 */
final class CountyText {

    private CountyText() {
    }

    static final String EXCERPTS = "《习近平关于“不忘初心、牢记使命”重要论述摘编》";
    static final String OUTLINE = "《习近平新时代中国特色社会主义思想学习纲要》";
    static final String PARTY_CONSTITUTION = "《中国共产党章程》";
    static final String BRANCH_REGULATIONS = "《中国共产党支部工作条例（试行）》";
    static final String RURAL_REGULATIONS = "《中国共产党农村工作条例》";
    static final String ORGAN_SPEECH = "习近平总书记在中央和国家机关党的建设工作会议上的讲话";
    static final String EDUCATION_DISCOURSES = "《深入学习习近平关于教育的重要论述》";
    static final String SECTOR_SPEECHES = "习近平总书记有关行业领域重要讲话及批示指示精神";

    /** A sector's extra reading (分类指导意见), as the source document's plan lists it. */
    static List<String> sectorReadings(Sector sector) {
        return switch (sector) {
            case TOWNSHIP, VILLAGE -> List.of(RURAL_REGULATIONS, BRANCH_REGULATIONS);
            case ORGAN -> List.of(ORGAN_SPEECH);
            case EDUCATION -> List.of(EDUCATION_DISCOURSES);
            case HEALTH, STATE_OWNED, NON_PUBLIC -> List.of(SECTOR_SPEECHES);
            case COUNTY_LEADERSHIP -> List.of(OUTLINE, PARTY_CONSTITUTION);
        };
    }

    /** Tier 1: the four county bodies, with the number of leaders in each (each writes a research report). */
    static final List<String> COUNTY_BODIES = List.of("县委常委会", "县政府党组", "县人大常委会党组", "县政协党组");
    static final List<Integer> COUNTY_LEADERS = List.of(11, 9, 7, 8);

    /** 湄潭县's 3 streets and 12 towns. */
    static final List<String> TOWNS = List.of("湄江街道", "黄家坝街道", "鱼泉街道", "永兴镇", "复兴镇", "马山镇",
            "高台镇", "茅坪镇", "兴隆镇", "新南镇", "石莲镇", "西河镇", "天城镇", "洗马镇", "抄乐镇");

    /** Organs and public institutions with a section-level team, by the county body they report to. */
    static final List<String> ORGANS_UNDER_PARTY_COMMITTEE = List.of("县纪委县监委机关", "县委办公室", "县委组织部",
            "县委宣传部", "县委统战部", "县委政法委", "县委编办", "县委党校", "县直机关工委", "县委巡察办", "县融媒体中心",
            "县档案馆", "县人民法院", "县人民检察院", "县总工会", "团县委", "县妇联");
    static final List<String> ORGANS_UNDER_GOVERNMENT = List.of("县政府办公室", "县发展和改革局", "县财政局",
            "县人力资源和社会保障局", "县自然资源局", "县生态环境局", "县住房和城乡建设局", "县交通运输局", "县水务局",
            "县农业农村局", "县商务局", "县文体广电旅游局", "县退役军人事务局", "县应急管理局", "县审计局",
            "县市场监督管理局", "县统计局", "县医疗保障局", "县林业局", "县扶贫开发办公室", "县民政局", "县司法局",
            "县公安局", "县综合行政执法局", "县投资促进局", "县工业和信息化局", "县科学技术局");
    static final String ORGAN_UNDER_CONGRESS = "县人大常委会机关";
    static final String ORGAN_UNDER_CONFERENCE = "县政协机关";

    static final List<String> SCHOOLS = List.of("县教育局", "湄潭中学", "湄潭县求是高级中学", "湄潭县湄江中学",
            "湄潭县第二中学", "湄潭县中等职业学校", "湄潭县实验小学", "湄潭县湄江小学", "湄潭县机关幼儿园");
    static final List<String> HOSPITALS = List.of("县卫生健康局", "县人民医院", "县中医院", "县妇幼保健院",
            "县疾病预防控制中心", "县第二人民医院", "县卫生健康综合执法大队", "县精神卫生中心");
    /** Branches of each hospital team after the health bureau's (one per town's health centre). */
    static final List<Integer> HOSPITAL_BRANCHES = List.of(6, 5, 3, 2, 3, 1, 1);
    static final List<String> HOSPITAL_DEPARTMENTS = List.of("内科", "外科", "医技", "护理", "行政后勤", "离退休");
    static final List<String> STATE_ENTERPRISES = List.of("县城市建设投资有限公司", "县农业投资开发有限责任公司",
            "县国有资本运营有限公司", "县茶业集团有限公司", "县水务投资有限责任公司");
    static final List<String> NON_PUBLIC_COMMITTEES = List.of("县非公有制经济组织综合党委", "县社会组织综合党委",
            "湄潭经济开发区非公企业党委", "县茶叶行业党委", "县个体私营企业协会党委");
    static final List<String> SOCIAL_ORGANIZATIONS = List.of("县律师协会", "县会计协会", "县民办教育协会",
            "县茶文化研究会", "县老年大学协会", "县慈善总会");
    static final List<String> COMPANY_WORDS = List.of("兰馨", "盛兴", "栗香", "沁园", "金黔", "黔湄", "翠芽", "遵绿",
            "湄江源", "天马", "鑫源", "华联", "永利", "宏达", "富康", "茗香", "云雾", "龙泉", "春晖", "鼎盛", "新茂", "嘉禾",
            "祥和", "恒昌", "茶海", "绿源", "锦程", "山水");
    static final List<String> COMPANY_TRADES = List.of("茶业", "食品", "建材", "物流", "农业开发", "商贸", "酒业",
            "旅游开发", "生态农业");

    /** Syllables of village and community names (…村, …社区), combined without repetition. */
    static final List<String> PLACE_FIRST = List.of("龙", "凤", "金", "银", "新", "红", "和", "永", "双", "桂", "茶",
            "沙", "核桃", "杨", "田", "青", "白", "石", "黄", "马", "官", "大", "高", "中", "竹", "花", "桃", "柏", "枫", "兴",
            "平", "太", "九", "观", "鹿", "七", "群", "民", "团", "光");
    static final List<String> PLACE_SECOND = List.of("坪", "坝", "山", "河", "溪", "岩", "塘", "湾", "堡", "庄", "冲",
            "沟", "坡", "林", "水", "田", "桥", "园", "寨", "屯");

    static final List<String> CHINESE_NUMBERS = List.of("一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
            "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十");

    static final List<String> SURNAMES = List.of("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
            "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭",
            "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "卢", "姚",
            "冉", "敖", "骆", "汪", "廖", "石", "龚", "韦", "付", "令狐");
    static final List<String> GIVEN_NAME_CHARACTERS = List.of("明", "华", "建", "国", "军", "平", "勇", "林", "芳", "丽",
            "英", "敏", "静", "红", "霞", "强", "伟", "磊", "洋", "艳", "杰", "涛", "超", "波", "刚", "辉", "鹏", "玲", "燕",
            "文", "武", "春", "秀", "兰", "成", "福", "贵", "富", "银", "德", "忠", "志", "学", "书", "茂", "海", "云", "雪");

    /** Tier 1's research topics (领题调研). */
    static final List<String> COUNTY_RESEARCH_TOPICS = List.of("湄潭茶产业高质量发展", "农村人居环境整治",
            "脱贫攻坚“回头看”", "乡村振兴战略实施", "优化营商环境", "县域经济高质量发展", "基层党组织标准化规范化建设",
            "民营企业发展", "城乡融合发展", "义务教育均衡发展", "县级公立医院综合改革", "农村集体经济发展",
            "易地扶贫搬迁后续扶持", "生态环境保护", "茶旅一体化发展", "年轻干部队伍建设", "基层治理体系建设",
            "深化农村“三变”改革", "国有企业改革", "政务服务“一网通办”", "农村饮水安全", "城市管理精细化",
            "文化旅游融合发展", "安全生产", "社会保障体系建设", "农村土地制度改革", "人大代表履职", "政协民主监督",
            "民生实事办理", "信访积案化解", "为基层减负", "产业园区建设", "招商引资", "人才引进", "农村电商发展",
            "教育扶贫", "健康扶贫");

    /** Tier 2's research topics (问题和建议类调研信息), by sector. */
    static List<String> sectionResearchTopics(Sector sector) {
        return switch (sector) {
            case TOWNSHIP, VILLAGE -> List.of("村级集体经济发展", "脱贫攻坚政策落实", "群众办事难", "农村人居环境",
                    "村级组织运转经费保障", "茶园管护", "矛盾纠纷化解");
            case ORGAN -> List.of("机关作风效能", "服务基层", "机关党建与业务融合", "文山会海", "审批服务",
                    "干部担当作为");
            case EDUCATION -> List.of("立德树人", "师德师风建设", "控辍保学", "教师队伍建设", "课后服务");
            case HEALTH -> List.of("医德医风", "优质服务", "看病难看病贵", "乡镇卫生院服务能力", "家庭医生签约服务");
            case STATE_OWNED -> List.of("国企转型升级", "国有资产管理", "国企党建", "融资风险防控");
            case NON_PUBLIC -> List.of("非公企业党组织覆盖", "社会组织党建", "企业党组织作用发挥", "“两个覆盖”质量");
            case COUNTY_LEADERSHIP -> COUNTY_RESEARCH_TOPICS;
        };
    }

    /** Members' golden ideas (金点子). */
    static final List<String> GOLDEN_IDEAS = List.of("在村级活动阵地设立“党员示范岗”", "推行“茶园+党员”结对帮扶",
            "开设“农民夜校”讲政策讲技术", "建立流动党员微信学习群，每周推送学习内容", "为年老体弱党员送学上门常态化",
            "村务公开栏增加扫码查询", "组建党员志愿服务队参与人居环境整治", "开展“党员户”挂牌亮身份",
            "将茶叶种植技术培训纳入“三会一课”", "建立群众诉求“接诉即办”台账", "利用主题党日开展“院坝会”",
            "在外出务工集中地建立流动党员联络站", "推行党员积分管理并公开排名", "机关支部与村支部结对共建",
            "开展“我为群众办实事”清单化管理", "建立返乡创业党员帮扶机制", "用身边事教育身边人，编印本地案例读本",
            "学校开设“红色故事”课堂", "医院设立党员先锋服务窗口", "企业设立党员责任区", "开通“学习强国”线下学习点",
            "组织老党员讲“初心故事”", "推行支部书记讲党课轮讲制度", "建立整改问题群众评议机制");

    /** What a problem looks like in each focus area (问题聚焦), three of each. */
    static final Map<FocusArea, List<String>> PROBLEMS = new EnumMap<>(FocusArea.class);

    static {
        PROBLEMS.put(POVERTY_ALLEVIATION, List.of("帮扶台账不完整，部分贫困户档案信息不准确",
                "产业扶贫项目后续管护跟不上，带贫效果不明显", "部分帮扶干部入户走访不够，政策宣传不到位"));
        PROBLEMS.put(POLICY_DELIVERY, List.of("惠民惠农政策落实不及时，部分补贴发放滞后",
                "政策宣传解读不到位，群众知晓率不高", "上级决策部署落实存在“中梗阻”现象"));
        PROBLEMS.put(SERVING_THE_MASSES, List.of("便民服务中心窗口服务不规范，群众办事多头跑",
                "群众诉求回应不及时，办结率不高", "干部联系群众不紧密，服务群众“最后一公里”仍未打通"));
        PROBLEMS.put(SOCIAL_GOVERNANCE, List.of("矛盾纠纷排查化解机制不健全", "网格化管理作用发挥不充分",
                "农村人居环境整治长效机制不健全"));
        PROBLEMS.put(BRANCH_STANDARDIZATION, List.of("“三会一课”记录不规范，组织生活质量不高",
                "发展党员程序不规范，档案资料不齐全", "支部活动阵地建设不达标，活动开展不经常"));
        PROBLEMS.put(ORGAN_PARTY_BUILDING, List.of("机关党建与业务工作“两张皮”",
                "支部书记抓党建意识不强，机关党建存在“灯下黑”", "党员教育管理宽松软"));
        PROBLEMS.put(WORK_STYLE_AND_EFFICIENCY, List.of("文件会议偏多，基层负担较重", "办事拖沓推诿，服务效率不高",
                "调查研究不深入，工作作风不够扎实"));
        PROBLEMS.put(SERVING_GRASSROOTS_AND_DEVELOPMENT, List.of("服务基层主动性不强，下沉指导不够",
                "服务企业发展措施不实，企业反映的问题解决不及时", "对基层困难问题研究不深，解决办法不多"));
        PROBLEMS.put(EDUCATION_MISSION, List.of("立德树人根本任务落实不够到位", "思政课教学质量有待提高",
                "劳动教育、美育开展不充分"));
        PROBLEMS.put(TEACHER_ETHICS, List.of("个别教师存在有偿补课现象", "师德考核评价机制不完善", "部分教师育人意识淡薄"));
        PROBLEMS.put(TEACHING_MANAGEMENT, List.of("教学常规管理不严格，学生作业负担偏重", "控辍保学工作存在薄弱环节",
                "校园安全管理制度落实不到位"));
        PROBLEMS.put(PARTY_AFFAIRS, List.of("学校党建工作与教育教学融合不够", "党务工作力量薄弱，业务不熟",
                "党费收缴使用管理不规范"));
        PROBLEMS.put(MEDICAL_ETHICS, List.of("个别医务人员服务态度生硬", "收受“红包”回扣问题专项治理不深入",
                "医德医风考评流于形式"));
        PROBLEMS.put(QUALITY_OF_SERVICE, List.of("门诊就诊流程繁琐，患者等候时间长", "基层医疗机构服务能力不足",
                "预约诊疗服务覆盖面不广"));
        PROBLEMS.put(WEAK_FOUNDATIONS, List.of("支部组织生活不规范，基础台账不扎实", "党员积分管理制度落实不到位",
                "支部活动阵地建设滞后"));
        PROBLEMS.put(PATIENT_SERVICE_GAPS, List.of("住院患者满意度不高，医患沟通不充分", "家庭医生签约服务“签而不约”",
                "便民惠民措施落实不到位"));
        PROBLEMS.put(NEW_DEVELOPMENT_PHILOSOPHY, List.of("贯彻新发展理念不够深入，发展思路不清",
                "企业创新能力不强，新动能培育不足", "绿色发展措施不够有力"));
        PROBLEMS.put(TRANSFORMATION_AND_UPGRADING, List.of("企业转型升级步伐慢，主业不突出",
                "融资渠道单一，债务风险防控压力大", "市场化经营机制不健全"));
        PROBLEMS.put(PARTY_BUILDING, List.of("党的领导融入公司治理不够", "国企党建工作责任制落实不到位",
                "“三重一大”决策制度执行不严格"));
        PROBLEMS.put(BASIC_WORK, List.of("党组织基础工作薄弱，制度不健全", "党员教育管理不经常", "党建工作经费保障不足"));
        PROBLEMS.put(LEADING_REFORM_AND_DEVELOPMENT, List.of("党组织在企业改革发展中引领作用发挥不够",
                "党员先锋模范作用不明显", "党建与生产经营结合不紧密"));
        PROBLEMS.put(ORGANIZING_POWER, List.of("党组织组织力不强，凝聚职工作用不明显", "党组织负责人履职能力不足",
                "党员队伍结构老化"));
        PROBLEMS.put(POLITICAL_FUNCTION, List.of("政治引领作用发挥不够", "党组织活动形式化",
                "对出资人和员工的政治引导不足"));
        PROBLEMS.put(TWO_COVERAGES, List.of("非公企业党组织覆盖率不高", "部分社会组织党的工作覆盖不到位",
                "“两个覆盖”质量不高，存在“空壳”党组织"));
        PROBLEMS.put(FocusArea.OTHER, List.of("理论学习中心组学习不够深入系统", "调查研究成果转化运用不够",
                "落实全面从严治党主体责任不够到位"));
    }

    /** The focus areas (问题聚焦) of the source document's plan for a sector's section teams. */
    static List<FocusArea> teamFocus(Sector sector) {
        return switch (sector) {
            case TOWNSHIP, VILLAGE -> List.of(POVERTY_ALLEVIATION, POLICY_DELIVERY, SERVING_THE_MASSES, SOCIAL_GOVERNANCE);
            case ORGAN -> List.of(ORGAN_PARTY_BUILDING, WORK_STYLE_AND_EFFICIENCY);
            case NON_PUBLIC -> List.of(ORGANIZING_POWER, POLITICAL_FUNCTION, TWO_COVERAGES, BASIC_WORK);
            case STATE_OWNED -> List.of(NEW_DEVELOPMENT_PHILOSOPHY, TRANSFORMATION_AND_UPGRADING, PARTY_BUILDING);
            case EDUCATION -> List.of(EDUCATION_MISSION);
            case HEALTH -> List.of(MEDICAL_ETHICS, QUALITY_OF_SERVICE);
            case COUNTY_LEADERSHIP -> List.of(FocusArea.OTHER);
        };
    }

    /** The focus areas of the source document's plan for a sector's branches. */
    static List<FocusArea> branchFocus(Sector sector) {
        return switch (sector) {
            case TOWNSHIP, VILLAGE -> List.of(POVERTY_ALLEVIATION, BRANCH_STANDARDIZATION);
            case ORGAN -> List.of(SERVING_GRASSROOTS_AND_DEVELOPMENT, SERVING_THE_MASSES, BRANCH_STANDARDIZATION);
            case NON_PUBLIC -> List.of(ORGANIZING_POWER, POLITICAL_FUNCTION, TWO_COVERAGES, BASIC_WORK);
            case STATE_OWNED -> List.of(BASIC_WORK, LEADING_REFORM_AND_DEVELOPMENT);
            case EDUCATION -> List.of(TEACHER_ETHICS, TEACHING_MANAGEMENT, PARTY_AFFAIRS);
            case HEALTH -> List.of(WEAK_FOUNDATIONS, PATIENT_SERVICE_GAPS);
            case COUNTY_LEADERSHIP -> List.of(FocusArea.OTHER);
        };
    }

    /** The county's three special rectifications (专项整治) and what their problems look like. */
    static final List<String> SPECIAL_RECTIFICATIONS = List.of("省委巡视组巡视反馈问题", "营商环境不优问题",
            "国有资产管理不规范问题");
    static final List<List<String>> SPECIAL_PROBLEMS = List.of(
            List.of("巡视反馈的基层党组织软弱涣散问题整改不彻底", "巡视反馈的惠民资金管理不规范问题仍有反弹",
                    "巡视反馈的选人用人工作不够规范问题", "巡视反馈的落实中央八项规定精神有差距问题"),
            List.of("项目审批环节多、时限长，企业反映强烈", "涉企收费不规范，存在变相收费",
                    "对企业承诺事项兑现不及时", "政务服务“一窗通办”落实不到位"),
            List.of("国有资产底数不清，账实不符", "国有资产出租出借未按规定程序报批", "部分闲置资产长期未盘活",
                    "国有企业资产处置程序不规范"));

    static final List<String> SECTION_OWNERS = List.of("班子主要负责人", "分管负责人", "办公室主任", "纪检组长");
    static final List<String> BRANCH_OWNERS = List.of("支部书记", "支部副书记", "组织委员", "纪检委员");

    static final List<String> MEASURES = List.of("制定整改方案，明确责任人、整改措施和完成时限",
            "建立问题整改台账，实行挂号销号管理", "召开专题会议研究部署，逐项抓好落实", "完善相关制度，建立长效工作机制",
            "开展专项检查，对整改情况跟踪督办", "组织专题学习培训，提升干部履职能力", "深入群众走访调研，听取意见建议");
    static final List<String> EVIDENCE = List.of("整改已完成，相关制度文件已印发执行", "整改台账已逐项销号，群众回访满意",
            "专题会议研究部署的整改措施已全部落实", "长效机制已建立并运行，佐证材料已归档");
    static final String VERIFY_COMMENT = "经县委主题教育领导小组办公室核查，整改到位，同意销号";
    static final String REOPEN_REASON = "群众反映问题仍有反弹，整改不彻底，重新整改";
    static final String EXTEND_REASON = "涉及跨部门协调，经县委主题教育办同意延期";

    static final Map<ChecklistItem, String> CHECKLIST_NOTES = Map.of(
            ChecklistItem.PLAN, "支委会审议通过主题教育工作计划",
            ChecklistItem.VOLUNTEER_SERVICE, "组织党员开展人居环境整治志愿服务",
            ChecklistItem.EXPERIENCE_EXCHANGE, "党员交流学习体会",
            ChecklistItem.RECTIFICATION_LEDGER, "建立支部问题整改台账");
}
