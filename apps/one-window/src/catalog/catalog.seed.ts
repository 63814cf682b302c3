import { ItemCategory, RequiredMaterial } from './item.entity';

type SeedItem = {
  code: string;
  name: string;
  category: ItemCategory;
  deptCode: string;
  legalLimitDays: number;
  promisedLimitDays: number;
  feeBasis: string;
  acceptanceConditions: string;
  legalBasis: string;
  materials: RequiredMaterial[];
};

const m = (code: string, name: string, form = '电子件', required = true): RequiredMaterial => ({ code, name, required, form, copies: 1 });
const ID_CARD = m('ID_CARD', '申请人身份证明', '原件');
const LICENSE = m('BIZ_LICENSE', '营业执照', '复印件');

/** Reference data of the demo district: realistic items of five departments covering every 业务分类. */
export const SEED_ITEMS: SeedItem[] = [
  { code: 'AMR-001', name: '企业设立登记', category: ItemCategory.ENTERPRISE, deptCode: 'AMR', legalLimitDays: 15, promisedLimitDays: 3, feeBasis: '不收费', acceptanceConditions: '名称已自主申报，材料齐全且符合法定形式', legalBasis: '《中华人民共和国市场主体登记管理条例》', materials: [m('APPLY_FORM', '企业设立登记申请书'), m('ARTICLES', '公司章程'), ID_CARD, m('PREMISES', '住所使用证明', '复印件')] },
  { code: 'AMR-002', name: '食品经营许可（后置审批）', category: ItemCategory.ENTERPRISE, deptCode: 'AMR', legalLimitDays: 20, promisedLimitDays: 10, feeBasis: '不收费', acceptanceConditions: '已取得营业执照，经营场所符合食品安全要求', legalBasis: '《中华人民共和国食品安全法》第三十五条', materials: [m('APPLY_FORM', '食品经营许可申请书'), LICENSE, m('LAYOUT', '经营设施布局图'), m('SAFETY_RULES', '食品安全管理制度', '电子件', false)] },
  { code: 'AMR-003', name: '企业变更登记', category: ItemCategory.ENTERPRISE, deptCode: 'AMR', legalLimitDays: 15, promisedLimitDays: 3, feeBasis: '不收费', acceptanceConditions: '变更事项已依法作出决议', legalBasis: '《中华人民共和国市场主体登记管理条例》', materials: [m('APPLY_FORM', '变更登记申请书'), m('RESOLUTION', '股东会决议'), LICENSE] },
  { code: 'HOUSING-001', name: '存量房买卖转移登记', category: ItemCategory.REAL_ESTATE, deptCode: 'HOUSING', legalLimitDays: 30, promisedLimitDays: 5, feeBasis: '住宅每件80元（财税〔2016〕79号）', acceptanceConditions: '买卖双方到场或委托，房屋无查封抵押限制', legalBasis: '《不动产登记暂行条例》', materials: [m('APPLY_FORM', '不动产登记申请书'), ID_CARD, m('CONTRACT', '房屋买卖合同'), m('TITLE_CERT', '不动产权证书', '原件'), m('TAX_PROOF', '完税证明')] },
  { code: 'HOUSING-002', name: '商品房预售合同备案', category: ItemCategory.REAL_ESTATE, deptCode: 'HOUSING', legalLimitDays: 10, promisedLimitDays: 2, feeBasis: '不收费', acceptanceConditions: '项目已取得商品房预售许可', legalBasis: '《城市商品房预售管理办法》', materials: [m('CONTRACT', '商品房预售合同'), ID_CARD, m('PRESALE_PERMIT', '预售许可证', '复印件')] },
  { code: 'HOUSING-003', name: '抵押权首次登记', category: ItemCategory.REAL_ESTATE, deptCode: 'HOUSING', legalLimitDays: 30, promisedLimitDays: 3, feeBasis: '住宅每件80元', acceptanceConditions: '主债权合同及抵押合同已签订', legalBasis: '《中华人民共和国民法典》物权编', materials: [m('APPLY_FORM', '不动产登记申请书'), m('LOAN_CONTRACT', '主债权合同'), m('MORTGAGE_CONTRACT', '抵押合同'), m('TITLE_CERT', '不动产权证书', '原件')] },
  { code: 'HPF-001', name: '住房公积金个人账户设立', category: ItemCategory.PROVIDENT_FUND, deptCode: 'HPF', legalLimitDays: 5, promisedLimitDays: 1, feeBasis: '不收费', acceptanceConditions: '单位已办理住房公积金缴存登记', legalBasis: '《住房公积金管理条例》第十五条', materials: [m('OPEN_FORM', '个人账户设立清册'), ID_CARD] },
  { code: 'HPF-002', name: '购房提取住房公积金', category: ItemCategory.PROVIDENT_FUND, deptCode: 'HPF', legalLimitDays: 3, promisedLimitDays: 1, feeBasis: '不收费', acceptanceConditions: '购买、建造、翻建、大修自住住房', legalBasis: '《住房公积金管理条例》第二十四条', materials: [m('WITHDRAW_FORM', '提取申请表'), ID_CARD, m('CONTRACT', '购房合同或不动产权证书'), m('BANK_CARD', '本人银行卡', '复印件')] },
  { code: 'HPF-003', name: '住房公积金贷款申请', category: ItemCategory.PROVIDENT_FUND, deptCode: 'HPF', legalLimitDays: 15, promisedLimitDays: 7, feeBasis: '不收费', acceptanceConditions: '连续足额缴存满6个月', legalBasis: '《住房公积金管理条例》第二十六条', materials: [m('LOAN_FORM', '贷款申请表'), ID_CARD, m('CONTRACT', '购房合同'), m('INCOME', '收入证明'), m('MARRIAGE', '婚姻状况证明', '电子件', false)] },
  { code: 'PSB-001', name: '居民身份证换领', category: ItemCategory.PUBLIC_SECURITY, deptCode: 'PSB', legalLimitDays: 60, promisedLimitDays: 20, feeBasis: '每证20元（发改价格〔2003〕2322号）', acceptanceConditions: '身份证有效期满或即将期满', legalBasis: '《中华人民共和国居民身份证法》', materials: [m('HUKOU', '居民户口簿', '原件'), m('OLD_ID', '原居民身份证', '原件'), m('PHOTO', '数码相片回执')] },
  { code: 'PSB-002', name: '户口迁入（投靠）', category: ItemCategory.PUBLIC_SECURITY, deptCode: 'PSB', legalLimitDays: 20, promisedLimitDays: 10, feeBasis: '不收费', acceptanceConditions: '符合本地户籍准入条件', legalBasis: '《中华人民共和国户口登记条例》', materials: [m('MOVE_FORM', '户口迁移申请表'), m('HUKOU', '居民户口簿', '原件'), m('RELATION', '亲属关系证明'), m('HOUSE_PROOF', '合法稳定住所证明')] },
  { code: 'PSB-003', name: '无犯罪记录证明', category: ItemCategory.PUBLIC_SECURITY, deptCode: 'PSB', legalLimitDays: 7, promisedLimitDays: 3, feeBasis: '不收费', acceptanceConditions: '本辖区户籍或居住人员', legalBasis: '《公安机关办理犯罪记录查询工作规定》', materials: [m('QUERY_FORM', '查询申请表'), ID_CARD] },
  { code: 'DRC-001', name: '企业投资项目备案', category: ItemCategory.INVESTMENT, deptCode: 'DRC', legalLimitDays: 5, promisedLimitDays: 2, feeBasis: '不收费', acceptanceConditions: '非核准目录内企业投资项目', legalBasis: '《企业投资项目核准和备案管理条例》', materials: [m('FILING_FORM', '项目备案表'), LICENSE, m('PROJECT_INFO', '项目基本情况说明')] },
  { code: 'DRC-002', name: '企业投资项目核准', category: ItemCategory.INVESTMENT, deptCode: 'DRC', legalLimitDays: 20, promisedLimitDays: 10, feeBasis: '不收费', acceptanceConditions: '属于政府核准的投资项目目录范围', legalBasis: '《企业投资项目核准和备案管理条例》第九条', materials: [m('APPLICATION_REPORT', '项目申请报告'), LICENSE, m('SITE_OPINION', '用地预审意见'), m('EIA', '环境影响评价文件', '电子件', false)] },
  { code: 'DRC-003', name: '节能审查', category: ItemCategory.INVESTMENT, deptCode: 'DRC', legalLimitDays: 20, promisedLimitDays: 10, feeBasis: '不收费', acceptanceConditions: '年综合能源消费量达到审查标准', legalBasis: '《固定资产投资项目节能审查办法》', materials: [m('ENERGY_REPORT', '节能报告'), LICENSE] },
];

export const HALL = '石龙区政务服务中心一楼综合窗口';
