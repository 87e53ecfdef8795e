"""What Alibaba Cloud accepts for regions, zones and VPC address space."""

from __future__ import annotations

from inferline.clouds.catalog import CloudFacts, ReservedRange

FACTS = CloudFacts(
    cloud="alicloud",
    display_name="Alibaba Cloud",
    # Public regions where the VPC API is offered. Left out on purpose: regions the
    # endpoint pages mark closed (ap-southeast-2 Sydney, ap-south-1 Mumbai), and the
    # finance and government clouds (cn-*-finance-*, cn-north-2-gov-1), which need
    # separate approval.
    regions=frozenset(
        {
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-southeast-1",
            "ap-southeast-3",
            "ap-southeast-5",
            "ap-southeast-6",
            "ap-southeast-7",
            "cn-beijing",
            "cn-chengdu",
            "cn-fuzhou",
            "cn-guangzhou",
            "cn-hangzhou",
            "cn-heyuan",
            "cn-hongkong",
            "cn-huhehaote",
            "cn-nanjing",
            "cn-qingdao",
            "cn-shanghai",
            "cn-shenzhen",
            "cn-wuhan-lr",
            "cn-wulanchabu",
            "cn-zhangjiakou",
            "eu-central-1",
            "eu-west-1",
            "me-central-1",
            "me-east-1",
            "us-east-1",
            "us-west-1",
        }
    ),
    regions_source=(
        "Alibaba Cloud VPC 'Endpoints' pages for API vpc 2016-04-28, vpcpeer 2022-01-01 and "
        "vpcipam 2023-02-28 (alibabacloud.com/help/en/vpc/developer-reference/...-endpoint); "
        "aliyun/terraform-provider-alicloud alicloud/connectivity/regions.go (ValidRegions)"
    ),
    # Mainland and Hong Kong regions end in a letter and their zones add "-<letter>"
    # (cn-hangzhou-h); international regions end in a digit and their zones add the bare
    # letter (ap-southeast-1b, me-east-1a). The lookbehinds pick the form from the
    # region's last char.
    zone_pattern="{region}(?:(?<=[a-z])-[a-z]|(?<=[0-9])[a-z])",
    zone_example="cn-hangzhou-h",
    zones_source=(
        "zone ids in pulumi_alicloud 4.0.0 examples: cn-hangzhou-h, cn-beijing-k, "
        "ap-southeast-1b, ap-southeast-3a, me-east-1a"
    ),
    # The VPC docs give the 8..28 mask rule for the RFC 1918 blocks; the secondary-block
    # docs give it for every block, custom ones included.
    vpc_prefix_range=(8, 28),
    subnet_prefix_range=(16, 29),
    reserved_ranges=(
        ReservedRange("0.0.0.0/8", "refused: a VPC CIDR block may not start with 0"),
        ReservedRange(
            "100.64.0.0/10",
            "refused: carrier-grade NAT space, excluded from custom VPC blocks",
        ),
        ReservedRange(
            "127.0.0.0/8", "refused: loopback, excluded from custom VPC blocks"
        ),
        ReservedRange(
            "169.254.0.0/16", "refused: link-local, excluded from custom VPC blocks"
        ),
        ReservedRange(
            "224.0.0.0/4", "refused: multicast, excluded from custom VPC blocks"
        ),
    ),
    cidr_source=(
        "pulumi_alicloud 4.0.0 vpc.Network cidr_block and vpc.Switch cidr_block docs "
        "(mirroring the alicloud Terraform provider); Terraform doc "
        "'alicloud_vpc_ipv4_cidr_block' (help.aliyun.com/document_detail/2588220.html)"
    ),
    # ALB instances join ECS security groups (LoadBalancerJoinSecurityGroup API; "Add an ALB instance to a
    # security group", ALB user guide).
    load_balancer_security_group=True,
    # The image and weights go on the ESS scaling configuration's system disk, which the provider checks at
    # preview: terraform-provider-alicloud resource_alicloud_ess_scaling_configuration.go system_disk_size
    # IntBetween(20, 500).
    node_disk_max_gb=500,
    node_disk_source="ESS scaling configuration system_disk_size 20-500 GB (terraform-provider-alicloud)",
)
