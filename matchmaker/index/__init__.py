"""Vector indexes: the `VectorIndex` interface and its FAISS implementation (exact and HNSW search).

Import names from the module that defines them (``matchmaker.index.faiss_index``), not from here.
"""
