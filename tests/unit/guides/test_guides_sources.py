"""The guide sources: the real content and hall load; broken sources fail with file, key, reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from guides.model import TerminalManifest
from guides.sources import SourceError, load_catalog, load_sources, resolve
from kiosk_app.core import config

CAPABILITIES = set(config.CAPABILITIES)  # every capability the terminal has has a guide


def test_real_sources_describe_every_capability_in_both_languages(sources) -> None:
    assert set(sources.capabilities) == CAPABILITIES
    for cap in sources.capabilities.values():
        assert cap.title.zh and cap.title.en and cap.summary.zh and cap.summary.en
        for step in cap.steps:
            assert step.zh.strip() and step.en.strip()
            assert step.label is not None and step.label.zh and step.label.en
        assert all(kind in sources.devices for kind in cap.devices)


def test_the_sample_hall_has_55_terminals(sources) -> None:
    ids = [t.id for t in sources.terminals]
    assert ids == [f"HALL-{n:03d}" for n in range(1, 56)]
    for term in sources.terminals:
        full = resolve(term, sources.profiles)
        assert full.capabilities, term.id
        assert full.devices, term.id
        assert set(full.capabilities) <= CAPABILITIES


def test_profile_defaults_fill_only_empty_lists(sources) -> None:
    own = TerminalManifest(id="X-1", name="x", profile="kiosk-24h", capabilities=["rating"])
    full = resolve(own, sources.profiles)
    assert full.capabilities == ["rating"]
    assert full.devices == sources.profiles["kiosk-24h"].devices


def test_unknown_capability_and_device_are_named(sources_copy: Path) -> None:
    hall = sources_copy / "hall.toml"
    text = hall.read_text(encoding="utf-8")
    text = text.replace(
        'profile = "rating-pad"\n', 'profile = "rating-pad"\ncapabilities = ["teleport"]\n', 1
    )
    text = text.replace('devices = ["rating_pad"]', 'devices = ["rating_pad", "flux"]')
    hall.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as err:
        load_sources(sources_copy)
    messages = [str(p) for p in err.value.problems]
    assert any("HALL-047.capabilities" in m and "'teleport'" in m for m in messages), messages
    assert any("unknown device kind 'flux'" in m for m in messages), messages
    assert all(str(hall) in m for m in messages)


@pytest.mark.parametrize("bad_id", ["../etc", ".hidden", "a/b", "", "x" * 65])
def test_terminal_ids_that_could_escape_the_output_folder_are_rejected(
    sources_copy: Path, bad_id: str
) -> None:
    hall = sources_copy / "hall.toml"
    hall.write_text(
        hall.read_text(encoding="utf-8").replace('id = "HALL-001"', f'id = "{bad_id}"'),
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as err:
        load_sources(sources_copy)
    assert any(p.key == "terminal[0].id" for p in err.value.problems), err.value


def test_duplicate_id_typo_key_and_bad_toml(sources_copy: Path) -> None:
    hall = sources_copy / "hall.toml"
    text = hall.read_text(encoding="utf-8").replace('id = "HALL-002"', 'id = "HALL-001"')
    hall.write_text(text.replace('model = "RP-50"', 'modle = "RP-50"', 1), encoding="utf-8")
    (sources_copy / "content" / "rating.toml").write_text("id = 'rating\n", encoding="utf-8")
    with pytest.raises(SourceError) as err:
        load_sources(sources_copy)
    text = str(err.value)
    assert "terminal HALL-001: duplicate terminal id" in text
    assert "modle: unknown key" in text
    assert "rating.toml: not valid TOML" in text


def test_content_file_must_match_its_capability_id(sources_copy: Path) -> None:
    path = sources_copy / "content" / "guide.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('id = "guide"', 'id = "guides"'))
    with pytest.raises(SourceError, match="does not match the file name"):
        load_sources(sources_copy)


def test_catalog_tolerates_newer_fields_and_numeric_fees(catalog) -> None:
    by_id = {i.id: i for i in catalog.items}
    assert by_id["T002"].fee == "免费"
    assert by_id["T003"].fee == "80 元"
    assert by_id["T003"].materials == ["不动产权籍调查成果", "申请书"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not valid JSON"),
        ('{"version": 1}', "expected an object with an items list"),
        ('{"items": [{"id": "A"}]}', "items.0.name: required key is missing"),
    ],
)
def test_bad_catalog_gets_a_clear_message(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "catalog.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError) as err:
        load_catalog(path)
    assert reason in str(err.value)
    assert str(path) in str(err.value)
    assert path.read_text(encoding="utf-8") == content  # nothing touched
