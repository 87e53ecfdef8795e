"""What every Huawei Cloud dynamic provider shares: credentials from the environment, and 'not found'."""

from __future__ import annotations

import os

from huaweicloudsdkcore.auth.credentials import BasicCredentials  # type: ignore[import-untyped]
from huaweicloudsdkcore.exceptions.exceptions import ServiceResponseException  # type: ignore[import-untyped]

#: The variables the Huawei Cloud Pulumi and Terraform providers read, read here at call time so that
#: credentials never enter a provider object, its pickle, inputs or outputs.
ACCESS_KEY_ENV = "HW_ACCESS_KEY"
SECRET_KEY_ENV = "HW_SECRET_KEY"
PROJECT_ID_ENV = "HW_PROJECT_ID"
SECURITY_TOKEN_ENV = "HW_SECURITY_TOKEN"


def credentials_from_environment(error: type[Exception]) -> BasicCredentials:
    """AK/SK (and project id, and a security token for temporary credentials, when set); ``error`` if missing.

    Without ``HW_PROJECT_ID`` the SDK asks IAM for the region's project when the client is built.
    """
    access_key = os.environ.get(ACCESS_KEY_ENV)
    secret_key = os.environ.get(SECRET_KEY_ENV)
    if not access_key or not secret_key:
        raise error(
            f"Huawei Cloud credentials are missing: set {ACCESS_KEY_ENV} and {SECRET_KEY_ENV} "
            f"(and optionally {PROJECT_ID_ENV}) in the environment of `pulumi up`"
        )
    credentials = BasicCredentials(access_key, secret_key, os.environ.get(PROJECT_ID_ENV) or None)
    token = os.environ.get(SECURITY_TOKEN_ENV)
    return credentials.with_security_token(token) if token else credentials


def is_not_found(error: Exception) -> bool:
    return isinstance(error, ServiceResponseException) and error.status_code == 404
