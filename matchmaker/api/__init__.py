"""The gRPC layer: the only code that imports grpc and the generated messages."""
