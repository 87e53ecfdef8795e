"""tls-listener-tls13: every TLS listener (or the custom configuration that sets its protocols) allows TLS 1.3."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from inferline.clouds.tls import TLS13_VALUES
from inferline.policies.rules.base import Finding, ResourceView, Rule, any_unknown, is_unknown, unknown

TLS_PROTOCOLS = frozenset({"HTTPS", "TLS", "QUIC", "TERMINATED_HTTPS"})
_SSL_PROTOCOLS = re.compile(r"ssl_protocols\s+([^;]*);?")


def _is_tls(props: Mapping[str, Any]) -> bool:
    protocol = props.get("protocol") or props.get("listenerProtocol")
    return isinstance(protocol, str) and protocol.upper() in TLS_PROTOCOLS


def _named_policy(resource: ResourceView, prop: str, cloud: str) -> Finding | None:
    """A listener whose TLS policy is one property holding a named policy."""
    value = resource.props.get(prop)
    if value in TLS13_VALUES[cloud]:
        return None
    return Finding(resource.urn, "violation", f"{prop} is {value!r}: it must be a TLS 1.3 policy ({', '.join(sorted(TLS13_VALUES[cloud]))})")


def _huawei_dedicated(resource: ResourceView) -> Finding | None:
    if resource.props.get("securityPolicyId"):
        return Finding(resource.urn, "unknown", "securityPolicyId names a custom security policy whose protocols the listener does not show; could not be checked")
    return _named_policy(resource, "tlsCiphersPolicy", "huaweicloud")


def _custom_config(resource: ResourceView, prop: str) -> Finding | None:
    """A custom configuration (nginx-style): if it sets ssl_protocols, they must include TLSv1.3."""
    content = resource.props.get(prop)
    match = _SSL_PROTOCOLS.search(content) if isinstance(content, str) else None
    if match is None or "TLSv1.3" in match.group(1).split():
        return None
    return Finding(resource.urn, "violation", f"{prop} sets ssl_protocols {match.group(1).strip()!r}: it must include TLSv1.3")


#: The custom configuration a Volcano Engine ALB listener takes its TLS versions from.
VOLCENGINE_ALB_CONFIG = "volcengine:alb/customizedCfg:CustomizedCfg"


def urn_type(urn: str) -> str:
    """The resource type a URN names (``urn:pulumi:stack::project::parent$type::name``)."""
    parts = urn.split("::")
    return parts[2].rpartition("$")[2] if len(parts) >= 4 else ""


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


def _refused(resource: ResourceView, reason: str) -> Finding | None:
    return Finding(resource.urn, "violation", reason)


class TlsCheck(NamedTuple):
    """How the rule judges one type. Plain data: the check runs with its arguments when a resource is checked,
    so nothing of it runs when CHECKS is built at import (where tests and mutation testing could not reach it)."""

    #: A listener, judged only when its protocol is a TLS one; otherwise a configuration, always judged.
    listener: bool
    #: The properties the check reads: an unknown one makes the resource "could not be checked".
    reads: tuple[str, ...]
    check: Callable[..., Finding | None]
    args: tuple[str, ...] = ()


CHECKS: dict[str, TlsCheck] = {
    "aws:lb/listener:Listener": TlsCheck(True, ("sslPolicy",), _named_policy, ("sslPolicy", "aws")),
    "aws:alb/listener:Listener": TlsCheck(True, ("sslPolicy",), _named_policy, ("sslPolicy", "aws")),
    "alicloud:alb/listener:Listener": TlsCheck(True, ("securityPolicyId",), _named_policy, ("securityPolicyId", "alicloud")),
    "alicloud:slb/listener:Listener": TlsCheck(True, ("tlsCipherPolicy",), _named_policy, ("tlsCipherPolicy", "alicloud")),
    "tencentcloud:Clb/customizedConfig:CustomizedConfig": TlsCheck(False, ("configContent",), _custom_config, ("configContent",)),
    "huaweicloud:DedicatedElb/listener:Listener": TlsCheck(True, ("securityPolicyId", "tlsCiphersPolicy"), _huawei_dedicated),
    "volcengine:alb/customizedCfg:CustomizedCfg": TlsCheck(False, ("customizedCfgContent",), _custom_config, ("customizedCfgContent",)),
    # No fields to gate on: the check reads customizedCfgId and where a computed one comes from.
    "volcengine:alb/listener:Listener": TlsCheck(True, (), _volcengine_alb),
    "volcengine:clb/listener:Listener": TlsCheck(True, (), _refused, ("Volcengine CLB listeners cannot negotiate TLS 1.3; use an ALB",)),
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
    if entry.listener and any_unknown(resource.props.get("protocol"), resource.props.get("listenerProtocol")):
        return unknown(resource, "the listener protocol")
    if entry.listener and not _is_tls(resource.props):
        return None
    if any_unknown(*(resource.props.get(name) for name in entry.reads)):
        return unknown(resource, " / ".join(entry.reads))
    return entry.check(resource, *entry.args)
