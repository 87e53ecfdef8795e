"""What AWS accepts for regions, zones and VPC address space."""

from __future__ import annotations

from inferline.clouds.catalog import CloudFacts, ReservedRange

FACTS = CloudFacts(
    cloud="aws",
    display_name="AWS",
    # The commercial partition ("aws"), plus AWS China ("aws-cn") and GovCloud
    # ("aws-us-gov"). Left out on purpose: the ISO partitions (us-iso*, eu-isoe-*) and
    # the European Sovereign Cloud (eusc-de-east-1), which ordinary accounts cannot
    # reach.
    regions=frozenset(
        {
            "af-south-1",
            "ap-east-1",
            "ap-east-2",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ap-southeast-5",
            "ap-southeast-6",
            "ap-southeast-7",
            "ca-central-1",
            "ca-west-1",
            "cn-north-1",
            "cn-northwest-1",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "il-central-1",
            "me-central-1",
            "me-south-1",
            "mx-central-1",
            "sa-east-1",
            "us-east-1",
            "us-east-2",
            "us-gov-east-1",
            "us-gov-west-1",
            "us-west-1",
            "us-west-2",
        }
    ),
    regions_source=(
        "botocore 1.43.11 botocore/data/partitions.json, partitions aws, aws-cn and aws-us-gov; "
        "the same ids appear in the Region enum of pulumi_aws 7.51.1"
    ),
    # Availability Zone names are the region plus one letter. Local Zones and Wavelength
    # Zones (e.g. us-west-2-lax-1a) do not match, which is deliberate: sites are placed
    # in AZs.
    zone_pattern="{region}[a-z]",
    zone_example="us-east-1a",
    zones_source="zone names used in the pulumi_aws 7.51.1 ec2 examples (us-east-1a, us-west-1a)",
    vpc_prefix_range=(16, 28),
    subnet_prefix_range=(16, 28),
    # AWS will create a VPC on almost any IPv4 block, public ones included, so nothing
    # here is refused outright. Not listed because the sources read did not say AWS
    # refuses them: 127.0.0.0/8, 169.254.0.0/16, 224.0.0.0/4. Also not listed: the rule
    # that 198.19.0.0/16 cannot be added as a secondary block to some VPCs, since it
    # depends on the primary block.
    reserved_ranges=(
        ReservedRange(
            "172.17.0.0/16",
            "documented conflict, not refused: AWS says some of its services (e.g. Cloud9, "
            "SageMaker) use this range and asks that VPCs avoid it",
        ),
    ),
    cidr_source=(
        "Amazon VPC User Guide, 'VPC CIDR blocks' (docs.aws.amazon.com/vpc/latest/userguide/"
        "vpc-cidr-blocks.html); EC2 API CreateSubnet reference (subnet size /16 to /28)"
    ),
    # ALBs always take security groups and NLBs have since August 2023 (lb.LoadBalancer `security_groups`).
    load_balancer_security_group=True,
    # The launch template's root EBS volume is gp3: 1-16,384 GiB (EBS User Guide, "Amazon EBS volume types").
    node_disk_max_gb=16384,
    node_disk_source="EBS gp3 volume size 1-16,384 GiB (Amazon EBS User Guide, volume types)",
)
