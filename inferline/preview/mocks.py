"""Mocks that answer like a preview: plausible ids and ARNs, every other computed output unknown."""

from __future__ import annotations

import asyncio
import hashlib
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from google.protobuf import json_format
from pulumi.runtime.mocks import MockCallArgs, MockMonitor, MockResourceArgs, Mocks

from inferline.preview.record import COMPUTED, PreviewError, ResourceRecord, plain_struct, provider_urn
from inferline.preview.schema import InputProblem, check_dynamic

#: The AWS account id the preview pretends to deploy into (an obviously fake one).
PREVIEW_AWS_ACCOUNT = "123456789012"
#: The Alibaba Cloud account id the preview pretends to deploy into.
PREVIEW_ALICLOUD_ACCOUNT = "1234567890123456"
#: The Tencent Cloud account (UIN) and APPID the preview pretends to deploy into.
PREVIEW_TENCENT_UIN = "100000000001"
PREVIEW_TENCENT_APPID = "1250000000"


class UnknownInvokeError(PreviewError):
    """The program called a data source the offline preview cannot answer."""

    def __init__(self, token: str) -> None:
        super().__init__(
            f"the offline preview has no answer for the invoke '{token}'; "
            "a preview without a cloud cannot look things up, so the program must not depend on it"
        )
        self.token = token


class DuplicateUrnError(PreviewError):
    """Two resources with one URN: the engine refuses the second (``Duplicate resource URN``)."""

    def __init__(self, urn: str) -> None:
        super().__init__(
            f"duplicate resource URN '{urn}': two resources of one type with one name under one parent; "
            "`pulumi preview` refuses the second"
        )
        self.urn = urn


class PreviewMocks(Mocks):
    """Answers as the engine does in the first preview of a new stack.

    A custom resource's id is unknown, its inputs come back as known outputs and every other output is
    unknown, so code that only works on real ids or provider-computed outputs fails here as it would under
    `pulumi preview`. With ``first_preview=False`` the mocks answer as for an update of an existing stack:
    plausible ids derived from type and name (an S3 bucket's id is its bucket name) and, on AWS, ARNs in the
    partition of the provider's region. Provider resources always get a known id (the engine needs it for
    provider references).

    The only invokes answered are the AWS account, partition and region of the provider in use, which
    policies (key policies, bucket policies) are written from, the Tencent Cloud account's APPID
    (COS bucket names end in it) and UIN, and the Alibaba Cloud account id (VPC peerings name it); any
    other invoke fails the preview.
    """

    def __init__(self, first_preview: bool = True) -> None:
        self._regions: dict[str, str] = {}
        self.first_preview = first_preview

    def new_resource(self, args: MockResourceArgs) -> tuple[str, dict[str, Any]]:
        resource_id = plausible_id(args.typ, args.name)
        if args.typ.startswith("pulumi:providers:"):
            self._regions[resource_id] = str(args.inputs.get("region", ""))
            return resource_id, dict(args.inputs)
        if not args.custom:
            return resource_id, {}
        # Inputs echo back as outputs (unknown inputs stay unknown); what the provider computes is absent,
        # which the SDK resolves as unknown in preview.
        state: dict[str, Any] = dict(args.inputs)
        if self.first_preview:
            return "", state
        if args.typ == "aws:s3/bucket:Bucket" or args.typ.startswith("aws:s3/bucketV2:"):
            bucket = args.inputs.get("bucket")
            if isinstance(bucket, str):
                resource_id = bucket
        if args.typ.startswith("aws:"):
            region = self._regions.get((args.provider or "").rsplit("::", 1)[-1], "us-east-1")
            state["arn"] = plausible_arn(args.typ, region, resource_id)
        return resource_id, state

    def call(self, args: MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        region = self._regions.get((args.provider or "").rsplit("::", 1)[-1], "us-east-1")
        if args.token == "aws:index/getCallerIdentity:getCallerIdentity":
            arn = f"arn:{aws_partition(region)}:iam::{PREVIEW_AWS_ACCOUNT}:user/offline-preview"
            return {"accountId": PREVIEW_AWS_ACCOUNT, "arn": arn, "id": PREVIEW_AWS_ACCOUNT, "userId": "AIDAOFFLINEPREVIEW"}, []
        if args.token == "aws:index/getPartition:getPartition":
            partition = aws_partition(region)
            suffix = "amazonaws.com.cn" if partition == "aws-cn" else "amazonaws.com"
            return {"partition": partition, "dnsSuffix": suffix, "id": partition, "reverseDnsPrefix": "com.amazonaws"}, []
        if args.token == "aws:index/getRegion:getRegion":
            return {"name": region, "region": region, "id": region, "endpoint": f"ec2.{region}.amazonaws.com", "description": region}, []
        if args.token == "alicloud:index/getAccount:getAccount":
            # A VPC peering names the accepting account, which only this lookup gives.
            return {"id": PREVIEW_ALICLOUD_ACCOUNT}, []
        if args.token == "tencentcloud:User/getInfo:getInfo":
            # COS bucket names end in the account's APPID, which only this lookup gives.
            return {"appId": PREVIEW_TENCENT_APPID, "ownerUin": PREVIEW_TENCENT_UIN, "uin": PREVIEW_TENCENT_UIN, "id": PREVIEW_TENCENT_UIN}, []
        raise UnknownInvokeError(args.token)


def aws_partition(region: str) -> str:
    """``aws-cn`` in the China regions, ``aws-us-gov`` in GovCloud, ``aws`` elsewhere."""
    return "aws-cn" if region.startswith("cn-") else "aws-us-gov" if region.startswith("us-gov-") else "aws"


def plausible_id(type_token: str, name: str) -> str:
    """``vpc-3f9a…`` for ``aws:ec2/vpc:Vpc``: the type's short name and a hash of type and name."""
    short = type_token.rsplit(":", 1)[-1]
    prefix = re.sub(r"(?<!^)(?=[A-Z])", "-", short).lower()
    digest = hashlib.sha256(f"{type_token}\0{name}".encode()).hexdigest()[:17]
    return f"{prefix}-{digest}"


#: Resource types whose ARN names another service than their Pulumi module.
_ARN_SERVICE = {"aws:cloudwatch/logGroup:LogGroup": "logs"}
#: Elastic Load Balancing ARNs carry a resource path with a kind and a hash (ELBv2 API reference, "LoadBalancerArn",
#: "TargetGroupArn"): ``loadbalancer/app/<name>/<id>`` and ``targetgroup/<name>/<id>``; code reads those parts.
_ELB_RESOURCE = {
    "aws:lb/loadBalancer:LoadBalancer": "loadbalancer/app",
    "aws:alb/loadBalancer:LoadBalancer": "loadbalancer/app",
    "aws:lb/targetGroup:TargetGroup": "targetgroup",
    "aws:alb/targetGroup:TargetGroup": "targetgroup",
}


def plausible_arn(type_token: str, region: str, resource_id: str) -> str:
    if type_token in _ELB_RESOURCE:
        path = f"{_ELB_RESOURCE[type_token]}/{resource_id[:32]}/{hashlib.sha256(resource_id.encode()).hexdigest()[:16]}"
        return f"arn:{aws_partition(region)}:elasticloadbalancing:{region}:{PREVIEW_AWS_ACCOUNT}:{path}"
    service = _ARN_SERVICE.get(type_token) or type_token.split(":")[1].split("/")[0]
    global_services = {"iam"}
    return f"arn:{aws_partition(region)}:{service}:{'' if service in global_services else region}:{PREVIEW_AWS_ACCOUNT}:{resource_id}"


class LoopClosingExecutor(ThreadPoolExecutor):
    """The thread pool the preview's event loop hands monitor calls to.

    The SDK's mock monitor runs an event loop on each worker thread it runs on, and nothing closes it;
    left alone, each leaks a socket pair and warns at interpreter exit. Each worker thread gets one loop
    when it starts, which every monitor call on that thread reuses (as under plain mocks: a loop per call
    costs a socket pair and a selector per resource), and shutdown closes them all once the threads are done.
    """

    def __init__(self, max_workers: int | None = None, thread_name_prefix: str = "") -> None:
        self._loops: list[asyncio.AbstractEventLoop] = []
        self._loops_lock = threading.Lock()
        super().__init__(max_workers, thread_name_prefix, initializer=self._open_thread_loop)

    def _open_thread_loop(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        with self._loops_lock:
            self._loops.append(loop)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait=wait, cancel_futures=cancel_futures)
        if not wait:
            return  # the threads may still be running their loops
        with self._loops_lock:
            loops, self._loops = self._loops, []
        for loop in loops:
            if not loop.is_running() and not loop.is_closed():
                loop.close()


class RecordingMonitor(MockMonitor):
    """A mock monitor that also records what the engine would see: parents, providers, dependencies."""

    def __init__(self, mocks: Mocks, on_register: Callable[[int], None] | None = None) -> None:
        super().__init__(mocks)
        self.records: dict[str, ResourceRecord] = {}
        self._lock = threading.Lock()
        self._on_register = on_register
        self._urns: set[str] = set()
        #: URNs registered twice; the run fails on the first, whatever the program does with the error.
        self.duplicates: list[str] = []
        #: What dynamic providers' ``check`` refused.
        self.problems: list[InputProblem] = []

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
        if request.type != "pulumi:pulumi:Stack":
            urn = self.make_urn(request.parent, request.type, request.name)
            with self._lock:
                if urn in self._urns:
                    self.duplicates.append(urn)
                    raise DuplicateUrnError(urn)
                self._urns.add(urn)
        response = super().RegisterResource(request)
        if request.type == "pulumi:pulumi:Stack":
            return response
        if request.type.startswith("pulumi-python:dynamic"):
            problems = check_dynamic(response.urn, request.object)
            with self._lock:
                self.problems.extend(problems)
        record = ResourceRecord(
            urn=response.urn,
            type=request.type,
            name=request.name,
            custom=bool(request.custom),
            parent=request.parent or None,
            provider=provider_urn(request.provider),
            inputs=plain_struct(request.object),
            dependencies=sorted(set(request.dependencies)),
            property_dependencies={
                key: sorted(set(value.urns)) for key, value in sorted(request.propertyDependencies.items()) if value.urns
            },
            protect=bool(request.protect),
            retain_on_delete=bool(request.retainOnDelete),
            ignore_changes=sorted(request.ignoreChanges),
            aliases=[json_format.MessageToDict(alias) for alias in request.aliases],
            id=response.id or (COMPUTED if request.custom else None),
        )
        with self._lock:
            self.records[record.urn] = record
            count = len(self.records)
        if self._on_register is not None:
            self._on_register(count)
        return response
