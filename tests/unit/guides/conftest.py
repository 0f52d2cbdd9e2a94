"""Fixtures for the guide generator's tests: the repo's real sources and a small catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from guides.model import Catalog
from guides.sources import Sources, load_catalog, load_sources

REPO = Path(__file__).resolve().parents[3]
SOURCES_DIR = REPO / "config" / "guides"
FIXTURE_CATALOG = Path(__file__).parent / "fixtures" / "catalog.json"
BASE_URL = "https://zwfw.example.gov.cn/guide"


@pytest.fixture(scope="session")
def sources() -> Sources:
    return load_sources(SOURCES_DIR)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(FIXTURE_CATALOG)


@pytest.fixture
def sources_copy(tmp_path: Path) -> Path:
    """A writable copy of the real sources, for tests that break them on purpose."""
    import shutil

    dst = tmp_path / "sources"
    shutil.copytree(SOURCES_DIR, dst)
    return dst
