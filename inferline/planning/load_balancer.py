"""The site load balancer of every site (active and standby), planned from the profile and the security settings.

Timeouts come from the profile's longest request. Inference responses are streamed, so the longest *silence* on a
connection is the wait for the first token, bounded by the p99 target with a tail allowance; the longest *whole*
request is the upload of the largest payload from a slow client plus the longest streamed answer. Where the
cloud's L7 listener cannot hold that long (``inferline.clouds.load_balancers``), an L4 TLS listener is planned
instead if the cloud has one inferline builds with TLS 1.3; otherwise the plan is refused naming the profile field.

There is no HTTP listener: a client that speaks plain HTTP to an inference API has already sent its request and
bearer token in clear text before any redirect could answer, so port 80 stays closed and such a client fails
loudly instead (``LoadBalancerSpec.redirect_http_port`` is None).
"""

from __future__ import annotations

import math
from typing import Literal

from inferline.clouds.load_balancers import FACTS, LoadBalancerFacts
from inferline.config.profiles import ProfileTargets
from inferline.config.security import SecuritySettings
from inferline.errors import ConfigError, Problem
from inferline.planning.serving import LoadBalancerSpec
from inferline.planning.tls import LoadBalancerKind, tls_listener_policy

#: Path every inference server answers health checks on.
HEALTH_CHECK_PATH = "/health"
#: Seconds a health check waits for an answer: inside every cloud's range (AWS 2-120, Alibaba ALB 1-300, Tencent
#: 2-60, Huawei 1-50, Volcano Engine 1-60) and below the shortest allowed interval (5 s).
HEALTH_CHECK_TIMEOUT_S = 5
#: Consecutive successes / failures that flip a node's health: 2-10 is valid on every cloud's LB.
HEALTHY_THRESHOLD = 2
UNHEALTHY_THRESHOLD = 3
#: The slowest client upload the plan still serves, Mbit/s (a stated assumption, not a measurement).
SLOWEST_CLIENT_UPLOAD_MBIT_S = 20
#: The longest streamed answer, seconds: 4,096 output tokens at ~20 tokens/s per stream is ~205 s.
LONGEST_STREAM_S = 240
#: The p99 latency target times this is the longest wait for a first byte the plan tolerates (the tail past p99).
TAIL_ALLOWANCE = 10
#: Never plan an idle timeout below the clouds' common default: keep-alive connections are cheap to hold.
MIN_IDLE_TIMEOUT_S = 60


def idle_timeout_s(targets: ProfileTargets) -> int:
    """The longest silence a connection must survive: the wait for the first token, past the p99 target."""
    return max(MIN_IDLE_TIMEOUT_S, math.ceil(targets.p99_latency_ms * TAIL_ALLOWANCE / 1000))


def request_timeout_s(targets: ProfileTargets) -> int:
    """The longest whole request: the largest payload uploaded by the slowest client, then the longest answer."""
    upload_s = math.ceil(targets.max_payload_mb * 8 / SLOWEST_CLIENT_UPLOAD_MBIT_S)
    return upload_s + max(LONGEST_STREAM_S, idle_timeout_s(targets))


def plan_load_balancer(
    cloud: str, targets: ProfileTargets, security: SecuritySettings, path: str, zones: int | None = None
) -> LoadBalancerSpec:
    """The site load balancer on ``cloud``; raises ``ConfigError`` when no listener can hold the profile's longest
    request (at the profile field) or the site has fewer ``zones`` than the load balancer spans (at ``path``)."""
    facts = FACTS[cloud]
    if zones is not None and zones < facts.min_zones:
        raise ConfigError([Problem(f"{path}.zones", f"the {cloud} {facts.product} spans at least {facts.min_zones} zones; list {facts.min_zones} zones for this site")])
    idle, request = idle_timeout_s(targets), request_timeout_s(targets)
    kind, layer = _listener(facts, idle, request, path)
    return LoadBalancerSpec(
        kind=kind,
        layer=layer,
        # The first listener port is the HTTPS listener; further ones only stay open for what the user puts there.
        https_port=security.listener_ports[0],
        redirect_http_port=None,
        backend_port=security.serving_port,
        health_check_path=HEALTH_CHECK_PATH,
        health_check_interval_s=targets.health_check_interval_s,
        health_check_timeout_s=HEALTH_CHECK_TIMEOUT_S,
        healthy_threshold=HEALTHY_THRESHOLD,
        unhealthy_threshold=UNHEALTHY_THRESHOLD,
        idle_timeout_s=idle,
        request_timeout_s=request,
        tls=tls_listener_policy(cloud, kind),
        max_body_mb=targets.max_payload_mb,
    )


def _listener(facts: LoadBalancerFacts, idle: int, request: int, path: str) -> tuple[LoadBalancerKind, Literal[4, 7]]:
    l7_request_ok = facts.l7_max_request_s is None or request <= facts.l7_max_request_s
    if idle <= facts.l7_max_idle_s and l7_request_ok:
        return facts.l7_kind, 7
    if facts.l4_kind is not None and facts.l4_max_idle_s is not None and idle <= facts.l4_max_idle_s:
        return facts.l4_kind, 4
    if idle > facts.l7_max_idle_s:
        needs = f"an idle timeout of {idle} s ({TAIL_ALLOWANCE} x p99_latency_ms)"
        cap = f"{facts.cloud} {facts.product} listeners stop at {facts.l7_max_idle_s} s"
        field = "p99_latency_ms"
    else:
        needs = f"requests of up to {request} s (max_payload_mb at {SLOWEST_CLIENT_UPLOAD_MBIT_S} Mbit/s, then a {LONGEST_STREAM_S} s answer)"
        cap = f"{facts.cloud} {facts.product} listeners stop at {facts.l7_max_request_s} s"
        field = "max_payload_mb"
    fallback = facts.l4_unavailable or f"its L4 TLS listener stops at {facts.l4_max_idle_s} s idle"
    raise ConfigError([Problem(f"profile.{field}", f"{path} needs {needs}, but {cap} and {fallback}; lower profile.{field}")])


__all__ = ["idle_timeout_s", "plan_load_balancer", "request_timeout_s"]
