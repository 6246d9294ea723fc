"""tls.upstream_ca adds a CA to the usual roots instead of replacing them."""

from __future__ import annotations

from pathlib import Path

import certifi
import pytest
from mitmproxy.certs import CertStore

from tollgate.proxy.upstream_trust import UpstreamCaError, upstream_ca_bundle


def test_bundle_holds_the_usual_roots_and_the_extra_ca(tmp_path: Path) -> None:
    CertStore.create_store(tmp_path, "extra", 2048)
    extra = (tmp_path / "extra-ca-cert.pem").read_text()
    bundle = upstream_ca_bundle(tmp_path / "extra-ca-cert.pem", tmp_path).read_text()
    assert bundle.startswith(Path(certifi.where()).read_text()[:200])
    assert bundle.rstrip().endswith(extra.rstrip())


@pytest.mark.parametrize(
    ("content", "problem"), [(None, "no such file"), ("hello", "no PEM certificate")]
)
def test_unusable_extra_ca_is_named(tmp_path: Path, content: str | None, problem: str) -> None:
    path = tmp_path / "ca.pem"
    if content is not None:
        path.write_text(content)
    with pytest.raises(UpstreamCaError, match=problem):
        upstream_ca_bundle(path, tmp_path)
