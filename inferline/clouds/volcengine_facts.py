"""What Volcano Engine (Volcengine) accepts for regions, zones and VPC address space."""

from __future__ import annotations

from inferline.clouds.catalog import PRIVATE_RANGES, CloudFacts

FACTS = CloudFacts(
    cloud="volcengine",
    display_name="Volcano Engine",
    # Only regions a Volcengine page names as on sale. Not listed for want of evidence:
    # the special-purpose regions in SDK and provider examples (cn-beijing-autodriving,
    # cn-shanghai-autodriving, cn-beijing-selfdrive, cn-chongqing-sdv, cn-guilin-boe)
    # and ap-southeast-2, which the Go SDK names without saying where it is.
    regions=frozenset(
        {
            "ap-southeast-1",
            "ap-southeast-3",
            "cn-beijing",
            "cn-guangzhou",
            "cn-hongkong",
            "cn-shanghai",
        }
    ),
    regions_source=(
        "volcengine.com/docs/6645/1275704 (vePFS 'Regions and availability zones', updated "
        "2025-04-17); volcengine.com/docs/6313/170644 (RDS DescribeRegions example)"
    ),
    # Same split as Alibaba Cloud: mainland and Hong Kong zones add "-<letter>"
    # (cn-beijing-a); the Johor and Jakarta zones add the bare letter (ap-southeast-1a).
    # BytePlus, the separate international platform on the same API, writes
    # ap-southeast-1-a; that form is not accepted here because it is not a Volcengine
    # zone id.
    zone_pattern="{region}(?:(?<=[a-z])-[a-z]|(?<=[0-9])[a-z])",
    zone_example="cn-beijing-a",
    zones_source=(
        "volcengine.com/docs/6645/1275704 zone table (cn-beijing-a, cn-hongkong-b, "
        "ap-southeast-1a, ap-southeast-3b); CreateSubnet API example "
        "(volcengine.com/docs/6401/70496)"
    ),
    # The VPC bounds come from the BytePlus CreateVpc reference: same API version
    # (2020-04-01), and the copy of Volcengine's own CreateVpc page
    # (volcengine.com/docs/6401/70492) was cut off before its list of blocks. The subnet
    # bounds were NOT verified: neither CreateSubnet page read gave a mask range, so
    # this is a loose guess (no wider than the widest VPC, no narrower than /29) that
    # avoids rejecting a valid subnet.
    vpc_prefix_range=(8, 24),
    subnet_prefix_range=(8, 29),
    # CreateVpc only takes blocks inside 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16.
    allowed_ranges=PRIVATE_RANGES,
    reserved_ranges=(),
    cidr_source=(
        "BytePlus VPC API CreateVpc (docs.byteplus.com/en/docs/vpc/CreateVpc, version "
        "2020-04-01); volcengine/terraform-provider-volcengine volcengine_vpc and "
        "volcengine_subnet docs (blocks must be inside the three private ranges)"
    ),
    # ALB takes no security group; it reaches its backends, health checks included, from 100.64.0.0/10
    # (volcengine.com/docs/6767/145613), which is what backends must admit.
    load_balancer_security_group=False,
    load_balancer_source_cidrs=("100.64.0.0/10",),
    # The image and weights go on the scaling configuration's system volume: "System disk value range: 10 - 500"
    # (terraform-provider-volcengine v0.0.194 resource_volcengine_scaling_configuration.go, volumes.size; its
    # validator takes 10-8192 for any volume, the API holds the system disk to 500).
    node_disk_max_gb=500,
    node_disk_source="scaling configuration system volume 10-500 GB (terraform-provider-volcengine v0.0.194 volumes.size)",
)
