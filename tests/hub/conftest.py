"""Fixtures: a test PKI and the real hub (SQLite) running in a subprocess on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hub.support import AGENCY, OTHER_AGENCY, RunningHub, run_hub, write_ca_bundle
from tests.support.pki import CertPair, make_agency_cert, make_ca


@dataclass(frozen=True)
class Pki:
    ca: CertPair
    agency: CertPair
    other_agency: CertPair
    rogue: CertPair  # issued by a CA the hub does not trust
    ca_file: Path


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    ca = make_ca("Test Root CA")
    rogue_ca = make_ca("Rogue CA")
    return Pki(
        ca=ca,
        agency=make_agency_cert(ca, "UBND XÃ ĐÔNG SƠN"),
        other_agency=make_agency_cert(ca, "UBND XÃ ĐÔNG HÒA"),
        rogue=make_agency_cert(rogue_ca, "UBND XÃ ĐÔNG SƠN"),
        ca_file=write_ca_bundle(tmp_path_factory.mktemp("pki") / "ca.pem", ca[1]),
    )


@dataclass(frozen=True)
class HubWithTokens:
    hub: RunningHub
    counter: str
    other_counter: str
    authority: str
    admin: str


@pytest.fixture(scope="module")
def sqlite_hub(tmp_path_factory: pytest.TempPathFactory, pki: Pki) -> Iterator[HubWithTokens]:
    with run_hub(tmp_path_factory.mktemp("hub"), trusted_ca=pki.ca_file) as hub:
        yield HubWithTokens(
            hub=hub,
            counter=hub.add_token("quay-dongson", "counter", AGENCY),
            other_counter=hub.add_token("quay-donghoa", "counter", OTHER_AGENCY),
            authority=hub.add_token("so-tu-phap", "authority"),
            admin=hub.add_token("quan-tri", "admin"),
        )
