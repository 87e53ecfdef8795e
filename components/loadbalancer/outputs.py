"""What a site's load balancer hands to the pools behind it, cloud-neutral."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi


@dataclass
class LoadBalancerOutputs:
    load_balancer_id: pulumi.Output[str]
    #: The address clients (and later the global entry) reach: a DNS name where the cloud gives one, else an IP.
    address: pulumi.Output[str]
    #: What a scaling group registers its nodes with: AWS target group ARN, Alibaba ALB server group id, Tencent
    #: CLB listener id, Huawei dedicated ELB pool id, Volcano Engine ALB server group id.
    backend_group_id: pulumi.Output[str]
    #: Tencent Cloud only: the L7 forwarding rule (location) the scaling group's forward load balancer names.
    rule_id: pulumi.Output[str] | None = None
