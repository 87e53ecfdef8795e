"""The interconnect between sites and hubs: components in ``component``, per-cloud adapters in ``adapters``,
Huawei Cloud's dynamic providers in ``huaweicloud``."""
