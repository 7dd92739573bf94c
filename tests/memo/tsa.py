"""An RFC 3161 timestamp server on loopback, for B-T signing tests (pyHanko's DummyTimeStamper)."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper


def _tsa_credentials():
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Root CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # DummyTimeStamper is RSA-only
    tsa = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Loopback Test TSA")]))
        .issuer_name(ca_name)
        .public_key(tsa_key.public_key())
        .serial_number(2)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    der = serialization.Encoding.DER
    key_info = asn1_keys.PrivateKeyInfo.load(
        tsa_key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return (
        asn1_x509.Certificate.load(tsa.public_bytes(der)),
        key_info,
        asn1_x509.Certificate.load(ca.public_bytes(der)),
        ca,
    )


class LoopbackTSA:
    """Context manager: ``with LoopbackTSA() as tsa: tsa.url``; counts the requests it answered."""

    def __init__(self) -> None:
        cert, key, ca_asn1, self.ca_certificate = _tsa_credentials()
        self.stamper = DummyTimeStamper(tsa_cert=cert, tsa_key=key, certs_to_embed=[ca_asn1])
        self.requests = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                request = tsp.TimeStampReq.load(body)
                response = asyncio.run(outer.stamper.async_request_tsa_response(request))
                data = response.dump()
                outer.requests += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/tsa"

    def __enter__(self) -> LoopbackTSA:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
