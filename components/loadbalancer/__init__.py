"""The site load balancer capability (one adapter per cloud, in ``adapters/``)."""
