"""The help line on every page: the hall's phone and hours, or a terminal's own from its config,
validated where it is written (hall.toml, a site file's [guides]) with the file, key and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from guides.sources import SourceError, load_sources
from kiosk_app.core.config import ConfigError, load_config
from kiosk_app.local_guide import manifest_from_config


def _site(tmp_path: Path, guides: str) -> Path:
    site = tmp_path / "site.toml"
    site.write_text(
        'profile = "five-ones-desk"\n[terminal]\nid = "T-1"\nname = "东门社区"\n' + guides,
        encoding="utf-8",
    )
    return site


def test_a_terminal_config_gives_its_own_help_line(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        '[guides]\nhelp_phone = "(0571) 8765-1100"\nhelp_hours = "工作日 9:00–17:00"\n'
        'help_hours_en = "Working days"\n',
    )
    manifest = manifest_from_config(load_config(site).config)
    assert manifest.help is not None
    assert manifest.help.tel == "tel:057187651100"
    assert (manifest.help.hours.zh, manifest.help.hours.en) == ("工作日 9:00–17:00", "Working days")
    # without one, the hall's is used (none in the manifest)
    assert manifest_from_config(load_config(_site(tmp_path, "")).config).help is None


@pytest.mark.parametrize(
    ("guides", "key", "reason"),
    [
        ('help_phone = "call us"\nhelp_hours = "x"\n', "guides.help_phone", "match"),
        ('help_phone = "0571-8765 1100"\n', "guides.help_phone", "needs guides.help_hours"),
        ('help_hours = "' + "长" * 61 + '"\n', "guides.help_hours", "length"),
    ],
)
def test_a_bad_help_line_in_a_config_is_named(tmp_path: Path, guides, key, reason) -> None:
    site = _site(tmp_path, "[guides]\n" + guides)
    with pytest.raises(ConfigError) as err:
        load_config(site)
    problems = [p for p in err.value.problems if p.key == key]
    assert problems and reason in problems[0].reason, err.value.problems
    assert str(site) in str(problems[0])


def test_the_hall_must_give_a_valid_help_line(sources_copy: Path) -> None:
    hall = sources_copy / "hall.toml"
    text = hall.read_text(encoding="utf-8")
    start = text.index("\nhelp = {") + 1
    line = text[start : text.index("\n", start) + 1]
    hall.write_text(text.replace(line, ""), encoding="utf-8")
    with pytest.raises(SourceError, match=r"hall\.toml: hall\.help: required key is missing"):
        load_sources(sources_copy)
    hall.write_text(text.replace("0571-8765 4321", "ring the bell"), encoding="utf-8")
    with pytest.raises(SourceError, match=r"hall\.help\.phone: String should match"):
        load_sources(sources_copy)
