import json

from kiosk_app.core.config import ConfigError, load_config


def test_invalid_config_refuses_to_start_and_says_why(tmp_path, qtbot, data_dir):
    from kiosk_app.ui.app import report_config_error

    site = tmp_path / "site.toml"
    site.write_text("[idle]\ntimeout_s = 1\n[ui]\nlangauge = 'en'\n", encoding="utf-8")
    try:
        load_config(site)
    except ConfigError as exc:
        widget = report_config_error(exc)
    qtbot.addWidget(widget)
    text = widget.details.text()
    assert str(site) in text and "idle.timeout_s" in text and "ui.langauge: unknown key" in text
    logged = [json.loads(x) for x in (data_dir / "logs" / "kiosk.jsonl").read_text().splitlines()]
    keys = {e.get("key") for e in logged if e["msg"] == "invalid config"}
    assert {"idle.timeout_s", "ui.langauge"} <= keys
