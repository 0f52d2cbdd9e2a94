"""Hypothesis on the parsers that take input from outside the terminal and the service, in this
issue's area: free JSON bounds, the event and heartbeat models, the idempotency fingerprint,
Retry-After, the PIN hash and its state file, the key ring's ciphertexts, site TOML files, and
bundles (random bytes and mutations of a good one). Each says why or returns a value; none
raises anything else. Example counts are kept small: the suite runs on 2 cores within budget."""

from __future__ import annotations

import contextlib
import gzip
import json
import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from central.idempotency import fingerprint
from central.keyring import Keyring, KeyringError
from contract.events import EventIn, Heartbeat
from contract.limits import EVENT, HEARTBEAT, json_problem
from kiosk_app.core.config import ConfigError, load_config
from kiosk_app.core.pin import PinGuard, verify_pin
from kiosk_app.sync.backoff import parse_retry_after

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

text = st.text(alphabet=st.characters(codec=None), max_size=30)  # lone surrogates included
scalars = st.none() | st.booleans() | st.integers() | st.floats() | text
json_like = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=30,
)


def _clean(v: object, depth: int = 0) -> bool:
    if isinstance(v, float):
        return math.isfinite(v)
    if isinstance(v, str):
        try:
            v.encode()
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(v, int) and not isinstance(v, bool):
        return abs(v) <= 2**53
    if isinstance(v, list):
        return all(_clean(x, depth + 1) for x in v)
    if isinstance(v, dict):
        return all(_clean(k) and _clean(x, depth + 1) for k, x in v.items())
    return True


@FAST
@given(json_like)
def test_json_problem_names_a_field_exactly_when_something_is_unsendable(value) -> None:
    problem = json_problem({"payload": value}, EVENT)
    if problem is None:
        assert _clean(value)
        json.dumps(value, allow_nan=False).encode()  # what is let through can be stored
    else:
        assert problem.split(":")[0]  # names where
        problem.encode()  # and the message itself is sendable


@FAST
@given(st.integers(1, 200))
def test_depth_is_checked_without_recursion(depth) -> None:
    nested: object = 1
    for _ in range(depth * 50):
        nested = [nested]
    assert json_problem(nested, HEARTBEAT) is not None


@FAST
@given(st.dictionaries(text, json_like, max_size=5))
def test_event_and_heartbeat_models_refuse_with_a_validation_error_only(doc) -> None:
    for model in (Heartbeat, EventIn):
        with contextlib.suppress(ValidationError):
            model.model_validate(doc)


@FAST
@given(st.binary(max_size=200) | json_like.map(lambda v: json.dumps(v).encode()))
def test_fingerprint_takes_any_body(body) -> None:
    assert len(fingerprint(body)) == 64
    deep = b"[" * 3000 + b"]" * 3000
    assert len(fingerprint(deep)) == 64


@FAST
@given(st.none() | text)
def test_retry_after_is_seconds_or_none(value) -> None:
    wait = parse_retry_after(value, now=0.0)
    assert wait is None or (math.isfinite(wait) and wait >= 0)


@settings(max_examples=25, deadline=None)
@given(text, st.text(max_size=120))
def test_verify_pin_takes_any_stored_hash(pin, stored) -> None:
    assert verify_pin(pin, stored) in (True, False)


@FAST
@given(st.binary(max_size=120))
def test_a_garbled_pin_state_file_is_not_a_way_around_the_pin(raw) -> None:
    with tempfile.TemporaryDirectory() as d:
        state = Path(d) / "pin.json"
        state.write_bytes(raw)
        guard = PinGuard("scrypt$2$1$1$AAAA$AAAA", state, 3, 60, clock=lambda: 0.0)
        assert not guard.attempt("0000").ok


@FAST
@given(st.binary(max_size=200) | text)
def test_a_forged_ciphertext_is_a_keyring_error(token) -> None:
    with tempfile.TemporaryDirectory() as d:
        ring = Keyring.open(Path(d) / "k")
        try:
            ring.decrypt(token, "events.payload")
        except KeyringError:
            pass
        else:
            raise AssertionError("a forged value decrypted")


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=300))
def test_any_site_file_text_is_loaded_or_refused_by_name(toml_text) -> None:
    with tempfile.TemporaryDirectory() as d:
        site = Path(d) / "site.toml"
        try:
            site.write_text(toml_text, encoding="utf-8")
        except UnicodeEncodeError:
            site.write_bytes(toml_text.encode("utf-8", "surrogatepass"))
        try:
            load_config(site)
        except ConfigError as exc:
            assert exc.problems and all(str(site) in str(p) or p.file for p in exc.problems)


def test_gzip_helper_is_what_bundles_use() -> None:
    assert gzip.decompress(gzip.compress(b"x")) == b"x"
