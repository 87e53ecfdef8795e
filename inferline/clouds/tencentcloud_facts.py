"""What Tencent Cloud accepts for regions, zones and VPC address space."""

from __future__ import annotations

from inferline.clouds.catalog import PRIVATE_RANGES, CloudFacts

FACTS = CloudFacts(
    cloud="tencentcloud",
    display_name="Tencent Cloud",
    # Public regions. Left out on purpose: the finance regions (ap-beijing-fsi,
    # ap-shanghai-fsi, ap-shenzhen-fsi), open only to vetted financial customers, and
    # ap-guangzhou-open. Also left out: ap-mumbai, eu-moscow and na-toronto, which older
    # SDK constants and zone tables name but the 2025 region pages no longer list;
    # whether they still take new resources was not verified.
    regions=frozenset(
        {
            "ap-bangkok",
            "ap-beijing",
            "ap-chengdu",
            "ap-chongqing",
            "ap-guangzhou",
            "ap-hongkong",
            "ap-jakarta",
            "ap-nanjing",
            "ap-seoul",
            "ap-shanghai",
            "ap-singapore",
            "ap-tokyo",
            "eu-frankfurt",
            "na-ashburn",
            "na-siliconvalley",
            "sa-saopaulo",
        }
    ),
    regions_source=(
        "TencentCloud/tencentcloud-sdk-go tencentcloud/common/regions/regions.go; Tencent Cloud "
        "'Regions and Availability Zones' pages (tencentcloud.com/document/product/628/33133, "
        "2025-03-18; TencentDB 239/4106; TKE 457/36736)"
    ),
    # Zones are the region plus "-<number>" (ap-guangzhou-3, ap-shanghai-fsi-1).
    zone_pattern="{region}-[0-9]+",
    zone_example="ap-guangzhou-3",
    zones_source=(
        "Tencent Cloud zone tables (tencentcloud.com/zh/document/product/239/4106, "
        "457/36736) and the Region API ZoneInfo type (document/api/1271/71927)"
    ),
    # /12 is the widest block for 10/8 and 172.16/12; 192.168/16 cannot go wider than
    # /16.
    vpc_prefix_range=(12, 28),
    subnet_prefix_range=(16, 28),
    # CreateVpc only takes blocks inside 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16.
    allowed_ranges=PRIVATE_RANGES,
    reserved_ranges=(),
    cidr_source=(
        "Tencent Cloud VPC API: CreateVpc (cloud.tencent.com/document/api/215/15774, updated "
        "2025-12-03) and CreateSubnet (tencentcloud.com/document/api/215/15782)"
    ),
    # CLB instances take security groups (clb.Instance `security_groups`), which backend rules can name.
    load_balancer_security_group=True,
    # The image and weights go on the AS launch configuration's system disk: terraform-provider-tencentcloud
    # v1.82.42 resource_tc_as_scaling_config.go system_disk_size ValidateIntegerInRange(50, 500).
    node_disk_max_gb=500,
    node_disk_source="AS scaling config system_disk_size 50-500 GB (terraform-provider-tencentcloud v1.82.42)",
)
