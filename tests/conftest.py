"""Suite-wide fixtures: offscreen Qt, a private data dir, and a guard that fails any test leaving a
thread running (device I/O threads, relays, servers must all be stopped by the code under test)."""

from __future__ import annotations

import os
import tempfile
import threading

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KIOSK_DATA_DIR", tempfile.mkdtemp(prefix="kiosk-test-data-"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--hil", action="store_true", help="run hardware-in-the-loop tests")
    parser.addoption(
        "--central-db",
        choices=("sqlite", "postgresql", "both"),
        default="both",
        help="backend(s) the central suite runs on (tests asking for `central_backend`)",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """The central suite's tests (their conftests use `central_backend`) run once per backend."""
    if "central_backend" in metafunc.fixturenames:
        chosen = metafunc.config.getoption("--central-db")
        backends = ["sqlite", "postgresql"] if chosen == "both" else [chosen]
        metafunc.parametrize("central_backend", backends, indirect=True)


@pytest.fixture(scope="session")
def postgres_server():
    """One private PostgreSQL server for the whole session (tests/pgserver.py)."""
    from tests import pgserver

    why = pgserver.available()
    if why is not None:
        pytest.fail(f"the central suite on PostgreSQL needs a server: {why}", pytrace=False)
    server = pgserver.PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture
def central_backend(request, monkeypatch):
    """ "sqlite" or "postgresql": every CentralSettings made in the test uses that backend
    (KIOSK_CENTRAL_DATABASE_URL, central/settings.py); on PostgreSQL a fresh schema per test."""
    from central.settings import DATABASE_URL_ENV

    if request.param == "sqlite":
        monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
        yield "sqlite"
        return
    server = request.getfixturevalue("postgres_server")
    name, url = server.schema()
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    yield "postgresql"
    server.drop_schema(name)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--hil"):
        return
    skip = pytest.mark.skip(reason="hardware-in-the-loop: needs --hil and the device")
    for item in items:
        if "hil" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _no_personal_value_outlives_its_test():
    """The values masked wherever seen (kiosk_app.core.masking.register_personal) are kept
    process-wide: a kiosk has one session at a time and its reset clears them. Tests make many
    sessions and do not all end them, and under pytest-xdist the tests a worker runs differ from
    run to run, so a citizen's "2345" from one test was masked in the next. Cleared after each
    test, as a reset would."""
    yield
    from kiosk_app.core import masking

    masking.forget_personal()


def _leftover(before: set[int]) -> list[threading.Thread]:
    return [
        t
        for t in threading.enumerate()
        if t.ident not in before and t.is_alive() and not t.name.startswith(("pydevd", "asyncio_"))
    ]


@pytest.fixture(autouse=True)
def no_thread_left_running():
    before = {t.ident for t in threading.enumerate() if t.ident is not None}
    yield
    leftover = _leftover(before)
    for t in leftover:  # give threads that were told to stop a moment to finish
        t.join(timeout=2.0)
    leftover = _leftover(before)
    if leftover:
        pytest.fail(f"test left threads running: {[t.name for t in leftover]}", pytrace=False)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A private KIOSK_DATA_DIR for one test."""
    d = tmp_path / "data"
    d.mkdir()
    monkeypatch.setenv("KIOSK_DATA_DIR", str(d))
    return d
