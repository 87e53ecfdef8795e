from __future__ import annotations

from pathlib import Path

import pytest

from inferline.planning.stack import load_stack_file
from inferline.planning.topology import documentation_addresses
from inferline.preview import topology
from inferline.preview.topology import render_links, topology_dot, write_graph

PROD = load_stack_file(Path(__file__).resolve().parents[2] / "stacks" / "Pulumi.prod.yaml", "prod")


def test_links_table_shows_primary_and_backup_per_pair() -> None:
    text = render_links(PROD)
    assert text.splitlines()[0] == "links"
    assert "  dedicated  tc-sh    sh-colo  1000  primary" in text
    assert "  vpn        sh-colo  tc-sh    100   backup" in text


def test_every_pair_in_prod_has_a_primary_and_a_backup_path() -> None:
    """The shipped prod stack: every pair of sites and every site-hub pair, the AWS standby's included."""
    text = render_links(PROD)
    assert text[text.index("paths\n") :].splitlines() == [
        "paths",
        "  ali-sh <-> aws-hk: primary dedicated via sh-colo, hk-colo; backup vpn (100 Mbps)",
        "  ali-sh <-> hw-sh: primary dedicated via sh-colo; backup vpn (100 Mbps)",
        "  ali-sh <-> tc-sh: primary dedicated via sh-colo; backup vpn (100 Mbps)",
        "  aws-hk <-> hw-sh: primary dedicated via hk-colo, sh-colo; backup vpn (100 Mbps)",
        "  aws-hk <-> tc-sh: primary dedicated via hk-colo, sh-colo; backup vpn (100 Mbps)",
        "  hw-sh <-> tc-sh: primary dedicated via sh-colo; backup vpn (100 Mbps)",
        "  ali-sh <-> hk-colo: primary dedicated via sh-colo; backup vpn via sh-colo",
        "  ali-sh <-> sh-colo: primary dedicated; backup vpn (100 Mbps)",
        "  aws-hk <-> hk-colo: primary dedicated; backup vpn (100 Mbps)",
        "  aws-hk <-> sh-colo: primary dedicated via hk-colo; backup vpn via hk-colo",
        "  hw-sh <-> hk-colo: primary dedicated via sh-colo; backup vpn via sh-colo",
        "  hw-sh <-> sh-colo: primary dedicated; backup vpn (100 Mbps)",
        "  tc-sh <-> hk-colo: primary dedicated via sh-colo; backup vpn via sh-colo",
        "  tc-sh <-> sh-colo: primary dedicated; backup vpn (100 Mbps)",
        "warning: hub 'hk-colo' public_ip 198.51.100.10 is a documentation address (RFC 5737): a VPN to it never comes up; "
        "put the router's real address before `pulumi up`",
        "warning: hub 'sh-colo' public_ip 203.0.113.10 is a documentation address (RFC 5737): a VPN to it never comes up; "
        "put the router's real address before `pulumi up`",
    ]


def test_every_pair_in_staging_has_a_primary_and_a_backup_path() -> None:
    staging = load_stack_file(Path(__file__).resolve().parents[2] / "stacks" / "Pulumi.staging.yaml", "staging")
    text = render_links(staging)
    assert text[text.index("paths\n") :].splitlines()[:4] == [
        "paths",
        "  hw-bj <-> volc-sh: primary dedicated via bj-colo; backup vpn (100 Mbps)",
        "  hw-bj <-> bj-colo: primary dedicated; backup vpn (100 Mbps)",
        "  volc-sh <-> bj-colo: primary dedicated; backup vpn (100 Mbps)",
    ]


def test_a_routable_hub_address_gets_no_warning() -> None:
    settings = PROD.config.interconnect.model_copy(
        update={"hubs": [hub.model_copy(update={"public_ip": "8.8.4.4"}) for hub in PROD.config.interconnect.hubs]}
    )
    assert documentation_addresses(settings) == []
    assert documentation_addresses(PROD.config.interconnect) == [("hk-colo", "198.51.100.10"), ("sh-colo", "203.0.113.10")]


def test_dot_groups_sites_by_cloud_and_styles_edges_by_kind() -> None:
    dot = topology_dot(PROD)
    assert 'subgraph "cluster_tencentcloud" {' in dot
    assert '"aws-hk" [shape=ellipse, label="aws-hk\\nap-east-1\\n172.20.0.0/16", style=dashed];' in dot
    assert '"tc-sh" -- "sh-colo" [style=bold, color="#1f6feb", label="dedicated 1000 Mbps"];' in dot
    assert '"hw-sh" -- "tc-sh" [style=dashed, color="#cf222e", label="vpn 100 Mbps (backup)"];' in dot
    assert dot.endswith('  "hk-colo" -- "sh-colo" [style=bold, color="#8250df", label="backbone"];\n}\n')


def test_without_graphviz_a_picture_request_writes_dot_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(topology.shutil, "which", lambda _: None)
    written = write_graph(tmp_path / "topology.svg", PROD)
    assert written == tmp_path / "topology.dot"
    assert written.read_text() == topology_dot(PROD)


def test_with_graphviz_the_picture_is_rendered_by_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dot = tmp_path / "dot"
    # Stands in for Graphviz: records its format argument and writes what it read to -o.
    fake_dot.write_text('#!/bin/sh\nout=$3\n{ echo "$1"; cat; } > "$out"\n')
    fake_dot.chmod(0o755)
    monkeypatch.setattr(topology.shutil, "which", lambda _: str(fake_dot))
    written = write_graph(tmp_path / "topology.png", PROD)
    assert written == tmp_path / "topology.png"
    assert written.read_text() == "-Tpng\n" + topology_dot(PROD)
