"""Security rules: key rotation, no public ingress but listener ports, TLS 1.3 on every TLS listener."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from inferline.clouds.tls import TLS13_VALUES
from inferline.policies.rules.base import Finding, ResourceView, Rule, is_unknown

#: Key type -> (property, value meaning "rotation on").
KEY_ROTATION = {
    "aws:kms/key:Key": ("enableKeyRotation", True),
    "alicloud:kms/key:Key": ("automaticRotation", "Enabled"),
    "tencentcloud:Kms/key:Key": ("keyRotationEnabled", True),
    "huaweicloud:Dew/key:Key": ("rotationEnabled", True),
    "volcengine:kms/key:Key": ("rotateState", "Enable"),
}
PUBLIC_CIDRS = frozenset({"0.0.0.0/0", "::/0"})
ALL_PORTS = (0, 65535)

KMS_KEY_ROTATION = Rule(
    name="kms-key-rotation-enabled",
    description="Checks that every customer-managed key rotates automatically, so a leaked key version has a bounded life.",
    types={type_.split(":")[0]: (type_,) for type_ in KEY_ROTATION},
)
NO_PUBLIC_INGRESS = Rule(
    name="security-group-no-public-ingress",
    description="Checks that no security-group rule opens a port to the internet except the load balancers' listener ports.",
    types={
        "aws": ("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",),
        "alicloud": ("alicloud:ecs/securityGroupRule:SecurityGroupRule",),
        "tencentcloud": ("tencentcloud:Security/groupRuleSet:GroupRuleSet",),
        "huaweicloud": ("huaweicloud:Vpc/secgroupRule:SecgroupRule",),
        "volcengine": ("volcengine:vpc/securityGroupRule:SecurityGroupRule",),
    },
)
TLS13_LISTENERS = Rule(
    name="tls-listener-tls13",
    description="Checks that every TLS listener negotiates TLS 1.3 with its cloud's policy, so inference traffic gets modern encryption.",
    types={
        "aws": ("aws:lb/listener:Listener",),
        "alicloud": ("alicloud:alb/listener:Listener", "alicloud:slb/listener:Listener"),
        "huaweicloud": ("huaweicloud:DedicatedElb/listener:Listener",),
        "volcengine": ("volcengine:clb/listener:Listener",),
    },
)


def check_key_rotation(resource: ResourceView) -> Finding | None:
    if resource.type not in KEY_ROTATION:
        return None
    prop, on = KEY_ROTATION[resource.type]
    value = resource.props.get(prop)
    if is_unknown(value):
        return Finding(resource.urn, "unknown", f"{prop} is not known during preview; could not be checked")
    if value != on:
        return Finding(resource.urn, "violation", f"{prop} must be {on!r}: keys rotate automatically")
    return None


#: The properties that decide what a rule exposes, per cloud; other unknowns (the group's id) do not matter.
_EXPOSURE_FIELDS = {
    "aws": ("cidrIpv4", "cidrIpv6", "ipProtocol", "fromPort", "toPort"),
    "alicloud": ("type", "cidrIp", "portRange", "policy"),
    "tencentcloud": ("ingresses",),
    "huaweicloud": ("direction", "remoteIpPrefix", "ports", "action"),
    "volcengine": ("direction", "cidrIp", "portStart", "portEnd", "policy"),
}
#: Rule actions that close rather than open; such rules never expose anything.
DENY_ACTIONS = frozenset({"drop", "deny", "reject"})


def ingress_ranges(resource: ResourceView) -> list[tuple[str, int, int]] | None:
    """(source CIDR, first port, last port) of each ingress a rule resource opens (deny rules open nothing)."""
    if not any(resource.type in types for types in NO_PUBLIC_INGRESS.types.values()):
        return None
    props = resource.props
    kind = resource.type.split(":")[0]
    if str(props.get("policy") or props.get("action") or "").lower() in DENY_ACTIONS:
        return []
    if kind == "aws":
        cidr = props.get("cidrIpv4") or props.get("cidrIpv6")
        if props.get("ipProtocol") in ("-1", "all"):
            return [(cidr, *ALL_PORTS)] if cidr else []
        return [(cidr, int(props.get("fromPort", 0)), int(props.get("toPort", 65535)))] if cidr else []
    if kind == "alicloud":
        if props.get("type") != "ingress" or not props.get("cidrIp"):
            return []
        return [(props["cidrIp"], *_port_span(str(props.get("portRange", "-1/-1")).replace("/", "-")))]
    if kind == "tencentcloud":
        entries = props.get("ingresses") or []
        return [
            (entry["cidrBlock"], *_port_span(str(entry.get("port", "ALL"))))
            for entry in entries
            if entry.get("cidrBlock") and str(entry.get("action", "ACCEPT")).lower() not in DENY_ACTIONS
        ]
    if kind == "huaweicloud":
        if props.get("direction") != "ingress" or not props.get("remoteIpPrefix"):
            return []
        return [(props["remoteIpPrefix"], *_port_span(str(props.get("ports", "ALL"))))]
    if kind == "volcengine":
        if props.get("direction") != "ingress" or not props.get("cidrIp"):
            return []
        start, end = int(props.get("portStart", -1)), int(props.get("portEnd", -1))
        return [(props["cidrIp"], *(ALL_PORTS if start < 0 else (start, end)))]
    return None


def _port_span(text: str) -> tuple[int, int]:
    """'443', '80-90', '-1-1' style ranges, 'ALL'; a list ('80,443') spans its lowest to highest port."""
    if text.upper() in ("ALL", "-1", "-1--1", "1-65535"):
        return ALL_PORTS
    ports = [int(piece) for piece in text.replace("-", ",").split(",") if piece]
    return min(ports), max(ports)


def check_public_ingress(resource: ResourceView, allowed_ports: Sequence[int] = (443,)) -> Finding | None:
    ranges = ingress_ranges(resource)
    if ranges is None:
        return None
    if any(is_unknown(value) for field in _EXPOSURE_FIELDS[resource.type.split(":")[0]] for value in _flat(resource.props.get(field))):
        return Finding(resource.urn, "unknown", "a source or port is not known during preview; could not be checked")
    for cidr, low, high in ranges:
        if cidr in PUBLIC_CIDRS and not (low == high and low in allowed_ports):
            span = "all ports" if (low, high) == ALL_PORTS else f"ports {low}-{high}" if low != high else f"port {low}"
            return Finding(resource.urn, "violation", f"{span} open to {cidr}: only listener ports {list(allowed_ports)} may be public")
    return None


def _flat(value: Any) -> Iterable[Any]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _flat(item)
    elif isinstance(value, list):
        for item in value:
            yield from _flat(item)
    else:
        yield value


def check_tls13_listener(resource: ResourceView) -> Finding | None:
    props, type_ = resource.props, resource.type
    protocol = str(props.get("protocol") or props.get("listenerProtocol") or "").upper()
    if type_ not in {t for types in TLS13_LISTENERS.types.values() for t in types} or protocol not in ("HTTPS", "TLS", "QUIC"):
        return None
    if type_ == "volcengine:clb/listener:Listener":
        return Finding(resource.urn, "violation", "Volcengine CLB listeners cannot negotiate TLS 1.3; use an ALB")
    prop = {
        "aws:lb/listener:Listener": "sslPolicy",
        "alicloud:alb/listener:Listener": "securityPolicyId",
        "alicloud:slb/listener:Listener": "tlsCipherPolicy",
        "huaweicloud:DedicatedElb/listener:Listener": "tlsCiphersPolicy",
    }[type_]
    value = props.get(prop)
    if is_unknown(value):
        return Finding(resource.urn, "unknown", f"{prop} is not known during preview; could not be checked")
    if value not in TLS13_VALUES[type_.split(":")[0]]:
        return Finding(resource.urn, "violation", f"{prop} is {value!r}: it must be a TLS 1.3 policy ({', '.join(sorted(TLS13_VALUES[type_.split(':')[0]]))})")
    return None
