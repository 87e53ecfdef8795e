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
"""

from __future__ import annotations

import ipaddress
import math
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

import pulumi
from huaweicloudsdkcore.exceptions.exceptions import ServiceResponseException  # type: ignore[import-untyped]
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
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    ResourceProvider,
    UpdateResult,
)
from pulumi.runtime.rpc import UNKNOWN

from components.interconnect.huaweicloud.credentials import credentials_from_environment, is_not_found

__all__ = [
    "DirectConnectError",
    "VirtualGateway",
    "VirtualGatewayProvider",
    "VirtualInterface",
    "VirtualInterfaceProvider",
    "make_client",
]

#: Environment variables the credentials come from (those of the Huawei Cloud Pulumi/Terraform provider).

#: Huawei Cloud's default BGP ASN for virtual gateways; a virtual interface's peer may not use it.
HUAWEI_DEFAULT_ASN = 64512
MAX_ASN = 4_294_967_295


class DirectConnectError(RuntimeError):
    """A Direct Connect call failed, or a resource did not settle."""


def make_client(service: str, region: str) -> Any:
    """An SDK client for ``service`` (only ``"dc"``) in ``region``, with credentials from the environment.

    Tests replace this function to inject fake clients. Without ``HW_PROJECT_ID`` the SDK asks IAM for the
    region's project when the client is built.
    """
    if service != "dc":
        raise ValueError(f"this module only builds Direct Connect clients, not {service!r}")
    credentials = credentials_from_environment(DirectConnectError)
    try:
        endpoint = DcRegion.value_of(region)
    except KeyError as error:
        raise DirectConnectError(f"Direct Connect has no endpoint for region {region!r}") from error
    return DcClient.new_builder().with_credentials(credentials).with_region(endpoint).build()


def sleep(seconds: float) -> None:
    """Wait between status polls; tests replace it."""
    time.sleep(seconds)


# --- shared helpers ---------------------------------------------------------------------------------------


def _is_unknown(value: Any) -> bool:
    """True for a value a preview cannot know yet (or a list holding one)."""
    if isinstance(value, str):
        return value == UNKNOWN
    if isinstance(value, list | tuple):
        return any(_is_unknown(item) for item in value)
    return False




def _show(call: Callable[[], Any], attribute: str) -> Any | None:
    """The resource a show call returns, or None if the API answers 404."""
    try:
        response = call()
    except ServiceResponseException as error:
        if is_not_found(error):
            return None
        raise
    return getattr(response, attribute)


def _wait_settled(
    describe: Callable[[], Any | None],
    *,
    what: str,
    settled: frozenset[str],
    failed: frozenset[str],
    timeout_s: float,
    interval_s: float,
) -> Any:
    """Poll ``describe`` until the resource's status is settled; fail on a failed status or after the timeout."""
    polls = max(1, math.ceil(timeout_s / interval_s)) if interval_s > 0 else 1
    status = None
    for poll in range(polls + 1):
        resource = describe()
        if resource is None:
            raise DirectConnectError(f"{what} disappeared while waiting for it to become ready")
        status = resource.status
        if status in settled:
            return resource
        if status in failed:
            reason = getattr(resource, "reason", None)
            raise DirectConnectError(f"{what} is {status}" + (f": {reason}" if reason else ""))
        if poll < polls:
            sleep(interval_s)
    raise DirectConnectError(f"{what} is still {status} after {timeout_s:g} s")


def _wait_gone(describe: Callable[[], Any | None], *, what: str, timeout_s: float, interval_s: float) -> None:
    """Poll ``describe`` until the API no longer knows the resource (404, or status DELETED)."""
    polls = max(1, math.ceil(timeout_s / interval_s)) if interval_s > 0 else 1
    status = None
    for poll in range(polls + 1):
        resource = describe()
        if resource is None or resource.status == "DELETED":
            return
        status = resource.status
        if status == "ERROR":
            raise DirectConnectError(f"{what} went to ERROR while being deleted")
        if poll < polls:
            sleep(interval_s)
    raise DirectConnectError(f"{what} is still {status} {timeout_s:g} s after its deletion was requested")


def _cidr(value: str) -> str:
    """A CIDR in canonical form, for comparisons only (what is sent to the API is the input as written)."""
    return str(ipaddress.ip_network(value, strict=False))


def _cidr_set(values: Any) -> Any:
    """Order-insensitive, canonical form of a CIDR list, for comparisons; anything else unchanged."""
    if not isinstance(values, list | tuple) or _is_unknown(values):
        return values
    try:
        return sorted({_cidr(str(value)) for value in values})
    except ValueError:
        return sorted(str(value) for value in values)


def _interface_address(value: Any) -> Any:
    """``169.254.0.1/30`` and ``169.254.0.1`` compare on the address alone if either side lacks a prefix."""
    if not isinstance(value, str) or _is_unknown(value):
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


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


_NAME = re.compile(r"^[\w.\-]{1,64}$")


def _check_name(failures: list[CheckFailure], news: Mapping[str, Any], key: str = "name") -> None:
    value = news.get(key)
    if _is_unknown(value):
        return
    if not isinstance(value, str) or not _NAME.match(value):
        failures.append(CheckFailure(key, "must be 1-64 letters, digits, hyphens, underscores or dots"))


def _check_description(failures: list[CheckFailure], news: Mapping[str, Any]) -> None:
    value = news.get("description")
    if value is None or _is_unknown(value):
        return
    if not isinstance(value, str) or len(value) > 128 or "<" in value or ">" in value:
        failures.append(CheckFailure("description", "must be at most 128 characters, without '<' or '>'"))


def _check_required_text(failures: list[CheckFailure], news: Mapping[str, Any], key: str) -> None:
    value = news.get(key)
    if _is_unknown(value):
        return
    if not isinstance(value, str) or not value:
        failures.append(CheckFailure(key, "is required"))


def _check_region(failures: list[CheckFailure], news: Mapping[str, Any]) -> None:
    value = news.get("region")
    if _is_unknown(value):
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
    if _is_unknown(value):
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


class _DcProvider(ResourceProvider, ABC):
    """What both providers share: diffing inputs against the recorded outputs, polling, read and delete.

    Each subclass says how to show, describe and delete its resource, and which statuses are settled.
    """

    #: How messages name the resource ("virtual gateway").
    kind: ClassVar[str]
    #: Statuses that end a wait successfully, and statuses that fail it.
    settled: ClassVar[frozenset[str]]
    failed: ClassVar[frozenset[str]]

    #: Properties the update API changes in place.
    updatable: ClassVar[tuple[str, ...]] = ()
    #: Properties whose change needs a new resource.
    replacing: ClassVar[tuple[str, ...]] = ()
    #: CIDR lists compared without regard to order or notation.
    cidr_lists: ClassVar[tuple[str, ...]] = ()
    #: Interface addresses compared on the address alone when the API drops the prefix.
    interface_addresses: ClassVar[tuple[str, ...]] = ()
    #: Optional inputs the cloud fills in when absent: leaving them out is not a change.
    cloud_defaults: ClassVar[tuple[str, ...]] = ()

    def __init__(self, timeout_s: float = 1800.0, poll_interval_s: float = 5.0) -> None:
        super().__init__()
        # Plain numbers only: the provider is pickled into the stack state.
        self.timeout_s = timeout_s
        self.poll_interval_s = poll_interval_s

    def _differs(self, key: str, old: Any, new: Any) -> bool:
        if _is_unknown(new):
            return True
        if key in self.cloud_defaults and new is None:
            return False
        if key == "description":
            return bool(_text(old) != _text(new))
        if key in self.cidr_lists:
            return bool(_cidr_set(old) != _cidr_set(new))
        if key in self.interface_addresses and isinstance(old, str) and isinstance(new, str):
            return not _same_interface(old, new)
        return bool(old != new)

    def changed_keys(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        return [key for key in (*self.replacing, *self.updatable) if self._differs(key, olds.get(key), news.get(key))]

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        changed = self.changed_keys(olds, news)
        replaces = [key for key in changed if key in self.replacing]
        # Replacements go delete-first: the old and the new resource would collide (one virtual gateway per
        # VPC; one interface per VLAN on a connection).
        return DiffResult(
            changes=bool(changed),
            replaces=replaces,
            delete_before_replace=True if replaces else None,
        )

    def _check_no_replacement(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        changed = self.changed_keys(olds, news)
        replacing = [key for key in changed if key in self.replacing]
        if replacing:
            raise DirectConnectError(f"cannot change {', '.join(replacing)} in place; these need a replacement")
        return changed

    @staticmethod
    @abstractmethod
    def _show(client: Any, id_: str) -> Any | None:
        """The live resource, or None when the API answers 404."""

    @staticmethod
    @abstractmethod
    def _outputs(props: Mapping[str, Any], live: Any) -> dict[str, Any]:
        """The outputs Pulumi records."""

    @staticmethod
    @abstractmethod
    def _delete_call(client: Any, id_: str) -> Callable[[], Any]:
        """The call that deletes the resource."""

    def _settle_created(self, client: Any, id_: str, props: Mapping[str, Any]) -> CreateResult:
        """Wait for a new resource; if it fails to settle, ask for its deletion so nothing is left untracked."""
        try:
            live = self._wait(client, id_)
        except DirectConnectError as error:
            _abandon(self._delete_call(client, id_))
            raise DirectConnectError(f"{error}; deletion of {self.kind} {id_} was requested") from error
        return CreateResult(id_, self._outputs(props, live))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        client = make_client("dc", props["region"])
        live = self._show(client, id_)
        if live is None:
            return ReadResult(None, {})
        return ReadResult(id_, self._outputs(props, live))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        client = make_client("dc", props["region"])
        try:
            self._delete_call(client, id_)()
        except ServiceResponseException as error:
            if is_not_found(error):
                return
            raise
        _wait_gone(lambda: self._show(client, id_), what=f"{self.kind} {id_}", timeout_s=self.timeout_s, interval_s=self.poll_interval_s)

    def _wait(self, client: Any, id_: str) -> Any:
        return _wait_settled(
            lambda: self._show(client, id_),
            what=f"{self.kind} {id_}",
            settled=self.settled,
            failed=self.failed,
            timeout_s=self.timeout_s,
            interval_s=self.poll_interval_s,
        )


# --- virtual gateway --------------------------------------------------------------------------------------

_GATEWAY_SETTLED = frozenset({"ACTIVE", "DOWN"})
_GATEWAY_FAILED = frozenset({"ERROR"})


class VirtualGatewayProvider(_DcProvider):
    """Creates, reads, updates and deletes a Direct Connect virtual gateway (DC v3 API).

    - create: ``create_virtual_gateway``, then ``show_virtual_gateway`` until ACTIVE.
    - read: ``show_virtual_gateway`` (404: the gateway is gone).
    - update: ``update_virtual_gateway`` (name, description, local_ep_group), then ``show_virtual_gateway``
      until settled.
    - delete: ``delete_virtual_gateway`` (404 is success), then ``show_virtual_gateway`` until 404.
    """

    kind = "virtual gateway"
    settled = _GATEWAY_SETTLED
    failed = _GATEWAY_FAILED

    updatable = ("name", "description", "local_ep_group")
    replacing = ("region", "vpc_id", "bgp_asn")
    cidr_lists = ("local_ep_group",)
    cloud_defaults = ("bgp_asn",)

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
        if asn is not None and not _is_unknown(asn):
            _check_asn(failures, asn)
        return CheckResult(news, failures)

    def create(self, props: dict[str, Any]) -> CreateResult:
        client = make_client("dc", props["region"])
        description = props.get("description")
        body = CreateVirtualGateway(
            vpc_id=props["vpc_id"],
            name=props["name"],
            description=description or None,
            local_ep_group=list(props["local_ep_group"]),
            bgp_asn=_optional_int(props.get("bgp_asn")),
        )
        response = client.create_virtual_gateway(
            CreateVirtualGatewayRequest(body=CreateVirtualGatewayRequestBody(virtual_gateway=body))
        )
        return self._settle_created(client, response.virtual_gateway.id, props)

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        changed = self._check_no_replacement(olds, news)
        client = make_client("dc", news["region"])
        if changed:
            body = UpdateVirtualGateway(
                name=news["name"] if "name" in changed else None,
                description=_text(news.get("description")) if "description" in changed else None,
                local_ep_group=list(news["local_ep_group"]) if "local_ep_group" in changed else None,
            )
            client.update_virtual_gateway(
                UpdateVirtualGatewayRequest(virtual_gateway_id=id_, body=UpdateVirtualGatewayRequestBody(virtual_gateway=body))
            )
        return UpdateResult(_gateway_outputs(news, self._wait(client, id_)))

    @staticmethod
    def _show(client: Any, id_: str) -> Any | None:
        return _show_gateway(client, id_)

    @staticmethod
    def _outputs(props: Mapping[str, Any], live: Any) -> dict[str, Any]:
        return _gateway_outputs(props, live)

    @staticmethod
    def _delete_call(client: Any, id_: str) -> Callable[[], Any]:
        return lambda: client.delete_virtual_gateway(DeleteVirtualGatewayRequest(virtual_gateway_id=id_))


def _show_gateway(client: Any, gateway_id: str) -> Any | None:
    return _show(
        lambda: client.show_virtual_gateway(ShowVirtualGatewayRequest(virtual_gateway_id=gateway_id)),
        "virtual_gateway",
    )


def _gateway_outputs(props: Mapping[str, Any], gateway: Any) -> dict[str, Any]:
    """The gateway as the API reports it, falling back to the inputs for what the API leaves out."""

    def pick(api_value: Any, key: str) -> Any:
        return props.get(key) if api_value is None else api_value

    return {
        "region": props["region"],
        "name": pick(gateway.name, "name"),
        "vpc_id": pick(gateway.vpc_id, "vpc_id"),
        "local_ep_group": list(pick(gateway.local_ep_group, "local_ep_group") or []),
        "bgp_asn": _optional_int(pick(gateway.bgp_asn, "bgp_asn")),
        "description": _text(pick(gateway.description, "description")),
        "status": gateway.status,
    }


def _abandon(delete: Callable[[], Any]) -> None:
    """Best-effort deletion of a resource whose creation failed, so a failed create leaves nothing behind."""
    try:
        delete()
    except Exception as error:  # the creation error is the one to report
        pulumi.log.warn(f"could not delete a Direct Connect resource after its creation failed: {error}")


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


class VirtualInterfaceProvider(_DcProvider):
    """Creates, reads, updates and deletes a Direct Connect virtual interface (DC v3 API).

    - create: ``create_virtual_interface``, then ``show_virtual_interface`` until ACTIVE or DOWN.
    - read: ``show_virtual_interface`` (404: the interface is gone).
    - update: ``update_virtual_interface`` (name, description, bandwidth, remote_ep_group), then
      ``show_virtual_interface`` until settled.
    - delete: ``delete_virtual_interface`` (404 is success), then ``show_virtual_interface`` until 404, so a
      virtual gateway deleted next is no longer in use.
    """

    kind = "virtual interface"
    settled = _INTERFACE_SETTLED
    failed = _INTERFACE_FAILED

    updatable = ("name", "description", "bandwidth", "remote_ep_group")
    replacing = (
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
    cidr_lists = ("remote_ep_group",)
    interface_addresses = ("local_gateway_v4_ip", "remote_gateway_v4_ip")

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
        if not _is_unknown(inputs["type"]) and inputs["type"] not in _INTERFACE_TYPES:
            failures.append(CheckFailure("type", "must be 'private' (an interface to a virtual gateway)"))
        vlan: Any = inputs.get("vlan")
        if not _is_unknown(vlan) and (not _is_integer(vlan) or not 0 <= int(vlan) <= 3999):
            failures.append(CheckFailure("vlan", "must be a VLAN id between 0 and 3999"))
        bandwidth: Any = inputs.get("bandwidth")
        if not _is_unknown(bandwidth) and (not _is_integer(bandwidth) or int(bandwidth) < 2):
            failures.append(CheckFailure("bandwidth", "must be a whole number of Mbit/s, at least 2"))
        _check_cidrs(failures, inputs, "remote_ep_group")
        _check_gateway_addresses(failures, inputs)
        _check_routing(failures, inputs)
        return CheckResult(inputs, failures)

    def create(self, props: dict[str, Any]) -> CreateResult:
        client = make_client("dc", props["region"])
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
            bgp_asn=_optional_int(props.get("bgp_asn")) if bgp else None,
            bgp_md5=(props.get("bgp_md5") or None) if bgp else None,
            remote_ep_group=list(props["remote_ep_group"]),
        )
        response = client.create_virtual_interface(
            CreateVirtualInterfaceRequest(body=CreateVirtualInterfaceRequestBody(virtual_interface=body))
        )
        return self._settle_created(client, response.virtual_interface.id, props)

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        changed = self._check_no_replacement(olds, news)
        client = make_client("dc", news["region"])
        if changed:
            body = UpdateVirtualInterface(
                name=news["name"] if "name" in changed else None,
                description=_text(news.get("description")) if "description" in changed else None,
                bandwidth=int(news["bandwidth"]) if "bandwidth" in changed else None,
                remote_ep_group=list(news["remote_ep_group"]) if "remote_ep_group" in changed else None,
            )
            client.update_virtual_interface(
                UpdateVirtualInterfaceRequest(
                    virtual_interface_id=id_, body=UpdateVirtualInterfaceRequestBody(virtual_interface=body)
                )
            )
        return UpdateResult(_interface_outputs(news, self._wait(client, id_)))

    @staticmethod
    def _show(client: Any, id_: str) -> Any | None:
        return _show_interface(client, id_)

    @staticmethod
    def _outputs(props: Mapping[str, Any], live: Any) -> dict[str, Any]:
        return _interface_outputs(props, live)

    @staticmethod
    def _delete_call(client: Any, id_: str) -> Callable[[], Any]:
        return lambda: client.delete_virtual_interface(DeleteVirtualInterfaceRequest(virtual_interface_id=id_))


def _check_gateway_addresses(failures: list[CheckFailure], news: Mapping[str, Any]) -> None:
    """Both ends as ``address/prefix`` (what the API wants), distinct hosts of one IPv4 subnet."""
    interfaces: dict[str, ipaddress.IPv4Interface] = {}
    for key in ("local_gateway_v4_ip", "remote_gateway_v4_ip"):
        value = news.get(key)
        if _is_unknown(value):
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
    if _is_unknown(mode):
        return
    if mode not in _ROUTE_MODES:
        failures.append(CheckFailure("route_mode", "must be 'bgp' or 'static'"))
        return
    if mode == "static":
        for key, value in (("bgp_asn", asn), ("bgp_md5", md5)):
            if value is not None:
                failures.append(CheckFailure(key, "is only used with route_mode 'bgp'"))
        return
    if not _is_unknown(asn):
        if asn is None:
            failures.append(CheckFailure("bgp_asn", "is required with route_mode 'bgp' (the hub router's ASN)"))
        else:
            _check_asn(failures, asn)
            if _is_integer(asn) and int(asn) == HUAWEI_DEFAULT_ASN:
                failures.append(CheckFailure("bgp_asn", f"{HUAWEI_DEFAULT_ASN} is Huawei Cloud's own default ASN"))
    if md5 is not None and not _is_unknown(md5) and not _acceptable_md5_key(md5):
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


def _show_interface(client: Any, interface_id: str) -> Any | None:
    return _show(
        lambda: client.show_virtual_interface(ShowVirtualInterfaceRequest(virtual_interface_id=interface_id)),
        "virtual_interface",
    )


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
        "vlan": _optional_int(pick("vlan", interface.vlan)),
        "bandwidth": _optional_int(pick("bandwidth", interface.bandwidth)),
        "local_gateway_v4_ip": pick("local_gateway_v4_ip", interface.local_gateway_v4_ip, peer and peer.local_gateway_ip),
        "remote_gateway_v4_ip": pick("remote_gateway_v4_ip", interface.remote_gateway_v4_ip, peer and peer.remote_gateway_ip),
        "bgp_asn": _optional_int(pick("bgp_asn", peer and peer.bgp_asn)),
        "bgp_md5": props.get("bgp_md5"),
        "remote_ep_group": list(pick("remote_ep_group", interface.remote_ep_group, peer and peer.remote_ep_group) or []),
        "status": interface.status,
    }


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
