from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from inferline.components.interconnect.adapters.tencentcloud import TencentcloudInterconnect
from inferline.planning.network import NetworkSpec
from inferline.preview.mocks import PREVIEW_TENCENT_UIN
from inferline.preview.record import ResourceRecord
from inferline.preview.runner import ProgramRun
from tests.support import PAIR_TYPE, build_pair, children_of, named, network_spec

GUANGZHOU = ("ap-guangzhou", ("ap-guangzhou-3", "ap-guangzhou-4"))
SHANGHAI = ("ap-shanghai", ("ap-shanghai-2", "ap-shanghai-4"))
PEERING = "tencentcloud:Vpc/peerConnectManager:PeerConnectManager"
ROUTE = "tencentcloud:Route/tableEntry:TableEntry"
CCN = "tencentcloud:Ccn/instance:Instance"
ATTACHMENT = "tencentcloud:Ccn/attachmentV2:AttachmentV2"
BANDWIDTH = "tencentcloud:Ccn/bandwidthLimit:BandwidthLimit"
LINK = "site-a-site-b"
Region = tuple[str, tuple[str, ...]]


def _specs(second: Region = GUANGZHOU) -> tuple[NetworkSpec, NetworkSpec]:
    first = network_spec("tencentcloud", GUANGZHOU[0], GUANGZHOU[1], site="site-a", cidr="10.1.0.0/16")
    other = network_spec("tencentcloud", second[0], second[1], site="site-b", cidr="10.2.0.0/16")
    return first, other


def _peering(second: Region = GUANGZHOU, *, bandwidth_mbps: int = 1000, protect: bool = True) -> ProgramRun:
    return build_pair(*_specs(second), TencentcloudInterconnect().peering, bandwidth_mbps=bandwidth_mbps, protect=protect)


def _transit(second: Region = GUANGZHOU, *, bandwidth_mbps: int = 1000, protect: bool = True) -> ProgramRun:
    return build_pair(*_specs(second), TencentcloudInterconnect().transit, bandwidth_mbps=bandwidth_mbps, protect=protect)


def _children(run: ProgramRun) -> list[ResourceRecord]:
    return children_of(run, LINK, PAIR_TYPE)


def _counts(run: ProgramRun) -> Counter[str]:
    return Counter(record.type for record in _children(run))


def _assert_peer_routes(run: ProgramRun, site: str, other: str, zones: tuple[str, ...], destination: str) -> None:
    peering = named(run, "site-a-peer-site-b")
    for zone in zones:
        route = named(run, f"{site}-peer-route-{other}-{zone}")
        assert route.inputs == {
            "routeTableId": named(run, f"{site}-private-rt-{zone}").id,
            "destinationCidrBlock": destination,
            "nextType": "PEERCONNECTION",
            "nextHub": peering.id,
            "description": f"inferline-test-{site}-peer-route-{other}",
        }
        # The route names the peering, so it waits for it; nothing else (no accept step within one account).
        assert peering.urn in route.dependencies


def test_same_account_peering_has_no_accept_step_and_is_routed_in_every_private_table() -> None:
    run = _peering()

    assert _counts(run) == {PEERING: 1, ROUTE: 2 * 2}
    peering = named(run, "site-a-peer-site-b")
    assert peering.inputs == {
        "peeringConnectionName": "inferline-test-site-a-peer-site-b",
        "sourceVpcId": named(run, "site-a-vpc").id,
        "destinationVpcId": named(run, "site-b-vpc").id,
        "destinationRegion": "ap-guangzhou",
        "destinationUin": PREVIEW_TENCENT_UIN,
    }
    _assert_peer_routes(run, "site-a", "site-b", GUANGZHOU[1], "10.2.0.0/16")
    _assert_peer_routes(run, "site-b", "site-a", GUANGZHOU[1], "10.1.0.0/16")


def test_cross_region_peering_names_b_region_and_caps_the_bandwidth() -> None:
    run = _peering(SHANGHAI, bandwidth_mbps=500)

    assert _counts(run) == {PEERING: 1, ROUTE: 2 * 2}
    peering = named(run, "site-a-peer-site-b")
    assert peering.inputs["destinationRegion"] == "ap-shanghai"
    assert peering.inputs["destinationVpcId"] == named(run, "site-b-vpc").id
    assert peering.inputs["bandwidth"] == 500
    _assert_peer_routes(run, "site-a", "site-b", GUANGZHOU[1], "10.2.0.0/16")
    _assert_peer_routes(run, "site-b", "site-a", SHANGHAI[1], "10.1.0.0/16")


def _assert_attachments(run: ProgramRun, ccn: ResourceRecord, region_b: str) -> None:
    for site, other, region in (("site-a", "site-b", "ap-guangzhou"), ("site-b", "site-a", region_b)):
        assert named(run, f"{site}-ccn-attachment-{other}").inputs == {
            "ccnId": ccn.id,
            "instanceType": "VPC",
            "instanceRegion": region,
            "instanceId": named(run, f"{site}-vpc").id,
        }


def test_same_region_transit_is_one_ccn_with_both_vpcs_and_system_routes() -> None:
    run = _transit()

    # No route entries and no bandwidth cap: the CCN delivers its routes into the VPCs' route tables itself,
    # and traffic inside one region is not capped.
    assert _counts(run) == {CCN: 1, ATTACHMENT: 2}
    ccn = named(run, "site-a-ccn-site-b")
    assert ccn.inputs == {
        "name": "inferline-test-site-a-ccn-site-b",
        "chargeType": "POSTPAID",
        "qos": "AU",
        "bandwidthLimitType": "INTER_REGION_LIMIT",
        "tags": {"inferline-site": "site-a"},
    }
    _assert_attachments(run, ccn, "ap-guangzhou")


def test_cross_region_transit_caps_the_bandwidth_between_the_two_regions() -> None:
    run = _transit(SHANGHAI, bandwidth_mbps=200)

    assert _counts(run) == {CCN: 1, ATTACHMENT: 2, BANDWIDTH: 1}
    ccn = named(run, "site-a-ccn-site-b")
    _assert_attachments(run, ccn, "ap-shanghai")
    limit = named(run, "site-a-ccn-bandwidth-site-b")
    assert limit.inputs == {"ccnId": ccn.id, "region": "ap-guangzhou", "dstRegion": "ap-shanghai", "bandwidthLimit": 200}
    for attachment in ("site-a-ccn-attachment-site-b", "site-b-ccn-attachment-site-a"):
        assert named(run, attachment).urn in limit.dependencies


@pytest.mark.parametrize("protect", [True, False], ids=["prod", "non-prod"])
def test_peering_ccn_and_region_cap_are_protected_only_in_prod(protect: bool) -> None:
    for run in (_peering(SHANGHAI, protect=protect), _transit(SHANGHAI, protect=protect)):
        for record in _children(run):
            assert record.protect == (protect and record.type in (PEERING, CCN, BANDWIDTH)), record.urn


@pytest.mark.parametrize("build", [_peering, _transit], ids=["peering", "transit"])
def test_each_side_uses_its_site_provider_under_the_link_component(build: Callable[[Region], ProgramRun]) -> None:
    run = build(SHANGHAI)
    component = next(record for record in run.resources if record.type == PAIR_TYPE)
    providers = {record.name: record.urn for record in run.resources if record.type == "pulumi:providers:tencentcloud"}
    children = _children(run)
    assert children
    for record in children:
        assert record.parent == component.urn, record.urn
        site = "site-a" if record.name.startswith("site-a-") else "site-b"
        assert record.provider == providers[f"{site}-tencentcloud"], record.urn
    # b's side of the link is built with b's provider.
    assert any(record.name.startswith("site-b-") for record in children)
