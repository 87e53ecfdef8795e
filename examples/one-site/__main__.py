"""One GPU inference site on Alibaba Cloud, built with inferline as a library.

The configuration is written here instead of under `inferline:` in a stack file; it goes through the same
validation and planning (`plan_stack`) as inferline's own program, so a mistake stops the program with every
problem listed and nothing declared.
"""

import pulumi

from inferline.components.security import PrivateCertificateAuthority
from inferline.components.site import Site
from inferline.config.loader import parse_config
from inferline.errors import ConfigError
from inferline.planning.stack import plan_stack

CONFIG = {
    "environment": "dev",
    "profile": {"name": "ecommerce-recsys"},
    "sites": [{"name": "hz", "cloud": "alicloud", "region": "cn-hangzhou", "zones": ["cn-hangzhou-h", "cn-hangzhou-i"]}],
    "tags": {"team": "search"},
}

try:
    plan = plan_stack(parse_config(CONFIG), pulumi.get_stack())
except ConfigError as error:
    raise pulumi.RunError(error.render()) from None

ca = PrivateCertificateAuthority("my-ca", organization="Example Search")
site = Site(plan.sites["hz"], certificate_authority=ca, random_provider=None)

pulumi.export("vpcId", site.network.outputs.vpc_id)
pulumi.export("privateSubnetIds", site.network.outputs.private_subnet_ids)
pulumi.export("kmsKeyId", site.security.outputs.encryption.key_id)
