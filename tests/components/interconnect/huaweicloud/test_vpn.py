"""Huawei Cloud VPN dynamic providers, against scripted fake SDK clients (never the network)."""

from __future__ import annotations

import base64
import re
import socket
from typing import Any

import dill  # type: ignore[import-untyped]
import pulumi
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException, SdkError, ServerResponseException  # type: ignore[import-untyped]
from huaweicloudsdkcore.utils.http_utils import sanitize_for_serialization  # type: ignore[import-untyped]
from huaweicloudsdkvpn.v5 import (  # type: ignore[import-untyped]
    BatchCreateResourceTagsResponse,
    BatchDeleteResourceTagsResponse,
    CreateCgwResponse,
    CreateResponseVpnConnection,
    CreateResponseVpnGateway,
    CreateVgwResponse,
    CreateVpnConnectionResponse,
    DeleteCgwResponse,
    DeleteVgwResponse,
    DeleteVpnConnectionResponse,
    Dpd,
    IkePolicy,
    IpsecPolicy,
    ResponseCustomerGateway,
    ResponseEip,
    ResponseVpnConnection,
    ResponseVpnGateway,
    ShowCgwResponse,
    ShowVgwResponse,
    ShowVpnConnectionResponse,
    UpdateCgwResponse,
    UpdateVgwResponse,
    UpdateVpnConnectionResponse,
    VpnClient,
    VpnResourceTag,
)
from pulumi.runtime.rpc import UNKNOWN

from inferline.components.interconnect.huaweicloud import vpn
from inferline.preview.mocks import RecordingMonitor
from inferline.preview.record import SECRET
from inferline.preview.runner import run_under_mocks

REGION = "cn-north-4"
VPC_ID = "0b7c1a52-1111-4d2e-8f3a-1b2c3d4e5f60"
SUBNET_ID = "6e9d2f10-2222-4c3b-9a55-0a1b2c3d4e5f"
GATEWAY_ID = "8a1f3c2e-3333-4b3a-8c7d-6e5f4a3b2c1d"
EIP1_ID = "1c2d3e4f-4444-4f5a-9b8c-7d6e5f4a3b2c"
EIP2_ID = "2d3e4f5a-5555-4a6b-8c9d-0e1f2a3b4c5d"
CGW_ID = "3e4f5a6b-6666-4b7c-9d0e-1f2a3b4c5d6e"
CGW2_ID = "4f5a6b7c-7777-4c8d-8e9f-2a3b4c5d6e7f"
CONNECTION_ID = "5a6b7c8d-8888-4d9e-9f0a-3b4c5d6e7f80"
PSK = "Pre-Shared-Key-0123456789"


# --- fakes and fixtures ------------------------------------------------------------------------------------


class FakeVpn:
    """A VPN client that answers only the calls a test scripted, in order; touching any other fails the test."""

    def __init__(self, *steps: tuple[str, Any]) -> None:
        self._steps = list(steps)
        self.calls: list[tuple[str, Any]] = []

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        steps = self.__dict__["_steps"]
        if not steps:
            raise AssertionError(f"unexpected VPN API call {name}: no more calls were scripted")
        expected, answer = steps[0]
        if name != expected:
            raise AssertionError(f"unexpected VPN API call {name}; the script expects {expected}")

        def call(request: Any) -> Any:
            steps.pop(0)
            self.calls.append((name, request))
            if isinstance(answer, BaseException):
                raise answer
            return answer

        return call

    @property
    def finished(self) -> bool:
        return not self.__dict__["_steps"]

    def body(self, index: int) -> Any:
        """What call ``index`` put on the wire (the SDK drops unset fields the same way)."""
        return sanitize_for_serialization(self.calls[index][1].body)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("a test tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``api(*steps)`` makes every provider method get one scripted fake; the test fails if steps are left over."""
    installed: list[FakeVpn] = []

    def install(*steps: tuple[str, Any]) -> FakeVpn:
        fake = FakeVpn(*steps)

        def make_client(service: str, region: str) -> FakeVpn:
            assert (service, region) == ("vpn", REGION)
            return fake

        monkeypatch.setattr(vpn, "make_client", make_client)
        installed.append(fake)
        return fake

    yield install
    for fake in installed:
        assert fake.finished, f"scripted calls never made: {fake.__dict__['_steps']}"


def not_found() -> ClientRequestException:
    return ClientRequestException(404, SdkError("req-404", "VPN.0002", "resource not found"))


def wire(value: Any) -> Any:
    """A value as the engine hands it to a provider: numbers arrive as floats."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, dict):
        return {key: wire(item) for key, item in value.items()}
    if isinstance(value, list):
        return [wire(item) for item in value]
    return value


# --- VPN gateway -------------------------------------------------------------------------------------------

GATEWAY_INPUTS: dict[str, Any] = {
    "region": REGION,
    "name": "site-a-vpn",
    "vpc_id": VPC_ID,
    "local_subnets": ["10.1.0.0/16", "10.1.64.0/20"],
    "connect_subnet": SUBNET_ID,
    "bgp_asn": 65010,
    "bandwidth_mbps": 100,
    "eip_type": "5_bgp",
    "eip_charge_mode": "traffic",
    "eip_ids": None,
    "availability_zones": None,
    "flavor": "Professional1",
    "ha_mode": None,
    "tags": {"inferline-site": "site-a"},
    "__provider": "serialized-provider",
}


def gateway(status: str = "ACTIVE", **changes: Any) -> ResponseVpnGateway:
    values: dict[str, Any] = {
        "id": GATEWAY_ID,
        "name": "site-a-vpn",
        "status": status,
        "attachment_type": "vpc",
        "network_type": "public",
        "vpc_id": VPC_ID,
        "local_subnets": ["10.1.64.0/20", "10.1.0.0/16"],
        "connect_subnet": SUBNET_ID,
        "bgp_asn": 65010,
        "flavor": "Professional1",
        "availability_zone_ids": ["cn-north-4a", "cn-north-4b"],
        "ha_mode": "active-active",
        "eip1": ResponseEip(id=EIP1_ID, ip_version=4, type="5_bgp", ip_address="203.0.113.10", charge_mode="traffic", bandwidth_size=100),
        "eip2": ResponseEip(id=EIP2_ID, ip_version=4, type="5_bgp", ip_address="203.0.113.11", charge_mode="traffic", bandwidth_size=100),
        "tags": [VpnResourceTag(key="inferline-site", value="site-a")],
    }
    values.update(changes)
    return ResponseVpnGateway(**values)


def show_gateway(status: str = "ACTIVE", **changes: Any) -> tuple[str, ShowVgwResponse]:
    return ("show_vgw", ShowVgwResponse(vpn_gateway=gateway(status, **changes)))


def gateway_outputs() -> dict[str, Any]:
    return vpn.VpnGatewayProvider().read(GATEWAY_ID, dict(GATEWAY_INPUTS)).outs or {}


def test_gateway_create_allocates_two_eips_and_waits_until_active(api: Any, sleeps: list[float]) -> None:
    fake = api(
        ("create_vgw", CreateVgwResponse(vpn_gateway=CreateResponseVpnGateway(id=GATEWAY_ID))),
        show_gateway("PENDING_CREATE", eip1=None, eip2=None),
        show_gateway("PENDING_CREATE"),
        show_gateway("ACTIVE"),
    )

    result = vpn.VpnGatewayProvider().create(wire(GATEWAY_INPUTS))

    assert fake.body(0) == {
        "vpn_gateway": {
            "name": "site-a-vpn",
            "network_type": "public",
            "attachment_type": "vpc",
            "vpc_id": VPC_ID,
            "local_subnets": ["10.1.0.0/16", "10.1.64.0/20"],
            "connect_subnet": SUBNET_ID,
            "bgp_asn": 65010,
            "flavor": "Professional1",
            "eip1": {"type": "5_bgp", "charge_mode": "traffic", "bandwidth_size": 100, "bandwidth_name": "site-a-vpn-bandwidth1"},
            "eip2": {"type": "5_bgp", "charge_mode": "traffic", "bandwidth_size": 100, "bandwidth_name": "site-a-vpn-bandwidth2"},
            "tags": [{"key": "inferline-site", "value": "site-a"}],
        }
    }
    # Numbers crossed the engine as floats; the API gets integers.
    assert type(fake.body(0)["vpn_gateway"]["bgp_asn"]) is int
    assert type(fake.body(0)["vpn_gateway"]["eip1"]["bandwidth_size"]) is int
    assert [request.vgw_id for name, request in fake.calls if name == "show_vgw"] == [GATEWAY_ID] * 3
    assert sleeps == [10.0, 10.0]
    assert result.id == GATEWAY_ID
    outs = result.outs or {}
    assert outs["public_ip"] == "203.0.113.10"
    assert outs["public_ips"] == ["203.0.113.10", "203.0.113.11"]
    assert (outs["eip1_id"], outs["eip2_id"]) == (EIP1_ID, EIP2_ID)
    assert outs["status"] == "ACTIVE"
    assert outs["availability_zones"] == ["cn-north-4a", "cn-north-4b"]
    assert outs["bandwidth_mbps"] == 100
    assert outs["tags"] == {"inferline-site": "site-a"}


def test_gateway_create_binds_existing_eips_in_chosen_zones(api: Any) -> None:
    fake = api(
        ("create_vgw", CreateVgwResponse(vpn_gateway=CreateResponseVpnGateway(id=GATEWAY_ID))),
        show_gateway("ACTIVE"),
    )
    props = {
        **GATEWAY_INPUTS,
        "eip_ids": [EIP1_ID, EIP2_ID],
        "availability_zones": ["cn-north-4a", "cn-north-4b"],
        "ha_mode": "active-standby",
        "flavor": "Professional2",
        "tags": None,
    }

    vpn.VpnGatewayProvider().create(wire(props))

    body = fake.body(0)["vpn_gateway"]
    assert body["eip1"] == {"id": EIP1_ID}
    assert body["eip2"] == {"id": EIP2_ID}
    assert body["availability_zone_ids"] == ["cn-north-4a", "cn-north-4b"]
    assert body["ha_mode"] == "active-standby"
    assert body["flavor"] == "Professional2"
    assert "tags" not in body


def test_gateway_in_a_failed_state_is_deleted_again_and_fails_the_create(api: Any) -> None:
    fake = api(
        ("create_vgw", CreateVgwResponse(vpn_gateway=CreateResponseVpnGateway(id=GATEWAY_ID))),
        show_gateway("FREEZED"),
        ("delete_vgw", DeleteVgwResponse()),
    )

    with pytest.raises(vpn.HuaweiCloudVpnError, match=r"status FREEZED.*deletion requested"):
        vpn.VpnGatewayProvider().create(wire(GATEWAY_INPUTS))
    assert fake.calls[-1][1].vgw_id == GATEWAY_ID


def test_gateway_create_wait_is_bounded(api: Any, sleeps: list[float]) -> None:
    provider = vpn.VpnGatewayProvider()
    provider.create_timeout_s = 30.0
    api(
        ("create_vgw", CreateVgwResponse(vpn_gateway=CreateResponseVpnGateway(id=GATEWAY_ID))),
        show_gateway("PENDING_CREATE"),
        show_gateway("PENDING_CREATE"),
        show_gateway("PENDING_CREATE"),
        ("delete_vgw", DeleteVgwResponse()),
    )

    with pytest.raises(vpn.HuaweiCloudVpnError, match="still in status PENDING_CREATE after 30 s"):
        provider.create(wire(GATEWAY_INPUTS))
    assert sleeps == [10.0, 10.0]


def test_gateway_create_error_names_the_operation(api: Any) -> None:
    api(("create_vgw", ClientRequestException(400, SdkError("req-1", "VPN.0001", "invalid local_subnets"))))

    with pytest.raises(vpn.HuaweiCloudVpnError, match=re.escape("creating VPN gateway site-a-vpn failed: HTTP 400 VPN.0001: invalid local_subnets")):
        vpn.VpnGatewayProvider().create(wire(GATEWAY_INPUTS))


def test_gateway_read_reports_the_live_gateway(api: Any) -> None:
    api(show_gateway("ACTIVE", name="renamed-in-console", tags=[]))

    result = vpn.VpnGatewayProvider().read(GATEWAY_ID, wire(GATEWAY_INPUTS))

    assert result.id == GATEWAY_ID
    outs = result.outs or {}
    assert outs["name"] == "renamed-in-console"
    assert outs["tags"] == {}
    assert outs["region"] == REGION
    assert outs["public_ip"] == "203.0.113.10"


def test_gateway_read_of_a_deleted_gateway_returns_no_id(api: Any) -> None:
    api(("show_vgw", not_found()))

    result = vpn.VpnGatewayProvider().read(GATEWAY_ID, wire(GATEWAY_INPUTS))

    assert result.id is None
    assert result.outs == {}


def test_gateway_read_propagates_other_errors(api: Any) -> None:
    api(("show_vgw", ServerResponseException(503, SdkError("req-2", "VPN.9999", "busy"))))

    with pytest.raises(vpn.HuaweiCloudVpnError, match="HTTP 503"):
        vpn.VpnGatewayProvider().read(GATEWAY_ID, wire(GATEWAY_INPUTS))


def test_gateway_diff(api: Any) -> None:
    api(show_gateway())
    olds = wire(gateway_outputs())
    provider = vpn.VpnGatewayProvider()
    news = wire(GATEWAY_INPUTS)

    # Subnet order, API-chosen zones and HA mode, float numbers: no change.
    unchanged = provider.diff(GATEWAY_ID, olds, news)
    assert unchanged.changes is False
    assert unchanged.replaces == []

    renamed = provider.diff(GATEWAY_ID, olds, {**news, "name": "site-a-vpn-2", "local_subnets": ["10.1.0.0/16"]})
    assert renamed.changes is True
    assert renamed.replaces == []

    retagged = provider.diff(GATEWAY_ID, olds, {**news, "tags": None})
    assert (retagged.changes, retagged.replaces) == (True, [])

    for key, value in [("bgp_asn", 65011.0), ("vpc_id", "other-vpc"), ("bandwidth_mbps", 200.0), ("flavor", "Professional2")]:
        result = provider.diff(GATEWAY_ID, olds, {**news, key: value})
        assert (result.changes, result.replaces) == (True, [key]), key

    # Preview: a value not known yet may differ, so a replacing property shows a replacement.
    unknown = provider.diff(GATEWAY_ID, olds, {**news, "connect_subnet": UNKNOWN})
    assert unknown.replaces == ["connect_subnet"]


def test_gateway_update_renames_resubnets_and_retags_in_place(api: Any, sleeps: list[float]) -> None:
    fake = api(
        ("update_vgw", UpdateVgwResponse()),
        show_gateway("PENDING_UPDATE"),
        show_gateway("ACTIVE", name="site-a-vpn-2"),
        ("batch_delete_resource_tags", BatchDeleteResourceTagsResponse()),
        ("batch_create_resource_tags", BatchCreateResourceTagsResponse()),
        show_gateway("ACTIVE", name="site-a-vpn-2", local_subnets=["10.1.0.0/16"], tags=[VpnResourceTag(key="inferline-site", value="site-b"), VpnResourceTag(key="owner", value="ml")]),
    )
    olds = wire({**GATEWAY_INPUTS, "tags": {"inferline-site": "site-a", "stale": "x"}})
    news = wire({**GATEWAY_INPUTS, "name": "site-a-vpn-2", "local_subnets": ["10.1.0.0/16"], "tags": {"inferline-site": "site-b", "owner": "ml"}})

    result = vpn.VpnGatewayProvider().update(GATEWAY_ID, olds, news)

    assert fake.calls[0][1].vgw_id == GATEWAY_ID
    assert fake.body(0) == {"vpn_gateway": {"name": "site-a-vpn-2", "local_subnets": ["10.1.0.0/16"]}}
    removed, added = fake.calls[3][1], fake.calls[4][1]
    assert (removed.resource_type, removed.resource_id) == ("vpn-gateway", GATEWAY_ID)
    assert fake.body(3) == {"tags": [{"key": "inferline-site", "value": "site-a"}, {"key": "stale", "value": "x"}]}
    assert (added.resource_type, added.resource_id) == ("vpn-gateway", GATEWAY_ID)
    assert fake.body(4) == {"tags": [{"key": "inferline-site", "value": "site-b"}, {"key": "owner", "value": "ml"}]}
    assert sleeps == [10.0]
    outs = result.outs or {}
    assert outs["name"] == "site-a-vpn-2"
    assert outs["tags"] == {"inferline-site": "site-b", "owner": "ml"}


def test_gateway_update_of_tags_alone_leaves_the_gateway_alone(api: Any) -> None:
    fake = api(
        ("batch_create_resource_tags", BatchCreateResourceTagsResponse()),
        show_gateway("ACTIVE"),
    )
    olds = wire({**GATEWAY_INPUTS, "tags": {}})

    vpn.VpnGatewayProvider().update(GATEWAY_ID, olds, wire(GATEWAY_INPUTS))

    assert fake.body(0) == {"tags": [{"key": "inferline-site", "value": "site-a"}]}


def test_gateway_delete_waits_until_gone(api: Any, sleeps: list[float]) -> None:
    fake = api(
        ("delete_vgw", DeleteVgwResponse()),
        show_gateway("PENDING_DELETE"),
        ("show_vgw", not_found()),
    )

    vpn.VpnGatewayProvider().delete(GATEWAY_ID, wire(GATEWAY_INPUTS))

    assert fake.calls[0][1].vgw_id == GATEWAY_ID
    assert sleeps == [10.0]


def test_gateway_delete_of_a_missing_gateway_succeeds(api: Any) -> None:
    api(("delete_vgw", not_found()))

    vpn.VpnGatewayProvider().delete(GATEWAY_ID, wire(GATEWAY_INPUTS))


def test_gateway_delete_failure_is_reported(api: Any) -> None:
    api(("delete_vgw", ClientRequestException(409, SdkError("req-3", "VPN.0007", "gateway has connections"))))

    with pytest.raises(vpn.HuaweiCloudVpnError, match=r"deleting VPN gateway .* HTTP 409"):
        vpn.VpnGatewayProvider().delete(GATEWAY_ID, wire(GATEWAY_INPUTS))


def test_gateway_check() -> None:
    provider = vpn.VpnGatewayProvider()
    assert provider.check({}, wire(GATEWAY_INPUTS)).failures == []
    assert provider.check({}, wire({**GATEWAY_INPUTS, "bandwidth_mbps": None, "eip_ids": [EIP1_ID, EIP2_ID]})).failures == []

    bad = provider.check(
        {},
        wire(
            {
                **GATEWAY_INPUTS,
                "name": "bad name!",
                "local_subnets": ["10.1.0.1/16", "fd00::/64"],
                "bgp_asn": 0,
                "bandwidth_mbps": 500,
                "ha_mode": "active-passive",
            }
        ),
    )
    assert sorted(failure.property for failure in bad.failures) == [
        "bandwidth_mbps",
        "bgp_asn",
        "ha_mode",
        "local_subnets",
        "local_subnets",
        "name",
    ]
    wrong_eips = provider.check({}, wire({**GATEWAY_INPUTS, "eip_ids": [EIP1_ID]}))
    assert [failure.property for failure in wrong_eips.failures] == ["eip_ids"]
    gm = provider.check({}, wire({**GATEWAY_INPUTS, "flavor": "GM"}))
    assert "flavor" in [failure.property for failure in gm.failures]

    # Preview: values not known yet are not judged.
    unknowns = {key: UNKNOWN for key in ("region", "name", "vpc_id", "local_subnets", "connect_subnet", "bgp_asn", "bandwidth_mbps")}
    assert provider.check({}, {**wire(GATEWAY_INPUTS), **unknowns}).failures == []


# --- customer gateway --------------------------------------------------------------------------------------

CGW_INPUTS: dict[str, Any] = {
    "region": REGION,
    "name": "site-a-to-site-b",
    "ip": "198.51.100.7",
    "bgp_asn": 65020,
    "tags": {"inferline-link": "vpn-site-a-site-b"},
    "__provider": "serialized-provider",
}


def customer_gateway(**changes: Any) -> ResponseCustomerGateway:
    values: dict[str, Any] = {
        "id": CGW_ID,
        "name": "site-a-to-site-b",
        "id_type": "ip",
        "id_value": "198.51.100.7",
        "bgp_asn": 65020,
        "tags": [VpnResourceTag(key="inferline-link", value="vpn-site-a-site-b")],
    }
    values.update(changes)
    return ResponseCustomerGateway(**values)


def test_customer_gateway_create(api: Any) -> None:
    fake = api(("create_cgw", CreateCgwResponse(customer_gateway=customer_gateway())))

    result = vpn.CustomerGatewayProvider().create(wire(CGW_INPUTS))

    assert fake.body(0) == {
        "customer_gateway": {
            "name": "site-a-to-site-b",
            "id_type": "ip",
            "id_value": "198.51.100.7",
            "bgp_asn": 65020,
            "tags": [{"key": "inferline-link", "value": "vpn-site-a-site-b"}],
        }
    }
    assert type(fake.body(0)["customer_gateway"]["bgp_asn"]) is int
    assert result.id == CGW_ID
    assert (result.outs or {})["ip"] == "198.51.100.7"


def test_customer_gateway_read_and_404(api: Any) -> None:
    fake = api(("show_cgw", ShowCgwResponse(customer_gateway=customer_gateway(name="renamed"))), ("show_cgw", not_found()))
    provider = vpn.CustomerGatewayProvider()

    live = provider.read(CGW_ID, wire(CGW_INPUTS))
    gone = provider.read(CGW_ID, wire(CGW_INPUTS))

    assert fake.calls[0][1].customer_gateway_id == CGW_ID
    assert (live.id, (live.outs or {})["name"]) == (CGW_ID, "renamed")
    assert (gone.id, gone.outs) == (None, {})


def test_customer_gateway_diff_update_and_delete(api: Any) -> None:
    provider = vpn.CustomerGatewayProvider()
    olds = wire({**CGW_INPUTS})
    assert provider.diff(CGW_ID, olds, wire(CGW_INPUTS)).changes is False
    renamed = provider.diff(CGW_ID, olds, wire({**CGW_INPUTS, "name": "new-name"}))
    assert (renamed.changes, renamed.replaces) == (True, [])
    for key, value in [("ip", "198.51.100.8"), ("bgp_asn", 65021), ("region", "cn-east-3")]:
        result = provider.diff(CGW_ID, olds, wire({**CGW_INPUTS, key: value}))
        assert (result.changes, result.replaces) == (True, [key]), key

    fake = api(
        ("update_cgw", UpdateCgwResponse(customer_gateway=customer_gateway(name="new-name"))),
        ("show_cgw", ShowCgwResponse(customer_gateway=customer_gateway(name="new-name"))),
        ("delete_cgw", DeleteCgwResponse()),
        ("delete_cgw", not_found()),
    )
    updated = provider.update(CGW_ID, olds, wire({**CGW_INPUTS, "name": "new-name"}))
    provider.delete(CGW_ID, olds)
    provider.delete(CGW_ID, olds)  # already gone: still a success

    assert fake.calls[0][1].customer_gateway_id == CGW_ID
    assert fake.body(0) == {"customer_gateway": {"name": "new-name"}}
    assert (updated.outs or {})["name"] == "new-name"
    assert fake.calls[2][1].customer_gateway_id == CGW_ID


def test_customer_gateway_check() -> None:
    provider = vpn.CustomerGatewayProvider()
    assert provider.check({}, wire(CGW_INPUTS)).failures == []
    assert provider.check({}, wire({**CGW_INPUTS, "bgp_asn": None})).failures == []
    bad = provider.check({}, wire({**CGW_INPUTS, "ip": "2001:db8::1", "bgp_asn": 4294967296}))
    assert sorted(failure.property for failure in bad.failures) == ["bgp_asn", "ip"]
    assert provider.check({}, {**wire(CGW_INPUTS), "ip": UNKNOWN}).failures == []


# --- VPN connection ----------------------------------------------------------------------------------------

CONNECTION_INPUTS: dict[str, Any] = {
    "region": REGION,
    "name": "vpn-site-a-site-b-1",
    "vgw_id": GATEWAY_ID,
    "vgw_ip": EIP1_ID,
    "customer_gateway_id": CGW_ID,
    "peer_subnets": ["10.2.0.0/16", "192.168.0.0/20"],
    "psk": PSK,
    "style": "bgp",
    "tunnel_local_address": "169.254.61.209/30",
    "tunnel_peer_address": "169.254.61.210/30",
    "ike_policy": dict(vpn.IKE_POLICY),
    "ipsec_policy": dict(vpn.IPSEC_POLICY),
    "tags": {"inferline-link": "vpn-site-a-site-b"},
    "__provider": "serialized-provider",
}


def connection(status: str = "ACTIVE", **changes: Any) -> ResponseVpnConnection:
    values: dict[str, Any] = {
        "id": CONNECTION_ID,
        "name": "vpn-site-a-site-b-1",
        "status": status,
        "vgw_id": GATEWAY_ID,
        "vgw_ip": EIP1_ID,
        "style": "BGP",
        "cgw_id": CGW_ID,
        "peer_subnets": ["192.168.0.0/20", "10.2.0.0/16"],
        "tunnel_local_address": "169.254.61.209/30",
        "tunnel_peer_address": "169.254.61.210/30",
        "enable_nqa": False,
        "ikepolicy": IkePolicy(
            ike_version="v2",
            phase1_negotiation_mode="main",
            authentication_algorithm="sha2-256",
            encryption_algorithm="aes-256",
            dh_group="group14",
            authentication_method="pre-share",
            lifetime_seconds=28800,
            local_id_type="ip",
            peer_id_type="ip",
            dpd=Dpd(interval=30, timeout=15, msg="seq-hash-notify"),
        ),
        "ipsecpolicy": IpsecPolicy(
            authentication_algorithm="sha2-256",
            encryption_algorithm="aes-256",
            pfs="group14",
            transform_protocol="esp",
            lifetime_seconds=3600,
            encapsulation_mode="tunnel",
        ),
        "tags": [VpnResourceTag(key="inferline-link", value="vpn-site-a-site-b")],
    }
    values.update(changes)
    return ResponseVpnConnection(**values)


def show_connection(status: str = "ACTIVE", **changes: Any) -> tuple[str, ShowVpnConnectionResponse]:
    return ("show_vpn_connection", ShowVpnConnectionResponse(vpn_connection=connection(status, **changes)))


def connection_outputs() -> dict[str, Any]:
    return vpn.VpnConnectionProvider().read(CONNECTION_ID, dict(CONNECTION_INPUTS)).outs or {}


def test_connection_create_sends_the_ikev2_aes256_proposals_and_waits(api: Any, sleeps: list[float]) -> None:
    fake = api(
        ("create_vpn_connection", CreateVpnConnectionResponse(vpn_connection=CreateResponseVpnConnection(id=CONNECTION_ID))),
        show_connection("PENDING_CREATE"),
        show_connection("DOWN"),  # configured; the peer has not negotiated yet
    )

    result = vpn.VpnConnectionProvider().create(wire(CONNECTION_INPUTS))

    assert fake.body(0) == {
        "vpn_connection": {
            "name": "vpn-site-a-site-b-1",
            "vgw_id": GATEWAY_ID,
            "vgw_ip": EIP1_ID,
            "style": "bgp",
            "cgw_id": CGW_ID,
            "peer_subnets": ["10.2.0.0/16", "192.168.0.0/20"],
            "tunnel_local_address": "169.254.61.209/30",
            "tunnel_peer_address": "169.254.61.210/30",
            "psk": PSK,
            "ikepolicy": {
                "ike_version": "v2",
                "authentication_algorithm": "sha2-256",
                "encryption_algorithm": "aes-256",
                "dh_group": "group14",
                "authentication_method": "pre-share",
                "lifetime_seconds": 28800,
            },
            "ipsecpolicy": {
                "authentication_algorithm": "sha2-256",
                "encryption_algorithm": "aes-256",
                "pfs": "group14",
                "transform_protocol": "esp",
                "encapsulation_mode": "tunnel",
                "lifetime_seconds": 3600,
            },
            "tags": [{"key": "inferline-link", "value": "vpn-site-a-site-b"}],
        }
    }
    assert type(fake.body(0)["vpn_connection"]["ikepolicy"]["lifetime_seconds"]) is int
    assert [request.vpn_connection_id for name, request in fake.calls[1:]] == [CONNECTION_ID] * 2
    assert sleeps == [5.0]
    outs = result.outs or {}
    assert result.id == CONNECTION_ID
    assert outs["status"] == "DOWN"
    assert outs["style"] == "bgp"
    assert outs["psk"] == PSK  # kept from the inputs: the API never returns it (and the resource marks it secret)


def test_connection_in_error_is_deleted_again_without_leaking_the_key(api: Any) -> None:
    api(
        ("create_vpn_connection", CreateVpnConnectionResponse(vpn_connection=CreateResponseVpnConnection(id=CONNECTION_ID))),
        show_connection("ERROR"),
        ("delete_vpn_connection", DeleteVpnConnectionResponse()),
    )

    with pytest.raises(vpn.HuaweiCloudVpnError) as raised:
        vpn.VpnConnectionProvider().create(wire(CONNECTION_INPUTS))
    assert "status ERROR" in str(raised.value)
    assert "deletion requested" in str(raised.value)
    assert PSK not in str(raised.value)


def test_connection_cleanup_failure_is_reported_with_the_first_error(api: Any) -> None:
    api(
        ("create_vpn_connection", CreateVpnConnectionResponse(vpn_connection=CreateResponseVpnConnection(id=CONNECTION_ID))),
        show_connection("ERROR"),
        ("delete_vpn_connection", ServerResponseException(500, SdkError("req-4", "VPN.0500", "internal"))),
    )

    with pytest.raises(vpn.HuaweiCloudVpnError, match=r"status ERROR.*failed too.*delete it by hand"):
        vpn.VpnConnectionProvider().create(wire(CONNECTION_INPUTS))


def test_connection_read(api: Any) -> None:
    api(show_connection("ACTIVE", cgw_id=CGW2_ID), ("show_vpn_connection", not_found()))
    provider = vpn.VpnConnectionProvider()

    live = provider.read(CONNECTION_ID, wire(CONNECTION_INPUTS))
    gone = provider.read(CONNECTION_ID, wire(CONNECTION_INPUTS))

    outs = live.outs or {}
    assert live.id == CONNECTION_ID
    assert outs["customer_gateway_id"] == CGW2_ID
    assert outs["style"] == "bgp"
    assert outs["psk"] == PSK
    assert outs["ike_policy"]["dh_group"] == "group14"
    assert (gone.id, gone.outs) == (None, {})


def test_connection_read_keeps_the_tunnel_mask_when_the_api_leaves_it_off(api: Any) -> None:
    api(show_connection("ACTIVE", tunnel_local_address="169.254.61.209", tunnel_peer_address="169.254.61.210"))

    outs = vpn.VpnConnectionProvider().read(CONNECTION_ID, wire(CONNECTION_INPUTS)).outs or {}

    assert (outs["tunnel_local_address"], outs["tunnel_peer_address"]) == ("169.254.61.209/30", "169.254.61.210/30")


def test_connection_diff(api: Any) -> None:
    api(show_connection())
    olds = wire(connection_outputs())
    provider = vpn.VpnConnectionProvider()
    news = wire(CONNECTION_INPUTS)

    # The API reports more IKE fields than the input sets, and subnets in another order: no change.
    assert provider.diff(CONNECTION_ID, olds, news).changes is False

    in_place = [
        ("psk", "Another-Key-9876543210"),
        ("customer_gateway_id", CGW2_ID),
        ("peer_subnets", ["10.2.0.0/16"]),
        ("tunnel_local_address", "169.254.61.213/30"),
        ("ike_policy", {**vpn.IKE_POLICY, "lifetime_seconds": 86400}),
        ("ipsec_policy", {**vpn.IPSEC_POLICY, "pfs": "group19"}),
        ("tags", {}),
    ]
    for key, value in in_place:
        result = provider.diff(CONNECTION_ID, olds, {**news, key: wire(value)})
        assert (result.changes, result.replaces) == (True, []), key
    for key, value in [("vgw_ip", EIP2_ID), ("vgw_id", "other-gateway"), ("style", "static"), ("region", "cn-east-3")]:
        result = provider.diff(CONNECTION_ID, olds, {**news, key: value})
        assert (result.changes, result.replaces) == (True, [key]), key
    assert provider.diff(CONNECTION_ID, olds, {**news, "vgw_ip": UNKNOWN}).replaces == ["vgw_ip"]


def test_connection_update_sends_only_what_changed(api: Any, sleeps: list[float]) -> None:
    new_psk = "Another-Key-9876543210"
    fake = api(
        ("update_vpn_connection", UpdateVpnConnectionResponse()),
        show_connection("PENDING_UPDATE"),
        show_connection("ACTIVE"),
        show_connection("ACTIVE", cgw_id=CGW2_ID),
    )
    olds = wire(CONNECTION_INPUTS)
    news = wire({**CONNECTION_INPUTS, "psk": new_psk, "customer_gateway_id": CGW2_ID, "ike_policy": {**vpn.IKE_POLICY, "lifetime_seconds": 86400}})

    result = vpn.VpnConnectionProvider().update(CONNECTION_ID, olds, news)

    assert fake.calls[0][1].vpn_connection_id == CONNECTION_ID
    assert fake.body(0) == {
        "vpn_connection": {
            "cgw_id": CGW2_ID,
            "psk": new_psk,
            # UpdateIkePolicy has no authentication_method: it cannot change after creation.
            "ikepolicy": {
                "ike_version": "v2",
                "authentication_algorithm": "sha2-256",
                "encryption_algorithm": "aes-256",
                "dh_group": "group14",
                "lifetime_seconds": 86400,
            },
        }
    }
    assert sleeps == [5.0]
    outs = result.outs or {}
    assert outs["psk"] == new_psk
    assert outs["customer_gateway_id"] == CGW2_ID


def test_connection_update_of_tags_alone(api: Any) -> None:
    fake = api(
        ("batch_delete_resource_tags", BatchDeleteResourceTagsResponse()),
        show_connection("ACTIVE", tags=[]),
    )

    vpn.VpnConnectionProvider().update(CONNECTION_ID, wire(CONNECTION_INPUTS), wire({**CONNECTION_INPUTS, "tags": None}))

    request = fake.calls[0][1]
    assert (request.resource_type, request.resource_id) == ("vpn-connection", CONNECTION_ID)
    assert fake.body(0) == {"tags": [{"key": "inferline-link", "value": "vpn-site-a-site-b"}]}


def test_connection_delete(api: Any, sleeps: list[float]) -> None:
    fake = api(
        ("delete_vpn_connection", DeleteVpnConnectionResponse()),
        show_connection("PENDING_DELETE"),
        show_connection("PENDING_DELETE"),
        ("show_vpn_connection", not_found()),
        ("delete_vpn_connection", not_found()),
    )
    provider = vpn.VpnConnectionProvider()

    provider.delete(CONNECTION_ID, wire(CONNECTION_INPUTS))
    provider.delete(CONNECTION_ID, wire(CONNECTION_INPUTS))  # already gone: still a success

    assert fake.calls[0][1].vpn_connection_id == CONNECTION_ID
    assert sleeps == [5.0, 5.0]


def test_connection_delete_wait_is_bounded(api: Any) -> None:
    provider = vpn.VpnConnectionProvider()
    provider.delete_timeout_s = 10.0
    api(("delete_vpn_connection", DeleteVpnConnectionResponse()), show_connection("PENDING_DELETE"), show_connection("PENDING_DELETE"))

    with pytest.raises(vpn.HuaweiCloudVpnError, match="still exists"):
        provider.delete(CONNECTION_ID, wire(CONNECTION_INPUTS))


def test_connection_check_accepts_the_standard_connection_and_fills_defaults() -> None:
    provider = vpn.VpnConnectionProvider()
    result = provider.check({}, wire(CONNECTION_INPUTS))
    assert result.failures == []

    bare = {key: value for key, value in CONNECTION_INPUTS.items() if key not in ("ike_policy", "ipsec_policy", "style")}
    filled = provider.check({}, wire(bare))
    assert filled.failures == []
    assert filled.inputs["style"] == "bgp"
    assert filled.inputs["ike_policy"] == vpn.IKE_POLICY
    assert filled.inputs["ipsec_policy"] == vpn.IPSEC_POLICY

    static = {**CONNECTION_INPUTS, "style": "static", "tunnel_local_address": None, "tunnel_peer_address": None}
    assert provider.check({}, wire(static)).failures == []


@pytest.mark.parametrize(
    ("changes", "properties"),
    [
        ({"psk": "short1A"}, ["psk"]),
        ({"psk": "alllowercaseletters"}, ["psk"]),
        ({"psk": "Has Space-1234"}, ["psk"]),
        ({"style": "policy"}, ["style"]),
        ({"tunnel_local_address": None, "tunnel_peer_address": None}, ["tunnel_local_address"]),
        ({"tunnel_local_address": "169.254.61.209"}, ["tunnel_local_address"]),
        ({"tunnel_local_address": "169.254.61.209/29"}, ["tunnel_local_address"]),
        ({"tunnel_local_address": "10.0.0.1/30"}, ["tunnel_local_address"]),
        ({"tunnel_local_address": "169.254.195.1/30", "tunnel_peer_address": "169.254.195.2/30"}, ["tunnel_local_address", "tunnel_peer_address"]),
        ({"tunnel_local_address": "169.254.61.208/30"}, ["tunnel_local_address"]),
        ({"tunnel_peer_address": "169.254.61.214/30"}, ["tunnel_peer_address"]),
        ({"ike_policy": {**vpn.IKE_POLICY, "ike_version": "ikev2"}}, ["ike_policy"]),
        ({"ike_policy": {**vpn.IKE_POLICY, "encryption_algorithm": "aes256"}}, ["ike_policy"]),
        ({"ike_policy": {**vpn.IKE_POLICY, "lifetime_seconds": 10}}, ["ike_policy"]),
        ({"ipsec_policy": {**vpn.IPSEC_POLICY, "pfs": "dh-group14"}}, ["ipsec_policy"]),
        ({"ipsec_policy": {**vpn.IPSEC_POLICY, "integrity": "sha256"}}, ["ipsec_policy"]),
        ({"peer_subnets": []}, ["peer_subnets"]),
        ({"vgw_ip": ""}, ["vgw_ip"]),
    ],
)
def test_connection_check_rejects(changes: dict[str, Any], properties: list[str]) -> None:
    result = vpn.VpnConnectionProvider().check({}, wire({**CONNECTION_INPUTS, **changes}))

    assert sorted(failure.property for failure in result.failures) == properties
    for failure in result.failures:
        psk = changes.get("psk", PSK)
        assert psk not in failure.reason  # a reason never quotes the key


def test_connection_check_skips_unknowns() -> None:
    unknowns = dict.fromkeys(("vgw_id", "vgw_ip", "customer_gateway_id", "psk", "tunnel_local_address", "peer_subnets"), UNKNOWN)
    assert vpn.VpnConnectionProvider().check({}, {**wire(CONNECTION_INPUTS), **unknowns}).failures == []


# --- client construction -----------------------------------------------------------------------------------


def test_make_client_reads_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HW_ACCESS_KEY", "AKTESTONLY")
    monkeypatch.setenv("HW_SECRET_KEY", "sk-test-only")
    monkeypatch.setenv("HW_PROJECT_ID", "0123456789abcdef0123456789abcdef")  # with a project id, no IAM lookup
    monkeypatch.delenv("HW_SECURITY_TOKEN", raising=False)

    client = vpn.make_client("vpn", REGION)

    assert isinstance(client, VpnClient)
    credentials = client.get_credentials()
    assert (credentials.ak, credentials.project_id) == ("AKTESTONLY", "0123456789abcdef0123456789abcdef")
    assert client._endpoints == [f"https://vpn.{REGION}.myhuaweicloud.com"]


def test_make_client_without_credentials_fails_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HW_ACCESS_KEY", raising=False)
    monkeypatch.setenv("HW_SECRET_KEY", "sk-test-only")

    with pytest.raises(vpn.HuaweiCloudVpnError, match="HW_ACCESS_KEY"):
        vpn.make_client("vpn", REGION)
    with pytest.raises(ValueError, match="only builds VPN clients"):
        vpn.make_client("dc", REGION)


# --- under the preview mocks -------------------------------------------------------------------------------


def test_resources_under_mocks_pickle_bare_providers_and_keep_the_key_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    # Credentials in the environment must not end up in the pickled providers.
    monkeypatch.setenv("HW_ACCESS_KEY", "AK-SENTINEL-NEVER-IN-STATE")
    monkeypatch.setenv("HW_SECRET_KEY", "SK-SENTINEL-NEVER-IN-STATE")

    def no_client(service: str, region: str) -> Any:
        raise AssertionError("constructing a resource must not build a client")

    monkeypatch.setattr(vpn, "make_client", no_client)
    secret_outputs: dict[str, list[str]] = {}
    register = RecordingMonitor.RegisterResource

    def spy(self: RecordingMonitor, request: Any) -> Any:
        secret_outputs[request.name] = list(request.additionalSecretOutputs)
        return register(self, request)

    monkeypatch.setattr(RecordingMonitor, "RegisterResource", spy)

    def program() -> None:
        gw = vpn.VpnGateway(
            "site-a-vpn",
            region=REGION,
            name="site-a-vpn",
            vpc_id=VPC_ID,
            local_subnets=["10.1.0.0/16"],
            connect_subnet=SUBNET_ID,
            bgp_asn=65010,
            bandwidth_mbps=100,
            tags={"inferline-site": "site-a"},
        )
        cgw = vpn.CustomerGateway("site-b-peer", region=REGION, name="site-b-peer", ip="198.51.100.7", bgp_asn=65020)
        vpn.VpnConnection(
            "site-a-site-b-1",
            region=REGION,
            name="site-a-site-b-1",
            vgw_id=gw.id,
            vgw_ip=gw.eip1_id,
            customer_gateway_id=cgw.id,
            peer_subnets=["10.2.0.0/16"],
            psk=PSK,  # passed in plain text: the resource still makes it a secret
            tunnel_local_address="169.254.61.209/30",
            tunnel_peer_address="169.254.61.210/30",
        )
        vpn.VpnConnection(
            "site-a-site-b-2",
            region=REGION,
            name="site-a-site-b-2",
            vgw_id=gw.id,
            vgw_ip=gw.eip2_id,
            customer_gateway_id=cgw.id,
            peer_subnets=["10.2.0.0/16"],
            psk=pulumi.Output.secret(PSK),
            tunnel_local_address="169.254.61.213/30",
            tunnel_peer_address="169.254.61.214/30",
        )

    run = run_under_mocks(program)

    records = {record.name: record for record in run.resources}
    assert records["site-a-vpn"].type == "pulumi-python:dynamic/huaweicloud:VpnGateway"
    assert records["site-b-peer"].type == "pulumi-python:dynamic/huaweicloud:CustomerGateway"
    expected_provider = {
        "site-a-vpn": vpn.VpnGatewayProvider,
        "site-b-peer": vpn.CustomerGatewayProvider,
        "site-a-site-b-1": vpn.VpnConnectionProvider,
        "site-a-site-b-2": vpn.VpnConnectionProvider,
    }
    for name, provider_class in expected_provider.items():
        record = records[name]
        serialized = record.inputs["__provider"]
        assert serialized != SECRET, "the provider holds nothing secret, so its pickle stays readable"
        pickled = base64.b64decode(serialized)
        assert b"inferline.components.interconnect.huaweicloud.vpn" in pickled
        assert b"SENTINEL" not in pickled
        provider = dill.loads(pickled)
        assert type(provider) is provider_class
        assert vars(provider) == {}
    for name in ("site-a-site-b-1", "site-a-site-b-2"):
        record = records[name]
        assert record.type == "pulumi-python:dynamic/huaweicloud:VpnConnection"
        assert record.inputs["psk"] == SECRET
        assert record.inputs["ike_policy"] == vpn.IKE_POLICY
        assert record.inputs["ipsec_policy"] == vpn.IPSEC_POLICY
        assert record.inputs["style"] == "bgp"
        assert secret_outputs[name] == ["psk"]
        assert records["site-a-vpn"].urn in record.dependencies
        assert records["site-b-peer"].urn in record.dependencies
    assert records["site-a-vpn"].inputs["bgp_asn"] == 65010
    assert records["site-a-vpn"].inputs["flavor"] == "Professional1"
    assert PSK not in repr([record.to_json() for record in run.resources])
