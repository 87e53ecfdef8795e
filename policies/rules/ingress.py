"""security-group-no-public-ingress: no rule opens a port to public address space but the listener ports."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from inferline.policies.rules.base import Finding, ResourceView, Rule, any_unknown, unknown
from inferline.policies.rules.openings import ALL_PORTS, READERS, Opening, deciding_values, port_spans

#: A source is public unless it lies entirely inside one of these (private, CGNAT, link-local, loopback, ULA).
NON_PUBLIC = tuple(
    ipaddress.ip_network(net)
    for net in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16", "127.0.0.0/8", "fc00::/7", "fe80::/10", "::1/128")
)


def is_public(source: str) -> bool:
    # The network of an address with a prefix: host bits are ignored ("10.1.2.3/8" is 10.0.0.0/8).
    network = ipaddress.ip_interface(source.strip()).network
    return not any(network.version == space.version and network.subnet_of(space) for space in NON_PUBLIC)  # type: ignore[arg-type]


#: Ports a security group may open to the internet unless the caller says otherwise: the stack's default listener
#: ports (``inferline:security.listener_ports``; a test keeps the two equal). Rules read only the recorded
#: resources and cloud facts, never the stack's configuration.
DEFAULT_ALLOWED_PUBLIC_PORTS = (443,)

NO_PUBLIC_INGRESS = Rule(
    name="security-group-no-public-ingress",
    description="Checks that no security-group rule opens a port to the internet except the load balancers' listener ports.",
    types={cloud: tuple(t for t in READERS if t.startswith(f"{cloud}:")) for cloud in ("aws", "alicloud", "tencentcloud", "huaweicloud", "volcengine")},
    excused={
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "egress only",
        "tencentcloud:Security/group:Group": "the group alone opens nothing; its rules are separate resources",
        "huaweicloud:Vpc/secgroup:Secgroup": "the group alone opens nothing; its rules are separate resources",
        "volcengine:vpc/securityGroup:SecurityGroup": "the group alone opens nothing; its rules are separate resources",
        "alicloud:ecs/securityGroup:SecurityGroup": "the group alone opens nothing; its rules are separate resources",
        "alicloud:alb/loadBalancerSecurityGroupAttachment:LoadBalancerSecurityGroupAttachment": "binds a group to an ALB; opens nothing itself",
    },
)


def _spans(opening: Opening) -> list[tuple[int, int]]:
    _, low, high = opening
    if low is None or (high == "" and not isinstance(low, int)):
        return [ALL_PORTS] if low is None else port_spans(low)
    low, high = int(low), int(high if high not in (None, "") else low)
    return [ALL_PORTS if low < 0 else (low, high)]


def ingress_ranges(resource: ResourceView) -> list[tuple[str, int, int]] | None:
    """(source, first port, last port) of each ingress the resource opens; None if the rule does not judge its type.

    Raises ``ValueError`` or ``TypeError`` on a value it cannot read: check for unknowns first.
    """
    reader = READERS.get(resource.type)
    if reader is None:
        return None
    return [(str(opening[0]), *span) for opening in reader[1](resource.props) for span in _spans(opening)]


def check_public_ingress(resource: ResourceView, allowed_ports: Sequence[int] = DEFAULT_ALLOWED_PUBLIC_PORTS) -> Finding | None:
    reader = READERS.get(resource.type)
    if reader is None:
        return None
    if any_unknown(*deciding_values(resource.props, reader[0])):
        return unknown(resource, "a source or port")
    allowed = set(allowed_ports)
    try:
        public = [(source, low, high) for source, low, high in ingress_ranges(resource) or [] if is_public(source)]
    except (TypeError, ValueError):
        return Finding(resource.urn, "unknown", "a source or port could not be read; could not be checked")
    for source, low, high in public:
        if not all(port in allowed for port in range(low, high + 1)):
            what = "all ports" if (low, high) == ALL_PORTS else f"ports {low}-{high}" if low != high else f"port {low}"
            return Finding(resource.urn, "violation", f"{what} open to {source}: only listener ports {sorted(allowed)} may be public")
    return None
