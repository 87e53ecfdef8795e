"""What Huawei Cloud accepts for regions, zones and VPC address space."""

from __future__ import annotations

from inferline.clouds.catalog import CloudFacts, ReservedRange

FACTS = CloudFacts(
    cloud="huaweicloud",
    display_name="Huawei Cloud",
    # Every region the SDK's VPC service knows. Some are run from separate sites with
    # their own accounts (eu-west-0 and eu-west-101 in Europe, ru-moscow-1 and
    # ru-northwest-2 in Russia, ae-ad-1, my-kualalumpur-1), so an account may not see
    # all of them.
    regions=frozenset(
        {
            "ae-ad-1",
            "af-north-1",
            "af-south-1",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ap-southeast-5",
            "cn-east-2",
            "cn-east-3",
            "cn-east-4",
            "cn-east-5",
            "cn-north-1",
            "cn-north-11",
            "cn-north-12",
            "cn-north-2",
            "cn-north-4",
            "cn-north-9",
            "cn-south-1",
            "cn-south-2",
            "cn-south-4",
            "cn-southwest-2",
            "cn-southwest-3",
            "eu-west-0",
            "eu-west-101",
            "la-north-2",
            "la-south-2",
            "me-east-1",
            "my-kualalumpur-1",
            "na-mexico-1",
            "ru-moscow-1",
            "ru-northwest-2",
            "sa-brazil-1",
            "tr-west-1",
        }
    ),
    regions_source=(
        "huaweicloud/huaweicloud-sdk-go-v3 services/vpc/v2/region/region.go (the VPC service's "
        "static region table)"
    ),
    # Zones are the region plus one letter, no separator (cn-north-4a).
    zone_pattern="{region}[a-z]",
    zone_example="cn-north-4a",
    zones_source="pulumi_huaweicloud 0.0.12 examples (cn-north-4a, cn-north-4b, cn-north-1a)",
    # 8..24 is documented for the RFC 1918 blocks. A subnet may be as wide as its VPC
    # and no narrower than /28.
    vpc_prefix_range=(8, 24),
    subnet_prefix_range=(8, 28),
    # Huawei Cloud also allows public (non-RFC 1918) VPC blocks, except these.
    # 255.255.255.255/32, which one version of the page lists, is already inside
    # 240.0.0.0/4.
    reserved_ranges=(
        ReservedRange("0.0.0.0/8", "refused: reserved public block"),
        ReservedRange("100.64.0.0/10", "refused: reserved for Huawei Cloud system use"),
        ReservedRange("127.0.0.0/8", "refused: reserved public block (loopback)"),
        ReservedRange(
            "169.254.0.0/16", "refused: reserved for Huawei Cloud system use"
        ),
        ReservedRange("198.18.0.0/15", "refused: reserved for Huawei Cloud system use"),
        ReservedRange("214.0.0.0/7", "refused: reserved for Huawei Cloud system use"),
        ReservedRange("240.0.0.0/4", "refused: reserved public block"),
    ),
    cidr_source=(
        "Huawei Cloud VPC FAQ on VPC CIDR blocks, tables 'VPC CIDR blocks (RFC 1918)' and "
        "'Reserved system and public CIDR blocks' (support.huaweicloud.com/eu/vpc_faq/"
        "vpc_faq_0004.html); VPC user guide 'Subnet' (support.huaweicloud.com/intl/en-us/"
        "ae-ad-1-usermanual-vpc/en-us_topic_0030969424.html); pulumi_huaweicloud 0.0.12 "
        "vpc.Vpc and vpc.Subnet docs"
    ),
    # A dedicated ELB takes no security group (lb.LoadBalancer security_group_ids is "schema: Deprecated") and
    # reaches backends from its own subnet ("allow traffic from the backend subnet where the load balancer
    # resides", ELB user guide elb_ug_hd_0007): backends admit the edge subnets.
    load_balancer_security_group=False,
    # The image and weights go on the AS configuration's encrypted data disk, 10-32,768 GB
    # (terraform-provider-huaweicloud docs/resources/as_configuration.md, disk.size; the system disk stops at 1,024).
    node_disk_max_gb=32768,
    node_disk_source="AS configuration data disk 10-32,768 GB (terraform-provider-huaweicloud as_configuration docs)",
)
