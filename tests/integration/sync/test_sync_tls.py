"""TLS is verified against the site's CA bundle and cannot be switched off; plain http only to
loopback."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from contract.results import Offline
from kiosk_app.core.config import SyncConfig
from kiosk_app.sync.online import OnlineApi
from kiosk_app.sync.transport import NetworkError, SyncConfigError, Transport


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _make_pki(d: Path) -> tuple[Path, Path, Path]:
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("county test CA"))
        .issuer_name(_name("county test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_pem, cert_pem, key_pem = d / "ca.pem", d / "server.pem", d / "server.key"
    ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return ca_pem, cert_pem, key_pem


class _Hello(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b'{"version":"1","items":[]}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a: object) -> None:
        pass


@pytest.fixture
def https_server(tmp_path: Path):
    ca, cert, key = _make_pki(tmp_path)
    httpd = HTTPServer(("127.0.0.1", 0), _Hello)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
    t = threading.Thread(target=httpd.serve_forever, args=(0.05,), name="https-test")
    t.start()
    try:
        yield f"https://127.0.0.1:{httpd.server_address[1]}", ca
    finally:
        httpd.shutdown()
        httpd.server_close()
        t.join()


def test_site_ca_bundle_is_trusted(https_server) -> None:
    url, ca = https_server
    t = Transport(SyncConfig(central_url=url, token="t", ca_bundle=str(ca)))
    try:
        assert t.request("GET", "/api/v1/catalog").status == 200
    finally:
        t.close()


def test_unknown_ca_is_refused_as_offline_not_an_exception(https_server) -> None:
    url, _ = https_server
    t = Transport(SyncConfig(central_url=url, token="t"))
    try:
        with pytest.raises(NetworkError) as info:
            t.request("GET", "/api/v1/catalog")
        assert info.value.kind == "tls"
    finally:
        t.close()
    api = OnlineApi(SyncConfig(central_url=url, token="t"))
    try:
        r = api.ticket_position("A001")
    finally:
        api.close()
    assert isinstance(r, Offline) and "certificate" in r.reason


def test_plain_http_only_to_loopback_and_ca_file_must_exist(tmp_path: Path) -> None:
    # load_config refuses it (tests/unit/core/test_config.py), and so does the transport for a
    # config built in code, which is not validated
    with pytest.raises(SyncConfigError, match="plain http"):
        Transport(SyncConfig(central_url="http://zwfw.example.gov.cn", token="t"))
    with pytest.raises(SyncConfigError, match="ca_bundle"):
        Transport(
            SyncConfig(central_url="https://x.example", token="t", ca_bundle=str(tmp_path / "no"))
        )
    assert "verify" not in Transport.__init__.__code__.co_varnames  # no switch to turn it off
