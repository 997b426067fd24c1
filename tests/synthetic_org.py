"""A deterministic synthetic Chinese e-commerce organisation, for browser tests of a large handbook and for benchmarks.

``write_org(data_dir, positions)`` writes handbook.yml, departments/*.yml, positions/*.yml and glossary.yml in the
format of the sample data. The shape grows with the number of positions: one top-level 总经办 headed by the 总经理,
then 中心 → 部 → 区/组 (→ 小组 for very large orgs), about 10 positions per department, 2–3 reporting levels inside
each department. All text is assembled from phrase lists with ``random.Random(seed)``, so the same
(positions, seed) always gives byte-identical files.

Command line: ``python tests/synthetic_org.py OUT_DIR N [--seed S] [--no-glossary]``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

POSITIONS_PER_DEPARTMENT = 10
"""Average department size; the number of departments is about positions / this."""
ID_MAX = 63
CN_NUMBERS = "一二三四五六七八九十"

# ---------------------------------------------------------------------------------------------------------------------
# Sources, glossary
# ---------------------------------------------------------------------------------------------------------------------

SOURCES = [
    ("org-structure", "云栖优选组织架构与岗位说明书（2024版）", "集团各中心、部门的设置、编制与汇报关系（合成数据）。"),
    ("ops-playbook", "店铺运营与推广作业指引", "店铺运营、付费推广、活动策划、内容与视觉的日常作业规范（合成数据）。"),
    ("service-manual", "客户服务规范手册", "售前售后接待话术、质检标准、投诉处理与会员服务流程（合成数据）。"),
    ("supply-chain-sop", "仓储物流与采购标准作业程序", "采购、计划、仓储、物流与质量管理的标准作业程序（合成数据）。"),
    ("management-rules", "公司管理制度汇编", "人力资源、财务、行政、法务、数据与技术管理制度（合成数据）。"),
]

# (id, term, aliases, definition, sources); a plain string starts a commented group.
GLOSSARY: list[tuple[str, str, list[str], str, list[str]] | str] = [
    "平台与工具",
    ("qianniu", "千牛", ["千牛工作台"], "阿里巴巴为淘宝、天猫商家提供的一站式工作台，集成店铺管理、订单处理和旺旺接待。", ["ops-playbook", "service-manual"]),
    ("wangwang", "旺旺", ["阿里旺旺"], "淘宝、天猫买卖双方使用的在线聊天工具，客服用它接待顾客咨询。", ["service-manual"]),
    ("business-advisor", "生意参谋", [], "阿里巴巴官方的商家数据分析工具，用来查看店铺流量、转化和交易数据。", ["ops-playbook", "management-rules"]),
    "推广与活动",
    ("through-train", "直通车", ["淘宝直通车"], "淘宝、天猫按点击付费的搜索推广工具：商家为关键词出价，买家点击才扣费。", ["ops-playbook"]),
    ("diamond-booth", "钻展", ["钻石展位"], "“钻石展位”的简称，以图片广告在各展示位投放的推广工具，按展现或点击计费。", ["ops-playbook"]),
    ("taobao-affiliate", "淘宝客", ["淘客"], "按成交付佣金的推广方式：推广者带来成交后，商家按约定比例支付佣金。", ["ops-playbook"]),
    ("qianchuan", "巨量千川", ["千川"], "抖音电商的广告投放平台，用于为直播间和短视频商品购买流量。", ["ops-playbook"]),
    ("juhuasuan", "聚划算", [], "阿里巴巴旗下的团购营销平台，商家报名后以限时优惠集中带动销量。", ["ops-playbook"]),
    ("major-promotion", "大促", [], "平台级大型促销活动的简称，如 618、双十一，需要提前备货和筹划。", ["ops-playbook", "supply-chain-sop"]),
    ("creator", "达人", [], "在内容平台上有一定粉丝量、可以为商品带货的创作者或主播。", ["ops-playbook"]),
    ("private-traffic", "私域", ["私域流量"], "品牌可以反复免费触达的用户池，如企业微信好友、社群和会员。", ["ops-playbook", "service-manual"]),
    ("seeding", "种草", [], "通过内容向消费者推荐商品、激发购买兴趣的营销方式。", ["ops-playbook"]),
    "商品与页面",
    ("sku", "SKU", [], "库存量单位，同一商品的每个颜色、尺码组合都是一个 SKU。", ["ops-playbook", "supply-chain-sop"]),
    ("main-image", "主图", ["宝贝主图"], "商品在搜索结果和详情页顶部展示的首要图片，直接影响点击率。", ["ops-playbook"]),
    ("detail-page", "详情页", ["商品详情页"], "展示单个商品详细介绍的页面，包括卖点、参数、细节图和常见问题。", ["ops-playbook"]),
    ("new-arrivals", "上新", [], "在店铺发布新商品；上新节奏影响店铺活跃度和搜索权重。", ["ops-playbook"]),
    ("hit-product", "爆款", [], "销量特别高、能为店铺带来大量流量和成交的单品。", ["ops-playbook"]),
    ("traffic-product", "引流款", ["引流产品"], "主要用来为店铺吸引流量的商品，通常价格有竞争力。", ["ops-playbook"]),
    ("store-decoration", "店铺装修", [], "对网店首页、分类页、活动页等页面进行视觉设计和布置。", ["ops-playbook"]),
    "经营指标",
    ("gmv", "GMV", ["成交总额"], "一段时间内的商品交易总额，包含已付款订单的金额。", ["ops-playbook", "management-rules"]),
    ("uv", "UV", ["访客数"], "一段时间内访问店铺或商品页面的独立访客数量。", ["ops-playbook"]),
    ("click-through-rate", "点击率", [], "商品或广告被点击的次数占展现次数的比例。", ["ops-playbook"]),
    ("conversion-rate", "转化率", [], "成交的访客占全部访客的比例。", ["ops-playbook", "service-manual"]),
    ("average-order-value", "客单价", [], "平均每位顾客的成交金额，即销售额除以成交顾客数。", ["ops-playbook"]),
    ("repeat-purchase-rate", "复购率", ["回头率"], "再次购买的老顾客占顾客总数的比例。", ["ops-playbook", "service-manual"]),
    ("sell-through-rate", "动销率", [], "有销量的商品品种数占在售商品品种总数的比例，用来衡量货品是否卖得动。", ["ops-playbook", "supply-chain-sop"]),
    ("inventory-turnover", "库存周转率", [], "一定时期内库存周转的次数；周转率越高，积压越少。", ["supply-chain-sop"]),
    ("roi", "ROI", ["投入产出比"], "推广投入与带来的成交额之比，用来衡量推广效果。", ["ops-playbook"]),
    ("dsr", "DSR", ["店铺动态评分"], "买家对描述相符、服务态度、物流服务三项的评分，影响搜索排名和活动报名。", ["service-manual"]),
    ("refund-rate", "退款率", [], "发生退款的订单占全部订单的比例。", ["service-manual"]),
    "订单与仓储",
    ("order-printing", "打单", [], "把订单信息打印成快递面单，是配货、打包、发货前的一道工序。", ["supply-chain-sop"]),
    ("waybill", "面单", ["快递面单"], "贴在包裹上的快递单，记录收件人、发件人和订单信息。", ["supply-chain-sop"]),
    ("stocktaking", "盘点", [], "定期清点仓库实物并与系统记录核对，发现并处理库存差异。", ["supply-chain-sop"]),
]

# ---------------------------------------------------------------------------------------------------------------------
# Organisation shape: centres and their 部, sub-unit qualifiers
# ---------------------------------------------------------------------------------------------------------------------

# (name, id, family, [(部 name, title label, id, family)]) — most typical first, so small orgs look like small companies.
CENTERS: list[tuple[str, str, str, list[tuple[str, str, str, str]]]] = [
    ("运营中心", "ops-center", "ops", [
        ("天猫运营部", "天猫运营", "tmall-ops", "ops"), ("京东运营部", "京东运营", "jd-ops", "ops"), ("拼多多运营部", "拼多多运营", "pdd-ops", "ops"),
        ("抖音电商部", "抖音电商", "douyin-ops", "ops"), ("淘宝运营部", "淘宝运营", "taobao-ops", "ops"), ("快手电商部", "快手电商", "kuaishou-ops", "ops"),
        ("唯品会运营部", "唯品会运营", "vip-ops", "ops"),
    ]),
    ("客服中心", "cs-center", "cs", [
        ("售前客服部", "售前客服", "presales", "cs"), ("售后客服部", "售后客服", "aftersales", "cs"), ("会员服务部", "会员服务", "membership", "crm"),
        ("客户体验部", "客户体验", "cx", "cs"), ("质检培训部", "客服质检", "cs-quality", "cs"),
    ]),
    ("供应链中心", "supply-center", "warehouse", [
        ("仓储部", "仓储", "warehouse", "warehouse"), ("物流部", "物流", "logistics", "logistics"), ("采购部", "采购", "purchasing", "purchase"),
        ("计划部", "供应计划", "supply-planning", "purchase"), ("质量管理部", "质量管理", "quality", "purchase"),
    ]),
    ("营销中心", "marketing-center", "ads", [
        ("付费推广部", "付费推广", "paid-ads", "ads"), ("活动策划部", "活动策划", "campaigns", "campaign"), ("站外推广部", "站外推广", "offsite-ads", "ads"),
        ("品牌营销部", "品牌营销", "brand-marketing", "campaign"), ("私域运营部", "私域运营", "private-traffic", "crm"),
    ]),
    ("视觉设计中心", "design-center", "design", [
        ("店铺视觉部", "店铺视觉", "store-design", "design"), ("摄影部", "摄影部", "photo", "design"), ("视频制作部", "视频制作", "video", "design"),
        ("品牌设计部", "品牌设计", "brand-design", "design"),
    ]),
    ("数据中心", "data-center", "data", [
        ("数据分析部", "数据分析", "analytics", "data"), ("商业智能部", "商业智能", "bi", "data"), ("数据治理部", "数据治理", "data-governance", "data"),
    ]),
    ("商品中心", "merch-center", "merch", [
        ("商品企划部", "商品企划", "merch-planning", "merch"), ("选品开发部", "选品开发", "sourcing", "merch"), ("价格管理部", "价格管理", "pricing", "merch"),
    ]),
    ("内容中心", "content-center", "content", [
        ("直播部", "直播", "live", "content"), ("短视频部", "短视频", "short-video", "content"), ("达人合作部", "达人合作", "creators", "content"),
        ("新媒体部", "新媒体", "new-media", "content"),
    ]),
    ("技术中心", "tech-center", "tech", [
        ("电商研发部", "电商研发", "dev", "tech"), ("系统运维部", "系统运维", "it-ops", "tech"), ("ERP实施部", "ERP实施", "erp", "tech"),
        ("测试部", "测试部", "qa", "tech"),
    ]),
    ("渠道中心", "channel-center", "channel", [
        ("分销部", "分销", "distribution", "channel"), ("跨境电商部", "跨境电商", "cross-border", "channel"), ("大客户部", "大客户", "key-accounts", "channel"),
        ("线下零售部", "线下零售", "retail", "channel"),
    ]),
    ("职能中心", "admin-center", "admin", [
        ("人力资源部", "人力资源", "hr", "hr"), ("财务部", "财务", "finance", "finance"), ("行政部", "行政", "admin", "admin"), ("法务部", "法务", "legal", "admin"),
    ]),
]

REGIONS = [("华东一区", "east-1"), ("华东二区", "east-2"), ("华南区", "south"), ("华北区", "north"), ("华中区", "central"), ("西南区", "southwest"),
           ("西北区", "northwest"), ("东北区", "northeast")]
CATEGORIES = [("女装", "womens"), ("男装", "mens"), ("美妆", "beauty"), ("母婴", "baby"), ("家居", "home"), ("数码", "digital"), ("食品", "food"),
              ("运动户外", "outdoor"), ("鞋靴", "shoes"), ("箱包", "bags"), ("个护", "care"), ("宠物", "pet")]
WAREHOUSES = [("嘉兴仓", "jiaxing"), ("广州仓", "guangzhou"), ("天津仓", "tianjin"), ("武汉仓", "wuhan"), ("成都仓", "chengdu"), ("西安仓", "xian"),
              ("沈阳仓", "shenyang"), ("昆山仓", "kunshan")]


def _units(text: str) -> list[tuple[str, str]]:
    return [tuple(item.split(":")) for item in text.split("|")]  # type: ignore[misc]


# ---------------------------------------------------------------------------------------------------------------------
# Families: what the positions of a kind of department do. Compact "a|b|c" strings keep the phrase lists readable.
# Roles are "title:id-slug:level:min-max" with level s = specialist, a = assistant; leads are "title:id-slug".
# ---------------------------------------------------------------------------------------------------------------------


@dataclass
class Family:
    key: str
    domain: str
    source: str
    unit_style: str
    units: list[tuple[str, str]]
    leads: str
    roles: str
    purposes: str
    tasks: str
    details: str
    reqs: str
    kpis: str
    tools: str
    collab: str
    escalations: str
    partners: str


_FAMILIES = [
    Family(
        "exec", "企业管理", "org-structure", "sub", [],
        "总经办主任:office-director",
        "总经理助理:assistant-to-gm:a:1-2|战略规划经理:strategy-manager:s:1-1|经营分析专员:business-analyst:s:1-2|董事会秘书:board-secretary:s:1-1|"
        "内控审计专员:internal-audit:s:1-2|投资管理专员:investment:s:1-1|品牌公关经理:pr-manager:s:1-1|项目管理专员:pmo:s:1-2|"
        "政府事务专员:public-affairs:s:1-1|企业文化专员:culture:s:1-1|总经办秘书:secretary:a:1-2|总经办行政专员:office-admin:s:1-1|"
        "法务顾问:legal-counsel:s:1-1|总经办数据专员:office-data:s:1-1",
        "统筹公司整体经营与各中心协同|把年度战略拆解为各中心的经营目标|推动公司战略落地和重大项目的决策|保障公司经营目标和利润目标的达成",
        "公司年度经营目标与预算的制定|各中心月度经营会议的组织|重大项目的立项、评审与跟踪|公司组织架构与关键岗位的调整|大促期间的跨中心资源协调|"
        "公司级经营数据和GMV的周度复盘|内控制度的建设与审计整改|对外合作与品牌公关事务|董事会与股东会材料的准备|各中心预算执行情况的检查",
        "确保各中心目标与公司战略保持一致|重大事项在周会上形成明确结论|每月输出经营分析报告|对偏离目标的中心及时提出改进要求|"
        "推动跨中心问题在一周内闭环|兼顾规模增长与利润率",
        "熟悉电商平台的经营模式和行业竞争格局。|具备较强的战略思考、决策和资源整合能力。|熟悉财务报表，能够读懂经营数据背后的问题。|"
        "具备优秀的跨部门沟通和组织协调能力。",
        "公司年度GMV目标完成率不低于{}%@90-100|年度净利润率不低于{}%@5-12|重点项目按期交付率不低于{}%@85-95|关键岗位人才保有率不低于{}%@85-95|经营会议决议按期完成率",
        "钉钉|飞书|企业微信|PowerPoint|Excel|用友NC",
        "审定年度经营目标与预算|协调跨中心的重大项目|汇报经营情况并获取决策支持|对齐公司战略和阶段目标",
        "重大经营风险:销售额或利润连续两个月低于目标的{}%以上。@10-20|重大舆情:出现可能影响品牌声誉的媒体报道或平台处罚。|跨中心冲突:两个中心的目标或资源安排冲突且协商未果。",
        "finance|hr|data|ops",
    ),
    Family(
        "ops", "电商运营", "ops-playbook", "cat", CATEGORIES,
        "店铺运营组长:store-lead|活动运营组长:campaign-lead|商品运营组长:product-lead",
        "运营专员:specialist:s:1-4|高级运营专员:senior-specialist:s:1-2|活动专员:campaign:s:1-2|商品上架专员:listing:s:1-3|店铺数据专员:data:s:1-2|"
        "竞品分析专员:competitor:s:1-1|会员运营专员:crm:s:1-2|内容运营专员:content:s:1-2|大促项目专员:promo:s:1-1|直通车专员:through-train:s:1-2|"
        "详情页文案专员:copywriter:s:1-2|运营助理:assistant:a:1-3|运营实习生:intern:a:1-3|类目运营专员:category:s:1-2",
        "负责店铺的日常运营和销售目标达成|通过商品、活动和流量运营提升店铺GMV|把公司经营目标拆解为店铺的月度运营计划|统筹店铺流量、转化率和客单价的提升",
        "店铺日常运营与商品上下架|店铺流量、转化率和客单价的日常监控|大促活动的报名、备货与节奏把控|爆款打造与引流款布局|店铺首页和活动页的店铺装修需求|"
        "商品标题、主图和详情页的优化|月度上新计划的制定与执行|竞品店铺的价格与活动跟踪|店铺DSR评分与售后指标的维护|聚划算等官方活动的报名|"
        "店铺周报、月报的整理与经营复盘|平台规则变化的学习与店铺合规检查|SKU结构的梳理与滞销款的清理",
        "每日通过生意参谋查看流量来源和转化率变化|根据数据及时调整运营策略|确保活动按时上线、库存充足|提升店铺动销率和整体GMV|"
        "与推广、美工、客服保持日常沟通|控制推广费用，保证ROI达到目标|把有效做法沉淀为运营文档|对异常数据当天给出分析和处理意见",
        "熟悉天猫、京东、拼多多等主流平台的运营规则和活动玩法。|能熟练使用生意参谋分析流量、转化率和客单价。|有爆款打造或大促操盘经验者优先。|"
        "对数据敏感，能从经营数据中发现问题并提出改进方案。|了解直通车、钻展等推广工具的基本原理。",
        "店铺月度GMV目标完成率不低于{}%@90-100|店铺日均UV完成率不低于{}%@85-100|店铺转化率不低于{}%@2-6|动销率不低于{}%@60-85|大促活动按时上线率100%|店铺DSR评分不低于4.{}@7-9|"
        "上新计划按期完成率不低于{}%@85-98",
        "千牛|生意参谋|ERP系统|Excel|京麦工作台|抖店后台",
        "确认活动排期和店铺运营节奏|同步店铺流量和转化率变化|确定上新计划和主推款|复盘大促数据并制定下月目标",
        "活动资源不足:大促活动所需的流量、库存或预算明显不足。|数据异常:店铺流量或转化率单日下降超过{}%。@20-40|平台违规:店铺收到平台违规警告或商品被下架。|价格冲突:各平台之间出现明显的价格差异。",
        "ads|design|cs|merch|warehouse|data|campaign",
    ),
    Family(
        "cs", "电商客服", "service-manual", "region", REGIONS,
        "早班组长:morning-lead|晚班组长:evening-lead|大促组长:promo-lead|质检组长:qa-lead",
        "客服专员:specialist:s:2-8|高级专员:senior-specialist:s:1-3|夜班专员:night-shift:s:1-4|质检专员:quality:s:1-2|培训专员:training:s:1-1|"
        "投诉处理专员:complaints:s:1-2|VIP专员:vip:s:1-2|退换货专员:returns:s:1-3|评价管理专员:reviews:s:1-2|工单专员:tickets:s:1-2|"
        "知识库专员:knowledge-base:s:1-1|客服数据专员:data:s:1-1|客服助理:assistant:a:1-2|客服实习生:intern:a:1-4",
        "接待顾客咨询并引导成交|处理售后问题、维护店铺DSR评分|通过专业服务提升转化率和复购率|保证顾客问题在规定时效内得到解决",
        "旺旺和千牛上的顾客咨询接待|商品尺码、材质和使用方法等问题的解答|未付款订单的催付与物流跟进|退款、退货和换货申请的处理|顾客投诉与中差评的处理|"
        "大促期间的排班与接待量调度|快捷短语和知识库的维护|聊天记录的抽检与评分|新员工的话术与流程培训|询单转化率和响应时长的日常统计|"
        "VIP顾客的回访与关怀|物流异常订单的主动安抚",
        "首次响应时间控制在{}秒以内@10-30|提升询单转化率和客单价|降低退款率和中差评数量|把常见问题整理进知识库|每日下班前完成未结工单的交接|"
        "遇到无法处理的问题及时升级|保持服务话术统一、态度热情",
        "打字速度每分钟{}字以上，熟悉旺旺、千牛等客服工具。@50-80|普通话标准，沟通表达清晰，有耐心和服务意识。|熟悉淘宝、天猫的交易规则和售后流程。|"
        "能适应大促期间的轮班和加班安排。|有电商客服工作经验者优先。",
        "询单转化率不低于{}%@45-70|平均首次响应时间不超过{}秒@10-30|顾客满意度不低于{}%@90-98|退款率不高于{}%@2-8|质检合格率不低于{}%@90-99|"
        "中差评处理及时率100%",
        "千牛|旺旺|ERP系统|客服质检系统|企业微信|Excel",
        "反馈顾客对商品的集中咨询和差评原因|确认缺货、延迟发货订单的处理方式|同步促销规则和客服话术|核对退款、退货的处理进度",
        "价格问题:顾客要求的折扣或优惠超出公司规定的权限。|严重投诉:顾客威胁投诉到平台或媒体，或要求超出标准的赔偿。|批量异常:同一问题在一小时内被{}位以上顾客反映。@5-20|"
        "不能解决的困难:遇到自己职权范围内无法解决的问题。",
        "ops|warehouse|logistics|merch|campaign",
    ),
    Family(
        "crm", "会员运营", "service-manual", "cat", CATEGORIES,
        "社群运营组长:community-lead|会员活动组长:events-lead",
        "会员运营专员:specialist:s:1-3|社群运营专员:community:s:1-3|会员活动专员:events:s:1-2|企业微信运营专员:wecom:s:1-2|用户分层专员:segmentation:s:1-1|"
        "短信营销专员:sms:s:1-1|积分商城专员:points:s:1-1|会员数据专员:data:s:1-1|会员文案专员:copywriter:s:1-1|会员运营助理:assistant:a:1-2|"
        "私域内容专员:content:s:1-2|会员回访专员:callback:s:1-3",
        "经营品牌的私域和会员体系|通过会员权益和社群运营提升复购率|把一次性顾客沉淀为长期会员|提升老顾客的复购率和客单价",
        "会员等级与权益体系的维护|私域社群的日常运营与活跃度提升|企业微信好友的分层触达|会员日和积分活动的策划执行|老顾客的复购召回|"
        "会员数据的分层分析|短信和站内信的营销推送|积分商城的商品配置|会员生日礼和专属福利的发放|社群内容的排期与种草",
        "提高私域用户的复购率|控制营销触达的频次，避免打扰顾客|每周复盘社群活跃度和转化率|配合大促做好老顾客预热|保证会员权益按时兑现",
        "熟悉私域运营和会员体系搭建的方法。|具备良好的文案能力，能写出有吸引力的社群内容。|对用户分层和数据分析有基本了解。|有企业微信或社群运营经验者优先。",
        "会员复购率不低于{}%@20-40|社群月活跃率不低于{}%@15-35|私域渠道GMV占比不低于{}%@5-20|会员活动参与人数完成率|企业微信好友月净增{}人以上@500-3000",
        "企业微信|有赞|客户运营平台|Excel|短信平台",
        "制定会员日和老顾客召回活动|同步社群用户的反馈和需求|规划私域渠道的专享商品和价格|核对会员权益的成本和预算",
        "客诉集中:社群内出现集中投诉或负面情绪。|权益争议:会员权益兑现出现争议或系统错误。|封号风险:企业微信账号收到平台警告。",
        "ops|cs|campaign|data",
    ),
    Family(
        "ads", "电商推广", "ops-playbook", "cat", CATEGORIES,
        "站内投放组长:onsite-lead|站外投放组长:offsite-lead|推广优化组长:optimization-lead",
        "推广专员:specialist:s:1-3|直通车专员:through-train:s:1-2|钻展专员:diamond-booth:s:1-2|淘宝客专员:affiliate:s:1-2|千川投放专员:qianchuan:s:1-3|"
        "信息流投放专员:feed-ads:s:1-2|搜索优化专员:seo:s:1-2|推广数据专员:data:s:1-1|创意素材专员:creative:s:1-2|高级投放专员:senior-specialist:s:1-1|"
        "推广助理:assistant:a:1-2|京东快车专员:jd-ads:s:1-2",
        "用付费推广为店铺带来精准流量|在预算内提升推广ROI和成交|为爆款和新品持续引入流量|统筹站内外广告的投放与优化",
        "直通车关键词的选词、出价与优化|钻展人群定向与创意投放|淘宝客招募与佣金设置|巨量千川直播间投放计划的搭建|推广预算的制定与每日消耗监控|"
        "推广创意和主图的点击率测试|大促期间的推广节奏安排|推广数据的日报与周报|搜索排名的优化与关键词布局|站外信息流广告的投放",
        "保证ROI不低于目标值|及时暂停低效计划、加投高效计划|提升主图和创意的点击率|控制单次点击成本|与运营确认每周主推款|每天复盘推广数据并调整出价",
        "熟悉直通车、钻展、淘宝客等推广工具的操作和计费方式。|对数据敏感，能根据点击率和转化率调整投放策略。|有巨量千川或信息流投放经验者优先。|"
        "能独立管理每月{}万元以上的推广预算。@10-200",
        "推广ROI不低于{}@2-6|推广点击率不低于{}%@2-8|月度推广预算偏差不超过{}%@3-10|推广带来的成交额占比不低于{}%@20-45|新品推广期{}天内进入类目前列@14-45",
        "直通车后台|钻展后台|巨量千川|生意参谋|Excel|京准通",
        "确定主推款和推广预算|制作高点击率的推广创意和主图|复盘推广ROI和流量结构|安排大促期间的流量投放节奏",
        "预算超支:推广消耗超出当月预算{}%以上。@5-15|ROI异常:重点计划ROI连续三天低于目标。|账户风险:推广账户被平台限制或审核不通过。",
        "ops|design|data|content|merch",
    ),
    Family(
        "campaign", "活动策划", "ops-playbook", "cat", CATEGORIES,
        "大促项目组长:promo-lead|文案策划组长:copy-lead",
        "活动策划专员:specialist:s:1-3|大促项目专员:promo-pm:s:1-2|文案策划:copywriter:s:1-2|品牌推广专员:brand:s:1-2|公关专员:pr:s:1-1|"
        "异业合作专员:partnership:s:1-1|聚划算报名专员:juhuasuan:s:1-1|活动数据专员:data:s:1-1|活动执行专员:execution:s:1-2|活动策划助理:assistant:a:1-2|"
        "品牌内容专员:content:s:1-2",
        "策划平台大促和店铺活动|通过活动和品牌传播拉动销量|把营销节点做成可复制的活动方案|统筹大促项目的排期与落地",
        "年度营销日历和大促节点的规划|聚划算等官方活动的报名与执行|店铺活动玩法和优惠券的设计|大促项目的排期、分工与进度跟踪|活动页面文案和宣传语的撰写|"
        "品牌故事与种草内容的策划|异业合作与联名活动的洽谈|活动效果的数据复盘|活动预算的编制与核算",
        "确保活动方案按时评审和上线|平衡活动力度和毛利|提升活动期间的转化率和客单价|活动结束一周内完成复盘|与运营、推广、客服同步活动规则",
        "熟悉平台大促规则和常见的活动玩法。|文字功底扎实，能独立撰写活动方案。|具备项目管理能力，能推动多部门协同。|有聚划算或大促操盘经验者优先。",
        "大促GMV目标完成率不低于{}%@90-100|活动按期上线率100%|活动ROI不低于{}@2-5|活动复盘报告按时提交率100%|品牌内容曝光量完成率",
        "钉钉|Excel|PowerPoint|飞书|生意参谋",
        "确认大促活动玩法和优惠规则|同步活动排期和页面需求|评估活动对库存和发货的影响|准备活动宣传内容",
        "活动冲突:多个活动的优惠叠加造成亏损风险。|资源延误:活动页面或商品准备在上线前{}天仍未完成。@1-3|平台驳回:官方活动报名被驳回且影响大促计划。",
        "ops|design|ads|cs|warehouse",
    ),
    Family(
        "content", "内容运营", "ops-playbook", "cat", CATEGORIES,
        "直播组长:live-lead|短视频组长:video-lead|达人组长:creator-lead",
        "主播:host:s:1-4|副播:co-host:s:1-3|直播运营专员:live-ops:s:1-2|场控:floor-control:s:1-2|短视频编导:director:s:1-2|剪辑师:editor:s:1-3|"
        "脚本策划:scriptwriter:s:1-2|达人建联专员:creator-outreach:s:1-3|新媒体运营专员:social:s:1-2|内容审核专员:review:s:1-1|直播选品专员:selection:s:1-1|"
        "内容运营助理:assistant:a:1-2",
        "用直播、短视频和达人内容带动成交|持续产出种草内容、积累粉丝|把内容流量转化为店铺成交|统筹直播间和短视频账号的运营",
        "直播间的排期、选品与脚本准备|直播过程中的场控与节奏把握|短视频脚本的策划与拍摄|视频剪辑与发布|达人的筛选、建联与合作谈判|"
        "种草笔记和新媒体内容的发布|直播数据的复盘与话术优化|直播间巨量千川投放的配合|粉丝评论与私信的互动",
        "提升直播间的停留时长和转化率|保证每周的内容更新频率|控制达人合作的投入产出比|确保内容符合平台和广告法规定|把爆款内容的经验沉淀下来",
        "表达能力强，镜头感好，能长时间保持直播状态。|熟悉抖音、快手、小红书等内容平台的规则。|会使用剪映等剪辑工具。|有达人资源或直播带货经验者优先。",
        "直播间月度GMV完成率不低于{}%@85-100|直播间平均停留时长不低于{}秒@40-120|短视频月发布量不少于{}条@20-60|达人合作ROI不低于{}@1-4|账号粉丝月增长率",
        "抖店后台|巨量千川|剪映|小红书|视频号|OBS",
        "确定直播选品和直播间价格|制作直播切片和短视频|安排达人样品寄送|同步直播间的流量投放计划",
        "直播事故:直播中出现违规提示、断播或严重口误。|达人违约:达人未按约定发布内容或数据明显造假。|舆情风险:视频评论区出现集中负面内容。",
        "ops|ads|merch|design|warehouse",
    ),
    Family(
        "design", "视觉设计", "ops-playbook", "sub", _units("主图:main-image|详情页:detail-page|活动页:campaign-page|品牌视觉:brand|影棚:studio|后期:post"),
        "主图组长:main-image-lead|详情页组长:detail-lead|拍摄组长:shoot-lead",
        "美工:designer:s:1-4|高级美工:senior-designer:s:1-2|主图设计师:main-image:s:1-2|详情页设计师:detail-page:s:1-2|店铺装修设计师:store-decoration:s:1-1|"
        "摄影师:photographer:s:1-2|修图师:retoucher:s:1-3|视频剪辑师:video-editor:s:1-2|模特统筹:model-coordinator:s:1-1|平面设计师:graphic:s:1-2|"
        "设计助理:assistant:a:1-2|3D设计师:three-d:s:1-1",
        "用图片和视觉体现商品卖点|负责店铺视觉风格和页面设计|为上新和大促提供视觉素材|保证主图、详情页的质量和出图效率",
        "商品主图和详情页的设计|店铺首页和活动页的店铺装修|商品的拍摄与后期修图|推广创意和钻展素材的制作|大促活动页面的视觉设计|"
        "品牌视觉规范的制定与维护|商品短视频的拍摄与剪辑|设计素材库的整理与归档|上新商品的出图排期",
        "提升主图点击率和详情页转化率|确保店铺视觉风格统一|按排期准时交付设计稿|配合运营做主图的测试|保证图片尺寸和格式符合平台规范",
        "熟练使用Photoshop、Illustrator等设计软件。|有良好的审美和排版能力，能把握商品卖点。|熟悉电商主图和详情页的设计规范。|会拍摄和剪辑短视频者优先。",
        "设计需求按期交付率不低于{}%@90-99|主图点击率不低于{}%@2-8|详情页转化率提升{}%@5-15|月度出图量不少于{}张@80-300|设计返工率不高于{}%@5-15",
        "Photoshop|Illustrator|剪映|C4D|Lightroom|Premiere",
        "提交主图和详情页的设计需求|安排新品拍摄和样品交接|制作推广创意素材|确认活动页面的视觉风格",
        "需求冲突:多个部门的设计需求在同一时间段集中。|版权风险:素材或字体可能存在版权问题。|排期延误:上新或大促素材预计无法按时交付。",
        "ops|ads|merch|content|campaign",
    ),
    Family(
        "merch", "商品管理", "ops-playbook", "cat", CATEGORIES,
        "商品企划组长:planning-lead|新品开发组长:development-lead",
        "商品专员:merchandiser:s:1-3|商品企划专员:planner:s:1-2|选品专员:selection:s:1-2|定价专员:pricing:s:1-1|商品数据专员:data:s:1-1|"
        "新品开发专员:new-product:s:1-2|SKU管理专员:sku:s:1-1|竞品调研专员:research:s:1-1|商品跟单专员:follow-up:s:1-2|商品助理:assistant:a:1-2|"
        "商品资料专员:content:s:1-1",
        "规划商品结构和上新节奏|通过选品和定价提升动销率|管理商品从开发到下架的全过程|保证货品结构健康、库存周转合理",
        "年度商品企划与季节上新规划|爆款和引流款的选品|商品价格体系的制定与维护|SKU的建档与资料维护|滞销商品的清仓处理|竞品和市场趋势的调研|"
        "新品打样与上市评审|商品动销率和库存周转率的分析|商品资料和卖点的整理",
        "保证上新节奏与销售计划一致|提升动销率、降低滞销库存|确保价格在各平台保持一致|每月输出商品结构分析|与采购确认新品的交期",
        "熟悉所负责类目的商品、面料或成分知识。|对市场趋势敏感，有选品眼光。|能使用Excel进行商品数据分析。|有电商商品企划经验者优先。",
        "动销率不低于{}%@60-85|库存周转天数不高于{}天@30-90|新品上市按期率不低于{}%@85-98|爆款贡献GMV占比|商品毛利率不低于{}%@25-50",
        "ERP系统|Excel|生意参谋|PLM系统",
        "确认新品的卖点资料和上新时间|评估备货数量和补货节奏|同步价格调整和清仓计划|确定主推款和引流款",
        "价格冲突:渠道或平台之间出现价格倒挂。|库存积压:单款库存周转天数超过{}天。@90-180|质量问题:新品在上市前发现质量或合规问题。",
        "ops|purchase|warehouse|design|data",
    ),
    Family(
        "warehouse", "仓储管理", "supply-chain-sop", "site", WAREHOUSES,
        "拣货组长:picking-lead|打包组长:packing-lead|收货组长:receiving-lead",
        "仓管员:keeper:s:2-6|拣货员:picker:s:3-12|打包员:packer:s:3-12|打单员:order-printer:s:1-4|质检员:inspector:s:1-3|盘点专员:stocktaking:s:1-2|"
        "退货处理员:returns:s:1-4|库存专员:inventory:s:1-2|叉车司机:forklift:s:1-3|入库专员:inbound:s:1-3|出库专员:outbound:s:1-3|仓储助理:assistant:a:1-2|"
        "仓储数据专员:data:s:1-1",
        "保证订单准确、及时发出|管理库存、确保帐实相符|支撑大促期间的发货峰值|负责仓库的收货、存储、拣货和发货",
        "商品的收货、质检与入库|仓库货位的规划与管理|订单的打单、拣货与打包|快递面单与商品货号、数量的核对|每月的库存盘点|"
        "退货商品的验收与上架|大促期间的备货与发货排班|仓库安全与消防检查|库存数据的日常核对|包装耗材的申领与管理",
        "保证当日订单当日发出|错发、漏发率控制在目标以内|确保库存帐实相符|遇到缺货及时通知客服和运营|保持仓库整洁、货位清晰",
        "能适应仓库工作环境和大促期间的加班。|熟悉WMS或ERP系统的基本操作。|工作细心，对数字敏感。|持有叉车证者优先。",
        "订单准时发货率不低于{}%@95-100|发货差错率不高于千分之{}@1-5|盘点准确率不低于{}%@97-99|库存周转率达标|大促发货完成率100%",
        "WMS系统|ERP系统|手持PDA|电子面单打印机|Excel",
        "核对库存和发货进度|处理缺货和延迟发货订单|安排大促备货和发货排班|验收退货并反馈商品问题",
        "缺货发不了货:订单对应的商品缺货或有质量问题，不能按时发货。|爆仓:单日订单量超过仓库产能的{}%。@110-150|盘点差异:盘点差异金额超过{}元。@1000-10000",
        "cs|logistics|merch|purchase|ops",
    ),
    Family(
        "logistics", "物流管理", "supply-chain-sop", "region", REGIONS,
        "调度组长:dispatch-lead|异常处理组长:exceptions-lead",
        "物流专员:specialist:s:1-3|快递对接专员:courier:s:1-2|干线调度专员:dispatch:s:1-2|物流异常专员:exceptions:s:1-3|运费结算专员:freight:s:1-1|"
        "配送专员:delivery:s:1-3|物流数据专员:data:s:1-1|逆向物流专员:reverse:s:1-2|物流助理:assistant:a:1-2|物流成本专员:cost:s:1-1",
        "保证包裹按时、完好地送达顾客|管理快递合作和物流成本|处理物流异常、提升物流体验|统筹干线、仓配和逆向物流",
        "快递公司的选择与合作谈判|物流时效的监控与考核|物流异常件的跟踪处理|运费账单的核对与结算|大促期间的运力预约|退货物流的对接|"
        "物流成本的分析与优化|配送区域和运费模板的维护|物流投诉的协调处理",
        "提升物流时效和DSR物流评分|降低单票物流成本|异常件{}小时内完成跟进@12-48|大促前锁定快递运力|每月输出物流数据报告",
        "熟悉主流快递公司的价格、时效和配送范围。|具备谈判和供应商管理能力。|能使用Excel处理大量物流数据。|有电商物流管理经验者优先。",
        "包裹准时送达率不低于{}%@95-99|物流异常处理及时率不低于{}%@90-99|单票物流成本降低{}%@3-10|物流投诉率不高于千分之{}@1-5",
        "TMS系统|ERP系统|快递管家|Excel",
        "跟进物流异常件和顾客催件|确认大促期间的运力安排|核对运费账单|同步发货时效变化",
        "运力不足:快递公司无法满足大促期间的揽收量。|批量延误:某一线路{}%以上包裹延误超过两天。@10-30|丢件破损:单票货值超过{}元的包裹丢失或破损。@500-3000",
        "warehouse|cs|finance|ops",
    ),
    Family(
        "purchase", "采购与供应计划", "supply-chain-sop", "cat", CATEGORIES,
        "采购组长:buying-lead|计划组长:planning-lead",
        "采购专员:buyer:s:1-3|高级采购专员:senior-buyer:s:1-2|供应商开发专员:supplier-dev:s:1-2|采购跟单员:follow-up:s:1-3|需求计划专员:demand-planner:s:1-2|"
        "补货专员:replenishment:s:1-2|质检专员:qc:s:1-3|供应商质量工程师:sqe:s:1-2|成本核算专员:costing:s:1-1|采购助理:assistant:a:1-2|验厂专员:audit:s:1-1",
        "以合理的成本保证货品按时到仓|管理供应商和采购流程|根据销售预测制定备货和补货计划|控制来料质量、降低采购成本",
        "供应商的开发、评估与考核|采购订单的下达与交期跟踪|销售预测和备货计划的制定|爆款的快速补货|来料的质量检验|采购价格的谈判与成本分析|"
        "大促备货量的测算|供应商付款和对账的协调|滞销库存的退换货处理",
        "确保货品按计划到仓|降低采购成本和库存积压|提高预测准确率|保证来料合格率|每月更新供应商评分",
        "熟悉采购流程和供应商管理方法。|具备较强的谈判能力和成本意识。|能使用ERP系统和Excel做计划和分析。|熟悉所负责品类的生产工艺者优先。",
        "采购到货准时率不低于{}%@90-99|采购成本降低{}%@2-8|预测准确率不低于{}%@70-90|来料合格率不低于{}%@95-99|缺货率不高于{}%@2-8",
        "ERP系统|SRM系统|Excel|钉钉",
        "确认备货数量和到货时间|同步新品打样和量产进度|处理来料质量问题|核对采购付款和对账",
        "交期延误:重要订单预计延误超过{}天。@3-10|质量事故:来料批量不合格或出现安全问题。|价格异常:供应商涨价超过{}%。@5-15",
        "merch|warehouse|finance|ops",
    ),
    Family(
        "data", "数据分析", "management-rules", "sub", _units("流量:traffic|用户:user|商品:product|供应链:supply|财务:finance|营销:marketing|数仓:warehouse|报表:reporting"),
        "分析组长:analysis-lead|数仓组长:dw-lead",
        "数据分析师:analyst:s:1-3|高级数据分析师:senior-analyst:s:1-2|数据工程师:engineer:s:1-2|BI开发工程师:bi-dev:s:1-2|报表专员:reporting:s:1-2|"
        "数据产品经理:product-manager:s:1-1|算法工程师:algorithm:s:1-2|数据治理专员:governance:s:1-1|数据运营专员:data-ops:s:1-2|数据助理:assistant:a:1-1",
        "用数据支撑经营决策|建设数据指标体系和报表|发现经营问题并给出改进建议|保证数据口径统一、准确及时",
        "经营日报、周报和月报的制作|GMV、转化率、客单价等核心指标的监控|专题分析与经营问题诊断|数据仓库和报表的开发|生意参谋等平台数据的采集|"
        "数据口径和指标体系的维护|销售预测模型的搭建|用户画像和人群分析|数据质量的检查与治理",
        "保证报表每天{}点前更新@8-10|对异常指标给出原因分析|统一各部门的数据口径|把分析结论转化为可执行的建议|保护顾客数据的安全",
        "熟练使用SQL和Excel，会使用Python者优先。|理解电商核心指标，如转化率、客单价、复购率。|逻辑清晰，能把分析结论讲清楚。|有BI工具使用或开发经验。",
        "报表按时交付率不低于{}%@95-100|数据准确率不低于{}%@97-99|专题分析月度产出不少于{}份@2-6|销售预测准确率不低于{}%@70-90",
        "SQL|Python|Tableau|生意参谋|Excel|DataWorks",
        "提供经营数据和专题分析|核对数据口径和报表需求|搭建活动效果复盘看板|分析流量、转化率和客单价变化",
        "数据异常:核心报表数据与平台数据偏差超过{}%。@2-10|数据安全:发现顾客数据可能泄露或被滥用。|需求冲突:多个部门的数据需求排期冲突。",
        "ops|ads|finance|merch|tech",
    ),
    Family(
        "tech", "技术研发", "management-rules", "sub", _units("交易:trade|会员:member|订单:order|库存:inventory|营销工具:promo-tools|中台:platform|移动端:mobile|网络:network"),
        "开发组长:dev-lead|测试组长:qa-lead|运维组长:ops-lead",
        "后端工程师:backend:s:1-4|前端工程师:frontend:s:1-3|测试工程师:tester:s:1-3|运维工程师:sre:s:1-2|ERP实施顾问:erp-consultant:s:1-2|产品经理:product-manager:s:1-2|"
        "网络管理员:netadmin:s:1-1|桌面支持工程师:desktop-support:s:1-2|安全工程师:security:s:1-1|架构师:architect:s:1-1|技术助理:assistant:a:1-1",
        "保障电商系统稳定运行|开发和维护公司内部业务系统|为业务部门提供技术支持|推动ERP、WMS等系统的落地",
        "ERP、WMS等业务系统的实施与维护|电商平台接口的开发与对接|内部工具和报表系统的开发|服务器与网络的日常运维|大促期间的系统保障和值守|"
        "系统需求的调研与评审|功能测试与上线验证|信息安全与权限管理|办公设备和网络的技术支持",
        "保证系统可用性达到99.{}%以上@5-9|按迭代计划交付需求|线上故障{}分钟内响应@5-30|做好数据备份和权限控制|编写必要的技术文档",
        "熟悉Java、Python或Go中的至少一种语言。|了解电商订单、库存等业务流程。|具备良好的问题排查能力。|有ERP或WMS实施经验者优先。",
        "系统可用率不低于99.{}%@5-9|需求按期交付率不低于{}%@85-98|线上故障平均恢复时间不超过{}分钟@15-60|IT服务满意度不低于{}%@85-98",
        "Git|Jira|Linux|MySQL|Jenkins|钉钉",
        "评审系统需求和上线计划|排查订单和库存同步异常|准备大促期间的系统保障|开通系统账号和权限",
        "系统故障:核心系统不可用超过{}分钟。@10-30|安全事件:发现疑似入侵或数据泄露。|需求变更:上线前{}天内出现重大需求变更。@1-5",
        "data|ops|warehouse|finance",
    ),
    Family(
        "channel", "渠道拓展", "ops-playbook", "region", REGIONS,
        "渠道组长:channel-lead|大客户组长:key-account-lead",
        "分销专员:specialist:s:1-3|渠道拓展专员:bd:s:1-3|经销商管理专员:dealer:s:1-2|跨境运营专员:cross-border:s:1-2|海外推广专员:overseas-marketing:s:1-2|"
        "门店运营专员:store-ops:s:1-3|大客户专员:key-account:s:1-2|渠道订单专员:orders:s:1-2|渠道数据专员:data:s:1-1|渠道助理:assistant:a:1-2",
        "拓展分销、跨境和线下渠道|管理经销商和大客户关系|在电商平台之外增加销售渠道|保证渠道价格体系稳定",
        "分销商的招募、培训与考核|渠道价格体系的维护与监督|大客户和团购订单的跟进|跨境平台店铺的运营|海外市场的推广|线下门店的商品陈列与活动|"
        "渠道订单和回款的跟踪|渠道销售数据的统计分析|渠道政策的制定与宣导",
        "维护渠道价格秩序|保证渠道回款及时|每月新增合格分销商|及时处理渠道窜货和乱价|与仓储确认渠道订单发货",
        "具备较强的商务谈判和客户开发能力。|熟悉分销或跨境电商的业务模式。|能适应出差。|英语读写熟练者优先（跨境岗位）。",
        "渠道销售额完成率不低于{}%@85-100|新增分销商{}家以上@5-30|渠道回款及时率不低于{}%@90-99|渠道乱价处理及时率100%",
        "ERP系统|分销管理系统|速卖通后台|Excel|企业微信",
        "确认渠道订单和发货时间|同步渠道价格和政策|处理渠道顾客的售后问题|核对渠道回款",
        "乱价窜货:发现分销商低价销售或跨区域窜货。|回款逾期:大客户回款逾期超过{}天。@15-60|合同争议:与渠道客户发生合同纠纷。",
        "ops|warehouse|finance|cs",
    ),
    Family(
        "hr", "人力资源", "management-rules", "sub", _units("招聘:recruiting|培训:training|薪酬绩效:compensation|员工关系:employee-relations|组织发展:org-development|HRBP:hrbp"),
        "招聘组长:recruiting-lead|培训组长:training-lead",
        "招聘专员:recruiter:s:1-3|培训专员:trainer:s:1-2|薪酬专员:payroll:s:1-1|绩效专员:performance:s:1-1|员工关系专员:employee-relations:s:1-1|HRBP:hrbp:s:1-3|"
        "人事专员:personnel:s:1-2|社保专员:benefits:s:1-1|企业文化专员:culture:s:1-1|人力资源助理:assistant:a:1-2",
        "为各中心招到合适的人并留住人才|建设招聘、培训、薪酬和绩效体系|支撑业务扩张的人员需求|营造良好的组织氛围",
        "各部门招聘需求的收集与岗位发布|候选人的筛选、面试与录用|新员工入职和岗前培训|客服、仓储等一线岗位的批量招聘|薪酬核算和社保公积金缴纳|"
        "绩效考核的组织与结果应用|员工关系与劳动合同管理|大促期间临时用工的安排|企业文化活动的组织",
        "保证关键岗位在{}天内到岗@15-45|控制人员流失率|确保薪酬按时准确发放|及时处理劳动纠纷|配合业务部门做人员规划",
        "熟悉人力资源各模块的工作流程和劳动法规。|具备良好的沟通和协调能力。|有电商或零售行业招聘经验者优先。|能熟练使用人力资源系统。",
        "招聘需求按期完成率不低于{}%@80-95|员工月度流失率不高于{}%@2-8|培训计划完成率不低于{}%@85-100|薪酬发放准确率100%",
        "北森|钉钉|Excel|BOSS直聘",
        "确认招聘需求和到岗时间|安排新员工培训|组织绩效考核|处理人员异动和劳动关系问题",
        "劳动纠纷:员工提出仲裁或诉讼。|关键人才流失:核心岗位员工提出离职。|用工缺口:大促前一线岗位缺口超过{}%。@10-30",
        "finance|exec|admin",
    ),
    Family(
        "finance", "财务管理", "management-rules", "sub", _units("总账:general-ledger|应收:receivables|应付:payables|税务:tax|资金:treasury|成本:cost|预算:budget|平台对账:reconciliation"),
        "总账组长:ledger-lead|资金组长:treasury-lead",
        "会计:accountant:s:1-3|出纳:cashier:s:1-2|应收专员:ar:s:1-2|应付专员:ap:s:1-2|税务专员:tax:s:1-1|成本会计:cost-accountant:s:1-1|财务分析师:fp-analyst:s:1-2|"
        "平台对账专员:reconciliation:s:1-2|预算专员:budget:s:1-1|财务助理:assistant:a:1-2",
        "核算公司经营成果、管控资金和成本|为经营决策提供财务数据|保证账务合规、资金安全|管理各平台的资金对账与结算",
        "日常账务处理与凭证审核|各电商平台的资金对账与结算|供应商付款和费用报销的审核|月度、季度、年度财务报表的编制|税务申报与发票管理|"
        "预算的编制与执行监控|商品成本和毛利的核算|推广费用的核对与分析|资金计划与现金流管理",
        "保证报表按时、准确出具|控制费用在预算范围内|确保资金安全和账实相符|及时发现并提示经营风险|配合审计和税务检查",
        "财务、会计相关专业，持有会计资格证书。|熟悉电商平台的结算规则和税务政策。|熟练使用财务软件和Excel。|有电商企业财务经验者优先。",
        "月度结账按期完成率100%|平台对账差异率不高于{}%@0-1|费用预算偏差不超过{}%@3-10|付款差错率为零|财务分析报告按时提交率100%",
        "金蝶|用友|Excel|网银系统|电子发票平台",
        "核对推广费用和平台结算|审核采购付款|编制经营预算|核算活动成本和毛利",
        "资金风险:账户资金不足以覆盖未来{}天的支付。@7-30|对账差异:平台结算与账面差异超过{}元。@1000-20000|税务风险:收到税务机关的问询或稽查通知。",
        "exec|purchase|ops|hr|data",
    ),
    Family(
        "admin", "行政法务", "management-rules", "sub", _units("综合:general|后勤:facilities|资产:assets|合同:contracts|知识产权:ip|合规:compliance"),
        "行政组长:admin-lead|法务组长:legal-lead",
        "行政专员:specialist:s:1-3|前台:reception:s:1-2|资产管理专员:assets:s:1-1|法务专员:legal:s:1-2|知识产权专员:ip:s:1-1|合同管理专员:contracts:s:1-1|"
        "后勤专员:facilities:s:1-2|司机:driver:s:1-2|合规专员:compliance:s:1-1|行政助理:assistant:a:1-2",
        "保障公司日常运转和办公环境|管理合同、知识产权和合规风险|处理平台投诉和法律纠纷|为各中心提供行政和法务支持",
        "办公环境与后勤保障|固定资产和办公用品的管理|会议、接待与活动的组织|合同的审核与归档|商标、专利等知识产权的维护|"
        "平台知识产权投诉的应对|广告法等合规风险的审查|劳动、消费纠纷的法律处理|证照和资质的年检",
        "保证合同审核在{}个工作日内完成@1-3|降低法律和合规风险|控制行政费用|确保资质证照有效|及时响应各部门的行政需求",
        "熟悉行政管理或法律实务。|具备良好的沟通和服务意识。|法务岗位需持有法律职业资格证书。|熟悉电商广告法和知识产权规则者优先。",
        "行政服务满意度不低于{}%@85-98|合同审核及时率不低于{}%@90-100|行政费用预算偏差不超过{}%@3-10|知识产权投诉处理及时率100%",
        "钉钉|OA系统|Excel|合同管理系统",
        "审核合作合同|处理知识产权投诉|安排会议和接待|检查宣传内容是否违反广告法",
        "法律纠纷:公司被起诉或收到律师函。|平台处罚:因知识产权或广告法问题受到平台处罚。|安全事故:办公场所发生安全或消防事故。",
        "exec|hr|finance|ops",
    ),
]
FAMILIES = {f.key: f for f in _FAMILIES}

CENTER_LEADS = "副总监:deputy-director|项目经理:project-manager|培训经理:training-manager"
CENTER_ROLES = (
    "总监助理:assistant-to-director:a:1-1|流程优化专员:process:s:1-1|预算专员:budget:s:1-1|中心数据专员:data:s:1-2|质量专员:quality:s:1-1|"
    "中心行政助理:admin-assistant:a:1-1|项目专员:project:s:1-2|培训专员:training:s:1-1"
)
EXTRA_ROLES = "储备干部:trainee:s:1-2|见习专员:junior:a:1-3|兼职专员:part-time:s:1-4|外包协调专员:outsourcing:s:1-1|档案专员:records:s:1-1"

GENERIC_REQS = [
    "责任心强，抗压能力好，能适应大促期间的工作节奏。",
    "沟通表达清晰，具备良好的团队协作意识。",
    "熟练使用Excel等办公软件，能独立完成数据整理。",
    "学习能力强，能快速掌握平台规则的变化。",
    "做事细致，有条理，能同时跟进多项工作。",
]
MANAGER_TASKS = [
    "本部门年度和月度工作计划的制定", "团队人员的招聘、培养与绩效考核", "部门预算和费用的控制", "跨部门问题的协调与推动",
    "部门制度和作业流程的建设", "下属工作的分配、检查与辅导",
]
MANAGER_DETAILS = ["确保部门目标按月达成", "定期向上级汇报工作进展", "培养可以独当一面的骨干", "对下属不能处理的问题及时介入", "保持团队稳定和士气"]
ASSISTANT_TASKS = ["部门会议纪要和日常文件的整理", "各类报表数据的收集与录入", "部门物料和办公用品的申领", "上级交办的临时事务"]
ASSISTANT_DETAILS = ["按时提交给部门负责人", "保证资料完整、准确", "协助同事完成日常工作", "及时反馈处理进度"]
COLLAB_TAILS = ["每周例会同步进度", "大促前共同制定方案", "问题当天沟通解决", "按月复盘合作效果", "重要变化提前一天通知对方", "共同维护一份进度表"]
FILLERS = ["并按时向上级汇报", "确保工作按计划完成", "保证数据准确、及时", "持续优化工作方法"]
VERBS = {
    "executive": ["统筹", "主持", "审定", "督导"],
    "director": ["统筹", "主持", "审核", "推动"],
    "manager": ["负责", "组织", "审核", "推动"],
    "lead": ["组织", "负责", "跟进", "督导"],
    "specialist": ["负责", "执行", "跟进", "参与"],
    "assistant": ["协助", "配合", "整理", "跟进"],
}
ROLE_KIND = {
    "executive": "最高负责人", "director": "负责人", "manager": "负责人", "lead": "带队岗位", "specialist": "执行岗位", "assistant": "支持岗位",
}


def _split(text: str) -> list[str]:
    return text.split("|") if text else []


@dataclass
class _Texts:
    """A family's phrase lists, split once."""

    family: Family
    leads: list[tuple[str, str]]
    roles: list[tuple[str, str, str, int, int]]
    purposes: list[str]
    tasks: list[str]
    details: list[tuple[str, tuple[int, int] | None]]
    reqs: list[str]
    kpis: list[tuple[str, tuple[int, int] | None]]
    tools: list[str]
    collab: list[str]
    escalations: list[tuple[str, str, tuple[int, int] | None]]
    partners: list[str]


def _roles(text: str) -> list[tuple[str, str, str, int, int]]:
    out = []
    for item in _split(text):
        title, slug, level, span = item.split(":")
        lo, hi = span.split("-")
        out.append((title, slug, "assistant" if level == "a" else "specialist", int(lo), int(hi)))
    return out


def _leads(text: str) -> list[tuple[str, str]]:
    return [tuple(x.split(":")) for x in _split(text)]  # type: ignore[misc]


def _ranged(item: str) -> tuple[str, tuple[int, int] | None]:
    if "@" not in item:
        return item, None
    text, span = item.split("@")
    lo, hi = span.split("-")
    return text, (int(lo), int(hi))


def _texts(f: Family) -> _Texts:
    escalations = []
    for item in _split(f.escalations):
        text, span = _ranged(item)
        situation, when = text.split(":")
        escalations.append((situation, when, span))
    return _Texts(
        family=f,
        leads=_leads(f.leads),
        roles=_roles(f.roles),
        purposes=_split(f.purposes),
        tasks=_split(f.tasks),
        details=[_ranged(x) for x in _split(f.details)],
        reqs=_split(f.reqs),
        kpis=[_ranged(x) for x in _split(f.kpis)],
        tools=_split(f.tools),
        collab=_split(f.collab),
        escalations=escalations,
        partners=_split(f.partners),
    )


TEXTS = {k: _texts(f) for k, f in FAMILIES.items()}

# ---------------------------------------------------------------------------------------------------------------------
# Building the organisation
# ---------------------------------------------------------------------------------------------------------------------


@dataclass
class _Dept:
    id: str
    name: str
    prefix: str
    """Title prefix of the department's positions, e.g. 华东二区售前客服."""
    family: str
    depth: int
    parent: _Dept | None
    order: int
    unit_style: str = "sub"
    children: list[_Dept] = field(default_factory=list)
    size: int = 0
    positions: list[_Pos] = field(default_factory=list)


@dataclass
class _Pos:
    id: str
    title: str
    dept: _Dept
    level: str
    headcount: int
    order: int
    kind: str
    """head, lead, staff."""
    reports_to: _Pos | None = None


def _cn(n: int) -> str:
    """Chinese numeral for 1–99."""
    if n <= 10:
        return CN_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return (CN_NUMBERS[tens - 1] if tens > 1 else "") + "十" + (CN_NUMBERS[ones - 1] if ones else "")


def _allocate(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` into len(weights) parts of at least 1, proportional to ``weights`` (largest remainder)."""
    k = len(weights)
    spare = total - k
    scale = sum(weights)
    raw = [spare * w / scale for w in weights]
    parts = [int(r) for r in raw]
    rest = spare - sum(parts)
    by_remainder = sorted(range(k), key=lambda i: (-(raw[i] - parts[i]), i))
    for i in by_remainder[:rest]:
        parts[i] += 1
    return [p + 1 for p in parts]


class _Builder:
    def __init__(self, positions: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n = positions
        self.depts: list[_Dept] = []
        self.positions: list[_Pos] = []
        self.titles: set[str] = set()
        self.ids: set[str] = set()
        self.names: set[str] = set()

    # -- departments --------------------------------------------------------------------------------------------------

    def build(self) -> None:
        count = max(1, min(self.n, round(self.n / POSITIONS_PER_DEPARTMENT)))
        root = _Dept("gm-office", "总经办", "总经办", "exec", 1, None, 10)
        self._add_dept(root)
        self._grow(root, count - 1)
        sizes = _allocate(self.n, [self.rng.uniform(0.75, 1.35) for _ in self.depts])
        for dept, size in zip(self.depts, sizes, strict=True):
            dept.size = size
        for dept in self.depts:
            self._staff(dept)

    def _add_dept(self, dept: _Dept) -> None:
        self.depts.append(dept)
        self.names.add(dept.name)
        if dept.parent is not None:
            dept.parent.children.append(dept)

    def _grow(self, dept: _Dept, budget: int) -> None:
        """Give ``dept`` ``budget`` descendant departments, wide near the top, deeper as the org grows."""
        if budget <= 0:
            return
        if dept.depth == 1:
            k = max(1, min(len(CENTERS), round(math.sqrt(budget))))
        elif budget <= 4:
            k = budget
        else:
            k = max(2, min(8, round(math.sqrt(budget))))
        shares = _allocate(budget, [self.rng.uniform(0.8, 1.2) for _ in range(k)])
        for i, share in enumerate(shares):
            child = self._child(dept, i)
            self._add_dept(child)
            self._grow(child, share - 1)

    def _child(self, parent: _Dept, i: int) -> _Dept:
        order = 10 * (i + 1)
        depth = parent.depth + 1
        if depth == 2:
            name, dept_id, family, _ = CENTERS[i]
            return _Dept(dept_id, name, name, family, depth, parent, order)
        if depth == 3:
            types = next(c[3] for c in CENTERS if c[1] == parent.id)
            name, label, dept_id, family = types[i % len(types)]
            repeat = i // len(types)
            if repeat:
                name = f"{name[:-1]}{_cn(repeat + 1)}部"
                label = f"{label}{_cn(repeat + 1)}部"
                dept_id = f"{dept_id}-{repeat + 1}"
            return _Dept(dept_id, name, label, family, depth, parent, order, unit_style=FAMILIES[family].unit_style)
        fam = FAMILIES[parent.family]
        units = fam.units if depth == 4 and fam.units else []
        if i < len(units):
            qual, slug = units[i]
            style = parent.unit_style
        else:
            qual, slug, style = f"{_cn(i + 1)}组", f"g{i + 1}", "number"
        if style == "region":  # 售前客服华东一区, titles 华东一区售前客服…
            name, prefix = f"{parent.prefix}{qual}", f"{qual}{parent.prefix}"
        elif style == "cat":  # 美妆天猫运营组
            name, prefix = f"{qual}{parent.prefix}组", f"{qual}{parent.prefix}"
        elif style == "site":  # 嘉兴仓
            name, prefix = qual, qual
        elif style == "sub":  # 财务应收组
            name, prefix = f"{parent.prefix}{qual}组", f"{parent.prefix}{qual}"
        else:  # 华东一区售前客服一组
            name = prefix = f"{parent.prefix}{qual}"
        if name in self.names:  # e.g. a second 仓储部 with its own 嘉兴仓
            name, prefix = f"{parent.name}{qual}", f"{parent.prefix}{qual}"
        return _Dept(f"{parent.id}-{slug}", name, prefix, parent.family, depth, parent, order, unit_style="number")

    # -- positions ----------------------------------------------------------------------------------------------------

    def _staff(self, dept: _Dept) -> None:
        rng = self.rng
        tx = TEXTS[dept.family]
        size = dept.size
        # ``fixed`` roles are taken first, in order; the rest are a seeded sample of ``pool``.
        if dept.depth == 1:
            head_role = ("总经理", "general-manager", "executive")
            leads = tx.leads
            fixed = [("副总经理", "deputy-general-manager", "executive", 1, 2), *tx.roles[:1]]
            pool = tx.roles[1:]
        elif dept.depth == 2:
            head_role = ("总监", "director", "director")
            leads = _leads(CENTER_LEADS)
            fixed, pool = _roles(CENTER_ROLES), list(tx.roles)
        else:
            head_role = {3: ("经理", "manager", "manager"), 4: ("主管", "supervisor", "manager")}.get(dept.depth, ("组长", "team-lead", "lead"))
            leads = tx.leads
            fixed, pool = tx.roles[:1], tx.roles[1:]
        roles = fixed + pool
        pool = pool + _roles(EXTRA_ROLES)
        n_leads = 0 if size <= 4 else 1 if size <= 8 else 2 if size <= 12 else 3
        n_leads = min(n_leads, len(leads))
        n_staff = size - 1 - n_leads
        picked = fixed[:n_staff]
        picked += rng.sample(pool, min(len(pool), n_staff - len(picked)))
        for k in range(n_staff - len(picked)):  # only in oversized departments
            title, slug, level, lo, hi = roles[k % len(roles)]
            picked.append((f"{title}（{_cn(k // len(roles) + 2)}）", f"{slug}-{k // len(roles) + 2}", level, lo, hi))
        picked.sort(key=lambda r: (r[2] == "assistant", roles.index(r) if r in roles else len(roles)))

        head = self._position(dept, head_role[0], head_role[1], head_role[2], 1, "head")
        lead_positions = []
        for title, slug in leads[:n_leads]:
            level = "director" if slug == "deputy-director" else "manager" if dept.depth <= 2 else "lead"
            pos = self._position(dept, title, slug, level, 1, "lead")
            pos.reports_to = head
            lead_positions.append(pos)
        for i, (title, slug, level, lo, hi) in enumerate(picked):
            pos = self._position(dept, title, slug, level, rng.randint(lo, hi), "staff")
            if level in ("assistant", "executive", "director") or not lead_positions or rng.random() < 0.15:
                pos.reports_to = head
            else:
                pos.reports_to = lead_positions[i % len(lead_positions)]
        if dept.parent is not None:
            head.reports_to = dept.parent.positions[0]

    def _position(self, dept: _Dept, role: str, slug: str, level: str, headcount: int, kind: str) -> _Pos:
        if dept.depth == 1:
            title = role
            pos_id = slug if slug == "general-manager" else f"{dept.id}-{slug}"
        else:
            title = _join(dept.prefix, role)
            if title in self.titles:  # 摄影部详情页 + 详情页组长 is also 摄影部 + 详情页组长
                title = dept.prefix + role
            pos_id = f"{dept.id}-{slug}"
        base, k = title, 2
        while title in self.titles:  # a prefix plus a role can spell another prefix plus another role
            title, k = f"{base}（{_cn(k)}）", k + 1
        if len(pos_id) > ID_MAX or pos_id in self.ids:  # never at realistic sizes; kept valid and unique regardless
            pos_id = f"{pos_id[: ID_MAX - 7].rstrip('-')}-{len(self.positions):06d}"
        self.ids.add(pos_id)
        pos = _Pos(pos_id, title, dept, level, headcount, 10 * (len(dept.positions) + 1), kind)
        self.titles.add(title)
        dept.positions.append(pos)
        self.positions.append(pos)
        return pos


def _join(prefix: str, role: str) -> str:
    """Return prefix + role without repeating the words they share: 售后客服 + 客服专员 → 售后客服专员."""
    for k in range(min(len(prefix), len(role) - 1), 1, -1):
        if prefix.endswith(role[:k]):
            return prefix + role[k:]
    return prefix + role


# ---------------------------------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------------------------------


def _fill(rng: random.Random, text: str, span: tuple[int, int] | None) -> str:
    return text.replace("{}", str(rng.randint(*span))) if span else text


def _clauses(parts: list[str], lo: int, hi: int, fillers: list[str]) -> str:
    """Join clauses with '，' into one sentence of lo–hi characters (dropping or adding clauses)."""
    parts = [p for p in parts if p]
    while len(parts) > 1 and len("，".join(parts)) + 1 > hi:
        parts.pop()
    for extra in fillers:
        if len("，".join(parts)) + 1 >= lo:
            break
        if extra not in parts:
            parts.append(extra)
    text = "，".join(parts)
    if len(text) + 1 > hi:
        text = text[: hi - 1]
    return text + "。"


class _Writer:
    def __init__(self, builder: _Builder) -> None:
        self.b = builder
        self.rng = builder.rng
        self.by_family: dict[str, list[_Dept]] = {}
        for d in builder.depts:
            self.by_family.setdefault(d.family, []).append(d)

    def department(self, d: _Dept) -> dict:
        rng = self.rng
        tx = TEXTS[d.family]
        purposes = rng.sample(tx.purposes, min(2, len(tx.purposes)))
        if d.parent is None:
            lead = f"{d.name}是公司的最高管理机构，由总经理直接领导"
        else:
            lead = f"{d.name}隶属{d.parent.name}，由{d.positions[0].title}带领"
        summary = _clauses([lead, *purposes, f"下设{len(d.children)}个{'中心' if d.depth == 1 else '部门' if d.depth == 2 else '小组'}" if d.children else f"现有{len(d.positions)}个岗位"], 40, 90, FILLERS)
        functions = [f"负责{t}。" for t in rng.sample(tx.tasks, min(len(tx.tasks), rng.randint(3, 5)))]
        out: dict = {"name": d.name}
        if d.depth == 3 and rng.random() < 0.3:
            out["other_names"] = [f"{d.prefix}中心" if d.prefix.endswith("部") else f"{d.prefix}团队"]
        if d.parent is not None:
            out["parent"] = d.parent.id
        out["head"] = d.positions[0].id
        out["order"] = d.order
        out["summary"] = summary
        out["functions"] = functions
        out["sources"] = _sources(tx.family.source)
        return out

    def position(self, p: _Pos) -> dict:
        rng = self.rng
        d = p.dept
        tx = TEXTS[d.family]
        level = p.level
        out: dict = {"title": p.title}
        if p.kind == "head" and d.depth > 1:
            out["other_titles"] = [f"{d.prefix}负责人"]
        out["department"] = d.id
        if p.reports_to is not None:
            out["reports_to"] = p.reports_to.id
        out["level"] = level
        out["headcount"] = p.headcount
        out["order"] = p.order
        out["summary"] = self._summary(p, tx)
        out["responsibilities"] = self._responsibilities(p, tx)
        out["requirements"] = self._requirements(p, tx)
        out["kpis"] = [_fill(rng, t, s) for t, s in rng.sample(tx.kpis, min(len(tx.kpis), rng.randint(2, 4)))]
        collaboration = self._collaboration(p)
        if collaboration:
            out["collaboration"] = collaboration
        escalation = self._escalation(p, tx)
        if escalation:
            out["escalation"] = escalation
        out["tools"] = rng.sample(tx.tools, min(len(tx.tools), rng.randint(1, 3)))
        out["sources"] = _sources(tx.family.source)
        return out

    def _summary(self, p: _Pos, tx: _Texts) -> str:
        rng = self.rng
        d = p.dept
        purposes = rng.sample(tx.purposes, 2)
        if p.level == "executive" and p.reports_to is None:
            first = f"公司的{ROLE_KIND['executive']}，领导总经办和各业务中心"
        elif p.kind == "head":
            first = f"{d.name}的{ROLE_KIND[p.level]}，直接上级为{p.reports_to.title if p.reports_to else '总经理'}"
        else:
            first = f"{d.name}的{ROLE_KIND[p.level]}，向{p.reports_to.title if p.reports_to else '总经理'}汇报"
        detail = _fill(rng, *rng.choice(tx.details))
        return _clauses([first, *purposes, detail], 40, 80, [*FILLERS, rng.choice(tx.tasks)])

    def _responsibilities(self, p: _Pos, tx: _Texts) -> list[str]:
        rng = self.rng
        count = rng.randint(4, 8)
        if p.kind == "head" or p.level in ("executive", "director"):
            pool = rng.sample(MANAGER_TASKS, 2) + rng.sample(tx.tasks, min(len(tx.tasks), count - 2))
            details = [(x, None) for x in MANAGER_DETAILS] + tx.details
        elif p.level == "assistant":
            pool = rng.sample(ASSISTANT_TASKS, 2) + rng.sample(tx.tasks, min(len(tx.tasks), count - 2))
            details = [(x, None) for x in ASSISTANT_DETAILS] + tx.details
        else:
            pool = rng.sample(tx.tasks, min(len(tx.tasks), count))
            details = tx.details
        verbs = VERBS[p.level]
        picked = rng.sample(details, min(len(details), count))
        out = []
        for i, task in enumerate(pool[:count]):
            detail = _fill(rng, *picked[i % len(picked)])
            out.append(_clauses([f"{rng.choice(verbs)}{task}", detail], 20, 60, FILLERS))
        return out

    def _requirements(self, p: _Pos, tx: _Texts) -> list[str]:
        rng = self.rng
        years = {"executive": (8, 12), "director": (5, 8), "manager": (3, 6), "lead": (2, 4), "specialist": (1, 3), "assistant": (0, 1)}[p.level]
        n = rng.randint(*years)
        education = "本科" if p.level in ("executive", "director", "manager") else rng.choice(["大专", "本科"])
        first = f"{education}及以上学历，{n}年以上{tx.family.domain}相关工作经验。" if n else f"{education}及以上学历，优秀应届毕业生亦可。"
        out = [first]
        count = rng.randint(2, 4)
        if p.kind == "head" or p.level in ("executive", "director"):
            out.append(f"具备{rng.randint(5, 30)}人以上团队管理经验，善于目标拆解和跨部门协调。")
        pool = [_fill(rng, t, s) for t, s in (_ranged(r) for r in rng.sample(tx.reqs, min(len(tx.reqs), count)))] + rng.sample(GENERIC_REQS, 2)
        for item in pool:
            if len(out) >= count:
                break
            out.append(item)
        return out

    def _collaboration(self, p: _Pos) -> list[dict]:
        rng = self.rng
        d = p.dept
        if len(self.b.depts) < 2:
            return []
        partners = [f for f in TEXTS[d.family].partners if len(self.by_family.get(f, ())) > (d.family == f)]
        out: list[dict] = []
        chosen: list[_Pos] = []
        want = rng.randint(2, 3)
        for _ in range(want * 4):  # a few tries: small orgs have few candidates
            if len(chosen) >= want:
                break
            candidates = self.by_family[rng.choice(partners)] if partners and rng.random() < 0.85 else self.b.depts
            other = rng.choice(candidates)
            if other is d:
                continue
            if p.kind == "head":  # heads work with their peers
                peers = [x for x in candidates if x is not d and abs(x.depth - d.depth) <= 1]
                other = rng.choice(peers) if peers else other
            target = other.positions[0] if p.kind == "head" or rng.random() < 0.4 else rng.choice(other.positions)
            if target in chosen or target is p:
                continue
            chosen.append(target)
            on = _clauses([rng.choice(TEXTS[other.family].collab), rng.choice(COLLAB_TAILS)], 12, 50, FILLERS)
            out.append({"with": target.id, "on": on})
        return out

    def _escalation(self, p: _Pos, tx: _Texts) -> list[dict]:
        rng = self.rng
        boss = p.reports_to
        if boss is None:
            return []
        targets = [boss]
        if boss.reports_to is not None and rng.random() < 0.6:
            targets.append(boss.reports_to)
        picks = rng.sample(tx.escalations, min(len(tx.escalations), len(targets)))
        out = []
        for (situation, when, span), to in zip(picks, targets, strict=False):
            out.append({"situation": situation, "when": _fill(rng, when, span), "to": to.id})
        return out


def _sources(family_source: str) -> list[str]:
    return ["org-structure"] if family_source == "org-structure" else ["org-structure", family_source]


# ---------------------------------------------------------------------------------------------------------------------
# YAML (hand-written: plain scalars where safe, JSON-style double quotes otherwise)
# ---------------------------------------------------------------------------------------------------------------------

_RESERVED = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", ""}
# Quote when a plain scalar could mean something else: an indicator or digit first, YAML/escape characters anywhere,
# or surrounding white space.
_NEEDS_QUOTES = re.compile(r"""^[-?:,\[\]{}#&*!|>'"%@`+.0-9\s]|[:#\n\r\t\\"']|\s$""")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")


def _scalar(value: object, flow: bool = False) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"unsupported value {value!r}")
    if isinstance(value, int):
        return str(value)
    if value.lower() in _RESERVED or _NEEDS_QUOTES.search(value) or (flow and _FLOW_UNSAFE.search(value)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _key(key: str) -> str:
    return f'"{key}"' if key.lower() in _RESERVED else key


def _yaml(schema: str, doc: dict, depth: str = "../../") -> str:
    lines = [f"# yaml-language-server: $schema={depth}generator/schemas/{schema}.schema.json"]
    for key, value in doc.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            for item in value:
                if isinstance(item, dict):
                    for j, (k, v) in enumerate(item.items()):
                        lines.append(f"{'  - ' if j == 0 else '    '}{_key(k)}: {_scalar(v)}")
                else:
                    lines.append(f"  - {_scalar(item)}")
        else:
            lines.append(f"{_key(key)}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def _glossary_yaml() -> str:
    lines = [
        "# yaml-language-server: $schema=../generator/schemas/glossary.schema.json",
        "# 电商术语表（合成数据）：按主题分组。",
        "terms:",
    ]
    for entry in GLOSSARY:
        if isinstance(entry, str):
            lines.append(f"  # —— {entry} ——")
            continue
        term_id, term, aliases, definition, sources = entry
        lines.append(f"  - id: {term_id}")
        lines.append(f"    term: {_scalar(term)}")
        if aliases:
            lines.append(f"    aliases: [{', '.join(_scalar(a, flow=True) for a in aliases)}]")
        lines.append(f"    definition: {_scalar(definition)}")
        lines.append(f"    sources: [{', '.join(sources)}]")
    return "\n".join(lines) + "\n"


def _handbook(summary: dict) -> dict:
    return {
        "title": "云栖优选电商集团岗位手册",
        "organization": "云栖优选电商集团（合成数据）",
        "description": (
            "本手册由测试用的合成数据生成器按固定随机种子生成，描述一家虚构的综合电商集团（名称仅为示例，不指代任何真实企业）："
            f"总经办下设{summary['centers']}个中心，共{summary['departments']}个部门、{summary['positions']}个岗位，部门最多{summary['max_depth']}级。"
            "岗位职责、任职要求、考核指标与协作关系由词库随机组合而成，只用于测试和性能评估，不代表真实的岗位设置。"
        ),
        "sources": [{"id": i, "title": t, "note": n} for i, t, n in SOURCES],
    }


def _handbook_yaml(doc: dict) -> str:
    lines = ["# yaml-language-server: $schema=../generator/schemas/handbook.schema.json"]
    for key in ("title", "organization", "description"):
        lines.append(f"{key}: {_scalar(doc[key])}")
    lines.append("sources:")
    for s in doc["sources"]:
        lines.append(f"  - id: {s['id']}")
        lines.append(f"    title: {_scalar(s['title'])}")
        lines.append(f"    note: {_scalar(s['note'])}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------------------------------


def write_org(data_dir: Path, positions: int, seed: int = 0, glossary: bool = True) -> dict:
    """Write handbook.yml, departments/*.yml, positions/*.yml (and glossary.yml) for ``positions`` positions.

    ``data_dir`` is created; it must be empty or absent. Exactly ``positions`` position files are written, in about
    positions / 10 departments. Returns ``{"departments", "positions", "max_depth", "headcount"}``, where
    ``max_depth`` counts the top-level 总经办 as 1 (3 at 100 positions, 4 at 1000, 5 at 5000).
    """
    if positions < 1:
        raise ValueError("positions must be at least 1")
    data_dir = Path(data_dir)
    if data_dir.exists() and (not data_dir.is_dir() or any(data_dir.iterdir())):
        raise FileExistsError(f"{data_dir} exists and is not an empty folder")
    builder = _Builder(positions, seed)
    builder.build()
    writer = _Writer(builder)
    summary = {
        "departments": len(builder.depts),
        "positions": len(builder.positions),
        "max_depth": max(d.depth for d in builder.depts),
        "headcount": sum(p.headcount for p in builder.positions),
    }
    (data_dir / "departments").mkdir(parents=True, exist_ok=True)
    (data_dir / "positions").mkdir(exist_ok=True)
    hb = _handbook({**summary, "centers": sum(1 for d in builder.depts if d.depth == 2)})
    _write(data_dir / "handbook.yml", _handbook_yaml(hb))
    if glossary:
        _write(data_dir / "glossary.yml", _glossary_yaml())
    for d in builder.depts:
        _write(data_dir / "departments" / f"{d.id}.yml", _yaml("department", writer.department(d)))
    for p in builder.positions:
        _write(data_dir / "positions" / f"{p.id}.yml", _yaml("position", writer.position(p)))
    return summary


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic e-commerce organisation as handbook data.")
    parser.add_argument("out", type=Path, help="data folder to create (must be empty or absent)")
    parser.add_argument("positions", type=int, help="number of positions")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-glossary", action="store_true", help="do not write glossary.yml")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    summary = write_org(args.out, args.positions, seed=args.seed, glossary=not args.no_glossary)
    elapsed = time.perf_counter() - start
    print(f"{args.out}: {summary['departments']} departments, {summary['positions']} positions, max depth {summary['max_depth']}, "
          f"headcount {summary['headcount']} ({elapsed:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
