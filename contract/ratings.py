"""好差评: the rating record both sides agree on, the published 差评 reasons, the working-day rule.

The record carries the evaluation fields of GB/T 39046-2020 (政务服务"好差评"数据规范): the case
number (办件编号), the channel it was given through, the time as ``YYYYMMDDhhmmss`` (Beijing
time), the satisfaction code 1–5, the rating count, the citizen's text and the administrative
division code (行政区划代码), plus what the terminal adds: terminal, window and staff.

One case is rated once (国办发〔2019〕51号: 一次服务、一次评价). The central service counts the
first rating of a case and answers any later one as ``duplicate`` with the reason, whichever
terminal it came from; the terminal asks ``GET /api/v1/cases/{case_id}/rating`` first and says so.

A 差评 (不满意, 非常不满意) names one or more reasons from the list the central service publishes
(after GB/T 39734-2020's annex; the terminal falls back to ``DEFAULT_REASONS`` offline) and is
followed up within a rectification window of working days (``add_working_days``), 15 unless the
county sets another.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Literal

from pydantic import Field

from contract import codes
from contract.events import RatingPayload
from contract.wire import Answer, Request
from contract.zone import CHINA_TIME

# GB/T 39046 times are Beijing time; China has one zone and no DST.
EVAL_TIME = r"^\d{14}$"  # YYYYMMDDhhmmss
DIVISION_CODE = r"^\d{6}(\d{6})?$"  # 行政区划代码: 6 digits (county) or 12 (township, GB/T 10114)
REASON_CODE = r"^[a-z][a-z0-9_]{1,31}$"
MAX_TEXT = 500

# satisfaction code (GB/T 39046 / 国办发〔2019〕51号): 5 非常满意 … 1 非常不满意
LEVELS: tuple[tuple[int, str], ...] = (
    (5, "非常满意"),
    (4, "满意"),
    (3, "基本满意"),
    (2, "不满意"),
    (1, "非常不满意"),
)
BAD_LEVELS = frozenset({1, 2})  # a 差评: reasons asked, followed up

# Evaluation channel (评价渠道) codes as the national 好差评 interface uses them: 4 a hall device
# (the rating pad at a desk, 政务大厅评价器/平板), 5 an on-site self-service terminal (自助终端).
# The terminal's own channel names map onto them.
CHANNEL_CODES: dict[str, Literal["4", "5"]] = {"kiosk": "5", "pad": "4", "desk": "4"}

DEFAULT_FOLLOWUP_WORKING_DAYS = 15


class Reason(Answer):
    """One published 差评 reason: a stable code, the citizen's words in both languages, and the
    one-byte code a rating pad sends for it (PROTOCOL.md)."""

    code: str = Field(pattern=REASON_CODE)
    zh: str = Field(min_length=1, max_length=40)
    en: str = Field(min_length=1, max_length=60)
    pad_code: int = Field(ge=1, le=255)


# After GB/T 39734-2020's annex (评价指标: 服务态度, 办事效率, 办理时限, 材料, 收费, 办事指南, …).
DEFAULT_REASONS: tuple[Reason, ...] = (
    Reason(code="attitude", zh="服务态度不好", en="Staff attitude", pad_code=2),
    Reason(code="long_wait", zh="等候时间过长", en="Waited too long", pad_code=1),
    Reason(code="materials_again", zh="重复提交材料", en="Asked for materials again", pad_code=3),
    Reason(code="overdue", zh="未按承诺时限办结", en="Not done in time", pad_code=4),
    Reason(code="fees", zh="违规收费", en="Improper fees", pad_code=6),
    Reason(code="guide_unclear", zh="办事指南不清楚", en="Service guide unclear", pad_code=7),
    Reason(code="many_trips", zh="多次跑动", en="Had to come back again", pad_code=8),
    Reason(code="system_fault", zh="系统或设备故障", en="System or device fault", pad_code=5),
    Reason(code="other", zh="其他", en="Other", pad_code=9),
)


class RatingReasons(Answer):
    """``GET /api/v1/ratings/reasons``: what a citizen may pick for a 差评, and the window."""

    reasons: list[Reason]
    followup_working_days: int = Field(ge=1, le=60)


class RatingStatus(Answer):
    """``GET /api/v1/cases/{case_id}/rating``: whether the case was rated already (one per case)."""

    case_id: str
    rated: bool
    level: int | None = Field(None, ge=1, le=5)
    eval_time: str | None = Field(None, pattern=EVAL_TIME)
    channel_code: str | None = None


class EvaluationPayload(RatingPayload):
    """``rating.submitted`` with the GB/T 39046 evaluation fields (older terminals send only the
    ``RatingPayload`` part: every added field has a default)."""

    eval_time: str | None = Field(None, pattern=EVAL_TIME, description="YYYYMMDDhhmmss, Beijing")
    channel_code: Literal["4", "5"] | None = Field(None, description="4 hall device, 5 terminal")
    count: int = Field(1, ge=1, le=99, description="评价次数: 1 for the first rating of the case")
    reasons: list[str] = Field(default_factory=list, max_length=16)
    text: str = Field("", max_length=MAX_TEXT)
    division_code: str | None = Field(None, pattern=DIVISION_CODE)


FollowupState = Literal["open", "in_progress", "rectified", "closed"]


class Followup(Answer):
    """One 差评 in the central service's follow-up list (整改: answered within the window)."""

    case_id: str
    level: int = Field(ge=1, le=2)
    reasons: list[str]
    text: str
    terminal_id: str
    window: str | None
    staff_id: str | None
    channel_code: str | None
    eval_time: str | None
    division_code: str | None
    deadline: str = Field(description="the last working day of the rectification window")
    state: FollowupState
    overdue: bool


class Followups(Answer):
    followups: list[Followup]


class FollowupUpdate(Request):
    """An operator moves a 差评 on: ``in_progress`` → ``rectified`` (整改完成) → ``closed``."""

    state: FollowupState


def eval_time(at: datetime) -> str:
    """``YYYYMMDDhhmmss`` in Beijing time, the GB/T 39046 time format."""
    return at.astimezone(CHINA_TIME).strftime("%Y%m%d%H%M%S")


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (Monday–Friday; weekends skipped).

    Statutory holidays and their swapped working weekends (调休) are announced each year by the
    State Council and not modelled here: a county that needs them sets a wider window."""
    if days < 0:
        raise ValueError("a window is a number of working days, not negative")
    d = start
    while days:
        d += timedelta(days=1)
        if d.weekday() < 5:
            days -= 1
    return d


def case_key(case_id: str, at: datetime) -> str:
    """What "one rating per case" is unique on. A case, work-order or appointment number is
    random and never reused; a queue ticket (A012) is numbered afresh every day, so a ticket is
    one case per day: ``A012@20261125`` (the day in Beijing time)."""
    if re.fullmatch(codes.TICKET_NUMBER, case_id):
        return f"{case_id}@{at.astimezone(CHINA_TIME):%Y%m%d}"
    return case_id


def reasons_by_pad_code(reasons: list[Reason] | tuple[Reason, ...]) -> dict[int, str]:
    return {r.pad_code: r.code for r in reasons}
