# ruff: noqa: E501  (data tables: one row per line)
"""Deterministic generator of the full catalog (~1,900 items) from the hand-written core.

A county hall's list is mostly the same matters repeated per township service centre, per kind
of business, per property use, plus 跨省通办 and 委托代办 variants of the core items and the
licence-printing items a self-service terminal offers. The output is byte-for-byte the same on
every run (a test compares it with the committed config/catalog/catalog.json), so the kiosk, the
guides and the central service agree on every item id.

Run ``python -m central.seed.catalog_gen [--out PATH]`` after editing the core.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

from central.seed.catalog_core import AGENT, APP, CORE, HH, ID, LIC, PLACE, WINDOWS, Row
from central.seed.licence_kinds import LICENCE_KINDS

COUNTY = "示范县"
VERSION_PREFIX = "2026.11"

TOWNSHIPS = (
    "城关镇", "东关镇", "西河镇", "南湖镇", "北山镇", "青石镇", "柳林镇", "龙泉镇", "新集镇",
    "石桥镇", "白沙乡", "桃花乡", "黄土岭乡", "马坊乡", "杨庄乡", "红星乡", "清水乡", "太平乡",
)  # fmt: skip
COMMUNITIES = (
    "东门社区", "西门社区", "南街社区", "北街社区", "新华社区", "滨河社区", "文昌社区", "站前社区",
)  # fmt: skip

TOWNSHIP_ITEMS: tuple[Row, ...] = (
    ("城乡居民养老保险参保登记", "社会保险", (ID, HH), "免费", 0, True),
    ("城乡居民养老保险待遇申领受理", "社会保险", (ID, "社会保障卡"), "免费", 10, True),
    ("城乡居民养老保险待遇资格认证", "社会保险", (ID,), "免费", 0, True),
    ("城乡居民医疗保险参保登记", "医疗保障", (ID, HH), "免费", 0, True),
    ("城乡居民医疗保险缴费", "医疗保障", (ID,), "依缴费标准", 0, True),
    ("异地就医备案", "医疗保障", (ID, "异地居住或工作证明"), "免费", 0, True),
    ("门诊慢特病待遇认定受理", "医疗保障", (ID, "病历资料", "诊断证明"), "免费", 15, False),
    ("医疗救助申请受理", "医疗保障", (ID, "医疗费用票据"), "免费", 15, False),
    ("最低生活保障申请受理", "社会救助", (APP, HH, "家庭收入和财产状况声明"), "免费", 30, True),
    ("低保对象年度复核", "社会救助", (HH, "家庭收入和财产状况声明"), "免费", 20, False),
    ("特困人员救助供养申请受理", "社会救助", (APP, HH, ID), "免费", 30, False),
    ("临时救助申请受理", "社会救助", (APP, ID, "困难情况证明"), "免费", 10, True),
    (
        "困境儿童基本生活保障申请",
        "社会救助",
        (APP, "儿童户口簿", "监护人身份证件"),
        "免费",
        20,
        False,
    ),
    ("孤儿基本生活费申领", "社会救助", (APP, "儿童户口簿", "父母死亡证明"), "免费", 20, False),
    ("残疾人两项补贴申请受理", "社会救助", ("残疾人证", ID, HH), "免费", 20, True),
    ("高龄津贴申请受理", "养老服务", (ID, HH, "社会保障卡"), "免费", 20, True),
    ("老年人优待证办理", "养老服务", (ID, "近期免冠证件照片"), "免费", 5, True),
    ("殡葬补贴申领受理", "殡葬服务", ("火化证明", "申领人身份证件"), "免费", 10, False),
    ("生育登记", "卫生健康", ("夫妻双方身份证件", "结婚证"), "免费", 0, True),
    ("独生子女父母奖励申请受理", "卫生健康", ("独生子女父母光荣证", ID), "免费", 20, False),
    ("计划生育家庭特别扶助申请受理", "卫生健康", (APP, ID), "免费", 30, False),
    ("农村宅基地和建房申请受理", "农业农村", (APP, HH, "农户建房审批表"), "免费", 20, False),
    (
        "乡村建设规划许可申请受理",
        "农业农村",
        (APP, "宅基地使用证明", "建房设计图"),
        "免费",
        20,
        False,
    ),
    ("农业机械购置补贴申请受理", "农业农村", ("购机发票", ID, "银行卡"), "免费", 30, True),
    ("耕地地力保护补贴核实", "农业农村", (ID, "土地承包经营权证"), "免费", 15, False),
    ("农村土地承包经营权流转备案", "农业农村", ("流转合同", "双方身份证件"), "免费", 5, False),
    ("农村危房改造申请", "住房保障", (APP, ID, "房屋安全鉴定"), "免费", 30, False),
    ("林木采伐许可申请受理", "农业农村", (APP, "林权证", "采伐作业设计"), "免费", 10, False),
    ("农村饮水安全问题受理", "水利", ("问题描述", "联系人电话"), "免费", 5, False),
    ("就业失业登记", "就业创业", (ID,), "免费", 0, True),
    ("求职登记与岗位推荐", "就业创业", (ID,), "免费", 0, True),
    ("灵活就业人员参保登记", "社会保险", (ID,), "免费", 0, True),
    ("社会保障卡申领受理", "社保卡", (ID, "近期免冠证件照片"), "免费", 7, True),
    ("退役军人优待证申领受理", "退役军人", (ID, "退役证明"), "免费", 30, True),
    ("居住证申领受理", "户籍办理", (ID, "居住登记凭证", "近期免冠证件照片"), "免费", 15, True),
    ("户籍证明开具", "户籍办理", (ID, "用途说明"), "免费", 0, True),
    ("出生登记", "户籍办理", ("出生医学证明", "父母户口簿", "父母结婚证"), "免费", 0, True),
    ("死亡户口注销", "户籍办理", ("居民死亡医学证明（推断）书", "死者户口簿"), "免费", 0, False),
    ("法律援助申请受理", "法律服务", ("法律援助申请表", ID, "经济困难状况说明"), "免费", 7, True),
    ("人民调解申请", "法律服务", ("调解申请书", ID), "免费", 30, False),
    ("个体工商户设立登记（代办）", "市场主体登记", (APP, "经营者身份证件", PLACE), "免费", 1, True),
    (
        "食品摊贩登记（代办）",
        "许可审批",
        (APP, "经营者身份证件", "从业人员健康证明"),
        "免费",
        5,
        False,
    ),
    ("残疾人证新办受理", "残疾人服务", (ID, HH, "近期免冠证件照片"), "免费", 15, True),
    ("慈善救助申请", "社会救助", (APP, ID, "困难情况证明"), "免费", 15, False),
    ("12345诉求现场受理", "诉求办理", ("诉求内容", "联系电话"), "免费", 1, True),
)

COMMUNITY_ITEMS: tuple[Row, ...] = tuple(
    r
    for r in TOWNSHIP_ITEMS
    if r[1] in {"社会保险", "医疗保障", "社会救助", "养老服务", "卫生健康", "就业创业", "诉求办理"}
)

BUSINESS_FORMS = (
    "有限责任公司（自然人独资）", "有限责任公司（国有独资）", "股份有限公司", "个人独资企业",
    "普通合伙企业", "有限合伙企业", "农民专业合作社", "外商投资企业", "分公司",
    "非公司企业法人", "集体所有制企业", "个体工商户",
)  # fmt: skip
BUSINESS_ACTIONS: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("设立登记", (APP, "主体资格证明", PLACE), 1),
    ("名称变更登记", (APP, LIC, "变更决议或决定"), 1),
    ("住所变更登记", (APP, LIC, PLACE), 1),
    ("经营范围变更登记", (APP, LIC, "变更决议或决定"), 1),
    ("注册资本（出资额）变更登记", (APP, LIC, "变更决议或决定"), 1),
    ("法定代表人（负责人）变更登记", (APP, LIC, "任免文件", "新任人员身份证件"), 1),
    ("章程（协议）备案", ("备案申请书", LIC, "章程或协议修正案"), 1),
    ("主要人员备案", ("备案申请书", LIC, "任免文件"), 1),
    ("注销登记", (APP, LIC, "清算报告或债务清偿证明"), 1),
    ("简易注销登记", ("简易注销登记申请书", LIC, "全体投资人承诺书"), 1),
)

FOOD_SUBJECTS = ("食品销售经营者", "餐饮服务经营者", "单位食堂", "中央厨房", "集体用餐配送单位")
FOOD_ACTIONS: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("许可核发", (APP, LIC, "食品安全管理制度", "经营场所平面图"), 10),
    ("许可变更", (APP, "食品经营许可证正副本", "变更事项证明材料"), 5),
    ("许可延续", (APP, "食品经营许可证正副本"), 10),
    ("许可注销", (APP, "食品经营许可证正副本"), 3),
    ("许可证补发", (APP, "遗失声明"), 5),
)

ONE_INDUSTRY = (
    "便利店", "超市", "餐馆", "小吃店", "饮品店", "面包房", "药店", "诊所", "理发店", "美容店",
    "健身房", "游泳馆", "网吧", "宾馆", "民宿", "书店", "KTV", "电影院", "幼儿园", "培训机构",
    "养老机构", "托育机构", "汽车维修店", "加油站", "洗车店", "农家乐", "屠宰场", "母婴店",
    "眼镜店", "五金店",
)  # fmt: skip
ONE_INDUSTRY_ACTIONS = ("准入准营", "变更", "延续", "注销")

PROPERTY_USES = ("住宅", "商业用房", "办公用房", "工业厂房", "车位车库")
PROPERTY_ACTIONS: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("首次登记", (APP, ID, "权属来源材料", "房屋测绘报告"), 5),
    ("转移登记", (APP, ID, "不动产权证书", "转移合同", "完税凭证"), 1),
    ("变更登记", (APP, ID, "不动产权证书", "变更证明材料"), 3),
    ("注销登记", (APP, ID, "不动产权证书", "灭失证明"), 3),
    ("抵押权登记", (APP, ID, "不动产权证书", "主债权合同", "抵押合同"), 1),
    ("证书补换", (APP, ID, "遗失声明或原证书"), 10),
)

ONE_THING: tuple[Row, ...] = (
    ("新生儿出生一件事", "一件事一次办", ("出生医学证明", "父母身份证件", "父母结婚证", HH), "免费", 5, True),
    ("企业开办一件事", "一件事一次办", (APP, "章程", "股东身份证件", PLACE), "免费", 1, True),
    ("企业注销一件事", "一件事一次办", (APP, LIC, "清算报告"), "免费", 3, True),
    ("退休一件事", "一件事一次办", (ID, "人事档案", "社会保障卡"), "免费", 20, True),
    ("身后一件事", "一件事一次办", ("居民死亡医学证明（推断）书", "火化证明", "申请人身份证件"), "免费", 10, False),
    ("残疾人服务一件事", "一件事一次办", (ID, HH, "残疾评定表"), "免费", 15, True),
    ("入学一件事", "一件事一次办", ("儿童户口簿", "监护人身份证件", "住房证明"), "免费", 10, True),
    ("二手房转移登记及水电气网过户一件事", "一件事一次办", (ID, "不动产权证书", "存量房买卖合同"), "登记费80元", 1, True),
    ("军人退役一件事", "一件事一次办", ("退役证明", ID), "免费", 20, False),
    ("灵活就业一件事", "一件事一次办", (ID,), "免费", 0, True),
    ("公民婚育一件事", "一件事一次办", ("双方居民身份证", "双方户口簿"), "免费", 0, False),
    ("社会救助一件事", "一件事一次办", (APP, HH, "家庭收入和财产状况声明"), "免费", 30, True),
    ("开办餐饮店一件事", "一件事一次办", (APP, "经营者身份证件", PLACE, "从业人员健康证明"), "免费", 10, True),
    ("开办药店一件事", "一件事一次办", (APP, LIC, "执业药师注册证", PLACE), "免费", 15, True),
    ("水电气网联合报装一件事", "一件事一次办", (ID, "不动产权证书或租赁合同"), "免费", 5, True),
    ("员工录用一件事", "一件事一次办", (LIC, "员工身份证件", "劳动合同"), "免费", 0, True),
    ("教育入学一件事（义务教育）", "一件事一次办", ("儿童户口簿", "监护人身份证件"), "免费", 10, True),
    ("二手车转移登记一件事", "一件事一次办", ("机动车登记证书", "机动车行驶证", "双方身份证件"), "行驶证10元", 1, False),
    ("大件运输许可一件事", "一件事一次办", (APP, "车辆行驶证", "运输方案"), "免费", 5, True),
    ("个体工商户变更经营者一件事", "一件事一次办", (APP, LIC, "新经营者身份证件"), "免费", 1, True),
)  # fmt: skip

SYNONYMS: dict[str, tuple[str, ...]] = {
    "居民身份证": ("身份证",),
    "机动车驾驶证": ("驾照", "驾驶证"),
    "机动车": ("汽车", "车辆"),
    "营业执照": ("执照",),
    "住房公积金": ("公积金",),
    "社会保障卡": ("社保卡",),
    "养老保险": ("养老", "社保"),
    "医疗保险": ("医保",),
    "不动产": ("房产证", "房本"),
    "个体工商户": ("个体户",),
    "最低生活保障": ("低保",),
    "结婚登记": ("领证", "结婚"),
    "离婚登记": ("离婚",),
    "护照": ("出国",),
    "港澳": ("港澳通行证",),
    "异地就医": ("异地",),
    "户口": ("户籍",),
    "出生": ("新生儿", "上户口"),
    "失业": ("失业金",),
    "12345": ("投诉", "热线"),
    "食品经营": ("食品许可",),
    "有限责任公司": ("公司",),
}


def _keywords(name: str, department: str, category: str) -> list[str]:
    words = [department.removeprefix("县"), category]
    for needle, alts in SYNONYMS.items():
        if needle in name:
            words.extend(alts)
    seen: dict[str, None] = {}
    for w in words:
        if w and w not in name:
            seen.setdefault(w, None)
    return list(seen)


def _item(
    item_id: str, row: Row, department: str, window: str, *, extra: tuple[str, ...] = ()
) -> dict[str, Any]:
    name, category, materials, fee, days, online = row
    mats = list(dict.fromkeys((*materials, *extra)))
    return {
        "id": item_id,
        "name": name,
        "department": department,
        "category": category,
        "materials": mats,
        "fee": fee,
        "time_limit_days": days,
        "window": window,
        "online": online,
        "keywords": _keywords(name, department, category),
    }


def _generated_rows() -> list[tuple[Row, str, str, tuple[str, ...]]]:
    """(row, department, window, extra materials) of every generated item, in a fixed order."""
    out: list[tuple[Row, str, str, tuple[str, ...]]] = []
    mkt, mkt_win = "县市场监管局", WINDOWS["县市场监管局"]
    for form in BUSINESS_FORMS:
        for action, mats, days in BUSINESS_ACTIONS:
            out.append(
                ((f"{form}{action}", "市场主体登记", mats, "免费", days, True), mkt, mkt_win, ())
            )
    for subject in FOOD_SUBJECTS:
        for action, mats, days in FOOD_ACTIONS:
            row: Row = (f"食品经营{action}（{subject}）", "许可审批", mats, "免费", days, True)
            out.append((row, mkt, mkt_win, ()))
    for trade in ONE_INDUSTRY:
        for action in ONE_INDUSTRY_ACTIONS:
            row = (
                f"我要开{trade}（{action}）",
                "一业一证",
                (APP, "经营者身份证件", PLACE),
                "免费",
                5,
                True,
            )
            out.append((row, "县行政审批服务局", "A区 综合受理窗口", ()))
    re_dept = "县不动产登记中心"
    for use in PROPERTY_USES:
        for action, mats, days in PROPERTY_ACTIONS:
            row = (f"不动产{action}（{use}）", "不动产登记", mats, "登记费80元", days, False)
            out.append((row, re_dept, WINDOWS[re_dept], ()))
    for row in ONE_THING:
        out.append((row, "县政务服务中心", "一件事一次办 综合窗口", ()))
    for department, rows in CORE.items():
        for name, category, mats, fee, days, online in rows:
            if online:
                row = (f"{name}（跨省通办）", category, mats, fee, days, True)
                out.append((row, department, "跨省通办 专窗", ()))
            else:
                row = (f"{name}（委托代办）", category, mats, fee, days, False)
                out.append((row, department, WINDOWS[department], (AGENT,)))
    for _kind, title, issuer in LICENCE_KINDS:
        dept = issuer.format(county="县")
        row = (
            f"{title}电子证照打印",
            "证照打印",
            ("持证人有效身份证件", "免证办授权码"),
            "免费",
            0,
            True,
        )
        out.append((row, dept if dept.startswith("县") else "县政务服务中心", "自助服务区", ()))
    for town in TOWNSHIPS:
        dept, win = f"{town}便民服务中心", f"{town}便民服务中心 综合窗口"
        for name, *rest in TOWNSHIP_ITEMS:
            out.append(((f"{name}（{town}）", *rest), dept, win, ()))  # type: ignore[arg-type]
    for community in COMMUNITIES:
        dept, win = f"城关镇{community}党群服务中心", f"{community} 五个一服务台"
        for name, *rest in COMMUNITY_ITEMS:
            out.append(((f"{name}（{community}）", *rest), dept, win, ()))  # type: ignore[arg-type]
    return out


def build_catalog() -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    n = 0
    for department, rows in CORE.items():
        for row in rows:
            n += 1
            items.append(_item(f"C{n:04d}", row, department, WINDOWS[department]))
    core_names = {item["name"] for item in items}
    generated = [g for g in _generated_rows() if g[0][0] not in core_names]
    for g, (row, department, window, extra) in enumerate(generated, start=1):
        items.append(_item(f"G{g:04d}", row, department, window, extra=extra))
    digest = hashlib.sha256(
        json.dumps(items, ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()
    return {"version": f"{VERSION_PREFIX}-{digest[:10]}", "items": items}


def render(catalog: dict[str, Any]) -> bytes:
    """One item per line: small diffs when the core changes, and still plain JSON."""
    lines = [json.dumps(item, ensure_ascii=False) for item in catalog["items"]]
    version = json.dumps(catalog["version"])
    return ('{"version": ' + version + ', "items": [\n' + ",\n".join(lines) + "\n]}\n").encode()


def default_out() -> Path:
    return Path(__file__).resolve().parents[2] / "config" / "catalog" / "catalog.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=default_out())
    args = parser.parse_args(argv)
    catalog = build_catalog()
    data = render(catalog)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(catalog['items'])} items, {len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
