"""Which listener policy names negotiate TLS 1.3 on each cloud: facts the policy pack checks listeners against
and the TLS planner (``inferline.planning.tls``) picks from."""

from __future__ import annotations

#: Values every cloud's TLS 1.3 policy may take, for checking a declared listener. Policies that also allow
#: TLS 1.0/1.1 (Alibaba Cloud tls_cipher_policy_1_0_to_1_3, Huawei Cloud tls-1-0-with-1-3) do not count.
TLS13_VALUES: dict[str, frozenset[str]] = {
    "aws": frozenset({
        "ELBSecurityPolicy-TLS13-1-2-2021-06",
        "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
        "ELBSecurityPolicy-TLS13-1-3-2021-06",
        "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
        # The post-quantum hybrid policy AWS now uses by default for new TLS listeners.
        "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
        "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    }),
    "alicloud": frozenset({"tls_cipher_policy_1_2_strict_with_1_3"}),
    "huaweicloud": frozenset({"tls-1-2-fs-with-1-3"}),
}
