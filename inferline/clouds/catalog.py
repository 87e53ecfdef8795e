"""Facts about each cloud that configuration is validated against.

Pure data, no Pulumi imports. Every table names its source so that a reviewer can check it and a
later session can refresh it. The per-cloud tables live in ``inferline.clouds.<cloud>_facts``
modules and are collected into ``CATALOG`` here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

CloudName = Literal["aws", "alicloud", "tencentcloud", "huaweicloud", "volcengine"]
CLOUDS: tuple[CloudName, ...] = get_args(CloudName)
#: The RFC 1918 private ranges, which some clouds require every VPC block to sit inside.
PRIVATE_RANGES = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")


@dataclass(frozen=True)
class ReservedRange:
    """An address range a cloud will not accept inside a VPC, with the reason it gives."""

    cidr: str
    reason: str


@dataclass(frozen=True)
class CloudFacts:
    """What inferline checks a site against before anything is declared."""

    cloud: CloudName
    display_name: str
    # Region ids as the cloud's API and Pulumi provider spell them.
    regions: frozenset[str]
    regions_source: str
    # Regular expression a zone id must match; ``{region}`` is replaced by the escaped region id.
    zone_pattern: str
    zone_example: str
    zones_source: str
    # Allowed prefix lengths of a VPC CIDR block and of a subnet (vSwitch) CIDR block, inclusive.
    vpc_prefix_range: tuple[int, int]
    subnet_prefix_range: tuple[int, int]
    # Ranges that may not be used for VPCs or subnets.
    reserved_ranges: tuple[ReservedRange, ...]
    cidr_source: str
    # Where a VPC block must sit, if the cloud restricts it; empty means anywhere not reserved.
    allowed_ranges: tuple[str, ...] = ()
    # Whether the cloud's L7 load balancer carries a security group that backend rules can name as a source.
    load_balancer_security_group: bool = True
    # Where backends see load-balancer traffic come from when it has no group: a documented fixed range, or
    # (empty) the edge subnets the load balancer runs in.
    load_balancer_source_cidrs: tuple[str, ...] = ()
    # Largest disk a GPU pool's scaling configuration gives a node for the container image and the weights
    # (``PoolSpec.root_disk_gb``), GB, and where that limit is stated; None where no limit was found.
    node_disk_max_gb: int | None = None
    node_disk_source: str = ""

    def zone_matches(self, region: str, zone: str) -> bool:
        pattern = self.zone_pattern.replace("{region}", re.escape(region))
        return re.fullmatch(pattern, zone) is not None
