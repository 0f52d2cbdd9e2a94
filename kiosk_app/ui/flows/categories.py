"""The service catalog's categories in the language on screen.

The catalog (central service or the shipped snapshot, config/catalog/catalog.json) names its
47 categories in Chinese, and those names stay the keys: the search filters on them and a
walk-in ticket is drawn for them. What the screen shows goes through Qt's translations like
any other UI text: the English name below is the source string, and its zh_CN translation in
flows_zh_CN.ts is the catalog's own name (a test holds every translation to the catalog's
name). A category the table does not know yet (a newer catalog) is shown as the catalog
names it.

Item names, materials and departments are official texts and stay as the catalog has them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP as _QT_TRANSLATE_NOOP
from PySide6.QtCore import QCoreApplication

# PySide6's stub says QT_TRANSLATE_NOOP returns object; it returns the message unchanged (it only
# marks it for lupdate, which looks for this name)
QT_TRANSLATE_NOOP: Callable[[str, str], str] = _QT_TRANSLATE_NOOP  # type: ignore[assignment]

CONTEXT = "ServiceCategory"

# catalog name -> English source string (translated back to the catalog name in zh_CN)
CATEGORIES: dict[str, str] = {
    "市场主体登记": QT_TRANSLATE_NOOP("ServiceCategory", "Business registration"),
    "信用修复": QT_TRANSLATE_NOOP("ServiceCategory", "Credit record repair"),
    "许可审批": QT_TRANSLATE_NOOP("ServiceCategory", "Permits and approvals"),
    "质量计量": QT_TRANSLATE_NOOP("ServiceCategory", "Quality and measurement"),
    "消费维权": QT_TRANSLATE_NOOP("ServiceCategory", "Consumer rights"),
    "户籍办理": QT_TRANSLATE_NOOP("ServiceCategory", "Household registration (hukou)"),
    "出入境": QT_TRANSLATE_NOOP("ServiceCategory", "Passports and travel permits"),
    "交通管理": QT_TRANSLATE_NOOP("ServiceCategory", "Drivers and vehicles"),
    "治安管理": QT_TRANSLATE_NOOP("ServiceCategory", "Public security"),
    "社会保险": QT_TRANSLATE_NOOP("ServiceCategory", "Social insurance"),
    "就业创业": QT_TRANSLATE_NOOP("ServiceCategory", "Jobs and starting a business"),
    "社保卡": QT_TRANSLATE_NOOP("ServiceCategory", "Social security card"),
    "劳动关系": QT_TRANSLATE_NOOP("ServiceCategory", "Employment relations"),
    "人才人事": QT_TRANSLATE_NOOP("ServiceCategory", "Talent and personnel"),
    "医疗保障": QT_TRANSLATE_NOOP("ServiceCategory", "Medical insurance"),
    "不动产登记": QT_TRANSLATE_NOOP("ServiceCategory", "Real estate registration"),
    "税费办理": QT_TRANSLATE_NOOP("ServiceCategory", "Taxes and fees"),
    "住房公积金": QT_TRANSLATE_NOOP("ServiceCategory", "Housing provident fund"),
    "婚姻登记": QT_TRANSLATE_NOOP("ServiceCategory", "Marriage registration"),
    "社会救助": QT_TRANSLATE_NOOP("ServiceCategory", "Social assistance"),
    "养老服务": QT_TRANSLATE_NOOP("ServiceCategory", "Elderly care"),
    "社会组织": QT_TRANSLATE_NOOP("ServiceCategory", "Social organisations"),
    "殡葬服务": QT_TRANSLATE_NOOP("ServiceCategory", "Funeral services"),
    "卫生健康": QT_TRANSLATE_NOOP("ServiceCategory", "Health"),
    "工程建设": QT_TRANSLATE_NOOP("ServiceCategory", "Construction projects"),
    "房产管理": QT_TRANSLATE_NOOP("ServiceCategory", "Property management"),
    "住房保障": QT_TRANSLATE_NOOP("ServiceCategory", "Affordable housing"),
    "城建管理": QT_TRANSLATE_NOOP("ServiceCategory", "Urban construction"),
    "土地管理": QT_TRANSLATE_NOOP("ServiceCategory", "Land"),
    "矿产管理": QT_TRANSLATE_NOOP("ServiceCategory", "Mineral resources"),
    "地质环境": QT_TRANSLATE_NOOP("ServiceCategory", "Geological hazards"),
    "交通运输": QT_TRANSLATE_NOOP("ServiceCategory", "Road transport"),
    "农业农村": QT_TRANSLATE_NOOP("ServiceCategory", "Agriculture and rural affairs"),
    "教育": QT_TRANSLATE_NOOP("ServiceCategory", "Education"),
    "体育": QT_TRANSLATE_NOOP("ServiceCategory", "Sports"),
    "文化旅游": QT_TRANSLATE_NOOP("ServiceCategory", "Culture and tourism"),
    "退役军人": QT_TRANSLATE_NOOP("ServiceCategory", "Veterans"),
    "残疾人服务": QT_TRANSLATE_NOOP("ServiceCategory", "Disability services"),
    "城市管理": QT_TRANSLATE_NOOP("ServiceCategory", "City management"),
    "安全生产": QT_TRANSLATE_NOOP("ServiceCategory", "Work safety"),
    "生态环境": QT_TRANSLATE_NOOP("ServiceCategory", "Environment"),
    "水利": QT_TRANSLATE_NOOP("ServiceCategory", "Water resources"),
    "法律服务": QT_TRANSLATE_NOOP("ServiceCategory", "Legal services"),
    "一业一证": QT_TRANSLATE_NOOP("ServiceCategory", "One business, one permit"),
    "一件事一次办": QT_TRANSLATE_NOOP("ServiceCategory", "Life and business events, in one go"),
    "证照打印": QT_TRANSLATE_NOOP("ServiceCategory", "Licence and certificate printing"),
    "诉求办理": QT_TRANSLATE_NOOP("ServiceCategory", "Requests and complaints"),
}


def category_label(name: str) -> str:
    """What the screen shows for the catalog category ``name``, in the language in force."""
    source = CATEGORIES.get(name)
    if source is None:
        return name
    return QCoreApplication.translate(CONTEXT, source)
