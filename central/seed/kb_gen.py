# ruff: noqa: E501  (data tables: one row per line)
"""Deterministic generator of the 12345 knowledge base and classification (SAMPLE CONTENT).

The programme puts a knowledge base in front of the hotline: most questions are answered without
a work order. The reference service ships a few hundred answers, generated like the catalog
(``central.seed.catalog_gen``): one "how do I …" answer per hand-written service item of the
catalog (policy, where to go, what to bring, fees, hours, from the item itself), and the
hotline's own answers to the everyday matters of its classification (``central.seed.matters``).
Every answer says it is sample content. The output is byte-for-byte the same on every run (a test
compares it with the committed config/hotline/*.json), so the terminal's shipped snapshot and the
service agree.

Run ``python -m central.seed.kb_gen`` after editing the catalog or this file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

from central.seed import matters

SAMPLE = "（示例内容）"
HALL_HOURS = "周一至周五 9:00–12:00、13:30–17:30；周六 9:00–12:00（24小时自助区全天开放）"
HOTLINE = "拨打12345，或在本机“12345诉求”中提交"

# (matter code, question, answer, where, bring, fees, hours, keywords)
HOTLINE_ANSWERS: tuple[tuple[str, str, str, str, tuple[str, ...], str, str, tuple[str, ...]], ...] = (
    ("0101", "小区或街道垃圾几天没人清怎么办", "生活垃圾应日产日清。属于小区内的，先找物业；属于街道的，由环卫部门处理，一般当天清运。", "县城市管理局环卫所（城关镇人民路12号）", (), "免费", "环卫热线 7:00–19:00", ("垃圾", "环卫", "脏乱")),
    ("0102", "发现有人违章搭建能举报吗", "可以。城管执法部门接报后核查，属实的责令停止施工、限期拆除。请说明具体位置和搭建时间。", "县城市管理局执法大队", ("现场照片（可选）",), "免费", HALL_HOURS, ("违建", "私搭乱建", "违章建筑")),
    ("0103", "路灯不亮、井盖丢了找谁", "井盖缺失有人身危险，属紧急事项，12345在30分钟内响应并通知权属单位设置围挡。路灯故障一般24小时内修复。", "县城市管理局市政设施所", (), "免费", "全天", ("路灯", "井盖", "窨井")),
    ("0104", "门口有人占道摆摊怎么办", "占道经营由城管部门管理，县里设有便民疏导点。可反映具体路段和时间段。", "县城市管理局执法大队", (), "免费", HALL_HOURS, ("摆摊", "占道", "流动摊贩")),
    ("0105", "树枝挡住窗户、树要倒了找谁修剪", "公共绿地树木由园林部门修剪；小区内树木由物业负责。有倒伏危险的请说明位置，园林部门优先处理。", "县城市管理局园林绿化所", (), "免费", HALL_HOURS, ("修剪", "树木", "绿化")),
    ("0201", "晚上噪音太大影响休息怎么办", "夜间（22:00至次日6:00）施工须持夜间施工许可。社会生活噪声可找公安110，工地噪声由生态环境或住建部门处理。", "县生态环境分局（噪声）、派出所（社会生活噪声）", (), "免费", "全天", ("噪音", "扰民", "夜间施工")),
    ("0202", "饭店油烟熏到家里怎么办", "餐饮单位应安装油烟净化设施并定期清洗。可反映店名和位置，由城管或生态环境部门检查。", "县生态环境分局", (), "免费", HALL_HOURS, ("油烟", "饭店", "废气")),
    ("0203", "河里有污水排放找谁", "向河道排污由生态环境部门查处。请说明河段位置、排放时间和颜色气味。", "县生态环境分局", ("现场照片（可选）",), "免费", HALL_HOURS, ("污水", "河道", "排污")),
    ("0204", "有人烧垃圾、烧秸秆冒烟", "露天焚烧属紧急事项，12345在30分钟内响应，通知属地乡镇和生态环境部门到场。", "属地乡镇人民政府、县生态环境分局", (), "免费", "全天", ("焚烧", "秸秆", "冒烟")),
    ("0301", "公交车不按时、出租车拒载怎么投诉", "请记下车牌号、线路和时间。交通运输部门核实后处理，并在规定时间内回复。", "县交通运输局运输管理所", ("车牌号", "乘车时间"), "免费", HALL_HOURS, ("公交", "出租车", "拒载", "绕路")),
    ("0302", "路口红绿灯坏了", "信号灯故障影响通行安全，属紧急事项，交警部门在30分钟内到场疏导。", "县公安局交警大队", (), "免费", "全天", ("红绿灯", "信号灯", "交警")),
    ("0303", "小区门口乱停车堵路", "公共道路乱停车由交警处理；小区内由物业管理。请说明位置和车牌号。", "县公安局交警大队", (), "免费", "全天", ("停车", "乱停车", "堵路")),
    ("0304", "道路积水、塌陷有危险", "道路塌陷属紧急事项，12345在30分钟内响应，通知市政部门设置警示。", "县住建局市政工程所", (), "免费", "全天", ("积水", "塌陷", "路面")),
    ("0401", "物业不作为、收费不合理", "物业服务按合同约定。可先向业主委员会反映；住建部门可督促物业整改。", "县住建局物业管理科", ("物业服务合同（如有）",), "免费", HALL_HOURS, ("物业", "物业费", "小区")),
    ("0402", "电梯坏了、有人被困", "有人被困请先按电梯内的报警按钮或拨打96333。电梯故障属紧急事项，30分钟内响应。", "县市场监管局特种设备科、维保单位", (), "免费", "全天", ("电梯", "困人", "96333")),
    ("0403", "楼上漏水到我家", "先与楼上住户和物业协商；协商不成可申请人民调解。属于房屋质量的，找开发商保修。", "社区人民调解委员会、县住建局", ("照片", "房屋产权或租赁证明"), "免费", HALL_HOURS, ("漏水", "渗水", "楼上")),
    ("0404", "邻居装修太吵", "住宅装修应在 8:00–12:00、14:00–18:00 进行，节假日不得进行产生噪声的作业。可先找物业劝阻。", "小区物业、社区居委会", (), "免费", HALL_HOURS, ("装修", "噪音", "电钻")),
    ("0501", "家里突然停水了", "先看小区公告和县自来水公司公众号是否有计划停水。非计划停水属紧急事项，30分钟内响应。", "县自来水公司（24小时抢修 8888-1234，示例号码）", (), "免费", "全天", ("停水", "没水", "水压")),
    ("0502", "家里停电了怎么办", "先确认是否本户跳闸；整栋或片区停电拨打95598。停电属紧急事项，30分钟内响应。", "国网县供电公司（95598）", (), "免费", "全天", ("停电", "没电", "跳闸", "95598")),
    ("0503", "闻到煤气味怎么办", "立即关闭燃气阀门、打开门窗，不要开关电器、不要打电话于室内，到室外拨打燃气公司抢修电话或119。", "县燃气公司抢修中心", (), "免费", "全天", ("燃气", "煤气", "天然气", "漏气")),
    ("0504", "暖气不热找谁", "供暖期室温应不低于18℃。先找供热公司报修，供热公司应在2小时内响应。", "县供热公司客服", (), "免费", "供暖期全天", ("暖气", "供暖", "室温")),
    ("0505", "水电气费怎么交、有疑问找谁", "可在本机“生活缴费”、营业厅或手机银行缴费。对账单有疑问可到营业厅核对。", "各营业厅、政务服务中心便民服务区", ("户号或缴费卡",), "依收费标准", HALL_HOURS, ("水费", "电费", "燃气费", "缴费")),
    ("0601", "老板拖欠工资怎么办", "可向劳动保障监察大队投诉；农民工工资案件优先处理。请准备劳动合同、考勤或工资条等证据。", "县人社局劳动保障监察大队（C区 17号窗口）", ("身份证件", "劳动合同或用工证明", "工资欠条或考勤记录"), "免费", HALL_HOURS, ("欠薪", "工资", "讨薪", "农民工")),
    ("0602", "社保断缴了怎么办、怎么查缴费记录", "可在本机或社保窗口打印缴费记录。断缴可按规定补缴，具体以社保经办机构核定为准。", "县人社局社保窗口（C区 17-22号窗口）", ("身份证件", "社会保障卡"), "免费", HALL_HOURS, ("社保", "断缴", "补缴", "缴费记录")),
    ("0603", "单位不签劳动合同", "用人单位自用工之日起超过一个月不满一年未签书面合同的，应向劳动者每月支付二倍工资。可申请劳动仲裁。", "县劳动人事争议仲裁院", ("身份证件", "工作证明"), "免费", HALL_HOURS, ("劳动合同", "仲裁", "二倍工资")),
    ("0701", "医院服务态度不好怎么反映", "可先向医院医患关系办公室反映；对处理不满意的，由卫生健康部门处理。", "各医院医务科、县卫生健康委", (), "免费", HALL_HOURS, ("医院", "看病", "医生")),
    ("0702", "看病花的钱医保怎么报销", "在定点医院就医直接结算；异地就医先备案。报销比例以当年政策为准。", "县医保局（C区 23-26号窗口）", ("身份证件", "医保电子凭证或社保卡", "医疗费用票据"), "免费", HALL_HOURS, ("医保", "报销", "异地就医")),
    ("0703", "买到过期食品、饭店不卫生", "请保留购物凭证和实物。市场监管部门核查，属实的依法查处并可协助赔偿。", "县市场监管局（A区 1-8号窗口）", ("购物凭证", "实物或照片"), "免费", HALL_HOURS, ("食品", "过期", "卫生", "食物中毒")),
    ("0801", "孩子上学怎么报名", "义务教育按学区就近入学，每年5月开始报名。可在本机查询“入学一件事”。", "县教育局招生办", ("儿童户口簿", "监护人身份证件", "住房证明"), "免费", HALL_HOURS, ("入学", "报名", "学区")),
    ("0802", "培训机构跑路、退费难", "校外培训预收费须进入监管账户。请保留合同和缴费凭证，教育和市场监管部门联合处理。", "县教育局、县市场监管局", ("培训合同", "缴费凭证"), "免费", HALL_HOURS, ("培训", "退费", "跑路")),
    ("0803", "学校周边有安全隐患", "学校周边安全由教育、公安、交通部门共同负责，12345在2小时内响应。", "县教育局安全科", (), "免费", HALL_HOURS, ("校园", "安全", "学校")),
    ("0901", "买到质量有问题的商品", "先找商家协商退换；协商不成可向市场监管部门投诉，或拨打12315。", "县市场监管局消费者权益保护科", ("购物凭证", "商品或照片"), "免费", HALL_HOURS, ("质量", "退货", "12315", "假货")),
    ("0902", "商家乱涨价、不明码标价", "经营者应明码标价。请记下商家名称、商品和价格，市场监管部门核查。", "县市场监管局价格监督检查科", ("购物凭证（如有）",), "免费", HALL_HOURS, ("价格", "涨价", "标价")),
    ("0903", "办了预付卡商家关门了", "请保留预付卡、合同和付款记录。市场监管部门登记后协调；涉嫌诈骗的请报警。", "县市场监管局", ("预付卡", "合同或付款记录"), "免费", HALL_HOURS, ("预付卡", "会员卡", "退费", "关门")),
    ("1001", "导游或景区强迫购物", "强制购物属违法行为。游客投诉实行“投诉即办”，30分钟内响应，可在本机直接投诉，无需本地身份证。", "县文化和旅游局旅游市场执法队", ("手机号", "购物凭证（如有）"), "免费", "全天", ("强制购物", "导游", "旅游团", "游客")),
    ("1002", "景区、酒店乱收费、价格欺诈", "游客投诉“投诉即办”，30分钟内响应。请说明地点、商家和收费情况，保留票据或拍照。", "县文化和旅游局、县市场监管局", ("票据或照片（可选）",), "免费", "全天", ("乱收费", "宰客", "价格欺诈", "游客")),
    ("1003", "游玩时服务态度差", "可在本机“游客投诉”中选择地点和问题，30分钟内有人联系您。", "县文化和旅游局", ("手机号",), "免费", "全天", ("服务", "态度", "游客")),
    ("1004", "景区设施有安全隐患", "安全隐患优先处理，30分钟内响应并通知景区管理方。", "县文化和旅游局、景区管理处", ("照片（可选）",), "免费", "全天", ("安全", "设施", "景区")),
    ("1005", "门票、房费退不了", "按合同和景区、酒店的退改规定处理；协商不成的，投诉即办，30分钟内响应。", "县文化和旅游局", ("订单或票据",), "免费", "全天", ("退票", "退房", "退费", "游客")),
    ("1006", "酒店、餐馆卫生差", "卫生问题由市场监管或卫生健康部门核查，游客投诉30分钟内响应。", "县文化和旅游局、县市场监管局", ("照片（可选）",), "免费", "全天", ("卫生", "酒店", "餐馆", "游客")),
    ("9901", "不知道该找哪个部门", "可到政务服务中心咨询台询问，或在本机提交12345诉求，热线会转到负责的部门。", "政务服务中心一楼咨询台", (), "免费", HALL_HOURS, ("咨询", "部门", "找谁")),
)  # fmt: skip


def _service_answers(catalog: dict[str, Any], codes: dict[str, str]) -> list[dict[str, Any]]:
    """One answer per hand-written catalog item: what the catalog itself says, in sentences."""
    out: list[dict[str, Any]] = []
    for item in catalog.get("items", []):
        if not str(item.get("id", "")).startswith("C"):
            continue
        name, dept = str(item["name"]), str(item["department"])
        days = int(item.get("time_limit_days") or 0)
        when = "当场办结" if days == 0 else f"承诺{days}个工作日内办结"
        online = "也可在网上或本机办理。" if item.get("online") else "需到窗口办理。"
        out.append(
            {
                "category": codes[str(item["category"])],
                "title": f"{name}怎么办",
                "body": f"{SAMPLE}{name}由{dept}受理，{when}；{online}"
                f"委托他人办理的，另带授权委托书和受托人身份证件。",
                "where": f"县政务服务中心 {item['window']}（{dept}）",
                "bring": list(item.get("materials", [])),
                "fees": str(item.get("fee", "")),
                "hours": HALL_HOURS,
                "keywords": [*item.get("keywords", []), str(item["category"])],
            }
        )
    return out


def build(catalog: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(knowledge base, classification) documents, versions from their content."""
    classification = matters.build(catalog)
    codes = {m["label"]: m["code"] for m in classification["matters"] if m["parent"] == "11"}
    answers: list[dict[str, Any]] = []
    for code, title, body, where, bring, fees, hours, words in HOTLINE_ANSWERS:
        answers.append(
            {"category": code, "title": title, "body": f"{SAMPLE}{body}", "where": where,
             "bring": list(bring), "fees": fees, "hours": hours,
             "keywords": [*words, "12345"]}
        )  # fmt: skip
    answers += _service_answers(catalog, codes)
    kb_answers = [{"id": f"KB{n:04d}", **a} for n, a in enumerate(answers, start=1)]
    c_digest = hashlib.sha256(
        json.dumps(classification, ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()
    classification["version"] = f"matters-{c_digest[:10]}"
    k_digest = hashlib.sha256(
        json.dumps(kb_answers, ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()
    kb = {"version": f"kb-{k_digest[:10]}", "sample": True, "answers": kb_answers}
    return kb, classification


def render(doc: dict[str, Any], key: str) -> bytes:
    """One entry per line (small diffs), still plain JSON; ``key`` names the list."""
    head = {k: v for k, v in doc.items() if k != key}
    lines = [json.dumps(e, ensure_ascii=False) for e in doc[key]]
    opening = json.dumps(head, ensure_ascii=False)[:-1] + f', "{key}": [\n'
    return (opening + ",\n".join(lines) + "\n]}\n").encode()


def default_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "config" / "hotline"


def outputs(catalog: dict[str, Any]) -> dict[str, bytes]:
    kb, classification = build(catalog)
    return {"kb.json": render(kb, "answers"), "matters.json": render(classification, "matters")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out-dir", type=Path, default=default_dir())
    parser.add_argument("--catalog", type=Path, default=None)
    args = parser.parse_args(argv)
    cat_path = args.catalog or default_dir().parent / "catalog" / "catalog.json"
    catalog = json.loads(cat_path.read_text(encoding="utf-8"))
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in outputs(catalog).items():
        (args.out_dir / name).write_bytes(data)
        print(f"wrote {args.out_dir / name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
