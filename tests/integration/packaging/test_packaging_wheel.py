"""The wheel, installed into a fresh virtual environment, works on its own: `kiosk --version`,
`kiosk config check`, provisioning and the headless demo run from the installed copy with the
working directory outside the source tree, so nothing can be imported from the sources.

To stay fast and offline the fresh venv reuses this venv's third-party packages through a .pth
line (not as a site dir, so this venv's editable install of the project is *not* picked up);
the project itself is installed from the wheel with --no-deps.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # child processes / a wheel build: seconds, not millis

REPO = Path(__file__).resolve().parents[3]
SOURCES = [
    "pyproject.toml",
    "README.md",
    "kiosk_app",
    "devices",
    "guides",
    "central",
    "contract",
    "config",
]


def _run(argv: list[str], cwd: Path, env: dict[str, str], timeout: float = 60):
    return subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"  # a snapshot, so a half-saved file of a colleague cannot break the build
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in SOURCES:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        elif path.is_file():
            shutil.copy2(path, src / name)
    # with `wheel` at hand build offline and fast; else pip fetches setuptools into isolation
    isolation = ["--no-build-isolation"] if importlib.util.find_spec("wheel") else []
    wheels = tmp / "wheels"
    build = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            *isolation,
            str(src),
            "-w",
            str(wheels),
        ],
        cwd=tmp,
        env=os.environ.copy(),
        timeout=300,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    (wheel,) = wheels.glob("kiosk_terminal-*.whl")

    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    site = Path(
        _run(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp, {}
        ).stdout.strip()
    )
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "_kiosk_test_deps.pth").write_text("\n".join(sorted(ours)) + "\n")
    inst = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(py),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheel),
        ],
        cwd=tmp,
        env=os.environ.copy(),
        timeout=300,
    )
    assert inst.returncode == 0, inst.stderr[-3000:]

    work = tmp / "elsewhere"
    work.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("KIOSK_", "PYTHON", "VIRTUAL_ENV", "NOTIFY_SOCKET", "WATCHDOG_"))
    }
    env |= {"KIOSK_DATA_DIR": str(tmp / "data"), "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp)}
    return venv, work, env


def test_installed_copy_is_the_one_that_runs(installed):
    venv, work, env = installed
    res = _run(
        [
            str(venv / "bin/python"),
            "-c",
            "import kiosk_app, kiosk_app.core.paths as p;"
            " print(kiosk_app.__file__, p.config_dir())",
        ],
        work,
        env,
    )
    assert res.returncode == 0, res.stderr
    module, config_dir = res.stdout.split()
    assert module.startswith(str(venv)), module
    assert config_dir == str(venv / "share/kiosk-terminal/config")


def test_version_and_config_check(installed):
    venv, work, env = installed
    kiosk = str(venv / "bin/kiosk")
    res = _run([kiosk, "--version"], work, env)
    assert res.returncode == 0 and res.stdout.startswith("kiosk "), res.stderr
    site = work / "site.toml"
    shutil.copy(REPO / "config/terminals/hall-24h-01.toml", site)
    res = _run([kiosk, "config", "check", str(site)], work, env)
    assert res.returncode == 0, res.stderr
    assert "terminal HALL-24H-01" in res.stdout
    bad = work / "bad.toml"
    bad.write_text(site.read_text() + "\n[idle]\ntimeout_s = 1\n")
    res = _run([kiosk, "config", "check", str(bad)], work, env)
    assert res.returncode == 2 and "idle.timeout_s" in res.stderr


def test_provisioning_from_the_installed_copy(installed):
    venv, work, env = installed
    kiosk = str(venv / "bin/kiosk")
    prov = work / "prov"
    assert _run([kiosk, "provision", "keygen", "--out", str(prov)], work, env).returncode == 0
    (prov / "token").write_text("demo-token-HALL-24H-01")
    shutil.copy(REPO / "config/terminals/hall-24h-01.toml", prov / "site.toml")
    res = _run(
        [kiosk, "provision", "make", "--key", str(prov / "county.key"),
         "-c", str(prov / "site.toml"), "--token-file", str(prov / "token"),
         "--version", "1", "--out", str(prov / "b.tgz")],
        work,
        env,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    env = env | {"KIOSK_KEYS_DIR": str(prov)}
    res = _run([kiosk, "provision", "apply", str(prov / "b.tgz"), "--no-self-test"], work, env)
    assert res.returncode == 0, res.stderr
    assert "HALL-24H-01" in res.stdout


def test_headless_demo_from_the_installed_copy(installed):
    venv, work, env = installed
    out = work / "demo-out"
    res = _run([str(venv / "bin/kiosk"), "demo", "--headless", "--out", str(out)], work, env, 120)
    assert res.returncode == 0, (res.stdout[-2000:], res.stderr[-3000:])
    assert (out / "summary.json").is_file()
    assert list((out / "screens").glob("*.png"))


def test_a_software_release_from_the_installed_copy(installed):
    """The county signs a build with its release key (`kiosk update make`); the terminal takes
    it through the provisioning path and shows it waiting, next to what runs."""
    venv, work, env = installed
    kiosk = str(venv / "bin/kiosk")
    keys = work / "release-keys"
    assert _run([kiosk, "provision", "keygen", "--out", str(keys), "--name", "release"], work,
                env).returncode == 0  # fmt: skip
    build = work / "build" / "kiosk"
    (build / "_internal").mkdir(parents=True)
    (build / "kiosk").write_text('#!/bin/sh\n[ "$1" = --version ] && echo "kiosk 9.0.0"\n')
    (build / "kiosk").chmod(0o755)
    (build / "_internal" / "base_library.zip").write_bytes(b"PK" + bytes(100))
    out = work / "kiosk-app_9.0.0.tar.gz"
    res = _run(
        [kiosk, "update", "make", "--key", str(keys / "release.key"), "--app", str(build),
         "--version", "9.0.0", "--out", str(out)],
        work,
        env,
    )  # fmt: skip
    assert res.returncode == 0 and "kiosk 9.0.0" in res.stdout, res.stderr
    site = work / "release-site.toml"
    pub = (keys / "release.pub").read_text().strip()
    site.write_text(
        (REPO / "config/terminals/hall-24h-01.toml").read_text()
        + f'\n[updates]\nrelease_keys = ["{pub}"]\n'
    )
    res = _run([kiosk, "provision", "verify", str(out), "-c", str(site)], work, env)
    assert res.returncode == 0 and "kiosk 9.0.0" in res.stdout, res.stderr
    res = _run([kiosk, "provision", "apply", str(out), "-c", str(site)], work, env)
    assert res.returncode == 0 and "tried at the next start" in res.stdout, res.stderr
    res = _run([kiosk, "provision", "status", "-c", str(site)], work, env)
    assert "software waiting to be tried: 9.0.0" in res.stdout, res.stdout
    assert "software fallback: none" in res.stdout
    res = _run([kiosk, "provision", "apply", str(out), "-c", str(site)], work, env)
    assert res.returncode == 1 and "not newer than 9.0.0" in res.stderr  # versions only go up
