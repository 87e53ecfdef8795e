"""audit-trail-logging, finding by finding: outcome, URN and message exactly, for every branch."""

from __future__ import annotations

from typing import Any

import pytest

from inferline.policies.rules import Finding, ResourceView
from inferline.policies.rules.audit import check_trail_logging

URN = "urn:trail"
OFF = ": an inactive trail records nothing"


@pytest.mark.parametrize(
    ("token", "props", "expected"),
    [
        pytest.param("aws:cloudtrail/trail:Trail", {"enableLogging": True}, None, id="aws-on"),
        pytest.param("aws:cloudtrail/trail:Trail", {}, None, id="aws-unset-is-the-api-default-on"),
        pytest.param("aws:cloudtrail/trail:Trail", {"enableLogging": False}, Finding(URN, "violation", "enableLogging is False" + OFF), id="aws-off"),
        pytest.param(
            "aws:cloudtrail/trail:Trail",
            {"enableLogging": "<computed>"},
            Finding(URN, "unknown", "enableLogging is not known during preview (computed or secret); could not be checked"),
            id="aws-unknown",
        ),
        pytest.param("alicloud:actiontrail/trail:Trail", {"status": "Enable"}, None, id="alicloud-on"),
        pytest.param("alicloud:actiontrail/trail:Trail", {"status": "Disable"}, Finding(URN, "violation", "status is 'Disable'" + OFF), id="alicloud-off"),
        # The switch is compared without regard to case: a differently cased "off" is still off.
        pytest.param("alicloud:actiontrail/trail:Trail", {"status": "disable"}, Finding(URN, "violation", "status is 'disable'" + OFF), id="alicloud-off-lower-case"),
        pytest.param("alicloud:actiontrail/trail:Trail", {"status": "DISABLE"}, Finding(URN, "violation", "status is 'DISABLE'" + OFF), id="alicloud-off-upper-case"),
        pytest.param("alicloud:actiontrail/trail:Trail", {}, None, id="alicloud-unset"),
        pytest.param("tencentcloud:Audit/track:Track", {"status": 0}, Finding(URN, "violation", "status is 0" + OFF), id="tencent-off"),
        pytest.param("tencentcloud:Audit/track:Track", {"status": 1}, None, id="tencent-on"),
        pytest.param("huaweicloud:Cts/tracker:Tracker", {"enabled": False}, Finding(URN, "violation", "enabled is False" + OFF), id="huawei-off"),
        pytest.param(
            "huaweicloud:Cts/tracker:Tracker",
            {"enabled": "<secret>"},
            Finding(URN, "unknown", "enabled is not known during preview (computed or secret); could not be checked"),
            id="huawei-secret",
        ),
        pytest.param("aws:s3/bucket:Bucket", {"enableLogging": False}, None, id="not-a-trail"),
    ],
)
def test_findings_are_exact(token: str, props: dict[str, Any], expected: Finding | None) -> None:
    assert check_trail_logging(ResourceView(URN, token, props)) == expected
