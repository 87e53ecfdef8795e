"""Huawei Cloud Direct Connect (DC v3): virtual gateways and virtual interfaces, as Pulumi dynamic resources.

pulumi-huaweicloud 0.0.12 has no Direct Connect resources, so these two resources drive Huawei's official
Python SDK (``huaweicloudsdkdc``) from Pulumi dynamic providers:

- :class:`VirtualGateway` attaches a site's VPC to Direct Connect and announces the site's CIDRs to the
  data centre.
- :class:`VirtualInterface` is the private, BGP-routed interface on an existing physical connection (a
  dedicated line ordered from a carrier), from the virtual gateway to the hub's router.

Physical connections themselves are not created here: ordering one needs carrier, port and location data
that only the carrier's order gives, so a virtual interface takes the id of an existing connection.

How the providers work, and what that promises:

- The provider objects hold no client and no credentials (Pulumi pickles them into the stack state). Each
  method builds its client through :func:`make_client`: credentials from ``HW_ACCESS_KEY`` and
  ``HW_SECRET_KEY`` (and ``HW_PROJECT_ID`` if set: then it must be the project of the resource's region),
  the variables the Huawei Cloud Pulumi/Terraform provider reads; region from the resource's ``region``.
- The state records these classes by import path (``components.interconnect.huaweicloud.dc``): never move
  or rename this module or its classes, or stacks that hold these resources can no longer be refreshed or
  destroyed.
- A preview calls only ``check`` and ``diff``; neither calls the cloud.
- The mechanisms these providers share with the VPN ones (404 as gone, bounded waits, deleting a resource whose
  creation did not settle, read, delete, diff) live in :mod:`components.interconnect.huaweicloud.base`; the
  provider classes inherit them but stay defined here.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import pulumi
from huaweicloudsdkdc.v3 import (  # type: ignore[import-untyped]
    CreateVirtualGateway,
    CreateVirtualGatewayRequest,
    CreateVirtualGatewayRequestBody,
    CreateVirtualInterface,
    CreateVirtualInterfaceRequest,
    CreateVirtualInterfaceRequestBody,
    DcClient,
    DeleteVirtualGatewayRequest,
    DeleteVirtualInterfaceRequest,
    ShowVirtualGatewayRequest,
    ShowVirtualInterfaceRequest,
    UpdateVirtualGateway,
    UpdateVirtualGatewayRequest,
    UpdateVirtualGatewayRequestBody,
    UpdateVirtualInterface,
    UpdateVirtualInterfaceRequest,
    UpdateVirtualInterfaceRequestBody,
)
from huaweicloudsdkdc.v3.region.dc_region import DcRegion  # type: ignore[import-untyped]
from pulumi.dynamic import CheckFailure, CheckResult, Resource

from inferline.components.interconnect.huaweicloud.base import (
    MAX_ASN,
    HuaweiCloudProvider,
    Operation,
    ResourceApi,
    Service,
    Wording,
    is_unknown,
    optional_int,
)

__all__ = [
    "DirectConnectError",
    "VirtualGateway",
    "VirtualGatewayProvider",
    "VirtualInterface",
    "VirtualInterfaceProvider",
    "make_client",
]

#: Huawei Cloud's default BGP ASN for virtual gateways; a virtual interface's peer may not use it.
HUAWEI_DEFAULT_ASN = 64512


class DirectConnectError(RuntimeError):
    """A Direct Connect call failed, or a resource did not settle."""


#: Direct Connect as the shared base uses it: SDK errors are raised as the SDK raised them, and waits poll once
#: more when their timeout is reached.
_SERVICE = Service(
    key="dc",
    label="Direct Connect",
    client_class=DcClient,
    region_class=DcRegion,
    error=DirectConnectError,
    wording=Wording(
        disappeared="{what} disappeared while waiting for it to become ready",
        failed="{what} is {status}{reason}",
        timed_out="{what} is still {status} after {timeout_s:g} s",
        still_exists="{what} is still {status} {timeout_s:g} s after its deletion was requested",
        cleaned_up="{error}; deletion of {what} was requested",
        # A failed clean-up is logged as a warning; the creation's error is the one raised.
        cleanup_failed=None,
    ),
    translate_sdk_errors=False,
    poll_at_deadline=True,
)


def make_client(service: str, region: str) -> Any:
    """An SDK client for ``service`` (only ``"dc"``) in ``region``, with credentials from the environment.

    Tests replace this function to inject fake clients. Without ``HW_PROJECT_ID`` the SDK asks IAM for the
    region's project when the client is built.
    """
    return _SERVICE.make_client(service, region)


# --- shared helpers ---------------------------------------------------------------------------------------


def _cidr(value: str) -> str:
    """A CIDR in canonical form, for comparisons only (what is sent to the API is the input as written)."""
    return str(ipaddress.ip_network(value, strict=False))


def _cidr_set(values: Any) -> Any:
    """Order-insensitive, canonical form of a CIDR list, for comparisons; anything else unchanged."""
    if not isinstance(values, list | tuple) or is_unknown(values):
        return values
    try:
        return sorted({_cidr(str(value)) for value in values})
    except ValueError:
        return sorted(str(value) for value in values)


def _interface_address(value: Any) -> Any:
    """``169.254.0.1/30`` and ``169.254.0.1`` compare on the address alone if either side lacks a prefix."""
    if not isinstance(value, str) or is_unknown(value):
        return value
    try:
        return str(ipaddress.ip_interface(value).ip)
    except ValueError:
        return value


def _same_interface(old: str, new: str) -> bool:
    """Equal interface addresses; on the address alone when either side lacks its prefix."""
    try:
        if "/" not in old or "/" not in new:
            return bool(_interface_address(old) == _interface_address(new))
        return bool(ipaddress.ip_interface(old) == ipaddress.ip_interface(new))
    except ValueError:
        return old == new


def _text(value: Any) -> Any:
    """An absent description is an empty one."""
    return "" if value is None else value


def _is_integer(value: Any) -> bool:
    """Integers arrive as floats over the wire (``20.0``)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer()


_NAME = re.compile(r"^[\w.\-]{1,64}$")


def _check_name(failures: list[CheckFailure], news: Mapping[str, Any], key: str = "name") -> None:
    value = news.get(key)
    if is_unknown(value):
        return
    if not isinstance(value, str) or not _NAME.match(value):
        failures.append(CheckFailure(key, "must be 1-64 letters, digits, hyphens, underscores or dots"))


def _check_description(failures: list[CheckFailure], news: Mapping[str, Any]) -> None:
    value = news.get("description")
    if value is None or is_unknown(value):
        return
    if not isinstance(value, str) or len(value) > 128 or "<" in value or ">" in value:
        failures.append(CheckFailure("description", "must be at most 128 characters, without '<' or '>'"))


def _check_required_text(failures: list[CheckFailure], news: Mapping[str, Any], key: str) -> None:
    value = news.get(key)
    if is_unknown(value):
        return
    if not isinstance(value, str) or not value:
        failures.append(CheckFailure(key, "is required"))


def _check_region(failures: list[CheckFailure], news: Mapping[str, Any]) -> None:
    value = news.get("region")
    if is_unknown(value):
        return
    if not isinstance(value, str) or not value:
        failures.append(CheckFailure("region", "is required"))
        return
    try:
        DcRegion.value_of(value)
    except KeyError:
        failures.append(CheckFailure("region", f"Direct Connect has no endpoint for region {value!r}"))


def _check_cidrs(failures: list[CheckFailure], news: Mapping[str, Any], key: str) -> None:
    value = news.get(key)
    if is_unknown(value):
        return
    if not isinstance(value, list | tuple) or not value:
        failures.append(CheckFailure(key, "must be a non-empty list of IPv4 CIDRs"))
        return
    for item in value:
        try:
            network = ipaddress.ip_network(item, strict=True)
        except (TypeError, ValueError):
            failures.append(CheckFailure(key, f"{item!r} is not an IPv4 CIDR (network address/prefix)"))
            continue
        if network.version != 4:
            failures.append(CheckFailure(key, f"{item!r} is not an IPv4 CIDR"))


def _check_asn(failures: list[CheckFailure], value: Any, key: str = "bgp_asn") -> None:
    if not _is_integer(value) or not 1 <= int(value) <= MAX_ASN:
        failures.append(CheckFailure(key, f"must be an ASN between 1 and {MAX_ASN}"))


class _DcProvider(HuaweiCloudProvider):
    """What both Direct Connect providers add to the shared base: their client, one timeout for every wait, how
    CIDR lists, interface addresses and descriptions compare, delete-first replacement, an update that refuses
    replacing changes and ends by waiting for the resource to settle.
    """

    SERVICE = _SERVICE
    # Replacements go delete-first: the old and the new resource would collide (one virtual gateway per VPC; one
    # interface per VLAN on a connection).
    DELETE_BEFORE_REPLACE = True
    GONE = frozenset({"DELETED"})
    DELETE_FAILED = frozenset({"ERROR"})

    #: CIDR lists compared without regard to order or notation.
    CIDR_LISTS: ClassVar[tuple[str, ...]] = ()
    #: Interface addresses compared on the address alone when the API drops the prefix.
    INTERFACE_ADDRESSES: ClassVar[tuple[str, ...]] = ()

    def __init__(self, timeout_s: float = 1800.0, poll_interval_s: float = 5.0) -> None:
        super().__init__()
        # Plain numbers only: the provider is pickled into the stack state.
        self.timeout_s = timeout_s
        self.poll_interval_s = poll_interval_s

    def _client(self, props: Mapping[str, Any]) -> Any:
        return make_client("dc", props["region"])

    def _timeout_s(self, operation: Operation) -> float:
        return self.timeout_s

    def _differs(self, key: str, old: Any, new: Any) -> bool:
        if is_unknown(new):
            return True
        if key == "description":
            return bool(_text(old) != _text(new))
        if key in self.CIDR_LISTS:
            return bool(_cidr_set(old) != _cidr_set(new))
        if key in self.INTERFACE_ADDRESSES and isinstance(old, str) and isinstance(new, str):
            return not _same_interface(old, new)
        return super()._differs(key, old, new)

    def _in_place_changes(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        changed = self.changed_keys(olds, news)
        replacing = [key for key in changed if key in self.REPLACE]
        if replacing:
            raise DirectConnectError(f"cannot change {', '.join(replacing)} in place; these need a replacement")
        return changed

    def _update_in_place(self, client: Any, id_: str, olds: dict[str, Any], news: dict[str, Any], changed: list[str]) -> Any:
        if changed:
            self._send_update(client, id_, news, changed)
        return self._wait_ready(client, id_, "update")


# --- virtual gateway --------------------------------------------------------------------------------------

_GATEWAY_SETTLED = frozenset({"ACTIVE", "DOWN"})
_GATEWAY_FAILED = frozenset({"ERROR"})


def _gateway_outputs(props: Mapping[str, Any], gateway: Any) -> dict[str, Any]:
    """The gateway as the API reports it, falling back to the inputs for what the API leaves out."""

    def pick(api_value: Any, key: str) -> Any:
        return props.get(key) if api_value is None else api_value

    return {
        "region": props["region"],
        "name": pick(gateway.name, "name"),
        "vpc_id": pick(gateway.vpc_id, "vpc_id"),
        "local_ep_group": list(pick(gateway.local_ep_group, "local_ep_group") or []),
        "bgp_asn": optional_int(pick(gateway.bgp_asn, "bgp_asn")),
        "description": _text(pick(gateway.description, "description")),
        "status": gateway.status,
    }


class VirtualGatewayProvider(_DcProvider):
    """Creates, reads, updates and deletes a Direct Connect virtual gateway (DC v3 API).

    - create: ``create_virtual_gateway``, then ``show_virtual_gateway`` until ACTIVE.
    - read: ``show_virtual_gateway`` (404: the gateway is gone).
    - update: ``update_virtual_gateway`` (name, description, local_ep_group), then ``show_virtual_gateway``
      until settled.
    - delete: ``delete_virtual_gateway`` (404 is success), then ``show_virtual_gateway`` until 404.
    """

    KIND = "virtual gateway"
    API = ResourceApi(
        "virtual_gateway", "virtual_gateway", "virtual_gateway_id", ShowVirtualGatewayRequest, DeleteVirtualGatewayRequest
    )
    READY = _GATEWAY_SETTLED
    FAILED = _GATEWAY_FAILED

    UPDATE = ("name", "description", "local_ep_group")
    REPLACE = ("region", "vpc_id", "bgp_asn")
    CIDR_LISTS = ("local_ep_group",)
    COMPUTED_WHEN_OMITTED = ("bgp_asn",)

    def __init__(self, timeout_s: float = 600.0, poll_interval_s: float = 5.0) -> None:
        super().__init__(timeout_s, poll_interval_s)

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        failures: list[CheckFailure] = []
        _check_region(failures, news)
        _check_name(failures, news)
        _check_required_text(failures, news, "vpc_id")
        _check_cidrs(failures, news, "local_ep_group")
        _check_description(failures, news)
        asn = news.get("bgp_asn")
        if asn is not None and not is_unknown(asn):
            _check_asn(failures, asn)
        return CheckResult(news, failures)

    def _create_request(self, props: Mapping[str, Any]) -> Any:
        body = CreateVirtualGateway(
            vpc_id=props["vpc_id"],
            name=props["name"],
            description=props.get("description") or None,
            local_ep_group=list(props["local_ep_group"]),
            bgp_asn=optional_int(props.get("bgp_asn")),
        )
        return CreateVirtualGatewayRequest(body=CreateVirtualGatewayRequestBody(virtual_gateway=body))

    def _update_request(self, id_: str, news: Mapping[str, Any], changed: list[str]) -> Any:
        body = UpdateVirtualGateway(
            name=news["name"] if "name" in changed else None,
            description=_text(news.get("description")) if "description" in changed else None,
            local_ep_group=list(news["local_ep_group"]) if "local_ep_group" in changed else None,
        )
        return UpdateVirtualGatewayRequest(virtual_gateway_id=id_, body=UpdateVirtualGatewayRequestBody(virtual_gateway=body))

    _outputs = staticmethod(_gateway_outputs)


class VirtualGateway(Resource, module="huaweicloud", name="VirtualGateway"):
    """A Huawei Cloud Direct Connect virtual gateway: attaches a VPC to Direct Connect.

    ``local_ep_group`` lists the site's CIDRs announced to the data centre over the virtual interfaces that
    end on this gateway; ``bgp_asn`` is the gateway's own (cloud-side) ASN, Huawei's default (64512) if left
    out. Name, description and ``local_ep_group`` change in place; region, VPC and ASN replace the gateway
    (deleting it first: a VPC has one virtual gateway).

    Compared with a bridged provider's resource, this dynamic resource cannot be imported (``pulumi import``),
    has no schema in the Pulumi registry, sees drift only through its read on ``pulumi refresh``, ignores
    ``customTimeouts`` (it polls up to its own timeout), takes no tags, and reads its credentials only from
    the environment (``HW_ACCESS_KEY``, ``HW_SECRET_KEY``, ``HW_PROJECT_ID``), never from stack configuration.
    """

    region: pulumi.Output[str]
    name: pulumi.Output[str]
    vpc_id: pulumi.Output[str]
    local_ep_group: pulumi.Output[list[str]]
    bgp_asn: pulumi.Output[int]
    description: pulumi.Output[str]
    #: ACTIVE once the gateway is ready.
    status: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        region: pulumi.Input[str],
        name: pulumi.Input[str],
        vpc_id: pulumi.Input[str],
        local_ep_group: pulumi.Input[Sequence[pulumi.Input[str]]],
        bgp_asn: pulumi.Input[int] | None = None,
        description: pulumi.Input[str] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        props: dict[str, Any] = {
            "region": region,
            "name": name,
            "vpc_id": vpc_id,
            "local_ep_group": _as_list(local_ep_group),
            "bgp_asn": bgp_asn,
            "description": description,
            "status": None,
        }
        super().__init__(VirtualGatewayProvider(), resource_name, props, opts)


# --- virtual interface ------------------------------------------------------------------------------------

#: DOWN is settled: the interface exists, but the line (or its BGP session) is not up yet.
_INTERFACE_SETTLED = frozenset({"ACTIVE", "DOWN", "ADMIN_SHUTDOWN"})
_INTERFACE_FAILED = frozenset({"ERROR", "REJECTED", "DELETED"})
_INTERFACE_TYPES = ("private",)
_ROUTE_MODES = ("bgp", "static")


def _interface_outputs(props: Mapping[str, Any], interface: Any) -> dict[str, Any]:
    """The interface as the API reports it, falling back to the inputs for what the API leaves out.

    The SDK's model carries the routing (mode, peer ASN, addresses, remote CIDRs) on the interface's IPv4
    peer as well as, deprecated, on the interface itself; the MD5 key is never taken from the API, so a
    changed key is not seen as drift.
    """
    peer = next(
        (peer for peer in interface.vif_peers or [] if (peer.address_family or "ipv4").lower() == "ipv4"),
        None,
    )

    def pick(key: str, *api_values: Any) -> Any:
        for value in api_values:
            if value is not None:
                return value
        return props.get(key)

    return {
        "region": props["region"],
        "name": pick("name", interface.name),
        "description": _text(pick("description", interface.description)),
        "direct_connect_id": pick("direct_connect_id", interface.direct_connect_id),
        "vgw_id": pick("vgw_id", interface.vgw_id),
        "type": pick("type", interface.type),
        "route_mode": pick("route_mode", peer and peer.route_mode),
        "vlan": optional_int(pick("vlan", interface.vlan)),
        "bandwidth": optional_int(pick("bandwidth", interface.bandwidth)),
        "local_gateway_v4_ip": pick("local_gateway_v4_ip", interface.local_gateway_v4_ip, peer and peer.local_gateway_ip),
        "remote_gateway_v4_ip": pick("remote_gateway_v4_ip", interface.remote_gateway_v4_ip, peer and peer.remote_gateway_ip),
        "bgp_asn": optional_int(pick("bgp_asn", peer and peer.bgp_asn)),
        "bgp_md5": props.get("bgp_md5"),
        "remote_ep_group": list(pick("remote_ep_group", interface.remote_ep_group, peer and peer.remote_ep_group) or []),
        "status": interface.status,
    }


class VirtualInterfaceProvider(_DcProvider):
    """Creates, reads, updates and deletes a Direct Connect virtual interface (DC v3 API).

    - create: ``create_virtual_interface``, then ``show_virtual_interface`` until ACTIVE or DOWN.
    - read: ``show_virtual_interface`` (404: the interface is gone).
    - update: ``update_virtual_interface`` (name, description, bandwidth, remote_ep_group), then
      ``show_virtual_interface`` until settled.
    - delete: ``delete_virtual_interface`` (404 is success), then ``show_virtual_interface`` until 404, so a
      virtual gateway deleted next is no longer in use.
    """

    KIND = "virtual interface"
    API = ResourceApi(
        "virtual_interface", "virtual_interface", "virtual_interface_id", ShowVirtualInterfaceRequest, DeleteVirtualInterfaceRequest
    )
    READY = _INTERFACE_SETTLED
    FAILED = _INTERFACE_FAILED

    UPDATE = ("name", "description", "bandwidth", "remote_ep_group")
    REPLACE = (
        "region",
        "direct_connect_id",
        "vgw_id",
        "type",
        "route_mode",
        "vlan",
        "local_gateway_v4_ip",
        "remote_gateway_v4_ip",
        "bgp_asn",
        "bgp_md5",
    )
    CIDR_LISTS = ("remote_ep_group",)
    INTERFACE_ADDRESSES = ("local_gateway_v4_ip", "remote_gateway_v4_ip")

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        inputs = dict(news)
        if inputs.get("type") is None:
            inputs["type"] = "private"
        if inputs.get("route_mode") is None:
            inputs["route_mode"] = "bgp"
        failures: list[CheckFailure] = []
        _check_region(failures, inputs)
        _check_name(failures, inputs)
        _check_description(failures, inputs)
        for key in ("direct_connect_id", "vgw_id"):
            _check_required_text(failures, inputs, key)
        if not is_unknown(inputs["type"]) and inputs["type"] not in _INTERFACE_TYPES:
            failures.append(CheckFailure("type", "must be 'private' (an interface to a virtual gateway)"))
        vlan: Any = inputs.get("vlan")
        if not is_unknown(vlan) and (not _is_integer(vlan) or not 0 <= int(vlan) <= 3999):
            failures.append(CheckFailure("vlan", "must be a VLAN id between 0 and 3999"))
        bandwidth: Any = inputs.get("bandwidth")
        if not is_unknown(bandwidth) and (not _is_integer(bandwidth) or int(bandwidth) < 2):
            failures.append(CheckFailure("bandwidth", "must be a whole number of Mbit/s, at least 2"))
        _check_cidrs(failures, inputs, "remote_ep_group")
        _check_gateway_addresses(failures, inputs)
        _check_routing(failures, inputs)
        return CheckResult(inputs, failures)

    def _create_request(self, props: Mapping[str, Any]) -> Any:
        bgp = props.get("route_mode", "bgp") == "bgp"
        body = CreateVirtualInterface(
            name=props["name"],
            description=props.get("description") or None,
            direct_connect_id=props["direct_connect_id"],
            type=props.get("type", "private"),
            vlan=int(props["vlan"]),
            bandwidth=int(props["bandwidth"]),
            local_gateway_v4_ip=props["local_gateway_v4_ip"],
            remote_gateway_v4_ip=props["remote_gateway_v4_ip"],
            address_family="ipv4",
            vgw_id=props["vgw_id"],
            route_mode=props.get("route_mode", "bgp"),
            bgp_asn=optional_int(props.get("bgp_asn")) if bgp else None,
            bgp_md5=(props.get("bgp_md5") or None) if bgp else None,
            remote_ep_group=list(props["remote_ep_group"]),
        )
        return CreateVirtualInterfaceRequest(body=CreateVirtualInterfaceRequestBody(virtual_interface=body))

    def _update_request(self, id_: str, news: Mapping[str, Any], changed: list[str]) -> Any:
        body = UpdateVirtualInterface(
            name=news["name"] if "name" in changed else None,
            description=_text(news.get("description")) if "description" in changed else None,
            bandwidth=int(news["bandwidth"]) if "bandwidth" in changed else None,
            remote_ep_group=list(news["remote_ep_group"]) if "remote_ep_group" in changed else None,
        )
        return UpdateVirtualInterfaceRequest(virtual_interface_id=id_, body=UpdateVirtualInterfaceRequestBody(virtual_interface=body))

    _outputs = staticmethod(_interface_outputs)


def _check_gateway_addresses(failures: list[CheckFailure], news: Mapping[str, Any]) -> None:
    """Both ends as ``address/prefix`` (what the API wants), distinct hosts of one IPv4 subnet."""
    interfaces: dict[str, ipaddress.IPv4Interface] = {}
    for key in ("local_gateway_v4_ip", "remote_gateway_v4_ip"):
        value = news.get(key)
        if is_unknown(value):
            continue
        try:
            if not isinstance(value, str) or "/" not in value:
                raise ValueError(value)
            interface = ipaddress.ip_interface(value)
            if not isinstance(interface, ipaddress.IPv4Interface):
                raise ValueError(value)
        except ValueError:
            failures.append(CheckFailure(key, "must be an IPv4 address with its prefix, such as 169.254.0.1/30"))
            continue
        network = interface.network
        if network.prefixlen <= 30 and interface.ip in (network.network_address, network.broadcast_address):
            failures.append(CheckFailure(key, f"{value} is the network or broadcast address of {network}"))
            continue
        interfaces[key] = interface
    if len(interfaces) == 2:
        local, remote = interfaces["local_gateway_v4_ip"], interfaces["remote_gateway_v4_ip"]
        if local.network != remote.network:
            failures.append(CheckFailure("remote_gateway_v4_ip", f"must be in the same subnet as {local} ({local.network})"))
        elif local.ip == remote.ip:
            failures.append(CheckFailure("remote_gateway_v4_ip", "must differ from local_gateway_v4_ip"))


def _check_routing(failures: list[CheckFailure], news: Mapping[str, Any]) -> None:
    mode = news.get("route_mode")
    asn = news.get("bgp_asn")
    md5 = news.get("bgp_md5")
    if is_unknown(mode):
        return
    if mode not in _ROUTE_MODES:
        failures.append(CheckFailure("route_mode", "must be 'bgp' or 'static'"))
        return
    if mode == "static":
        for key, value in (("bgp_asn", asn), ("bgp_md5", md5)):
            if value is not None:
                failures.append(CheckFailure(key, "is only used with route_mode 'bgp'"))
        return
    if not is_unknown(asn):
        if asn is None:
            failures.append(CheckFailure("bgp_asn", "is required with route_mode 'bgp' (the hub router's ASN)"))
        else:
            _check_asn(failures, asn)
            if _is_integer(asn) and int(asn) == HUAWEI_DEFAULT_ASN:
                failures.append(CheckFailure("bgp_asn", f"{HUAWEI_DEFAULT_ASN} is Huawei Cloud's own default ASN"))
    if md5 is not None and not is_unknown(md5) and not _acceptable_md5_key(md5):
        # Never echo the key itself in a failure.
        failures.append(
            CheckFailure(
                "bgp_md5",
                "must be 8-255 characters of at least two kinds (upper case, lower case, digits, symbols)",
            )
        )


def _acceptable_md5_key(key: Any) -> bool:
    """8-255 characters of at least two of: upper case, lower case, digits, other characters."""
    if not isinstance(key, str) or not 8 <= len(key) <= 255:
        return False
    kinds = (r"[A-Z]", r"[a-z]", r"[0-9]", r"[^A-Za-z0-9]")
    return sum(bool(re.search(kind, key)) for kind in kinds) >= 2


class VirtualInterface(Resource, module="huaweicloud", name="VirtualInterface"):
    """A Huawei Cloud Direct Connect virtual interface on an existing physical connection.

    A private interface from a virtual gateway (``vgw_id``) over the physical connection ``direct_connect_id``
    (ordered from a carrier beforehand; this module does not order lines), tagged with ``vlan``, with a
    link-local subnet between ``local_gateway_v4_ip`` (cloud side) and ``remote_gateway_v4_ip`` (the hub
    router), both written with their prefix (``169.254.52.237/30``). With ``route_mode="bgp"``, the cloud
    peers with the hub's ``bgp_asn``, authenticated with ``bgp_md5``; ``remote_ep_group`` lists the hub-side
    CIDRs. ``bgp_md5`` is always a secret, in inputs and outputs.

    Name, description, bandwidth and ``remote_ep_group`` change in place; every other property replaces the
    interface, deleting it first (a connection carries one interface per VLAN), which interrupts traffic.

    Compared with a bridged provider's resource, this dynamic resource cannot be imported (``pulumi import``),
    has no schema in the Pulumi registry, sees drift only through its read on ``pulumi refresh`` (and never
    drift of the MD5 key, which the API does not return), ignores ``customTimeouts`` (it polls up to its own
    timeout), takes no tags, priority or BFD/NQA settings, and reads its credentials only from the
    environment (``HW_ACCESS_KEY``, ``HW_SECRET_KEY``, ``HW_PROJECT_ID``), never from stack configuration.
    """

    region: pulumi.Output[str]
    name: pulumi.Output[str]
    description: pulumi.Output[str]
    direct_connect_id: pulumi.Output[str]
    vgw_id: pulumi.Output[str]
    type: pulumi.Output[str]
    route_mode: pulumi.Output[str]
    vlan: pulumi.Output[int]
    bandwidth: pulumi.Output[int]
    local_gateway_v4_ip: pulumi.Output[str]
    remote_gateway_v4_ip: pulumi.Output[str]
    bgp_asn: pulumi.Output[int]
    bgp_md5: pulumi.Output[str]
    remote_ep_group: pulumi.Output[list[str]]
    #: ACTIVE, or DOWN while the line or its BGP session is not up.
    status: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        region: pulumi.Input[str],
        name: pulumi.Input[str],
        direct_connect_id: pulumi.Input[str],
        vgw_id: pulumi.Input[str],
        vlan: pulumi.Input[int],
        bandwidth: pulumi.Input[int],
        local_gateway_v4_ip: pulumi.Input[str],
        remote_gateway_v4_ip: pulumi.Input[str],
        remote_ep_group: pulumi.Input[Sequence[pulumi.Input[str]]],
        bgp_asn: pulumi.Input[int] | None = None,
        bgp_md5: pulumi.Input[str] | None = None,
        type: pulumi.Input[str] = "private",  # the API's field name
        route_mode: pulumi.Input[str] = "bgp",
        description: pulumi.Input[str] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        props: dict[str, Any] = {
            "region": region,
            "name": name,
            "description": description,
            "direct_connect_id": direct_connect_id,
            "vgw_id": vgw_id,
            "type": type,
            "route_mode": route_mode,
            "vlan": vlan,
            "bandwidth": bandwidth,
            "local_gateway_v4_ip": local_gateway_v4_ip,
            "remote_gateway_v4_ip": remote_gateway_v4_ip,
            "bgp_asn": bgp_asn,
            # A secret even when given as a plain string.
            "bgp_md5": None if bgp_md5 is None else pulumi.Output.secret(bgp_md5),
            "remote_ep_group": _as_list(remote_ep_group),
            "status": None,
        }
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(additional_secret_outputs=["bgp_md5"]))
        super().__init__(VirtualInterfaceProvider(), resource_name, props, opts)


def _as_list(value: Any) -> Any:
    """Tuples (as the planning code writes CIDR lists) become lists; Outputs pass through."""
    return list(value) if isinstance(value, tuple) else value
