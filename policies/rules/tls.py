"""tls-listener-tls13: every TLS listener (or the custom configuration that sets its protocols) allows TLS 1.3."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

from inferline.clouds.tls import TLS13_VALUES
from inferline.policies.rules.base import Finding, ResourceView, Rule, any_unknown, is_unknown, unknown

TLS_PROTOCOLS = frozenset({"HTTPS", "TLS", "QUIC", "TERMINATED_HTTPS"})
_SSL_PROTOCOLS = re.compile(r"ssl_protocols\s+([^;]*);?")


def _protocol(props: Mapping[str, Any]) -> str:
    return str(props.get("protocol") or props.get("listenerProtocol") or "").upper()


def _named_policy(prop: str, cloud: str, resource: ResourceView) -> Finding | None:
    """A listener whose TLS policy is one property holding a named policy."""
    value = resource.props.get(prop)
    if value in TLS13_VALUES[cloud]:
        return None
    return Finding(resource.urn, "violation", f"{prop} is {value!r}: it must be a TLS 1.3 policy ({', '.join(sorted(TLS13_VALUES[cloud]))})")


# The checks below are module functions bound with functools.partial rather than closures, so that their logic
# runs when a resource is checked (where tests and mutation testing reach it), not when CHECKS is built at import.
def _policy(prop: str, cloud: str) -> Callable[[ResourceView], Finding | None]:
    return functools.partial(_named_policy, prop, cloud)


def _huawei_dedicated(resource: ResourceView) -> Finding | None:
    if resource.props.get("securityPolicyId"):
        return Finding(resource.urn, "unknown", "securityPolicyId names a custom security policy whose protocols the listener does not show; could not be checked")
    return _named_policy("tlsCiphersPolicy", "huaweicloud", resource)


def _custom_config_check(prop: str, resource: ResourceView) -> Finding | None:
    """A custom configuration (nginx-style): if it sets ssl_protocols, they must include TLSv1.3."""
    match = _SSL_PROTOCOLS.search(str(resource.props.get(prop) or ""))
    if match is None or "TLSv1.3" in match.group(1).split():
        return None
    return Finding(resource.urn, "violation", f"{prop} sets ssl_protocols {match.group(1).strip()!r}: it must include TLSv1.3")


def _custom_config(prop: str) -> Callable[[ResourceView], Finding | None]:
    return functools.partial(_custom_config_check, prop)


#: The custom configuration a Volcano Engine ALB listener takes its TLS versions from.
VOLCENGINE_ALB_CONFIG = "volcengine:alb/customizedCfg:CustomizedCfg"


def urn_type(urn: str) -> str:
    """The resource type a URN names (``urn:pulumi:stack::project::parent$type::name``)."""
    parts = urn.split("::")
    return parts[2].rsplit("$", 1)[-1] if len(parts) >= 4 else ""


def _volcengine_alb(resource: ResourceView) -> Finding | None:
    config_id = resource.props.get("customizedCfgId")
    if is_unknown(config_id):
        # Computed in a first preview: enough that it comes from a custom configuration this program declares,
        # since that configuration is judged on its own.
        if any(urn_type(urn) == VOLCENGINE_ALB_CONFIG for urn in resource.property_dependencies.get("customizedCfgId", ())):
            return None
        return unknown(resource, "customizedCfgId")
    if config_id:
        return None  # the custom configuration is judged on its own
    return Finding(resource.urn, "violation", "a Volcengine ALB TLS listener needs customizedCfgId: a custom configuration with ssl_protocols TLSv1.2 TLSv1.3")


def _refused(reason: str, resource: ResourceView) -> Finding | None:
    return Finding(resource.urn, "violation", reason)


def _never(reason: str) -> Callable[[ResourceView], Finding | None]:
    return functools.partial(_refused, reason)


#: Type -> (whether it is a listener filtered by protocol, the properties it reads, its check).
CHECKS: dict[str, tuple[bool, tuple[str, ...], Callable[[ResourceView], Finding | None]]] = {
    "aws:lb/listener:Listener": (True, ("sslPolicy",), _policy("sslPolicy", "aws")),
    "aws:alb/listener:Listener": (True, ("sslPolicy",), _policy("sslPolicy", "aws")),
    "alicloud:alb/listener:Listener": (True, ("securityPolicyId",), _policy("securityPolicyId", "alicloud")),
    "alicloud:slb/listener:Listener": (True, ("tlsCipherPolicy",), _policy("tlsCipherPolicy", "alicloud")),
    "tencentcloud:Clb/customizedConfig:CustomizedConfig": (False, ("configContent",), _custom_config("configContent")),
    "huaweicloud:DedicatedElb/listener:Listener": (True, ("securityPolicyId", "tlsCiphersPolicy"), _huawei_dedicated),
    "volcengine:alb/customizedCfg:CustomizedCfg": (False, ("customizedCfgContent",), _custom_config("customizedCfgContent")),
    # No fields to gate on: the check reads customizedCfgId and where a computed one comes from.
    "volcengine:alb/listener:Listener": (True, (), _volcengine_alb),
    "volcengine:clb/listener:Listener": (True, (), _never("Volcengine CLB listeners cannot negotiate TLS 1.3; use an ALB")),
}

TLS13_LISTENERS = Rule(
    name="tls-listener-tls13",
    description="Checks that every TLS listener negotiates TLS 1.3 with its cloud's policy, so inference traffic gets modern encryption.",
    types={cloud: tuple(t for t in CHECKS if t.startswith(f"{cloud}:")) for cloud in ("aws", "alicloud", "tencentcloud", "huaweicloud", "volcengine")},
    excused={
        "tencentcloud:Clb/listener:Listener": (
            "a CLB listener has no TLS setting: the one custom configuration of its CLB "
            "(tencentcloud:Clb/customizedConfig:CustomizedConfig, judged by this rule) sets ssl_protocols for every layer-7 listener"
        ),
    },
)


def check_tls13_listener(resource: ResourceView) -> Finding | None:
    entry = CHECKS.get(resource.type)
    if entry is None:
        return None
    listener, fields, check = entry
    if listener and any_unknown(resource.props.get("protocol"), resource.props.get("listenerProtocol")):
        return unknown(resource, "the listener protocol")
    if listener and _protocol(resource.props) not in TLS_PROTOCOLS:
        return None
    if any_unknown(*(resource.props.get(name) for name in fields)):
        return unknown(resource, " / ".join(fields))
    return check(resource)
