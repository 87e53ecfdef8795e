"""Huawei Cloud Direct Connect dynamic providers, against scripted fake SDK clients (never the network)."""

from __future__ import annotations

import base64
from typing import Any, ClassVar

import dill
import pulumi
import pulumi.dynamic.dynamic
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException, SdkError, ServerResponseException
from huaweicloudsdkcore.utils.http_utils import sanitize_for_serialization
from huaweicloudsdkdc.v3 import (
    CreateVirtualGatewayResponse,
    CreateVirtualInterfaceResponse,
    DcClient,
    DeleteVirtualGatewayResponse,
    DeleteVirtualInterfaceResponse,
    ShowVirtualGatewayResponse,
    ShowVirtualInterfaceResponse,
    UpdateVirtualGatewayResponse,
    UpdateVirtualInterfaceResponse,
    VifPeer,
    VirtualGateway,
    VirtualInterface,
)
from pulumi.runtime.rpc import UNKNOWN

from inferline.components.interconnect.huaweicloud import dc
from inferline.preview import runner
from inferline.preview.mocks import RecordingMonitor
from inferline.preview.record import SECRET

REGION = "cn-east-3"
GATEWAY_ID = "5d2b3a7e-1111-4c3b-9a55-0a1b2c3d4e5f"
INTERFACE_ID = "9f0e1d2c-2222-4b3a-8c7d-6e5f4a3b2c1d"
CONNECTION_ID = "0b1c2d3e-3333-4f5a-9b8c-7d6e5f4a3b2c"
VPC_ID = "c6a4e1f0-4444-4d2e-8f3a-1b2c3d4e5f60"
MD5_KEY = "bgp-md5-key"


# --- fakes -------------------------------------------------------------------------------------------------


class FakeDc:
    """A DC client that answers only the calls a test scripted, in order; touching any other fails the test."""

    def __init__(self, *steps: tuple[str, Any]) -> None:
        self._steps = list(steps)
        self.calls: list[tuple[str, Any]] = []

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        steps = self.__dict__["_steps"]
        if not steps:
            raise AssertionError(f"unexpected DC API call {name}: no more calls were scripted")
        expected, answer = steps[0]
        if name != expected:
            raise AssertionError(f"unexpected DC API call {name}: expected {expected}")

        def call(request: Any) -> Any:
            steps.pop(0)
            self.calls.append((name, request))
            if isinstance(answer, BaseException):
                raise answer
            return answer

        return call

    def assert_done(self) -> None:
        assert not self._steps, f"scripted calls never made: {[name for name, _ in self._steps]}"

    def body(self, index: int) -> Any:
        """The JSON body of call ``index`` as the SDK would send it."""
        return sanitize_for_serialization(self.calls[index][1].body)


@pytest.fixture
def no_cloud(monkeypatch: pytest.MonkeyPatch) -> None:
    """For code that must not build a client at all (check, diff, refused updates)."""
    monkeypatch.setattr(dc, "make_client", _refuse_client)


def use(monkeypatch: pytest.MonkeyPatch, fake: FakeDc, built: list[tuple[str, str]] | None = None) -> FakeDc:
    def make_client(service: str, region: str) -> FakeDc:
        if built is not None:
            built.append((service, region))
        return fake

    monkeypatch.setattr(dc, "make_client", make_client)
    return fake


def _refuse_client(service: str, region: str) -> Any:
    raise AssertionError(f"no client may be built here (asked for {service} in {region})")


def not_found() -> ClientRequestException:
    return ClientRequestException(404, SdkError("req-404", "DCAAS.0404", "resource not found"))


def server_error() -> ServerResponseException:
    return ServerResponseException(500, SdkError("req-500", "DCAAS.0500", "internal error"))


# --- virtual gateway ---------------------------------------------------------------------------------------


def gateway_inputs(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "region": REGION,
        "name": "test-site-a-vgw",
        "vpc_id": VPC_ID,
        "local_ep_group": ["10.1.0.0/16"],
        "bgp_asn": 65010.0,  # numbers arrive as floats over the wire
        "description": "site-a to the colo hub",
    }
    values.update(changes)
    return values


def gateway(status: str = "ACTIVE", **changes: Any) -> VirtualGateway:
    values: dict[str, Any] = {
        "id": GATEWAY_ID,
        "vpc_id": VPC_ID,
        "name": "test-site-a-vgw",
        "description": "site-a to the colo hub",
        "type": "default",
        "local_ep_group": ["10.1.0.0/16"],
        "bgp_asn": 65010,
        "status": status,
    }
    values.update(changes)
    return VirtualGateway(**values)


def show_gateway(status: str = "ACTIVE", **changes: Any) -> tuple[str, Any]:
    return ("show_virtual_gateway", ShowVirtualGatewayResponse(virtual_gateway=gateway(status, **changes)))


GATEWAY_OUTPUTS = {
    "region": REGION,
    "name": "test-site-a-vgw",
    "vpc_id": VPC_ID,
    "local_ep_group": ["10.1.0.0/16"],
    "bgp_asn": 65010,
    "description": "site-a to the colo hub",
    "status": "ACTIVE",
}


def test_gateway_create_sends_the_body_and_polls_until_active(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> None:
    built: list[tuple[str, str]] = []
    fake = use(
        monkeypatch,
        FakeDc(
            ("create_virtual_gateway", CreateVirtualGatewayResponse(virtual_gateway=gateway("PENDING_CREATE"))),
            show_gateway("PENDING_CREATE"),
            show_gateway("BUILD"),
            show_gateway("ACTIVE"),
        ),
        built,
    )

    result = dc.VirtualGatewayProvider().create(gateway_inputs())

    assert built == [("dc", REGION)]
    assert fake.body(0) == {
        "virtual_gateway": {
            "vpc_id": VPC_ID,
            "name": "test-site-a-vgw",
            "description": "site-a to the colo hub",
            "local_ep_group": ["10.1.0.0/16"],
            "bgp_asn": 65010,
        }
    }
    assert [request.virtual_gateway_id for _, request in fake.calls[1:]] == [GATEWAY_ID] * 3
    assert sleeps == [5.0, 5.0]
    assert result.id == GATEWAY_ID
    assert result.outs == GATEWAY_OUTPUTS
    fake.assert_done()


def test_gateway_create_leaves_optional_fields_out_and_records_the_cloud_asn(
    monkeypatch: pytest.MonkeyPatch, sleeps: list[float]
) -> None:
    fake = use(
        monkeypatch,
        FakeDc(
            ("create_virtual_gateway", CreateVirtualGatewayResponse(virtual_gateway=gateway(bgp_asn=64512, description=""))),
            show_gateway(bgp_asn=64512, description=""),
        ),
    )

    result = dc.VirtualGatewayProvider().create(gateway_inputs(bgp_asn=None, description=None))

    assert fake.body(0) == {"virtual_gateway": {"vpc_id": VPC_ID, "name": "test-site-a-vgw", "local_ep_group": ["10.1.0.0/16"]}}
    assert result.outs is not None
    assert result.outs["bgp_asn"] == 64512
    assert result.outs["description"] == ""
    assert sleeps == []
    fake.assert_done()


def test_gateway_create_that_fails_deletes_what_it_made(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> None:
    fake = use(
        monkeypatch,
        FakeDc(
            ("create_virtual_gateway", CreateVirtualGatewayResponse(virtual_gateway=gateway("PENDING_CREATE"))),
            show_gateway("ERROR"),
            ("delete_virtual_gateway", DeleteVirtualGatewayResponse()),
        ),
    )

    with pytest.raises(dc.DirectConnectError, match=rf"virtual gateway {GATEWAY_ID} is ERROR.*deletion .* was requested"):
        dc.VirtualGatewayProvider().create(gateway_inputs())

    assert fake.calls[2][1].virtual_gateway_id == GATEWAY_ID
    fake.assert_done()


def test_gateway_create_waits_a_bounded_time(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> None:
    fake = use(
        monkeypatch,
        FakeDc(
            ("create_virtual_gateway", CreateVirtualGatewayResponse(virtual_gateway=gateway("PENDING_CREATE"))),
            *[show_gateway("PENDING_CREATE")] * 4,
            ("delete_virtual_gateway", DeleteVirtualGatewayResponse()),
        ),
    )

    with pytest.raises(dc.DirectConnectError, match="still PENDING_CREATE after 15 s"):
        dc.VirtualGatewayProvider(timeout_s=15, poll_interval_s=5).create(gateway_inputs())

    assert sleeps == [5, 5, 5]
    fake.assert_done()


def test_gateway_read_reports_the_cloud_state(monkeypatch: pytest.MonkeyPatch, no_cloud: None) -> None:
    fake = use(monkeypatch, FakeDc(show_gateway(name="renamed-in-console", local_ep_group=["10.1.0.0/16", "10.9.0.0/16"])))

    result = dc.VirtualGatewayProvider().read(GATEWAY_ID, dict(GATEWAY_OUTPUTS))

    assert result.id == GATEWAY_ID
    assert result.outs == {**GATEWAY_OUTPUTS, "name": "renamed-in-console", "local_ep_group": ["10.1.0.0/16", "10.9.0.0/16"]}
    assert fake.calls[0][1].virtual_gateway_id == GATEWAY_ID
    fake.assert_done()


def test_gateway_read_of_a_deleted_gateway_returns_no_id(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = use(monkeypatch, FakeDc(("show_virtual_gateway", not_found())))

    result = dc.VirtualGatewayProvider().read(GATEWAY_ID, dict(GATEWAY_OUTPUTS))

    assert not result.id
    assert result.outs == {}
    fake.assert_done()


def test_gateway_read_passes_other_errors_on(monkeypatch: pytest.MonkeyPatch) -> None:
    use(monkeypatch, FakeDc(("show_virtual_gateway", server_error())))

    with pytest.raises(ServerResponseException):
        dc.VirtualGatewayProvider().read(GATEWAY_ID, dict(GATEWAY_OUTPUTS))


def test_gateway_diff_without_changes(no_cloud: None) -> None:
    provider = dc.VirtualGatewayProvider()
    olds = {**GATEWAY_OUTPUTS, "local_ep_group": ["10.2.0.0/16", "10.1.0.0/16"], "description": ""}
    news = gateway_inputs(local_ep_group=["10.1.0.0/16", "10.2.0.0/16"], description=None, bgp_asn=None)

    result = provider.diff(GATEWAY_ID, olds, news)

    assert result.changes is False
    assert result.replaces == []
    assert result.delete_before_replace is None


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("name", "new-name"),
        ("description", "new words"),
        ("description", None),
        ("local_ep_group", ["10.1.0.0/16", "10.5.0.0/16"]),
    ],
)
def test_gateway_diff_updates_in_place(change: str, value: Any) -> None:
    result = dc.VirtualGatewayProvider().diff(GATEWAY_ID, dict(GATEWAY_OUTPUTS), gateway_inputs(**{change: value}))

    assert result.changes is True
    assert result.replaces == []


@pytest.mark.parametrize(
    ("change", "value"),
    [("vpc_id", "another-vpc"), ("bgp_asn", 65011.0), ("region", "cn-north-4"), ("vpc_id", UNKNOWN)],
)
def test_gateway_diff_replaces_delete_first(change: str, value: Any) -> None:
    result = dc.VirtualGatewayProvider().diff(GATEWAY_ID, dict(GATEWAY_OUTPUTS), gateway_inputs(**{change: value}))

    assert result.changes is True
    assert result.replaces == [change]
    assert result.delete_before_replace is True


def test_gateway_update_sends_only_what_changed(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> None:
    fake = use(
        monkeypatch,
        FakeDc(
            ("update_virtual_gateway", UpdateVirtualGatewayResponse(virtual_gateway=gateway("PENDING_UPDATE"))),
            show_gateway("PENDING_UPDATE"),
            show_gateway(description="", local_ep_group=["10.1.0.0/16", "10.5.0.0/16"]),
        ),
    )
    news = gateway_inputs(description=None, local_ep_group=["10.1.0.0/16", "10.5.0.0/16"])

    result = dc.VirtualGatewayProvider().update(GATEWAY_ID, dict(GATEWAY_OUTPUTS), news)

    assert fake.calls[0][1].virtual_gateway_id == GATEWAY_ID
    assert fake.body(0) == {"virtual_gateway": {"description": "", "local_ep_group": ["10.1.0.0/16", "10.5.0.0/16"]}}
    assert result.outs == {**GATEWAY_OUTPUTS, "description": "", "local_ep_group": ["10.1.0.0/16", "10.5.0.0/16"]}
    assert sleeps == [5.0]
    fake.assert_done()


def test_gateway_update_refuses_a_replacing_change(no_cloud: None) -> None:
    with pytest.raises(dc.DirectConnectError, match="vpc_id"):
        dc.VirtualGatewayProvider().update(GATEWAY_ID, dict(GATEWAY_OUTPUTS), gateway_inputs(vpc_id="another-vpc"))


def test_gateway_delete_waits_until_the_gateway_is_gone(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> None:
    fake = use(
        monkeypatch,
        FakeDc(
            ("delete_virtual_gateway", DeleteVirtualGatewayResponse()),
            show_gateway("PENDING_DELETE"),
            ("show_virtual_gateway", not_found()),
        ),
    )

    dc.VirtualGatewayProvider().delete(GATEWAY_ID, dict(GATEWAY_OUTPUTS))

    assert [request.virtual_gateway_id for _, request in fake.calls] == [GATEWAY_ID] * 3
    assert sleeps == [5.0]
    fake.assert_done()


def test_gateway_delete_of_a_missing_gateway_succeeds(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> None:
    fake = use(monkeypatch, FakeDc(("delete_virtual_gateway", not_found())))

    dc.VirtualGatewayProvider().delete(GATEWAY_ID, dict(GATEWAY_OUTPUTS))

    assert sleeps == []
    fake.assert_done()


def test_gateway_delete_passes_other_errors_on(monkeypatch: pytest.MonkeyPatch) -> None:
    conflict = ClientRequestException(409, SdkError("req-409", "DCAAS.1409", "virtual gateway in use"))
    use(monkeypatch, FakeDc(("delete_virtual_gateway", conflict)))

    with pytest.raises(ClientRequestException, match="in use"):
        dc.VirtualGatewayProvider().delete(GATEWAY_ID, dict(GATEWAY_OUTPUTS))


def test_gateway_check_accepts_good_inputs_and_unknowns(no_cloud: None) -> None:
    provider = dc.VirtualGatewayProvider()

    assert provider.check({}, gateway_inputs()).failures == []
    unknowns = gateway_inputs(vpc_id=UNKNOWN, local_ep_group=[UNKNOWN], name=UNKNOWN, bgp_asn=UNKNOWN)
    assert provider.check({}, unknowns).failures == []


def test_gateway_check_reports_bad_inputs() -> None:
    news = gateway_inputs(
        region="mars-1", name="bad name!", vpc_id="", local_ep_group=["10.1.0.1/16"], bgp_asn=0, description="<b>"
    )

    failures = {failure.property: failure.reason for failure in dc.VirtualGatewayProvider().check({}, news).failures}

    assert set(failures) == {"region", "name", "vpc_id", "local_ep_group", "bgp_asn", "description"}
    assert dc.VirtualGatewayProvider().check({}, gateway_inputs(local_ep_group=[])).failures[0].property == "local_ep_group"


# --- virtual interface -------------------------------------------------------------------------------------


def interface_inputs(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "region": REGION,
        "name": "test-site-a-colo",
        "description": "dedicated:site-a~colo",
        "direct_connect_id": CONNECTION_ID,
        "vgw_id": GATEWAY_ID,
        "type": "private",
        "route_mode": "bgp",
        "vlan": 1234.0,
        "bandwidth": 1000.0,
        "local_gateway_v4_ip": "169.254.52.237/30",
        "remote_gateway_v4_ip": "169.254.52.238/30",
        "bgp_asn": 64900.0,
        "bgp_md5": MD5_KEY,
        "remote_ep_group": ["192.168.0.0/20", "10.212.0.0/16"],
    }
    values.update(changes)
    return values


def interface(status: str = "ACTIVE", *, peer: dict[str, Any] | None = None, **changes: Any) -> VirtualInterface:
    peer_values: dict[str, Any] = {
        "id": "peer-1",
        "address_family": "ipv4",
        "local_gateway_ip": "169.254.52.237/30",
        "remote_gateway_ip": "169.254.52.238/30",
        "route_mode": "bgp",
        "bgp_asn": 64900,
        "remote_ep_group": ["192.168.0.0/20", "10.212.0.0/16"],
        "status": status,
        "vif_id": INTERFACE_ID,
    }
    peer_values.update(peer or {})
    values: dict[str, Any] = {
        "id": INTERFACE_ID,
        "name": "test-site-a-colo",
        "description": "dedicated:site-a~colo",
        "direct_connect_id": CONNECTION_ID,
        "vgw_id": GATEWAY_ID,
        "service_type": "VGW",
        "type": "private",
        "vlan": 1234,
        "bandwidth": 1000,
        "status": status,
        "local_gateway_v4_ip": "169.254.52.237/30",
        "remote_gateway_v4_ip": "169.254.52.238/30",
        "address_family": "ipv4",
        "remote_ep_group": ["192.168.0.0/20", "10.212.0.0/16"],
        "vif_peers": [VifPeer(**peer_values)],
    }
    values.update(changes)
    return VirtualInterface(**values)


def show_interface(status: str = "ACTIVE", **changes: Any) -> tuple[str, Any]:
    return ("show_virtual_interface", ShowVirtualInterfaceResponse(virtual_interface=interface(status, **changes)))


INTERFACE_OUTPUTS = {
    "region": REGION,
    "name": "test-site-a-colo",
    "description": "dedicated:site-a~colo",
    "direct_connect_id": CONNECTION_ID,
    "vgw_id": GATEWAY_ID,
    "type": "private",
    "route_mode": "bgp",
    "vlan": 1234,
    "bandwidth": 1000,
    "local_gateway_v4_ip": "169.254.52.237/30",
    "remote_gateway_v4_ip": "169.254.52.238/30",
    "bgp_asn": 64900,
    "bgp_md5": MD5_KEY,
    "remote_ep_group": ["192.168.0.0/20", "10.212.0.0/16"],
    "status": "ACTIVE",
}


def test_interface_create_sends_the_body_and_settles_on_down(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> None:
    built: list[tuple[str, str]] = []
    fake = use(
        monkeypatch,
        FakeDc(
            ("create_virtual_interface", CreateVirtualInterfaceResponse(virtual_interface=interface("PENDING_CREATE"))),
            show_interface("PENDING_CREATE"),
            show_interface("DOWN"),  # the line is not up yet: the interface itself is ready
        ),
        built,
    )

    result = dc.VirtualInterfaceProvider().create(interface_inputs())

    assert built == [("dc", REGION)]
    assert fake.body(0) == {
        "virtual_interface": {
            "name": "test-site-a-colo",
            "description": "dedicated:site-a~colo",
            "direct_connect_id": CONNECTION_ID,
            "type": "private",
            "vlan": 1234,
            "bandwidth": 1000,
            "local_gateway_v4_ip": "169.254.52.237/30",
            "remote_gateway_v4_ip": "169.254.52.238/30",
            "address_family": "ipv4",
            "vgw_id": GATEWAY_ID,
            "route_mode": "bgp",
            "bgp_asn": 64900,
            "bgp_md5": MD5_KEY,
            "remote_ep_group": ["192.168.0.0/20", "10.212.0.0/16"],
        }
    }
    assert isinstance(fake.body(0)["virtual_interface"]["vlan"], int)
    assert sleeps == [5.0]
    assert result.id == INTERFACE_ID
    assert result.outs == {**INTERFACE_OUTPUTS, "status": "DOWN"}
    fake.assert_done()


def test_interface_create_static_sends_no_bgp_fields(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> None:
    fake = use(
        monkeypatch,
        FakeDc(
            ("create_virtual_interface", CreateVirtualInterfaceResponse(virtual_interface=interface("PENDING_CREATE"))),
            show_interface("ACTIVE", peer={"route_mode": "static", "bgp_asn": None}),
        ),
    )

    result = dc.VirtualInterfaceProvider().create(
        interface_inputs(route_mode="static", bgp_asn=None, bgp_md5=None, description=None)
    )

    body = fake.body(0)["virtual_interface"]
    assert body["route_mode"] == "static"
    assert not {"bgp_asn", "bgp_md5", "description"} & set(body)
    assert result.outs is not None
    assert result.outs["route_mode"] == "static"
    assert result.outs["bgp_asn"] is None
    fake.assert_done()


def test_interface_create_that_is_rejected_deletes_what_it_made(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> None:
    fake = use(
        monkeypatch,
        FakeDc(
            ("create_virtual_interface", CreateVirtualInterfaceResponse(virtual_interface=interface("PENDING_CREATE"))),
            show_interface("ERROR", reason="vlan 1234 is in use"),
            ("delete_virtual_interface", server_error()),  # the cleanup is best effort
        ),
    )

    with pytest.raises(dc.DirectConnectError, match=r"is ERROR: vlan 1234 is in use; deletion of virtual interface"):
        dc.VirtualInterfaceProvider().create(interface_inputs())

    fake.assert_done()


def test_interface_create_error_from_the_api_is_raised_as_is(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = ClientRequestException(400, SdkError("req-400", "DCAAS.1001", "invalid vlan"))
    fake = use(monkeypatch, FakeDc(("create_virtual_interface", bad)))

    with pytest.raises(ClientRequestException, match="invalid vlan"):
        dc.VirtualInterfaceProvider().create(interface_inputs())

    fake.assert_done()


def test_interface_read_takes_routing_from_the_peer_and_keeps_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    # The deprecated top-level fields are gone; the IPv4 peer carries the routing.
    fake = use(
        monkeypatch,
        FakeDc(
            show_interface(
                "ACTIVE",
                bandwidth=500,
                local_gateway_v4_ip=None,
                remote_gateway_v4_ip=None,
                remote_ep_group=None,
                peer={"bgp_asn": 64901, "remote_ep_group": ["192.168.0.0/20"]},
            )
        ),
    )

    result = dc.VirtualInterfaceProvider().read(INTERFACE_ID, dict(INTERFACE_OUTPUTS))

    assert result.id == INTERFACE_ID
    assert result.outs == {**INTERFACE_OUTPUTS, "bandwidth": 500, "bgp_asn": 64901, "remote_ep_group": ["192.168.0.0/20"]}
    assert fake.calls[0][1].virtual_interface_id == INTERFACE_ID
    fake.assert_done()


def test_interface_read_of_a_deleted_interface_returns_no_id(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = use(monkeypatch, FakeDc(("show_virtual_interface", not_found())))

    result = dc.VirtualInterfaceProvider().read(INTERFACE_ID, dict(INTERFACE_OUTPUTS))

    assert not result.id
    assert result.outs == {}
    fake.assert_done()


def test_interface_diff_without_changes(no_cloud: None) -> None:
    olds = {**INTERFACE_OUTPUTS, "remote_ep_group": ["10.212.0.0/16", "192.168.0.0/20"], "local_gateway_v4_ip": "169.254.52.237"}

    result = dc.VirtualInterfaceProvider().diff(INTERFACE_ID, olds, interface_inputs())

    assert result.changes is False
    assert result.replaces == []


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("name", "renamed"),
        ("description", None),
        ("bandwidth", 2000.0),
        ("remote_ep_group", ["192.168.0.0/20", "10.212.0.0/16", "10.213.0.0/16"]),
        ("bandwidth", UNKNOWN),
    ],
)
def test_interface_diff_updates_in_place(change: str, value: Any) -> None:
    result = dc.VirtualInterfaceProvider().diff(INTERFACE_ID, dict(INTERFACE_OUTPUTS), interface_inputs(**{change: value}))

    assert result.changes is True
    assert result.replaces == []


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("vlan", 1235.0),
        ("vgw_id", "another-gateway"),
        ("direct_connect_id", "another-line"),
        ("local_gateway_v4_ip", "169.254.52.241/30"),
        ("remote_gateway_v4_ip", "169.254.52.238/29"),
        ("bgp_asn", 64901.0),
        ("bgp_md5", "rotated-md5-key"),
        ("route_mode", "static"),
        ("region", "cn-north-4"),
        ("vgw_id", UNKNOWN),
    ],
)
def test_interface_diff_replaces_delete_first(change: str, value: Any) -> None:
    result = dc.VirtualInterfaceProvider().diff(INTERFACE_ID, dict(INTERFACE_OUTPUTS), interface_inputs(**{change: value}))

    assert result.changes is True
    assert result.replaces == [change]
    assert result.delete_before_replace is True


def test_interface_update_sends_only_what_changed(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> None:
    fake = use(
        monkeypatch,
        FakeDc(
            ("update_virtual_interface", UpdateVirtualInterfaceResponse(virtual_interface=interface("PENDING_UPDATE"))),
            show_interface("PENDING_UPDATE"),
            show_interface("ACTIVE", bandwidth=2000, remote_ep_group=["192.168.0.0/20"]),
        ),
    )
    news = interface_inputs(bandwidth=2000.0, remote_ep_group=["192.168.0.0/20"])

    result = dc.VirtualInterfaceProvider().update(INTERFACE_ID, dict(INTERFACE_OUTPUTS), news)

    assert fake.calls[0][1].virtual_interface_id == INTERFACE_ID
    assert fake.body(0) == {"virtual_interface": {"bandwidth": 2000, "remote_ep_group": ["192.168.0.0/20"]}}
    assert result.outs == {**INTERFACE_OUTPUTS, "bandwidth": 2000, "remote_ep_group": ["192.168.0.0/20"]}
    assert sleeps == [5.0]
    fake.assert_done()


def test_interface_update_clears_the_description_and_renames(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> None:
    fake = use(
        monkeypatch,
        FakeDc(
            ("update_virtual_interface", UpdateVirtualInterfaceResponse(virtual_interface=interface())),
            show_interface("ACTIVE", name="renamed", description=""),
        ),
    )

    dc.VirtualInterfaceProvider().update(
        INTERFACE_ID, dict(INTERFACE_OUTPUTS), interface_inputs(name="renamed", description=None)
    )

    assert fake.body(0) == {"virtual_interface": {"name": "renamed", "description": ""}}
    fake.assert_done()


def test_interface_update_refuses_a_replacing_change(no_cloud: None) -> None:
    with pytest.raises(dc.DirectConnectError, match="vlan"):
        dc.VirtualInterfaceProvider().update(INTERFACE_ID, dict(INTERFACE_OUTPUTS), interface_inputs(vlan=99.0))


def test_interface_delete_waits_until_the_interface_is_gone(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> None:
    fake = use(
        monkeypatch,
        FakeDc(
            ("delete_virtual_interface", DeleteVirtualInterfaceResponse()),
            show_interface("PENDING_DELETE"),
            show_interface("PENDING_DELETE"),
            ("show_virtual_interface", not_found()),
        ),
    )

    dc.VirtualInterfaceProvider().delete(INTERFACE_ID, dict(INTERFACE_OUTPUTS))

    assert [request.virtual_interface_id for _, request in fake.calls] == [INTERFACE_ID] * 4
    assert sleeps == [5.0, 5.0]
    fake.assert_done()


def test_interface_delete_of_a_missing_interface_succeeds(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> None:
    fake = use(monkeypatch, FakeDc(("delete_virtual_interface", not_found())))

    dc.VirtualInterfaceProvider().delete(INTERFACE_ID, dict(INTERFACE_OUTPUTS))

    assert sleeps == []
    fake.assert_done()


def test_interface_delete_gives_up_after_its_timeout(monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> None:
    fake = use(
        monkeypatch,
        FakeDc(("delete_virtual_interface", DeleteVirtualInterfaceResponse()), *[show_interface("PENDING_DELETE")] * 3),
    )

    with pytest.raises(dc.DirectConnectError, match="still PENDING_DELETE 10 s after"):
        dc.VirtualInterfaceProvider(timeout_s=10, poll_interval_s=5).delete(INTERFACE_ID, dict(INTERFACE_OUTPUTS))

    assert sleeps == [5, 5]
    fake.assert_done()


def test_interface_check_fills_defaults_and_accepts_unknowns(no_cloud: None) -> None:
    provider = dc.VirtualInterfaceProvider()
    news = interface_inputs()
    del news["type"], news["route_mode"]

    result = provider.check({}, news)

    assert result.failures == []
    assert (result.inputs["type"], result.inputs["route_mode"]) == ("private", "bgp")
    unknowns = interface_inputs(vgw_id=UNKNOWN, bgp_md5=UNKNOWN, vlan=UNKNOWN, remote_ep_group=[UNKNOWN])
    assert provider.check({}, unknowns).failures == []


@pytest.mark.parametrize(
    ("changes", "failing"),
    [
        ({"type": "public"}, "type"),
        ({"route_mode": "ospf"}, "route_mode"),
        ({"vlan": 4000.0}, "vlan"),
        ({"vlan": 12.5}, "vlan"),
        ({"bandwidth": 1.0}, "bandwidth"),
        ({"local_gateway_v4_ip": "169.254.52.237"}, "local_gateway_v4_ip"),
        ({"local_gateway_v4_ip": "169.254.52.236/30"}, "local_gateway_v4_ip"),
        ({"remote_gateway_v4_ip": "169.254.53.238/30"}, "remote_gateway_v4_ip"),
        ({"remote_gateway_v4_ip": "169.254.52.237/30"}, "remote_gateway_v4_ip"),
        ({"bgp_asn": None}, "bgp_asn"),
        ({"bgp_asn": 64512.0}, "bgp_asn"),
        ({"bgp_asn": 4294967296.0}, "bgp_asn"),
        ({"bgp_md5": "short"}, "bgp_md5"),
        ({"bgp_md5": "onlylowercase"}, "bgp_md5"),
        ({"route_mode": "static"}, "bgp_asn"),
        ({"remote_ep_group": []}, "remote_ep_group"),
        ({"remote_ep_group": ["fd00::/8"]}, "remote_ep_group"),
        ({"direct_connect_id": None}, "direct_connect_id"),
        ({"name": ""}, "name"),
    ],
)
def test_interface_check_reports_bad_inputs(changes: dict[str, Any], failing: str) -> None:
    failures = dc.VirtualInterfaceProvider().check({}, interface_inputs(**changes)).failures

    assert failing in {failure.property for failure in failures}
    assert all(MD5_KEY not in failure.reason and "short" not in failure.reason for failure in failures)


# --- client construction -----------------------------------------------------------------------------------


def test_make_client_needs_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HW_ACCESS_KEY", raising=False)
    monkeypatch.setenv("HW_SECRET_KEY", "secret")

    with pytest.raises(dc.DirectConnectError, match="HW_ACCESS_KEY and HW_SECRET_KEY"):
        dc.make_client("dc", REGION)


def test_make_client_builds_a_dc_client_for_the_region(monkeypatch: pytest.MonkeyPatch) -> None:
    # With a project id the SDK builds the client without asking IAM: nothing goes on the network.
    monkeypatch.setenv("HW_ACCESS_KEY", "AK-TEST")
    monkeypatch.setenv("HW_SECRET_KEY", "SK-TEST")
    monkeypatch.setenv("HW_PROJECT_ID", "0123456789abcdef0123456789abcdef")

    client = dc.make_client("dc", REGION)

    assert isinstance(client, DcClient)
    assert client._endpoints == [f"https://dcaas.{REGION}.myhuaweicloud.com"]
    with pytest.raises(dc.DirectConnectError, match="no endpoint for region 'mars-1'"):
        dc.make_client("dc", "mars-1")
    with pytest.raises(ValueError, match="vpn"):
        dc.make_client("vpn", REGION)


# --- under the Pulumi mocks --------------------------------------------------------------------------------


class SecretOutputsMonitor(RecordingMonitor):
    """Also records each resource's additional secret outputs, which the preview record leaves out."""

    secret_outputs: ClassVar[dict[str, list[str]]] = {}

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
        SecretOutputsMonitor.secret_outputs[request.name] = list(request.additionalSecretOutputs)
        return super().RegisterResource(request)


def test_resources_under_mocks_pickle_a_bare_provider_and_keep_the_key_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HW_ACCESS_KEY", "AK-MUST-NOT-LEAK")
    monkeypatch.setenv("HW_SECRET_KEY", "SK-MUST-NOT-LEAK")
    monkeypatch.setattr(dc, "make_client", _refuse_client)
    monkeypatch.setattr(runner, "RecordingMonitor", SecretOutputsMonitor)
    SecretOutputsMonitor.secret_outputs = {}
    pickled: list[str] = []
    serialize = pulumi.dynamic.dynamic.serialize_provider

    def recording_serialize(provider: Any) -> str:
        pickled.append(serialize(provider))
        return pickled[-1]

    monkeypatch.setattr(pulumi.dynamic.dynamic, "serialize_provider", recording_serialize)

    def program() -> None:
        gateway = dc.VirtualGateway(
            "site-a-vgw",
            region=REGION,
            name="test-site-a-vgw",
            vpc_id=VPC_ID,
            local_ep_group=("10.1.0.0/16",),
            bgp_asn=65010,
        )
        dc.VirtualInterface(
            "site-a-colo",
            region=REGION,
            name="test-site-a-colo",
            direct_connect_id=CONNECTION_ID,
            vgw_id=gateway.id,
            vlan=1234,
            bandwidth=1000,
            local_gateway_v4_ip="169.254.52.237/30",
            remote_gateway_v4_ip="169.254.52.238/30",
            bgp_asn=64900,
            bgp_md5=MD5_KEY,  # a plain string: the resource makes it secret
            remote_ep_group=("192.168.0.0/20", "10.212.0.0/16"),
        )

    run = runner.run_under_mocks(program)

    records = {record.type: record for record in run.resources}
    gateway_record = records["pulumi-python:dynamic/huaweicloud:VirtualGateway"]
    interface_record = records["pulumi-python:dynamic/huaweicloud:VirtualInterface"]
    assert gateway_record.inputs["local_ep_group"] == ["10.1.0.0/16"]
    assert gateway_record.inputs["__provider"] == SECRET
    assert interface_record.inputs["bgp_md5"] == SECRET
    assert interface_record.inputs["__provider"] == SECRET
    assert interface_record.inputs["vlan"] == 1234
    assert interface_record.inputs["remote_ep_group"] == ["192.168.0.0/20", "10.212.0.0/16"]
    assert gateway_record.urn in interface_record.dependencies
    assert SecretOutputsMonitor.secret_outputs["site-a-colo"] == ["bgp_md5"]

    assert len(pickled) == 2
    for blob in pickled:
        raw = base64.b64decode(blob)
        for leak in (b"AK-MUST-NOT-LEAK", b"SK-MUST-NOT-LEAK", MD5_KEY.encode(), b"DcClient", b"BasicCredentials"):
            assert leak not in raw
        provider = dill.loads(raw)
        assert type(provider) in (dc.VirtualGatewayProvider, dc.VirtualInterfaceProvider)
        # Recorded by import path, holding nothing but its polling bounds.
        assert b"inferline.components.interconnect.huaweicloud.dc" in raw
        assert set(vars(provider)) == {"timeout_s", "poll_interval_s"}
