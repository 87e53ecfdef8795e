"""One explicit provider per site: a site is one region of one cloud, and nothing uses a default provider.

Credentials are never passed here: each provider reads them from its usual environment variables or
profile (see the README's "Credentials" table), so they never land in the stack's state.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import pulumi

from inferline.clouds import CloudName


def _aws(name: str, region: str, opts: pulumi.ResourceOptions) -> pulumi.ProviderResource:
    import pulumi_aws as aws

    return aws.Provider(name, region=region, opts=opts)


def _alicloud(name: str, region: str, opts: pulumi.ResourceOptions) -> pulumi.ProviderResource:
    import pulumi_alicloud as alicloud

    return alicloud.Provider(name, region=region, opts=opts)


def _tencentcloud(name: str, region: str, opts: pulumi.ResourceOptions) -> pulumi.ProviderResource:
    import tencentcloud_iac_pulumi as tencentcloud

    return tencentcloud.Provider(name, region=region, opts=opts)


def _huaweicloud(name: str, region: str, opts: pulumi.ResourceOptions) -> pulumi.ProviderResource:
    import_huaweicloud()
    import pulumi_huaweicloud as huaweicloud

    return huaweicloud.Provider(name, region=region, opts=opts)


def _volcengine(name: str, region: str, opts: pulumi.ResourceOptions) -> pulumi.ProviderResource:
    import pulumi_volcengine as volcengine

    return volcengine.Provider(name, region=region, opts=opts)


_FACTORIES: dict[str, Callable[[str, str, pulumi.ResourceOptions], pulumi.ProviderResource]] = {
    "aws": _aws,
    "alicloud": _alicloud,
    "tencentcloud": _tencentcloud,
    "huaweicloud": _huaweicloud,
    "volcengine": _volcengine,
}


def site_provider(site: str, cloud: CloudName, region: str, opts: pulumi.ResourceOptions | None = None) -> pulumi.ProviderResource:
    """The provider every resource of ``site`` is created with, named ``{site}-{cloud}``."""
    return _FACTORIES[cloud](f"{site}-{cloud}", region, opts or pulumi.ResourceOptions())


def region_provider(cloud: CloudName, region: str, opts: pulumi.ResourceOptions | None = None) -> pulumi.ProviderResource:
    """A stack-level provider for ``region``, named ``{cloud}-{region}``: for what the stack shares across sites
    (a transit network's regional routers), which must not follow any one site's provider."""
    return _FACTORIES[cloud](f"{cloud}-{region}", region, opts or pulumi.ResourceOptions())


def import_huaweicloud() -> None:
    """Import pulumi_huaweicloud without its pkg_resources deprecation warning reaching users."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
        import pulumi_huaweicloud  # noqa: F401
