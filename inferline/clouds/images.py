"""The image a GPU node boots: where the cloud publishes one with the NVIDIA driver and a container runtime (what
the node bootstrap needs), a documented default; elsewhere the stack must name one."""

from __future__ import annotations

from inferline.clouds import CloudName

#: AWS Deep Learning Base OSS Nvidia Driver GPU AMI (Ubuntu 22.04): NVIDIA driver, CUDA, Docker and the NVIDIA
#: container toolkit; its public SSM parameter names the newest AMI in each region (DLAMI developer guide,
#: "Finding the ID of a DLAMI": /aws/service/deeplearning/ami/$architecture/$ami_type/latest/ami-id).
AWS_DLAMI_PARAMETER = "/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-ubuntu-22.04/latest/ami-id"

#: cloud -> the image id a launch template or scaling configuration takes by default. AWS resolves the SSM
#: parameter at each launch ("resolve:ssm:<parameter>" in a launch template's ImageId, EC2 RequestLaunchTemplateData),
#: so no lookup runs at preview and every new node gets the newest DLAMI.
DEFAULT_NODE_IMAGES: dict[CloudName, str] = {"aws": f"resolve:ssm:{AWS_DLAMI_PARAMETER}"}

#: Why the other clouds have no default: their public GPU images (driver, CUDA, docker) are named per region and
#: release, and none could be checked from here; a lookup by name would pick whatever matches at preview.
NO_DEFAULT_REASON = "no public GPU image with the NVIDIA driver and a container runtime was verified for this cloud: name the image id"


def node_image(cloud: CloudName, configured: str | None) -> str:
    """The configured image id, else the cloud's default; ``ValueError`` where there is neither."""
    if configured is not None:
        return configured
    if cloud in DEFAULT_NODE_IMAGES:
        return DEFAULT_NODE_IMAGES[cloud]
    raise ValueError(f"{cloud}: {NO_DEFAULT_REASON}")
