"""Huawei Cloud site-to-site VPN (VPN API v5) as Pulumi dynamic resources.

pulumi-huaweicloud 0.0.12 has no VPN resources, so this module drives Huawei's official Python SDK
(``huaweicloudsdkvpn`` v5) from dynamic providers:

* :class:`VpnGateway` — a VPN gateway ("Vgw") attached to a VPC, public network type, active-active by default,
  with two EIPs it either allocates itself (bandwidth, EIP type, charge mode) or takes as existing EIP ids.
* :class:`CustomerGateway` — the peer's end ("Cgw"), identified by its public IP.
* :class:`VpnConnection` — one IPsec connection between one EIP of a VPN gateway and a customer gateway, in
  static or BGP routed mode, with IKEv2 / AES-256 / SHA2-256 / DH group 14 proposals by default.

What a dynamic resource cannot do that a bridged one does:

* no ``pulumi import``: these resources can only be created by Pulumi (or adopted by hand-editing state);
* drift is seen only when ``pulumi refresh`` calls ``read``, and only for the properties the API reports
  (the pre-shared key and the EIP allocation settings are never read back);
* no provider-level configuration or explicit ``provider=`` resource: credentials come from the environment of
  the process running Pulumi (``HW_ACCESS_KEY``, ``HW_SECRET_KEY``, optional ``HW_PROJECT_ID`` and
  ``HW_SECURITY_TOKEN``, the variables the Huawei Pulumi/Terraform provider reads) and the region from each
  resource's ``region`` input;
* no custom timeouts option: waits are bounded by the provider classes' ``*_timeout_s`` attributes;
* preview runs only ``check`` and ``diff``: API-side validation errors surface at ``up``;
* a failed create leaves nothing in state, so when a gateway or connection was created but never became ready,
  ``create`` asks the API to delete it again before failing.

The providers hold no client and no credential: a client is built inside every method by :func:`make_client`,
which tests replace. Their pickle is therefore a bare class reference and is stored in plain text
(``serialize_as_secret_always = False``). Stack state records each provider by import path (``components.interconnect.huaweicloud.vpn``
and the class name): moving or renaming this module or its classes breaks refresh and destroy of existing stacks.
The mechanisms the providers share with the Direct Connect ones (calls, waits, create clean-up, read, delete, diff)
live in :mod:`components.interconnect.huaweicloud.base`; the provider classes inherit them but stay defined here.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, ClassVar

import pulumi
from huaweicloudsdkvpn.v5 import (  # type: ignore[import-untyped]
    BatchCreateResourceTagsRequest,
    BatchDeleteResourceTagsRequest,
    CreateCgwRequest,
    CreateCgwRequestBody,
    CreateCgwRequestBodyContent,
    CreateRequestEip,
    CreateResourcesTagsRequestBody,
    CreateVgwRequest,
    CreateVgwRequestBody,
    CreateVgwRequestBodyContent,
    CreateVpnConnectionRequest,
    CreateVpnConnectionRequestBody,
    CreateVpnConnectionRequestBodyContent,
    DeleteCgwRequest,
    DeleteResourcesTagsRequestBody,
    DeleteVgwRequest,
    DeleteVpnConnectionRequest,
    IkePolicy,
    IpsecPolicy,
    ResourceTag,
    ShowCgwRequest,
    ShowVgwRequest,
    ShowVpnConnectionRequest,
    UpdateCgwRequest,
    UpdateCgwRequestBody,
    UpdateCgwRequestBodyContent,
    UpdateIkePolicy,
    UpdateIpsecPolicy,
    UpdateVgwRequest,
    UpdateVgwRequestBody,
    UpdateVgwRequestBodyContent,
    UpdateVpnConnectionRequest,
    UpdateVpnConnectionRequestBody,
    UpdateVpnConnectionRequestBodyContent,
    VpnClient,
    VpnResourceTag,
)
from huaweicloudsdkvpn.v5.region.vpn_region import VpnRegion  # type: ignore[import-untyped]
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

# --- proposals and enumerations (spellings of the VPN v5 API) -------------------------------------------------------

#: Phase 1 proposal every connection uses unless told otherwise: IKEv2, SHA2-256, AES-256, DH group 14, 8 h.
IKE_POLICY: dict[str, Any] = {
    "ike_version": "v2",
    "authentication_algorithm": "sha2-256",
    "encryption_algorithm": "aes-256",
    "dh_group": "group14",
    "authentication_method": "pre-share",
    "lifetime_seconds": 28800,
}
#: Phase 2 proposal: ESP in tunnel mode, SHA2-256, AES-256, PFS with DH group 14, 1 h.
IPSEC_POLICY: dict[str, Any] = {
    "authentication_algorithm": "sha2-256",
    "encryption_algorithm": "aes-256",
    "pfs": "group14",
    "transform_protocol": "esp",
    "encapsulation_mode": "tunnel",
    "lifetime_seconds": 3600,
}

_AUTHENTICATION_ALGORITHMS = frozenset({"sha2-256", "sha2-384", "sha2-512", "sha1", "md5"})
_ENCRYPTION_ALGORITHMS = frozenset(
    {"aes-128", "aes-192", "aes-256", "aes-128-gcm-16", "aes-256-gcm-16", "aes-128-gcm-128", "aes-256-gcm-128", "3des"}
)
_DH_GROUPS = frozenset({"group1", "group2", "group5", "group14", "group16", "group19", "group20", "group21"})
_IKE_CHOICES: dict[str, frozenset[str]] = {
    "ike_version": frozenset({"v1", "v2"}),
    "authentication_algorithm": _AUTHENTICATION_ALGORITHMS,
    "encryption_algorithm": _ENCRYPTION_ALGORITHMS,
    "dh_group": _DH_GROUPS,
    "authentication_method": frozenset({"pre-share"}),
    "phase1_negotiation_mode": frozenset({"main", "aggressive"}),
}
_IPSEC_CHOICES: dict[str, frozenset[str]] = {
    "authentication_algorithm": _AUTHENTICATION_ALGORITHMS,
    "encryption_algorithm": _ENCRYPTION_ALGORITHMS,
    "pfs": _DH_GROUPS | {"disable"},
    "transform_protocol": frozenset({"esp"}),
    "encapsulation_mode": frozenset({"tunnel"}),
}
_LIFETIME_RANGE = (60, 604800)
#: UpdateIkePolicy has no authentication_method: it is fixed at creation.
_IKE_UPDATABLE = ("ike_version", "phase1_negotiation_mode", "authentication_algorithm", "encryption_algorithm", "dh_group", "lifetime_seconds")

#: Gateway flavors without certificates (GM needs SM certificates) and the most bandwidth each EIP may have.
_FLAVOR_MAX_BANDWIDTH = {"Basic": 100, "Professional1": 300, "Professional2": 1000}
DEFAULT_FLAVOR = "Professional1"
_EIP_TYPES = frozenset({"5_bgp", "5_sbgp"})
_CHARGE_MODES = frozenset({"bandwidth", "traffic"})
_HA_MODES = frozenset({"active-active", "active-standby"})
_STYLES = frozenset({"static", "bgp"})
_NAME = re.compile(r"^[A-Za-z0-9_.\-\u4e00-\u9fa5]{1,64}$")
_PSK_SPECIALS = "~!@#$%^()-_+={},./:;"
_LINK_LOCAL = ipaddress.ip_network("169.254.0.0/16")
_RESERVED_TUNNEL = ipaddress.ip_network("169.254.195.0/24")

#: Resource types of the VPN tag API (/v5/{project_id}/{resource_type}/{resource_id}/tags/...).
_TAG_TYPE_GATEWAY = "vpn-gateway"
_TAG_TYPE_CUSTOMER_GATEWAY = "customer-gateway"
_TAG_TYPE_CONNECTION = "vpn-connection"


class HuaweiCloudVpnError(RuntimeError):
    """A VPN API call failed, or a resource did not reach the state waited for."""


#: The VPN service as the shared base uses it: SDK errors become HuaweiCloudVpnError naming the operation.
_SERVICE = Service(
    key="vpn",
    label="VPN",
    client_class=VpnClient,
    region_class=VpnRegion,
    error=HuaweiCloudVpnError,
    wording=Wording(
        disappeared="{what} disappeared while waiting for it to become {ready}",
        failed="{what} is in status {status}, expected {ready}",
        timed_out="{what} still in status {status} after {timeout_s:.0f} s; expected {ready}",
        still_exists="{what} still exists (status {status}) {timeout_s:.0f} s after it was deleted",
        cleaned_up="{error}; {what} has been deleted (deletion requested)",
        cleanup_failed="{error}; deleting {what} afterwards failed too ({cleanup}): delete it by hand",
    ),
    translate_sdk_errors=True,
    poll_at_deadline=False,
)


def make_client(service: str, region: str) -> Any:
    """A Huawei Cloud SDK client for ``service`` (only ``"vpn"``) in ``region``; the one place the providers get a
    client from.

    Credentials are read from the environment at call time — ``HW_ACCESS_KEY`` and ``HW_SECRET_KEY``, with
    ``HW_PROJECT_ID`` (otherwise the SDK looks the region's project up through IAM) and ``HW_SECURITY_TOKEN`` (for
    temporary credentials) when set — so they never enter a provider object, its pickle, inputs or outputs.
    Tests replace this function with one that returns fakes.
    """
    return _SERVICE.make_client(service, region)


# --- property helpers ------------------------------------------------------------------------------------------------


def _strings(value: Any) -> list[str]:
    return [str(item) for item in value or []]


def _tag_map(tags: Any) -> dict[str, str]:
    """Tags as a map, from an input map or the API's list of {key, value} objects."""
    if not tags:
        return {}
    if isinstance(tags, Mapping):
        return {str(key): str(value) for key, value in tags.items()}
    return {str(tag.key): "" if tag.value is None else str(tag.value) for tag in tags}


def _request_tags(tags: Any) -> list[Any] | None:
    mapping = _tag_map(tags)
    return [VpnResourceTag(key=key, value=value) for key, value in sorted(mapping.items())] or None


def _tags_differ(old: Any, new: Any) -> bool:
    return True if is_unknown(new) else _tag_map(old) != _tag_map(new)


def _update_tags(client: Any, resource_type: str, resource_id: str, old: Any, new: Any) -> None:
    """Make the resource's tags ``new``: remove stale keys and changed values, then add the new ones."""
    old_map, new_map = _tag_map(old), _tag_map(new)
    stale = {key: value for key, value in old_map.items() if new_map.get(key) != value}
    fresh = {key: value for key, value in new_map.items() if old_map.get(key) != value}
    if stale:
        _SERVICE.call(
            f"removing tags from {resource_type} {resource_id}",
            client.batch_delete_resource_tags,
            BatchDeleteResourceTagsRequest(
                resource_type=resource_type,
                resource_id=resource_id,
                body=DeleteResourcesTagsRequestBody(tags=[ResourceTag(key=k, value=v) for k, v in sorted(stale.items())]),
            ),
        )
    if fresh:
        _SERVICE.call(
            f"tagging {resource_type} {resource_id}",
            client.batch_create_resource_tags,
            BatchCreateResourceTagsRequest(
                resource_type=resource_type,
                resource_id=resource_id,
                body=CreateResourcesTagsRequestBody(tags=[ResourceTag(key=k, value=v) for k, v in sorted(fresh.items())]),
            ),
        )


# --- check helpers ---------------------------------------------------------------------------------------------------


class _Checker:
    """Collects check failures; every rule skips values not known yet (preview)."""

    def __init__(self, news: Mapping[str, Any]) -> None:
        self.news = news
        self.failures: list[CheckFailure] = []

    def fail(self, prop: str, reason: str) -> None:
        self.failures.append(CheckFailure(prop, reason))

    def value(self, prop: str) -> Any:
        return self.news.get(prop)

    def known(self, prop: str) -> bool:
        value = self.news.get(prop)
        return value is not None and not is_unknown(value)

    def required_string(self, prop: str) -> None:
        value = self.news.get(prop)
        if is_unknown(value):
            return
        if not isinstance(value, str) or not value:
            self.fail(prop, f"{prop} is required (a non-empty string)")

    def name(self, prop: str = "name") -> None:
        value = self.news.get(prop)
        if is_unknown(value):
            return
        if not isinstance(value, str) or not _NAME.match(value):
            self.fail(prop, "name must be 1-64 letters, digits, '_', '-', '.' or CJK characters")

    def asn(self, prop: str, *, required: bool) -> None:
        value = self.news.get(prop)
        if is_unknown(value) or (value is None and not required):
            return
        if not isinstance(value, int | float) or isinstance(value, bool) or value != int(value) or not 1 <= value <= MAX_ASN:
            self.fail(prop, f"{prop} must be an integer from 1 to {MAX_ASN}")

    def cidrs(self, prop: str, *, most: int) -> None:
        value = self.news.get(prop)
        if is_unknown(value):
            return
        if not isinstance(value, list | tuple) or not value:
            self.fail(prop, f"{prop} must list at least one IPv4 CIDR")
            return
        if len(value) > most:
            self.fail(prop, f"{prop} may list at most {most} CIDRs")
        for cidr in value:
            try:
                network = ipaddress.ip_network(str(cidr), strict=True)
            except ValueError:
                self.fail(prop, f"{cidr!r} in {prop} is not a network CIDR such as 192.168.52.0/24")
                continue
            if network.version != 4:
                self.fail(prop, f"{cidr!r} in {prop} is not IPv4")

    def choice(self, prop: str, choices: Collection[str], *, required: bool = True) -> None:
        value = self.news.get(prop)
        if is_unknown(value) or (value is None and not required):
            return
        if value not in choices:
            self.fail(prop, f"{prop} must be one of {', '.join(sorted(choices))}, not {value!r}")

    def tags(self, prop: str = "tags") -> None:
        value = self.news.get(prop)
        if value is None or is_unknown(value):
            return
        if not isinstance(value, Mapping):
            self.fail(prop, "tags must be a map of strings")
            return
        if len(value) > 20:
            self.fail(prop, "at most 20 tags")
        for key, item in value.items():
            if not 1 <= len(str(key)) <= 128:
                self.fail(prop, f"tag key {key!r} must be 1-128 characters")
            if item is not None and not is_unknown(item) and len(str(item)) > 255:
                self.fail(prop, f"the value of tag {key!r} must be at most 255 characters")

    def policy(self, prop: str, choices: Mapping[str, frozenset[str]]) -> None:
        value = self.news.get(prop)
        if is_unknown(value):
            return
        if not isinstance(value, Mapping):
            self.fail(prop, f"{prop} must be a map")
            return
        allowed = {*choices, "lifetime_seconds"}
        for key, item in value.items():
            if key not in allowed:
                self.fail(prop, f"{prop} has no setting {key!r}; it takes {', '.join(sorted(allowed))}")
            elif is_unknown(item):
                continue
            elif key == "lifetime_seconds":
                low, high = _LIFETIME_RANGE
                if not isinstance(item, int | float) or isinstance(item, bool) or item != int(item) or not low <= item <= high:
                    self.fail(prop, f"{prop}.lifetime_seconds must be an integer from {low} to {high}")
            elif item not in choices[key]:
                self.fail(prop, f"{prop}.{key} must be one of {', '.join(sorted(choices[key]))}, not {item!r}")

    def result(self, inputs: dict[str, Any]) -> CheckResult:
        return CheckResult(inputs, self.failures)


def _psk_problem(psk: str) -> str | None:
    """Why a pre-shared key would be refused, without ever quoting the key."""
    if not 8 <= len(psk) <= 128:
        return "psk must be 8-128 characters long"
    if any(not (char.isascii() and (char.isalnum() or char in _PSK_SPECIALS)) for char in psk):
        return f"psk may contain only letters, digits and {_PSK_SPECIALS}"
    classes = [
        any(char.isupper() for char in psk),
        any(char.islower() for char in psk),
        any(char.isdigit() for char in psk),
        any(char in _PSK_SPECIALS for char in psk),
    ]
    if sum(classes) < 3:
        return "psk must mix at least three of: upper-case letters, lower-case letters, digits, special characters"
    return None


def _tunnel_interface(value: str) -> ipaddress.IPv4Interface | str:
    """The tunnel interface address, or why the API would refuse it."""
    if "/" not in value:
        return f"{value!r} must be an address with its /30 mask, such as 169.254.76.1/30"
    try:
        interface = ipaddress.ip_interface(value)
    except ValueError:
        return f"{value!r} is not an address with a mask, such as 169.254.76.1/30"
    if not isinstance(interface, ipaddress.IPv4Interface) or interface.network.prefixlen != 30:
        return f"{value!r} must be an IPv4 address with a /30 mask"
    if interface.ip not in _LINK_LOCAL or interface.ip in _RESERVED_TUNNEL:
        return f"{value!r} must be in 169.254.0.0/16 and outside 169.254.195.0/24"
    if interface.ip in (interface.network.network_address, interface.network.broadcast_address):
        return f"{value!r} must be a host address of its /30"
    return interface


# --- VPN gateway -----------------------------------------------------------------------------------------------------


def _bandwidth_name(gateway_name: str, index: int) -> str:
    suffix = f"-bandwidth{index}"
    return gateway_name[: 64 - len(suffix)] + suffix


def _gateway_eips(props: Mapping[str, Any]) -> tuple[Any, Any]:
    eip_ids = props.get("eip_ids")
    if eip_ids:
        return CreateRequestEip(id=str(eip_ids[0])), CreateRequestEip(id=str(eip_ids[1]))
    eips = tuple(
        CreateRequestEip(
            type=props.get("eip_type") or "5_bgp",
            charge_mode=props.get("eip_charge_mode") or "traffic",
            bandwidth_size=optional_int(props.get("bandwidth_mbps")),
            bandwidth_name=_bandwidth_name(str(props["name"]), index),
        )
        for index in (1, 2)
    )
    return eips[0], eips[1]


def _gateway_outputs(props: Mapping[str, Any], gateway: Any) -> dict[str, Any]:
    """Outputs: the inputs as the API reports them (EIP allocation settings as given), plus computed attributes."""
    eip1, eip2 = gateway.eip1, gateway.eip2
    addresses = [eip.ip_address for eip in (eip1, eip2) if eip is not None and eip.ip_address]
    return {
        "region": props.get("region"),
        "name": gateway.name,
        "vpc_id": gateway.vpc_id,
        "local_subnets": list(gateway.local_subnets or []),
        "connect_subnet": gateway.connect_subnet,
        "bgp_asn": gateway.bgp_asn,
        "flavor": gateway.flavor,
        "availability_zones": list(gateway.availability_zone_ids or []),
        "ha_mode": gateway.ha_mode,
        "eip_ids": props.get("eip_ids"),
        "bandwidth_mbps": props.get("bandwidth_mbps"),
        "eip_type": props.get("eip_type"),
        "eip_charge_mode": props.get("eip_charge_mode"),
        "tags": _tag_map(gateway.tags),
        "status": gateway.status,
        "network_type": gateway.network_type,
        "attachment_type": gateway.attachment_type,
        "eip1_id": eip1.id if eip1 is not None else None,
        "eip1_address": eip1.ip_address if eip1 is not None else None,
        "eip2_id": eip2.id if eip2 is not None else None,
        "eip2_address": eip2.ip_address if eip2 is not None else None,
        "public_ip": addresses[0] if addresses else None,
        "public_ips": addresses,
    }


class _VpnResourceProvider(HuaweiCloudProvider):
    """What the three VPN providers add to the shared base: their client, their timeouts, tags compared as maps and
    changed through the tag API, and an update that ends by reading the resource back.
    """

    SERVICE = _SERVICE
    # The pickled provider is a bare class reference (no client, no credential): nothing in it needs hiding.
    serialize_as_secret_always = False

    #: The VPN tag API's resource type.
    TAG_TYPE: ClassVar[str]

    # Class attributes, so that a provider instance (and its pickle) holds nothing; tests set them per instance.
    create_timeout_s = 600.0
    update_timeout_s = 600.0
    delete_timeout_s = 600.0
    poll_interval_s = 5.0

    def _client(self, props: Mapping[str, Any]) -> Any:
        return make_client("vpn", str(props["region"]))

    def _timeout_s(self, operation: Operation) -> float:
        return {"create": self.create_timeout_s, "update": self.update_timeout_s, "delete": self.delete_timeout_s}[operation]

    def _differs(self, key: str, old: Any, new: Any) -> bool:
        return _tags_differ(old, new) if key == "tags" else super()._differs(key, old, new)

    def _update_in_place(self, client: Any, id_: str, olds: dict[str, Any], news: dict[str, Any], changed: list[str]) -> Any:
        fields = [key for key in changed if key != "tags"]
        if fields:
            self._send_update(client, id_, news, fields)
            if not self.SYNCHRONOUS:
                self._wait_ready(client, id_, "update")
        if "tags" in changed:
            _update_tags(client, self.TAG_TYPE, id_, olds.get("tags"), news.get("tags"))
        live = self._show(client, id_)
        if live is None:
            raise HuaweiCloudVpnError(f"{self.KIND} {id_} disappeared during its update")
        return live


class VpnGatewayProvider(_VpnResourceProvider):
    """CRUD for :class:`VpnGateway` over CreateVgw, ShowVgw, UpdateVgw, DeleteVgw and the VPN tag API."""

    KIND = "VPN gateway"
    API = ResourceApi("vgw", "vpn_gateway", "vgw_id", ShowVgwRequest, DeleteVgwRequest)
    TAG_TYPE = _TAG_TYPE_GATEWAY

    create_timeout_s = 1800.0
    update_timeout_s = 900.0
    delete_timeout_s = 900.0
    poll_interval_s = 10.0

    REPLACE = (
        "region",
        "vpc_id",
        "connect_subnet",
        "bgp_asn",
        "flavor",
        "availability_zones",
        "ha_mode",
        "eip_ids",
        "bandwidth_mbps",
        "eip_type",
        "eip_charge_mode",
    )
    UPDATE = ("name", "local_subnets", "tags")
    COMPUTED_WHEN_OMITTED = ("availability_zones", "ha_mode", "flavor", "eip_ids", "bandwidth_mbps", "eip_type", "eip_charge_mode")
    UNORDERED = ("local_subnets", "availability_zones")
    PENDING: ClassVar[Mapping[Operation, frozenset[str]]] = {
        "create": frozenset({"PENDING_CREATE", "PENDING_UPDATE"}),
        "update": frozenset({"PENDING_UPDATE"}),
    }

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        inputs = dict(news)
        inputs.setdefault("flavor", DEFAULT_FLAVOR)
        check = _Checker(inputs)
        check.required_string("region")
        check.name()
        check.required_string("vpc_id")
        check.required_string("connect_subnet")
        check.cidrs("local_subnets", most=50)
        check.asn("bgp_asn", required=True)
        check.choice("flavor", _FLAVOR_MAX_BANDWIDTH)
        check.choice("ha_mode", _HA_MODES, required=False)
        check.tags()
        zones = inputs.get("availability_zones")
        if zones is not None and not is_unknown(zones) and (not isinstance(zones, list | tuple) or not zones):
            check.fail("availability_zones", "availability_zones must list zone ids, or be left out to let the API choose")
        eip_ids = inputs.get("eip_ids")
        if eip_ids is not None:
            if not is_unknown(eip_ids) and (not isinstance(eip_ids, list | tuple) or len(eip_ids) != 2):
                check.fail("eip_ids", "eip_ids must list exactly two existing EIP ids (one per gateway address)")
        else:
            check.choice("eip_type", _EIP_TYPES)
            check.choice("eip_charge_mode", _CHARGE_MODES)
            bandwidth = inputs.get("bandwidth_mbps")
            flavor = inputs.get("flavor")
            if not is_unknown(bandwidth):
                limit = _FLAVOR_MAX_BANDWIDTH.get(flavor, 1000) if isinstance(flavor, str) else 1000
                if not isinstance(bandwidth, int | float) or isinstance(bandwidth, bool) or bandwidth != int(bandwidth) or not 1 <= bandwidth <= limit:
                    check.fail("bandwidth_mbps", f"bandwidth_mbps is required to allocate EIPs: an integer from 1 to {limit} for flavor {flavor}")
        return check.result(inputs)

    def _create_request(self, props: Mapping[str, Any]) -> Any:
        eip1, eip2 = _gateway_eips(props)
        zones = props.get("availability_zones")
        content = CreateVgwRequestBodyContent(
            name=props["name"],
            network_type="public",
            attachment_type="vpc",
            vpc_id=props["vpc_id"],
            local_subnets=_strings(props["local_subnets"]),
            connect_subnet=props["connect_subnet"],
            bgp_asn=optional_int(props["bgp_asn"]),
            flavor=props.get("flavor") or DEFAULT_FLAVOR,
            availability_zone_ids=_strings(zones) if zones else None,
            ha_mode=props.get("ha_mode") or None,
            eip1=eip1,
            eip2=eip2,
            tags=_request_tags(props.get("tags")),
        )
        return CreateVgwRequest(body=CreateVgwRequestBody(vpn_gateway=content))

    def _update_request(self, id_: str, news: Mapping[str, Any], changed: list[str]) -> Any:
        content = UpdateVgwRequestBodyContent(
            name=news["name"] if "name" in changed else None,
            local_subnets=_strings(news["local_subnets"]) if "local_subnets" in changed else None,
        )
        return UpdateVgwRequest(vgw_id=id_, body=UpdateVgwRequestBody(vpn_gateway=content))

    _outputs = staticmethod(_gateway_outputs)


class VpnGateway(Resource, module="huaweicloud", name="VpnGateway"):
    """A Huawei Cloud VPN gateway in a VPC, reachable on two public EIPs (active-active unless ``ha_mode`` says otherwise).

    The gateway either allocates its two EIPs itself (``bandwidth_mbps``, ``eip_type``, ``eip_charge_mode``; the
    bandwidths are named ``<name>-bandwidth1`` and ``-bandwidth2``) or binds two existing ones (``eip_ids``).
    ``name``, ``local_subnets`` and ``tags`` change in place; any other change replaces the gateway (and with it
    every connection on it). Creation waits until the gateway is ACTIVE, which takes minutes.

    Compared with a bridged resource: no ``pulumi import``; ``pulumi refresh`` reads back name, subnets, VPC,
    ASN, flavor, zones, HA mode, tags and the EIPs' ids and addresses, but not the EIP allocation settings; the
    credentials come from ``HW_ACCESS_KEY``/``HW_SECRET_KEY``/``HW_PROJECT_ID`` in the environment, not from a
    Pulumi provider. Outputs: ``id``, ``public_ip`` (the first EIP's address), ``public_ips``, ``eip1_id``,
    ``eip1_address``, ``eip2_id``, ``eip2_address`` (an EIP id is what :class:`VpnConnection` takes as
    ``vgw_ip``), ``status`` and the inputs.
    """

    region: pulumi.Output[str]
    name: pulumi.Output[str]
    vpc_id: pulumi.Output[str]
    local_subnets: pulumi.Output[list[str]]
    connect_subnet: pulumi.Output[str]
    bgp_asn: pulumi.Output[int]
    flavor: pulumi.Output[str]
    availability_zones: pulumi.Output[list[str]]
    ha_mode: pulumi.Output[str]
    tags: pulumi.Output[dict[str, str]]
    status: pulumi.Output[str]
    network_type: pulumi.Output[str]
    attachment_type: pulumi.Output[str]
    eip1_id: pulumi.Output[str]
    eip1_address: pulumi.Output[str]
    eip2_id: pulumi.Output[str]
    eip2_address: pulumi.Output[str]
    public_ip: pulumi.Output[str]
    public_ips: pulumi.Output[list[str]]

    def __init__(
        self,
        resource_name: str,
        *,
        region: pulumi.Input[str],
        name: pulumi.Input[str],
        vpc_id: pulumi.Input[str],
        local_subnets: pulumi.Input[Sequence[pulumi.Input[str]]],
        connect_subnet: pulumi.Input[str],
        bgp_asn: pulumi.Input[int],
        bandwidth_mbps: pulumi.Input[int] | None = None,
        eip_type: pulumi.Input[str] = "5_bgp",
        eip_charge_mode: pulumi.Input[str] = "traffic",
        eip_ids: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        availability_zones: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        flavor: pulumi.Input[str] = DEFAULT_FLAVOR,
        ha_mode: pulumi.Input[str] | None = None,
        tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """
        :param resource_name: the Pulumi resource name.
        :param region: Huawei Cloud region, e.g. ``cn-north-4``.
        :param name: the gateway's name in the cloud (1-64 letters, digits, ``_-.``).
        :param vpc_id: the VPC the gateway attaches to.
        :param local_subnets: the VPC-side CIDRs reachable through the gateway (at most 50).
        :param connect_subnet: id of the VPC subnet the gateway uses (the subnet's network id).
        :param bgp_asn: the gateway's BGP ASN.
        :param bandwidth_mbps: bandwidth of each allocated EIP (flavor limits: Basic 100, Professional1 300,
            Professional2 1000); required unless ``eip_ids`` is given.
        :param eip_type: EIP line type for allocated EIPs, ``5_bgp`` or ``5_sbgp``.
        :param eip_charge_mode: ``traffic`` or ``bandwidth`` for allocated EIPs.
        :param eip_ids: two existing EIP ids to bind instead of allocating.
        :param availability_zones: zone ids to deploy in; the API chooses when omitted.
        :param flavor: ``Basic``, ``Professional1`` or ``Professional2``.
        :param ha_mode: ``active-active`` or ``active-standby``; the API's default (active-active) when omitted.
        :param tags: tags on the gateway.
        """
        props: dict[str, Any] = {
            "region": region,
            "name": name,
            "vpc_id": vpc_id,
            "local_subnets": local_subnets,
            "connect_subnet": connect_subnet,
            "bgp_asn": bgp_asn,
            "bandwidth_mbps": bandwidth_mbps,
            "eip_type": eip_type,
            "eip_charge_mode": eip_charge_mode,
            "eip_ids": eip_ids,
            "availability_zones": availability_zones,
            "flavor": flavor,
            "ha_mode": ha_mode,
            "tags": tags,
            # Computed: unknown until created.
            "status": None,
            "network_type": None,
            "attachment_type": None,
            "eip1_id": None,
            "eip1_address": None,
            "eip2_id": None,
            "eip2_address": None,
            "public_ip": None,
            "public_ips": None,
        }
        super().__init__(VpnGatewayProvider(), resource_name, props, opts)


# --- customer gateway ------------------------------------------------------------------------------------------------


def _customer_gateway_outputs(props: Mapping[str, Any], gateway: Any) -> dict[str, Any]:
    return {
        "region": props.get("region"),
        "name": gateway.name,
        "ip": gateway.id_value,
        "bgp_asn": gateway.bgp_asn,
        "tags": _tag_map(gateway.tags),
        "id_type": gateway.id_type,
    }


class CustomerGatewayProvider(_VpnResourceProvider):
    """CRUD for :class:`CustomerGateway` over CreateCgw, ShowCgw, UpdateCgw, DeleteCgw and the VPN tag API."""

    KIND = "customer gateway"
    API = ResourceApi("cgw", "customer_gateway", "customer_gateway_id", ShowCgwRequest, DeleteCgwRequest)
    TAG_TYPE = _TAG_TYPE_CUSTOMER_GATEWAY
    # CreateCgw, UpdateCgw and DeleteCgw are synchronous: nothing to wait for.
    SYNCHRONOUS = True

    REPLACE = ("region", "ip", "bgp_asn")
    UPDATE = ("name", "tags")

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        inputs = dict(news)
        check = _Checker(inputs)
        check.required_string("region")
        check.name()
        check.asn("bgp_asn", required=False)
        check.tags()
        ip = inputs.get("ip")
        if not is_unknown(ip):
            try:
                address = ipaddress.ip_address(str(ip))
            except ValueError:
                check.fail("ip", f"ip must be the peer's public IPv4 address, not {ip!r}")
            else:
                if address.version != 4:
                    check.fail("ip", "ip must be an IPv4 address")
        return check.result(inputs)

    def _create_request(self, props: Mapping[str, Any]) -> Any:
        content = CreateCgwRequestBodyContent(
            name=props["name"],
            id_type="ip",
            id_value=props["ip"],
            bgp_asn=optional_int(props.get("bgp_asn")),
            tags=_request_tags(props.get("tags")),
        )
        return CreateCgwRequest(body=CreateCgwRequestBody(customer_gateway=content))

    def _update_request(self, id_: str, news: Mapping[str, Any], changed: list[str]) -> Any:
        return UpdateCgwRequest(
            customer_gateway_id=id_,
            body=UpdateCgwRequestBody(customer_gateway=UpdateCgwRequestBodyContent(name=news["name"])),
        )

    _outputs = staticmethod(_customer_gateway_outputs)


class CustomerGateway(Resource, module="huaweicloud", name="CustomerGateway"):
    """The peer's end of Huawei Cloud VPN connections: its public IP (``id_type`` ip) and BGP ASN.

    ``name`` and ``tags`` change in place; a new ``ip`` or ``bgp_asn`` replaces the customer gateway (connections
    using it are updated to the new one, then the old one is deleted). Creation is synchronous.

    Compared with a bridged resource: no ``pulumi import``; ``pulumi refresh`` reads back name, IP, ASN and tags;
    the credentials come from the environment, not from a Pulumi provider. Output: ``id`` and the inputs.
    """

    region: pulumi.Output[str]
    name: pulumi.Output[str]
    ip: pulumi.Output[str]
    bgp_asn: pulumi.Output[int]
    tags: pulumi.Output[dict[str, str]]
    id_type: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        region: pulumi.Input[str],
        name: pulumi.Input[str],
        ip: pulumi.Input[str],
        bgp_asn: pulumi.Input[int] | None = None,
        tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """
        :param resource_name: the Pulumi resource name.
        :param region: Huawei Cloud region, e.g. ``cn-north-4``.
        :param name: the customer gateway's name in the cloud.
        :param ip: the peer's public IPv4 address.
        :param bgp_asn: the peer's BGP ASN (needed for BGP connections).
        :param tags: tags on the customer gateway.
        """
        props: dict[str, Any] = {
            "region": region,
            "name": name,
            "ip": ip,
            "bgp_asn": bgp_asn,
            "tags": tags,
            "id_type": None,
        }
        super().__init__(CustomerGatewayProvider(), resource_name, props, opts)


# --- VPN connection --------------------------------------------------------------------------------------------------


def _policy_map(policy: Any, keys: Iterable[str]) -> dict[str, Any]:
    if policy is None:
        return {}
    return {key: getattr(policy, key) for key in keys if getattr(policy, key, None) is not None}


def _tunnel_output(live: Any, given: Any) -> Any:
    """The live tunnel address, written as the input wrote it when the API leaves the mask off."""
    if not live:
        return None
    if isinstance(given, str) and "/" in given and "/" not in live and given.split("/", 1)[0] == live:
        return given
    return live


def _connection_outputs(props: Mapping[str, Any], connection: Any) -> dict[str, Any]:
    """Outputs: the inputs as the API reports them (the pre-shared key, never returned, as given) plus status."""
    return {
        "region": props.get("region"),
        "name": connection.name,
        "vgw_id": connection.vgw_id,
        "vgw_ip": connection.vgw_ip,
        "customer_gateway_id": connection.cgw_id,
        "peer_subnets": list(connection.peer_subnets or []),
        "psk": props.get("psk"),
        # Requests spell the mode in lower case, responses in upper case.
        "style": connection.style.lower() if connection.style else props.get("style"),
        "tunnel_local_address": _tunnel_output(connection.tunnel_local_address, props.get("tunnel_local_address")),
        "tunnel_peer_address": _tunnel_output(connection.tunnel_peer_address, props.get("tunnel_peer_address")),
        "ike_policy": _policy_map(connection.ikepolicy, (*_IKE_CHOICES, "lifetime_seconds")),
        "ipsec_policy": _policy_map(connection.ipsecpolicy, (*_IPSEC_CHOICES, "lifetime_seconds")),
        "tags": _tag_map(connection.tags),
        "status": connection.status,
    }


def _policy_model(policy: Mapping[str, Any], model: Callable[..., Any], keys: Iterable[str]) -> Any:
    values = {key: policy[key] for key in keys if policy.get(key) is not None}
    if "lifetime_seconds" in values:
        values["lifetime_seconds"] = optional_int(values["lifetime_seconds"])
    return model(**values)


class VpnConnectionProvider(_VpnResourceProvider):
    """CRUD for :class:`VpnConnection` over CreateVpnConnection, ShowVpnConnection, UpdateVpnConnection,
    DeleteVpnConnection and the VPN tag API."""

    KIND = "VPN connection"
    API = ResourceApi("vpn_connection", "vpn_connection", "vpn_connection_id", ShowVpnConnectionRequest, DeleteVpnConnectionRequest)
    TAG_TYPE = _TAG_TYPE_CONNECTION

    create_timeout_s = 600.0
    update_timeout_s = 600.0
    delete_timeout_s = 600.0
    poll_interval_s = 5.0

    REPLACE = ("region", "vgw_id", "vgw_ip", "style")
    UPDATE = (
        "name",
        "customer_gateway_id",
        "peer_subnets",
        "psk",
        "tunnel_local_address",
        "tunnel_peer_address",
        "ike_policy",
        "ipsec_policy",
        "tags",
    )
    #: ACTIVE: negotiated; DOWN: configured but not (yet) negotiated with the peer — both are a finished operation.
    READY = frozenset({"ACTIVE", "DOWN"})
    FAILED = frozenset({"ERROR"})
    COMPUTED_WHEN_OMITTED = ("tunnel_local_address", "tunnel_peer_address", "ike_policy", "ipsec_policy")
    UNORDERED = ("peer_subnets",)
    SUBSET = ("ike_policy", "ipsec_policy")

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        inputs = dict(news)
        inputs.setdefault("style", "bgp")
        if inputs.get("ike_policy") is None:
            inputs["ike_policy"] = dict(IKE_POLICY)
        if inputs.get("ipsec_policy") is None:
            inputs["ipsec_policy"] = dict(IPSEC_POLICY)
        check = _Checker(inputs)
        check.required_string("region")
        check.name()
        for prop in ("vgw_id", "vgw_ip", "customer_gateway_id"):
            check.required_string(prop)
        check.cidrs("peer_subnets", most=50)
        check.choice("style", _STYLES)
        check.policy("ike_policy", _IKE_CHOICES)
        check.policy("ipsec_policy", _IPSEC_CHOICES)
        check.tags()
        psk = inputs.get("psk")
        if not is_unknown(psk):
            problem = _psk_problem(psk) if isinstance(psk, str) else "psk is required"
            if problem:
                check.fail("psk", problem)
        self._check_tunnel(check, inputs)
        return check.result(inputs)

    @staticmethod
    def _check_tunnel(check: _Checker, inputs: Mapping[str, Any]) -> None:
        local, peer = inputs.get("tunnel_local_address"), inputs.get("tunnel_peer_address")
        if is_unknown(local) or is_unknown(peer):
            return
        if inputs.get("style") == "bgp" and (not local or not peer):
            check.fail("tunnel_local_address", "a BGP connection needs tunnel_local_address and tunnel_peer_address")
            return
        if (local is None) != (peer is None):
            check.fail("tunnel_peer_address", "set both tunnel addresses or neither")
            return
        if local is None:
            return
        interfaces = []
        for prop, value in (("tunnel_local_address", local), ("tunnel_peer_address", peer)):
            interface = _tunnel_interface(str(value))
            if isinstance(interface, str):
                check.fail(prop, interface)
            else:
                interfaces.append(interface)
        if len(interfaces) == 2:
            mine, theirs = interfaces
            if mine.network != theirs.network or mine.ip == theirs.ip:
                check.fail("tunnel_peer_address", "the tunnel addresses must be two different hosts of the same /30")

    def _create_request(self, props: Mapping[str, Any]) -> Any:
        ike = props.get("ike_policy") or IKE_POLICY
        ipsec = props.get("ipsec_policy") or IPSEC_POLICY
        content = CreateVpnConnectionRequestBodyContent(
            name=props["name"],
            vgw_id=props["vgw_id"],
            vgw_ip=props["vgw_ip"],
            style=props.get("style") or "bgp",
            cgw_id=props["customer_gateway_id"],
            peer_subnets=_strings(props["peer_subnets"]),
            tunnel_local_address=props.get("tunnel_local_address") or None,
            tunnel_peer_address=props.get("tunnel_peer_address") or None,
            psk=props["psk"],
            ikepolicy=_policy_model(ike, IkePolicy, (*_IKE_CHOICES, "lifetime_seconds")),
            ipsecpolicy=_policy_model(ipsec, IpsecPolicy, (*_IPSEC_CHOICES, "lifetime_seconds")),
            tags=_request_tags(props.get("tags")),
        )
        return CreateVpnConnectionRequest(body=CreateVpnConnectionRequestBody(vpn_connection=content))

    def _update_request(self, id_: str, news: Mapping[str, Any], changed: list[str]) -> Any:
        content = UpdateVpnConnectionRequestBodyContent(
            name=news["name"] if "name" in changed else None,
            cgw_id=news["customer_gateway_id"] if "customer_gateway_id" in changed else None,
            peer_subnets=_strings(news["peer_subnets"]) if "peer_subnets" in changed else None,
            psk=news["psk"] if "psk" in changed else None,
            tunnel_local_address=news["tunnel_local_address"] if "tunnel_local_address" in changed else None,
            tunnel_peer_address=news["tunnel_peer_address"] if "tunnel_peer_address" in changed else None,
            ikepolicy=_policy_model(news["ike_policy"], UpdateIkePolicy, _IKE_UPDATABLE) if "ike_policy" in changed else None,
            ipsecpolicy=_policy_model(news["ipsec_policy"], UpdateIpsecPolicy, (*_IPSEC_CHOICES, "lifetime_seconds"))
            if "ipsec_policy" in changed
            else None,
        )
        return UpdateVpnConnectionRequest(vpn_connection_id=id_, body=UpdateVpnConnectionRequestBody(vpn_connection=content))

    _outputs = staticmethod(_connection_outputs)


class VpnConnection(Resource, module="huaweicloud", name="VpnConnection"):
    """One IPsec connection from one EIP of a Huawei Cloud VPN gateway to a customer gateway.

    Routed mode: ``style="bgp"`` (default; needs both tunnel interface addresses, ``169.254.x.y/30`` on the
    same /30, and a customer gateway with a BGP ASN) or ``style="static"``. Proposals default to
    :data:`IKE_POLICY` (IKEv2, SHA2-256, AES-256, DH group14, 28800 s) and :data:`IPSEC_POLICY` (ESP tunnel,
    SHA2-256, AES-256, PFS group14, 3600 s). The pre-shared key is always a secret, in inputs and outputs.

    Changes in place: name, customer gateway, peer subnets, pre-shared key, tunnel addresses, IKE/IPsec policy
    (except the IKE authentication method) and tags. A new region, gateway, gateway EIP or mode replaces the
    connection. Creation and updates wait until the connection is ACTIVE or DOWN (DOWN: configured, peer not
    negotiated yet); ERROR fails.

    Compared with a bridged resource: no ``pulumi import``; ``pulumi refresh`` reads back everything except the
    pre-shared key (so a key changed outside Pulumi goes unnoticed); the credentials come from the environment,
    not from a Pulumi provider. Outputs: ``id``, ``status`` and the inputs.
    """

    region: pulumi.Output[str]
    name: pulumi.Output[str]
    vgw_id: pulumi.Output[str]
    vgw_ip: pulumi.Output[str]
    customer_gateway_id: pulumi.Output[str]
    peer_subnets: pulumi.Output[list[str]]
    psk: pulumi.Output[str]
    style: pulumi.Output[str]
    tunnel_local_address: pulumi.Output[str]
    tunnel_peer_address: pulumi.Output[str]
    ike_policy: pulumi.Output[dict[str, Any]]
    ipsec_policy: pulumi.Output[dict[str, Any]]
    tags: pulumi.Output[dict[str, str]]
    status: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        region: pulumi.Input[str],
        name: pulumi.Input[str],
        vgw_id: pulumi.Input[str],
        vgw_ip: pulumi.Input[str],
        customer_gateway_id: pulumi.Input[str],
        peer_subnets: pulumi.Input[Sequence[pulumi.Input[str]]],
        psk: pulumi.Input[str],
        style: pulumi.Input[str] = "bgp",
        tunnel_local_address: pulumi.Input[str] | None = None,
        tunnel_peer_address: pulumi.Input[str] | None = None,
        ike_policy: pulumi.Input[Mapping[str, Any]] | None = None,
        ipsec_policy: pulumi.Input[Mapping[str, Any]] | None = None,
        tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """
        :param resource_name: the Pulumi resource name.
        :param region: Huawei Cloud region of the gateway.
        :param name: the connection's name in the cloud.
        :param vgw_id: the :class:`VpnGateway`'s id.
        :param vgw_ip: the id of the gateway EIP this connection uses (``eip1_id`` or ``eip2_id``).
        :param customer_gateway_id: the :class:`CustomerGateway`'s id.
        :param peer_subnets: CIDRs on the peer's side (at most 50).
        :param psk: the pre-shared key (8-128 characters of letters, digits and ``~!@#$%^()-_+={},./:;``, three
            of the four kinds); made a secret here whatever is passed.
        :param style: ``bgp`` or ``static`` routed mode.
        :param tunnel_local_address: this end's tunnel interface, e.g. ``169.254.76.1/30`` (BGP: required).
        :param tunnel_peer_address: the peer's tunnel interface in the same /30, e.g. ``169.254.76.2/30``.
        :param ike_policy: phase 1 settings (API field names); defaults to :data:`IKE_POLICY`.
        :param ipsec_policy: phase 2 settings (API field names); defaults to :data:`IPSEC_POLICY`.
        :param tags: tags on the connection.
        """
        props: dict[str, Any] = {
            "region": region,
            "name": name,
            "vgw_id": vgw_id,
            "vgw_ip": vgw_ip,
            "customer_gateway_id": customer_gateway_id,
            "peer_subnets": peer_subnets,
            "psk": pulumi.Output.secret(psk),
            "style": style,
            "tunnel_local_address": tunnel_local_address,
            "tunnel_peer_address": tunnel_peer_address,
            "ike_policy": ike_policy if ike_policy is not None else dict(IKE_POLICY),
            "ipsec_policy": ipsec_policy if ipsec_policy is not None else dict(IPSEC_POLICY),
            "tags": tags,
            "status": None,
        }
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(additional_secret_outputs=["psk"]))
        super().__init__(VpnConnectionProvider(), resource_name, props, opts)
