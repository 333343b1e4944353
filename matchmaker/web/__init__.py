"""The reference portal page (``matchmaker web``): the worked example of a portal backend over gRPC."""
