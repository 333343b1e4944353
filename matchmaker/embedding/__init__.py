"""Text embeddings: the Embedder interface, the sentence-transformers model, a cache by text hash."""
