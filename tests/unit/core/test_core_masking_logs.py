import json
import logging

from kiosk_app.core import masking
from kiosk_app.core.logs import setup_logging
from kiosk_app.core.masking import mask_id, mask_mapping, mask_name, mask_phone, mask_text


def test_mask_real_looking_values():
    assert mask_id("420626198503172216") == "420626********2216"
    assert mask_id("11010519491231002X") == "110105********002X"
    assert mask_phone("13912345678") == "139****5678"
    assert mask_name("张三丰") == "张**"
    assert mask_name("欧阳淑华") == "欧***"
    text = "身份证420626198503172216，手机+86 139-1234-5678，座机不是手机：027-87654321"
    masked = mask_text(text)
    assert "420626198503172216" not in masked and "420626********2216" in masked
    assert "1234" not in masked.split("座机")[0]
    assert "027-87654321" in masked  # a landline is not a mobile number
    # longer digit runs (order numbers) are left alone rather than half-masked
    assert mask_text("订单 12345678901234567890") == "订单 12345678901234567890"
    assert mask_text("工单 12345-20261125-KX3Q-0007") == "工单 12345-20261125-KX3Q-0007"


def test_structured_fields_masked_by_key():
    rec = {
        "name": "李小龙",
        "phone": "13800138000",
        "id_number": "440301200001011234",
        "n": 3,
        "holder": {"name": "王五"},
        "note": "call 13800138000",
    }
    out = mask_mapping(rec)
    assert out == {
        "name": "李**",
        "phone": "138****8000",
        "id_number": "440301********1234",
        "n": 3,
        "holder": {"name": "王*"},
        "note": "call 138****8000",
    }


def test_registered_names_masked_in_free_text_until_forgotten():
    masking.register_personal(["司马相如"])
    assert mask_text("申请人司马相如已签字") == "申请人司***已签字"
    masking.forget_personal()
    assert mask_text("申请人司马相如已签字") == "申请人司马相如已签字"


def test_log_lines_are_json_and_masked(tmp_path):
    path = setup_logging(tmp_path, "INFO")
    log = logging.getLogger("kiosk.test")
    log.info("checked in 13912345678 with id 420626198503172216", extra={"phone": "13912345678"})
    try:
        raise ValueError("bad id 420626198503172216")
    except ValueError:
        log.exception("failed")
    for h in logging.getLogger().handlers:
        h.flush()
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    raw = path.read_text("utf-8")
    assert "13912345678" not in raw and "420626198503172216" not in raw
    assert lines[0]["msg"] == "checked in 139****5678 with id 420626********2216"
    assert lines[0]["phone"] == "139****5678"
    assert "420626********2216" in lines[1]["exc"]


def test_log_rotates(tmp_path):
    path = setup_logging(tmp_path, "INFO", max_bytes=10_000, backups=2)
    log = logging.getLogger("kiosk.rotate")
    for i in range(400):
        log.info("line %d %s", i, "x" * 50)
    assert (tmp_path / "kiosk.jsonl.1").exists()
    assert not (tmp_path / "kiosk.jsonl.3").exists()
    assert path.stat().st_size <= 10_000
