"""How each cloud's security-group resources say what they open: (source, ports) read per type token."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

ALL_PORTS = (0, 65535)
DENY_ACTIONS = frozenset({"drop", "deny", "reject"})
ALL_PROTOCOLS = frozenset({"-1", "all", ""})
#: Protocols without ports: an ICMP rule opens no listener.
PORTLESS = frozenset({"icmp", "icmpv6", "1", "58"})

#: (source, first port, last port) as read from the resource; parsed only after the unknown check.
Opening = tuple[Any, Any, Any]


def port_spans(text: Any) -> list[tuple[int, int]]:
    """'443', '80-90', '80/90', '-1/-1', 'ALL', '80,443' as (first, last) spans."""
    text = str(text).strip().upper()
    if text in ("ALL", "-1", "-1/-1", "-1--1", ""):
        return [ALL_PORTS]
    # A piece is split at its first "-", so its first port is never negative ("-1" alone is every port, above).
    spans = []
    for piece in text.split(","):
        low, _, high = piece.replace("/", "-").partition("-")
        spans.append((int(low), int(high or low)))
    return spans


def _aws(sources: Sequence[Any], protocol: Any, from_port: Any, to_port: Any) -> list[Opening]:
    protocol = str(protocol if protocol is not None else "-1").lower()
    if protocol in PORTLESS:
        return []
    span = (None, None) if protocol in ALL_PROTOCOLS else (from_port, to_port)
    return [(source, *span) for source in sources if source]


def _aws_entry(entry: Mapping[str, Any]) -> list[Opening]:
    sources = [*(entry.get("cidrBlocks") or []), *(entry.get("ipv6CidrBlocks") or [])]
    return _aws(sources, entry.get("protocol"), entry.get("fromPort"), entry.get("toPort"))


def _text_ports(sources: Sequence[Any], protocol: Any, ports: Any) -> list[Opening]:
    # Absent ports (None, or "") read as every port in `ingress._spans` and `port_spans`.
    protocol = str(protocol).lower()
    if protocol in PORTLESS:
        return []
    span = (None, None) if protocol in ("-1", "all") else (ports, "")
    return [(source, *span) for source in sources if source]


def _huawei(p: Mapping[str, Any]) -> list[Opening]:
    source = p.get("remoteIpPrefix")
    if not source and not p.get("remoteGroupId") and not p.get("remoteAddressGroupId"):
        # ethertype is required (pulumi_huaweicloud.vpc.SecgroupRuleArgs); absent all the same, it reads as IPv4,
        # the VPC API's default for a security group rule.
        source = "::/0" if str(p.get("ethertype")).lower() == "ipv6" else "0.0.0.0/0"
    ports = p.get("ports") or (f"{p['portRangeMin']}-{p.get('portRangeMax', p['portRangeMin'])}" if p.get("portRangeMin") is not None else None)
    return _text_ports([source], p.get("protocol"), ports)


def _volcengine(p: Mapping[str, Any]) -> list[Opening]:
    # protocol, portStart and portEnd are required (pulumi_volcengine.vpc.SecurityGroupRuleArgs); -1 is every port.
    # Absent all the same, they read as every port (`ingress._spans`).
    if str(p.get("protocol")).lower() in PORTLESS or not p.get("cidrIp"):
        return []
    return [(p["cidrIp"], p.get("portStart"), p.get("portEnd"))]


def _ingress(p: Mapping[str, Any], key: str = "type") -> bool:
    return str(p.get(key)).lower() == "ingress" and str(p.get("policy") or p.get("action")).lower() not in DENY_ACTIONS


#: Type -> (the properties that decide what it exposes, how to read its openings).
READERS: dict[str, tuple[tuple[str, ...], Callable[[Mapping[str, Any]], list[Opening]]]] = {
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (
        ("cidrIpv4", "cidrIpv6", "ipProtocol", "fromPort", "toPort"),
        lambda p: _aws([p.get("cidrIpv4"), p.get("cidrIpv6")], p.get("ipProtocol"), p.get("fromPort"), p.get("toPort")),
    ),
    "aws:ec2/securityGroupRule:SecurityGroupRule": (
        ("type", "cidrBlocks", "ipv6CidrBlocks", "protocol", "fromPort", "toPort"),
        lambda p: _aws_entry(p) if p.get("type") == "ingress" else [],
    ),
    "aws:ec2/securityGroup:SecurityGroup": (
        ("ingress", "ingress[].cidrBlocks", "ingress[].ipv6CidrBlocks", "ingress[].protocol", "ingress[].fromPort", "ingress[].toPort"),
        lambda p: [opening for entry in p.get("ingress") or [] for opening in _aws_entry(entry)],
    ),
    # The VPC's default group, adopted by the provider: its inline rules have the same shape as a group's.
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": (
        ("ingress", "ingress[].cidrBlocks", "ingress[].ipv6CidrBlocks", "ingress[].protocol", "ingress[].fromPort", "ingress[].toPort"),
        lambda p: [opening for entry in p.get("ingress") or [] for opening in _aws_entry(entry)],
    ),
    "alicloud:ecs/securityGroupRule:SecurityGroupRule": (
        ("type", "policy", "cidrIp", "ipv6CidrIp", "ipProtocol", "portRange"),
        lambda p: _text_ports([p.get("cidrIp"), p.get("ipv6CidrIp")], p.get("ipProtocol"), p.get("portRange", "-1/-1")) if _ingress(p) else [],
    ),
    "tencentcloud:Security/groupRule:GroupRule": (
        ("type", "policy", "cidrIp", "ipProtocol", "portRange"),
        lambda p: _text_ports([p.get("cidrIp")], p.get("ipProtocol"), p.get("portRange", "ALL")) if _ingress(p) else [],
    ),
    "tencentcloud:Security/groupRuleSet:GroupRuleSet": (
        # Per entry: a source-group reference (sourceSecurityId) opens nothing to the internet, so an unknown
        # group id leaves the rule checkable.
        ("ingresses", "ingresses[].action", "ingresses[].cidrBlock", "ingresses[].ipv6CidrBlock", "ingresses[].protocol", "ingresses[].port"),
        lambda p: [
            opening
            for entry in p.get("ingresses") or []
            if str(entry.get("action", "ACCEPT")).lower() not in DENY_ACTIONS
            for opening in _text_ports([entry.get("cidrBlock"), entry.get("ipv6CidrBlock")], entry.get("protocol"), entry.get("port", "ALL"))
        ],
    ),
    "huaweicloud:Vpc/secgroupRule:SecgroupRule": (
        ("direction", "action", "ethertype", "remoteIpPrefix", "remoteGroupId", "remoteAddressGroupId", "protocol", "ports", "portRangeMin", "portRangeMax"),
        lambda p: _huawei(p) if _ingress(p, "direction") else [],
    ),
    "volcengine:vpc/securityGroupRule:SecurityGroupRule": (
        ("direction", "policy", "cidrIp", "protocol", "portStart", "portEnd"),
        lambda p: _volcengine(p) if _ingress(p, "direction") else [],
    ),
}


def deciding_values(props: Mapping[str, Any], paths: Sequence[str]) -> list[Any]:
    """The values at ``paths``: ``name`` is a property, ``name[].key`` that key in each entry of a list property
    (the list itself is read through its plain name). Only these decide what a resource exposes."""
    values: list[Any] = []
    for path in paths:
        name, _, key = path.partition("[].")
        if not key:
            value = props.get(name)
            values.append(value if not isinstance(value, list) else None)
            if isinstance(value, list):
                values.extend(entry for entry in value if not isinstance(entry, Mapping))
            continue
        entries = props.get(name)
        if isinstance(entries, list):
            values.extend(entry.get(key) for entry in entries if isinstance(entry, Mapping))
    return values
