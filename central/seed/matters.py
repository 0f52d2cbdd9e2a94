# ruff: noqa: E501  (data tables: one row per line)
"""The county 12345's classification of matters, as the reference service publishes it.

After GB/T 39666-2020's approach to a classification of matters: a tree of branches (two-digit
codes) and the matters in them (four digits: the branch's code and a running number), each with
plain words a citizen recognises, the hotline's category it is filed under, who handles it and
its response tier (``contract.hotline.TIER_MINUTES``: 30 minutes for emergencies of daily life and
visitors' complaints, 2 hours for nuisances, 24 hours for the rest). The 政务服务 branch has one
matter per category of the service catalog, so the knowledge base's answers about service items
hang on the same tree. SAMPLE CONTENT: a real county publishes its own.
"""

from __future__ import annotations

from typing import Any

# (code, hotline id, label, label_en, tier of the branch's matters by default, handler)
BRANCHES: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        "01",
        "城市管理",
        "城市管理",
        "City upkeep",
        "2h",
        "县城市管理局",
    ),
    (
        "02",
        "生态环境",
        "噪声油烟污水",
        "Noise, fumes, sewage",
        "2h",
        "县生态环境分局",
    ),
    (
        "03",
        "交通出行",
        "交通出行",
        "Getting around",
        "24h",
        "县交通运输局",
    ),
    (
        "04",
        "住房物业",
        "住房物业",
        "Housing, lifts",
        "24h",
        "县住建局",
    ),
    (
        "05",
        "水电气暖",
        "停水停电燃气",
        "Water, power, gas",
        "30m",
        "县公用事业服务中心",
    ),
    ("06", "劳动社保", "工资社保", "Wages, insurance", "24h", "县人社局"),
    (
        "07",
        "医疗卫生",
        "看病医保食品",
        "Health, food safety",
        "24h",
        "县卫生健康委",
    ),
    ("08", "教育", "上学培训", "School", "24h", "县教育局"),
    ("09", "市场消费", "购物价格退费", "Shopping, refunds", "24h", "县市场监管局"),
    (
        "10",
        "文化旅游",
        "游客投诉",
        "Visitor complaints",
        "30m",
        "县文化和旅游局",
    ),
    (
        "11",
        "政务服务",
        "办事咨询",
        "Getting things done",
        "24h",
        "县政务服务中心",
    ),
    ("99", "其他", "其他问题", "Something else", "24h", "县12345热线办"),
)

# (code, label, label_en, tier or "" for the branch's)
MATTERS: tuple[tuple[str, str, str, str], ...] = (
    ("0101", "垃圾没人清", "Rubbish not collected", ""),
    ("0102", "违章搭建", "Illegal building", "24h"),
    ("0103", "路灯、井盖", "Street light, manhole", "30m"),
    ("0104", "占道经营、乱摆摊", "Stalls blocking the street", ""),
    ("0105", "树木绿化", "Trees and green spaces", "24h"),
    ("0201", "噪声扰民", "Noise", ""),
    ("0202", "油烟、废气", "Cooking fumes, exhaust", ""),
    ("0203", "污水、河道污染", "Sewage, polluted river", "24h"),
    ("0204", "焚烧垃圾、秸秆", "Burning rubbish or straw", "30m"),
    ("0301", "公交、出租车", "Buses and taxis", ""),
    ("0302", "红绿灯坏了", "Traffic light broken", "30m"),
    ("0303", "停车难、乱停车", "Parking", ""),
    ("0304", "道路积水、塌陷", "Road flooded or caved in", "30m"),
    ("0401", "物业服务", "Property management service", ""),
    ("0402", "电梯故障困人", "Lift broken, people stuck", "30m"),
    ("0403", "房屋漏水", "Leaking home", ""),
    ("0404", "装修扰民", "Renovation noise", "2h"),
    ("0501", "停水、水质", "No water, water quality", ""),
    ("0502", "停电", "Power cut", ""),
    ("0503", "燃气、煤气味", "Gas, smell of gas", ""),
    ("0504", "暖气不热", "Heating not warm", "2h"),
    ("0505", "水电气费用", "Water, power and gas bills", "24h"),
    ("0601", "拖欠工资", "Wages not paid", "2h"),
    ("0602", "社保缴费待遇", "Social insurance", ""),
    ("0603", "劳动合同", "Employment contracts", ""),
    ("0701", "医院服务", "Hospital service", ""),
    ("0702", "医保报销", "Medical insurance claims", ""),
    ("0703", "食品安全", "Food safety", "2h"),
    ("0801", "入学", "School places", ""),
    ("0802", "校外培训", "Private tutoring", ""),
    ("0803", "校园安全", "School safety", "2h"),
    ("0901", "商品质量", "Faulty goods", ""),
    ("0902", "价格问题", "Prices", ""),
    ("0903", "预付卡退费", "Prepaid card refunds", ""),
    ("1001", "强制购物", "Forced shopping", ""),
    ("1002", "价格欺诈、乱收费", "Overcharging", ""),
    ("1003", "服务态度差", "Rude service", ""),
    ("1004", "安全隐患", "Safety hazard", ""),
    ("1005", "退费纠纷", "Refund dispute", ""),
    ("1006", "卫生问题", "Hygiene", ""),
    ("9901", "其他问题", "Something else", ""),
)

PLACE_TYPES: tuple[tuple[str, str, str], ...] = (
    ("scenic", "景区", "Scenic spot"),
    ("hotel", "酒店住宿", "Hotel"),
    ("restaurant", "餐馆", "Restaurant"),
    ("shop", "商店", "Shop"),
    ("transport", "交通（出租车、旅游大巴）", "Transport (taxi, coach)"),
)

TIERS: tuple[tuple[str, int, str, str], ...] = (
    ("30m", 30, "30分钟内响应", "answered within 30 minutes"),
    ("2h", 120, "2小时内响应", "answered within 2 hours"),
    ("24h", 1440, "24小时内响应", "answered within 24 hours"),
)

# catalog category -> English words, for the 政务服务 branch (one matter per category)
SERVICE_EN: dict[str, str] = {
    "不动产登记": "Property registration", "户籍办理": "Household registration",
    "市场主体登记": "Business registration", "医疗保障": "Medical insurance", "税费办理": "Taxes",
    "许可审批": "Permits", "卫生健康": "Health", "社会保险": "Social insurance",
    "住房公积金": "Housing fund", "工程建设": "Construction", "交通运输": "Transport",
    "农业农村": "Farming and villages", "交通管理": "Driving and vehicles",
    "就业创业": "Jobs", "婚姻登记": "Marriage", "教育": "Education",
    "文化旅游": "Culture and tourism", "城市管理": "City management", "出入境": "Passports and visas",
    "社保卡": "Social security card", "社会救助": "Social assistance", "房产管理": "Housing",
    "退役军人": "Veterans", "残疾人服务": "Disability services", "治安管理": "Public order",
    "养老服务": "Elderly care", "安全生产": "Work safety", "生态环境": "Environment",
    "水利": "Water works", "法律服务": "Legal services", "劳动关系": "Employment",
    "社会组织": "Associations", "城建管理": "Urban construction", "信用修复": "Credit repair",
    "质量计量": "Quality and measures", "消费维权": "Consumer rights", "人才人事": "Talent and personnel",
    "殡葬服务": "Funerals", "住房保障": "Social housing", "土地管理": "Land",
    "矿产管理": "Mining", "地质环境": "Geology", "体育": "Sport",
}  # fmt: skip


def service_categories(catalog: dict[str, Any]) -> list[str]:
    """The catalog's categories in first-seen order (hand-written items first)."""
    seen: dict[str, None] = {}
    for item in catalog.get("items", []):
        seen.setdefault(str(item.get("category", "")), None)
    return [c for c in seen if c]


def build(catalog: dict[str, Any]) -> dict[str, Any]:
    """The classification document (contract.hotline.Classification), deterministic."""
    branches = {b[0]: b for b in BRANCHES}
    matters: list[dict[str, Any]] = []
    for code, hotline, label, label_en, tier, handler in BRANCHES:
        matters.append(
            {"code": code, "parent": None, "label": label, "label_en": label_en, "tier": tier,
             "hotline": hotline, "handler": handler, "tourist": code == "10"}
        )  # fmt: skip
    for code, label, label_en, tier in MATTERS:
        b = branches[code[:2]]
        matters.append(
            {"code": code, "parent": code[:2], "label": label, "label_en": label_en,
             "tier": tier or b[4], "hotline": b[1], "handler": b[5], "tourist": code[:2] == "10"}
        )  # fmt: skip
    for n, category in enumerate(service_categories(catalog), start=1):
        matters.append(
            {"code": f"11{n:02d}", "parent": "11", "label": category,
             "label_en": SERVICE_EN.get(category, category), "tier": "24h", "hotline": "政务服务",
             "handler": "县政务服务中心", "tourist": False}
        )  # fmt: skip
    return {
        "version": "",  # set by kb_gen from the content's digest
        "matters": matters,
        "place_types": [{"code": c, "label": zh, "label_en": en} for c, zh, en in PLACE_TYPES],
        "tiers": [{"code": c, "minutes": m, "label": zh, "label_en": en} for c, m, zh, en in TIERS],
    }
