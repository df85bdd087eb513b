// The board's words, Chinese first (the county speaks in DOMAIN.md's terms), English as a switch.
// Enumeration labels follow the contract's spelling of the keys; an unknown key shows as itself.

const STORAGE_KEY = 'jingzhun.dashboard.lang';

const zh = {
  'app.title': '主题教育 · 分级分类指导',
  'app.subtitle': '精准层级 · 精准类别 · 精准问题 · 精准措施',
  'campaign': '主题教育批次',
  'campaign.none': '尚无主题教育',
  'campaign.period': '{from} 至 {to}',
  'asOf.label': '查看历史时点',
  'asOf.view': '查看',
  'asOf.live': '返回实时',
  'asOf.banner': '历史视图：截至 {time} 的数据（实时推送已暂停）',
  'asOf.currentOnly': '当前数据',
  'status.connecting': '连接中',
  'status.live': '实时',
  'status.reconnecting': '重新连接中…',
  'status.history': '历史视图',
  'status.offline': '连接中断',
  'fresh.asOf': '数据截至',
  'fresh.received': '更新于 {ago}',
  'ago.seconds': '{n} 秒前',
  'ago.minutes': '{n} 分钟前',
  'ago.hours': '{n} 小时前',
  'ago.now': '刚刚',
  'events.projected': '已汇总事件 {n} 条',
  'lang.switch': 'English',
  'kpi.organizations': '参与组织',
  'kpi.members': '党员',
  'kpi.members.unit': '名',
  'kpi.study': '学习教育（天）',
  'kpi.study.sessions': '场次',
  'kpi.study.notes': '笔记',
  'kpi.honor': '荣誉室学习（人次）',
  'kpi.honor.units': '单位',
  'kpi.research': '调查研究',
  'kpi.checklist': '十个一 完成项',
  'kpi.checklist.completions': '完成次数',
  'kpi.checklist.branchesComplete': '全部完成支部',
  'kpi.problems': '查找问题',
  'kpi.problems.rectified': '已整改',
  'kpi.problems.inProgress': '正在整改',
  'kpi.rate': '整改完成率',
  'kpi.rate.overdue': '逾期',
  'kpi.rate.dueSoon': '{days} 天内到期',
  'chart.problemsBySector': '各领域问题整改情况',
  'chart.problemsByStatus': '问题整改状态',
  'chart.studyByMonth': '每月集中学习（平均天数 / 要求）',
  'chart.checklistBySector': '党支部“十个一”完成率（按领域）',
  'chart.checklistByItem': '“十个一”各项完成支部数',
  'chart.timeline': '事件时间线（按记录时间）',
  'chart.timeline.hint': '点击柱形查看该时点的全县数据',
  'chart.required': '要求',
  'chart.average': '平均天数',
  'chart.meeting': '达标 {meeting}/{organizations}',
  'chart.completion': '完成率',
  'chart.found': '查找',
  'chart.rectified': '已整改',
  'chart.empty': '暂无数据',
  'sectors.title': '各领域概况',
  'sectors.hint': '点击领域查看组织',
  'sectors.organizations': '组织',
  'sectors.problems': '问题',
  'sectors.rate': '整改率',
  'sectors.checklist': '十个一',
  'recent.title': '最新动态',
  'recent.empty': '暂无事件',
  'behind.title': '未达要求',
  'behind.tier': '层级',
  'behind.sector': '领域',
  'behind.any': '全部',
  'behind.count': '{n} 项',
  'behind.none': '暂无未达要求的组织',
  'behind.needsCampaign': '请选择主题教育批次',
  'behind.more': '另有 {n} 项未显示，请筛选层级或领域',
  'behind.requiredDone': '要求 {required}，完成 {done}',
  'drill.sector': '领域',
  'drill.allTiers': '全部层级',
  'drill.search': '按名称查找',
  'drill.back': '返回',
  'drill.close': '关闭',
  'drill.total': '共 {n} 个组织',
  'drill.prev': '上一页',
  'drill.next': '下一页',
  'drill.page': '第 {page} / {pages} 页',
  'drill.none': '没有符合条件的组织',
  'col.name': '组织名称',
  'col.tier': '层级',
  'col.members': '党员',
  'col.studyDays': '学习天数',
  'col.visits': '荣誉室人次',
  'col.checklist': '十个一',
  'col.problems': '问题',
  'col.rectified': '已整改',
  'col.overdue': '逾期',
  'col.requirement': '要求',
  'col.period': '期间',
  'col.explanation': '说明',
  'score.title': '组织积分卡',
  'score.study': '学习',
  'score.countedDays': '计入天数',
  'score.requiredTotal': '总要求 {n} 天',
  'score.sessions': '{n} 场',
  'score.notes': '学习笔记',
  'score.notesMembers': '{done}/{required} 名党员已提交',
  'score.honor': '荣誉室',
  'score.honorVisits': '{n} 次',
  'score.research': '调查研究',
  'score.problems': '问题整改',
  'score.byMonth': '每月学习',
  'score.month': '月份',
  'score.days': '天数',
  'score.required': '要求',
  'score.judged': '已评判',
  'score.checklist': '“十个一”清单',
  'score.notRequired': '不要求',
  'score.compliance': '未达要求',
  'score.complianceNone': '该组织暂无未达要求事项',
  'score.specialRectifications': '专项整治',
  'ledger.title': '整改台账',
  'ledger.csv': '下载 CSV',
  'ledger.xlsx': '下载 Excel',
  'ledger.empty': '台账暂无问题',
  'ledger.error': '台账下载失败（{status}）',
  'login.title': '登录',
  'login.hint': '请使用县委组织部分配的账号登录（大屏可使用只读账号）',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.failed': '用户名或密码不正确，或账号已停用',
  'login.throttled': '登录失败次数过多，请稍后再试',
  'login.unavailable': '暂时无法登录（{status}）',
  'login.expired': '登录已过期，请重新登录',
  'logout': '退出',
  'ledger.unavailable': '整改台账暂不可用（整改服务未响应）',
  'ledger.loading': '正在读取整改台账…',
  'ledger.description': '问题',
  'ledger.focus': '问题聚焦',
  'ledger.source': '来源',
  'ledger.owner': '责任人',
  'ledger.deadline': '整改时限',
  'ledger.status': '状态',
  'ledger.overdue': '逾期',
  'ledger.asOf': '生成依据：{n} 个事件，最新 {time}',
  'ledger.asOfInstant': '截至 {time}',
  'score.currentOnly': '积分卡为当前数据；整改台账为所选时点的数据',
  'loading': '加载中…',
  'error.load': '数据读取失败（{status}）',
  'error.notReporting': '此服务不提供大屏，请打开报表服务（reporting-service，默认端口 8080）',
  'yes': '是',
  'no': '否',
  'done': '已完成',
  'notDone': '未完成',
};

const en = {
  'app.title': 'Theme Education · Tiered Guidance',
  'app.subtitle': 'Precise tiers · categories · problems · measures',
  'campaign': 'Campaign',
  'campaign.none': 'No campaign yet',
  'campaign.period': '{from} to {to}',
  'asOf.label': 'View as of',
  'asOf.view': 'View',
  'asOf.live': 'Back to live',
  'asOf.banner': 'History view: figures as of {time} (live updates paused)',
  'asOf.currentOnly': 'current',
  'status.connecting': 'Connecting',
  'status.live': 'Live',
  'status.reconnecting': 'Reconnecting…',
  'status.history': 'History',
  'status.offline': 'Disconnected',
  'fresh.asOf': 'As of',
  'fresh.received': 'updated {ago}',
  'ago.seconds': '{n} s ago',
  'ago.minutes': '{n} min ago',
  'ago.hours': '{n} h ago',
  'ago.now': 'just now',
  'events.projected': '{n} events counted',
  'lang.switch': '中文',
  'kpi.organizations': 'Organizations',
  'kpi.members': 'Party members',
  'kpi.members.unit': '',
  'kpi.study': 'Study (days)',
  'kpi.study.sessions': 'sessions',
  'kpi.study.notes': 'notes',
  'kpi.honor': 'Honor room visits',
  'kpi.honor.units': 'units',
  'kpi.research': 'Research',
  'kpi.checklist': 'Ten ones: items done',
  'kpi.checklist.completions': 'completions',
  'kpi.checklist.branchesComplete': 'branches complete',
  'kpi.problems': 'Problems found',
  'kpi.problems.rectified': 'rectified',
  'kpi.problems.inProgress': 'in progress',
  'kpi.rate': 'Rectification rate',
  'kpi.rate.overdue': 'overdue',
  'kpi.rate.dueSoon': 'due in {days} days',
  'chart.problemsBySector': 'Problems by sector',
  'chart.problemsByStatus': 'Problems by status',
  'chart.studyByMonth': 'Study per month (average days / required)',
  'chart.checklistBySector': 'Branch "ten ones" completion by sector',
  'chart.checklistByItem': 'Branches done per "ten ones" item',
  'chart.timeline': 'Events over time (recorded)',
  'chart.timeline.hint': 'Click a bar to view the county as of then',
  'chart.required': 'required',
  'chart.average': 'average days',
  'chart.meeting': 'meeting {meeting}/{organizations}',
  'chart.completion': 'completion',
  'chart.found': 'found',
  'chart.rectified': 'rectified',
  'chart.empty': 'No data yet',
  'sectors.title': 'Sectors',
  'sectors.hint': 'Click a sector for its organizations',
  'sectors.organizations': 'orgs',
  'sectors.problems': 'problems',
  'sectors.rate': 'rectified',
  'sectors.checklist': 'ten ones',
  'recent.title': 'Latest events',
  'recent.empty': 'No events yet',
  'behind.title': 'Who is behind',
  'behind.tier': 'Tier',
  'behind.sector': 'Sector',
  'behind.any': 'All',
  'behind.count': '{n} items',
  'behind.none': 'Nobody is behind',
  'behind.needsCampaign': 'Choose a campaign',
  'behind.more': '{n} more not shown; filter by tier or sector',
  'behind.requiredDone': 'required {required}, done {done}',
  'drill.sector': 'Sector',
  'drill.allTiers': 'All tiers',
  'drill.search': 'Find by name',
  'drill.back': 'Back',
  'drill.close': 'Close',
  'drill.total': '{n} organizations',
  'drill.prev': 'Previous',
  'drill.next': 'Next',
  'drill.page': 'Page {page} of {pages}',
  'drill.none': 'No organization matches',
  'col.name': 'Organization',
  'col.tier': 'Tier',
  'col.members': 'Members',
  'col.studyDays': 'Study days',
  'col.visits': 'Honor visits',
  'col.checklist': 'Ten ones',
  'col.problems': 'Problems',
  'col.rectified': 'Rectified',
  'col.overdue': 'Overdue',
  'col.requirement': 'Requirement',
  'col.period': 'Period',
  'col.explanation': 'Explanation',
  'score.title': 'Scorecard',
  'score.study': 'Study',
  'score.countedDays': 'counted days',
  'score.requiredTotal': '{n} days required in all',
  'score.sessions': '{n} sessions',
  'score.notes': 'Study notes',
  'score.notesMembers': '{done}/{required} members with notes',
  'score.honor': 'Honor room',
  'score.honorVisits': '{n} visits',
  'score.research': 'Research',
  'score.problems': 'Rectification',
  'score.byMonth': 'Study by month',
  'score.month': 'Month',
  'score.days': 'Days',
  'score.required': 'Required',
  'score.judged': 'Judged',
  'score.checklist': '"Ten ones" checklist',
  'score.notRequired': 'not required',
  'score.compliance': 'Behind on',
  'score.complianceNone': 'Not behind on anything',
  'score.specialRectifications': 'Special rectifications',
  'ledger.title': 'Rectification ledger',
  'ledger.csv': 'Download CSV',
  'ledger.xlsx': 'Download Excel',
  'ledger.empty': 'No problems in the ledger',
  'ledger.error': 'The ledger could not be downloaded ({status})',
  'login.title': 'Sign in',
  'login.hint': 'Use the account the county party committee gave you (a read-only account is enough for a wall screen)',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.failed': 'Wrong username or password, or the account is disabled',
  'login.throttled': 'Too many failed attempts; try again later',
  'login.unavailable': 'Signing in is not possible now ({status})',
  'login.expired': 'Your session has expired; sign in again',
  'logout': 'Sign out',
  'ledger.unavailable': 'The ledger is not available now (rectification service does not answer)',
  'ledger.loading': 'Reading the ledger…',
  'ledger.description': 'Problem',
  'ledger.focus': 'Focus area',
  'ledger.source': 'Source',
  'ledger.owner': 'Owner',
  'ledger.deadline': 'Deadline',
  'ledger.status': 'Status',
  'ledger.overdue': 'Overdue',
  'ledger.asOf': 'Generated from {n} events, latest {time}',
  'ledger.asOfInstant': 'as of {time}',
  'score.currentOnly': 'The scorecard shows the present; the ledger shows the chosen instant',
  'loading': 'Loading…',
  'error.load': 'Could not load ({status})',
  'error.notReporting': 'This service has no dashboard: open the reporting service (reporting-service, port 8080 by default)',
  'yes': 'yes',
  'no': 'no',
  'done': 'done',
  'notDone': 'not done',
};

const enums = {
  tier: {
    zh: { COUNTY: '县处级领导班子', SECTION: '科级领导班子', BRANCH: '党支部' },
    en: { COUNTY: 'County leadership bodies', SECTION: 'Section-level teams', BRANCH: 'Party branches' },
  },
  tierShort: {
    zh: { COUNTY: '县处级', SECTION: '科级', BRANCH: '党支部' },
    en: { COUNTY: 'County', SECTION: 'Section', BRANCH: 'Branch' },
  },
  sector: {
    zh: {
      COUNTY_LEADERSHIP: '县级领导班子', TOWNSHIP: '镇(街道)', VILLAGE: '村(居、社区)', ORGAN: '机关事业单位',
      NON_PUBLIC: '非公企业和社会组织', STATE_OWNED: '国有企业', EDUCATION: '教育系统', HEALTH: '卫健系统',
    },
    en: {
      COUNTY_LEADERSHIP: 'County leadership', TOWNSHIP: 'Towns & streets', VILLAGE: 'Villages & communities',
      ORGAN: 'Organs & institutions', NON_PUBLIC: 'Non-public & social orgs', STATE_OWNED: 'State-owned enterprises',
      EDUCATION: 'Education', HEALTH: 'Health',
    },
  },
  status: {
    zh: { LOGGED: '已登记', RECTIFYING: '整改中', RECTIFIED: '已整改', VERIFIED: '已销号', REOPENED: '重新整改' },
    en: { LOGGED: 'Logged', RECTIFYING: 'Rectifying', RECTIFIED: 'Rectified', VERIFIED: 'Verified (closed)', REOPENED: 'Reopened' },
  },
  item: {
    zh: {
      PLAN: '制定计划', DEPLOYMENT: '集中部署', STUDY_SERIES: '系列学习', SECRETARY_TRAINING: '书记轮训',
      PARTY_LECTURE: '专题党课', EXPERIENCE_EXCHANGE: '交流体会', RECTIFICATION_LEDGER: '整改台帐',
      VOLUNTEER_SERVICE: '志愿服务', ORGANIZATIONAL_LIFE_MEETING: '组织生活会', SUMMARY: '总结',
    },
    en: {
      PLAN: 'Plan', DEPLOYMENT: 'Deployment', STUDY_SERIES: 'Study series', SECRETARY_TRAINING: 'Secretary training',
      PARTY_LECTURE: 'Party lecture', EXPERIENCE_EXCHANGE: 'Experience exchange', RECTIFICATION_LEDGER: 'Rectification ledger',
      VOLUNTEER_SERVICE: 'Volunteer service', ORGANIZATIONAL_LIFE_MEETING: 'Org. life meeting', SUMMARY: 'Summary',
    },
  },
  research: {
    zh: { RESEARCH_REPORT: '调研报告', PROBLEM_BRIEF: '问题建议', GOLDEN_IDEA: '金点子' },
    en: { RESEARCH_REPORT: 'Reports', PROBLEM_BRIEF: 'Briefs', GOLDEN_IDEA: 'Golden ideas' },
  },
  requirement: {
    zh: {
      STUDY_CONSECUTIVE_DAYS: '连续集中学习', STUDY_TOTAL_DAYS: '集中学习总天数', STUDY_DAYS_PER_MONTH: '每月集中学习',
      STUDY_NOTES: '学习笔记', CHECKLIST_ITEM: '十个一', RESEARCH: '调查研究', SPECIAL_RECTIFICATION: '专项整治',
    },
    en: {
      STUDY_CONSECUTIVE_DAYS: 'Consecutive study', STUDY_TOTAL_DAYS: 'Total study days', STUDY_DAYS_PER_MONTH: 'Study days per month',
      STUDY_NOTES: 'Study notes', CHECKLIST_ITEM: 'Ten ones item', RESEARCH: 'Research', SPECIAL_RECTIFICATION: 'Special rectification',
    },
  },
  format: {
    zh: {
      CONCENTRATED: '集中学习', THREE_MEETINGS_ONE_LESSON: '三会一课', THEMED_PARTY_DAY: '主题党日', ONLINE: '网络学习',
      DELIVERED_TO_DOOR: '送学上门', CASE_TEACHING: '案例教育', SELF_STUDY: '自学',
    },
    en: {
      CONCENTRATED: 'concentrated study', THREE_MEETINGS_ONE_LESSON: '"three meetings, one lesson"', THEMED_PARTY_DAY: 'themed Party day',
      ONLINE: 'online study', DELIVERED_TO_DOOR: 'study delivered to the door', CASE_TEACHING: 'case teaching', SELF_STUDY: 'self-study',
    },
  },
  source: {
    zh: { SELF_INSPECTION: '自查', SOLICITED_OPINION: '征求意见', INSPECTION_FEEDBACK: '巡视巡察反馈', SUPERVISION: '督导', PUBLIC_REPORT: '群众反映' },
    en: { SELF_INSPECTION: 'Self-inspection', SOLICITED_OPINION: 'Solicited opinion', INSPECTION_FEEDBACK: 'Inspection feedback', SUPERVISION: 'Supervision', PUBLIC_REPORT: 'Public report' },
  },
  focus: {
    zh: {
      POVERTY_ALLEVIATION: '脱贫攻坚', POLICY_DELIVERY: '政策落实', SERVING_THE_MASSES: '服务群众', SOCIAL_GOVERNANCE: '社会治理',
      BRANCH_STANDARDIZATION: '支部标准化规范化建设', ORGAN_PARTY_BUILDING: '机关党建“灯下黑”', WORK_STYLE_AND_EFFICIENCY: '作风效能',
      SERVING_GRASSROOTS_AND_DEVELOPMENT: '服务基层服务群众服务发展', EDUCATION_MISSION: '培养什么人、怎样培养人',
      TEACHER_ETHICS: '师德师风', TEACHING_MANAGEMENT: '教学管理', PARTY_AFFAIRS: '党务工作', MEDICAL_ETHICS: '医德医风',
      QUALITY_OF_SERVICE: '服务质量', WEAK_FOUNDATIONS: '基础薄弱', PATIENT_SERVICE_GAPS: '服务患者短板',
      NEW_DEVELOPMENT_PHILOSOPHY: '新发展理念', TRANSFORMATION_AND_UPGRADING: '转型升级', PARTY_BUILDING: '党的建设',
      BASIC_WORK: '基础工作', LEADING_REFORM_AND_DEVELOPMENT: '引领改革发展', ORGANIZING_POWER: '组织力',
      POLITICAL_FUNCTION: '政治功能', TWO_COVERAGES: '两个覆盖', OTHER: '其他',
    },
    en: {},
  },
  kind: {
    zh: { STUDY: '学习教育', HONOR_ROOM: '荣誉室', RESEARCH: '调查研究', CHECKLIST: '十个一', PROBLEM_LOGGED: '查找问题', RECTIFICATION: '整改落实', OTHER: '其他' },
    en: { STUDY: 'Study', HONOR_ROOM: 'Honor room', RESEARCH: 'Research', CHECKLIST: 'Ten ones', PROBLEM_LOGGED: 'Problems found', RECTIFICATION: 'Rectification', OTHER: 'Other' },
  },
};

// One phrase per event type for the "latest events" list; {org} is the organization's name.
const phrases = {
  zh: {
    HonorRoomVisited: e => `到荣誉室学习 ${e.visitors} 人次`,
    StudySessionHeld: e => `开展${label('format', e.format)} ${e.days} 天`,
    StudyNoteRecorded: () => '记录学习笔记',
    ResearchSubmitted: e => `提交${label('research', e.kind)}${e.title ? '《' + e.title + '》' : ''}`,
    ChecklistItemCompleted: e => `完成“十个一”：${label('item', e.item)}`,
    ProblemLogged: e => `查找问题：${e.description || ''}`,
    RectificationMeasuresSet: () => '制定整改措施',
    ProblemRectified: () => '完成整改',
    RectificationVerified: () => '问题销号',
    ProblemReopened: () => '问题重新整改',
    ProblemOverdue: () => '问题整改逾期',
    ProblemDeadlineExtended: () => '整改时限延长',
    SpecialRectificationLaunched: e => `启动专项整治：${e.title || ''}`,
    CampaignLaunched: e => `启动${e.name || '主题教育'}`,
    GuidancePlanIssued: e => `下发“1+6”指导方案（第 ${e.version} 版）`,
  },
  en: {
    HonorRoomVisited: e => `${e.visitors} visited the honor room`,
    StudySessionHeld: e => `held ${e.days} day(s) of ${label('format', e.format)}`,
    StudyNoteRecorded: () => 'recorded a study note',
    ResearchSubmitted: e => `submitted research (${label('research', e.kind)})`,
    ChecklistItemCompleted: e => `did "${label('item', e.item)}" of the ten ones`,
    ProblemLogged: e => `found a problem: ${e.description || ''}`,
    RectificationMeasuresSet: () => 'set rectification measures',
    ProblemRectified: () => 'rectified a problem',
    RectificationVerified: () => 'problem verified and closed',
    ProblemReopened: () => 'problem reopened',
    ProblemOverdue: () => 'problem overdue',
    ProblemDeadlineExtended: () => 'deadline extended',
    SpecialRectificationLaunched: e => `launched a special rectification: ${e.title || ''}`,
    CampaignLaunched: e => `campaign launched: ${e.name || ''}`,
    GuidancePlanIssued: e => `guidance plan issued (version ${e.version})`,
  },
};

let current = (() => {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch (e) {
    return 'zh';
  }
})();

export function lang() {
  return current;
}

export function setLang(value) {
  current = value === 'en' ? 'en' : 'zh';
  try {
    localStorage.setItem(STORAGE_KEY, current);
  } catch (e) {
    // private mode: the choice lasts for this page only
  }
}

/** A message with {placeholders} filled in. */
export function t(key, values = {}) {
  const text = (current === 'en' ? en : zh)[key] ?? zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (values[name] ?? m));
}

/** The label of an enumeration value, e.g. label('sector', 'TOWNSHIP'). */
export function label(kind, value) {
  if (value === null || value === undefined) {
    return '—';
  }
  const table = enums[kind];
  return (table && (table[current][value] ?? table.zh[value])) ?? String(value);
}

export function enumValues(kind) {
  return Object.keys(enums[kind].zh);
}

export function phrase(type, event) {
  const make = phrases[current][type];
  return make ? make(event || {}) : type;
}

const numberFormats = {};

export function number(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) {
    return '—';
  }
  const key = current + digits;
  numberFormats[key] ??= new Intl.NumberFormat(current === 'en' ? 'en-US' : 'zh-CN',
    { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return numberFormats[key].format(Number(value));
}

/** Every element with data-i18n gets its text; data-i18n-placeholder / -title their attributes. */
export function translatePage(root = document) {
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach(el => { el.title = t(el.dataset.i18nTitle); });
}
