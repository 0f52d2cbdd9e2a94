"""Debian's headless Chromium driven through its own chromedriver, for the tests that need a real
browser (the guide pages, the fleet console, the video agent's console). scripts/bootstrap.sh
installs both from apt: a browser downloaded at install time is not possible on the CI machines.
A private profile, nothing running in the background; each test adds its own flags."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

BINARY = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"
COMMON = (
    "--headless=new",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
)


@contextmanager
def chromium(profile: Path, *flags: str) -> Iterator[webdriver.Chrome]:
    opts = webdriver.ChromeOptions()
    opts.binary_location = BINARY
    for flag in (*COMMON, *flags, f"--user-data-dir={profile}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(options=opts, service=Service(DRIVER))
    try:
        yield driver
    finally:
        driver.quit()
