"""Writes a vecbench HNSW index file as an hnswlib index file, so hnswlib can
search the very graph vecbench built (`make bench-ann`'s same-graph stage).

Benchmark tooling only (numpy), never part of the product. Both layouts are
hnswlib's in substance: level-0 lists of [count, m0 ids], upper-level blocks
of [count, m ids] per level, vectors, UInt64 labels. vecbench keeps them in
separate sections; hnswlib interleaves each node's level-0 list, vector and
label into one element.

vecbench file (see Sources/VectorStorage/SectionedFile.swift and
HNSWIndexFile.swift): a 64-byte header, N section-table entries of 32 bytes
at offset 64 (kind[8], offset u64, length u64, crc32c u32, log2 align u32),
sections PARAMS, VECTORS, LINKS0, LEVELS, LINKSUP, LABELS.

hnswlib file (hnswalg.h saveIndex), little-endian:

| field                  | type   | value here                          |
|------------------------|--------|-------------------------------------|
| offsetLevel0_          | u64    | 0                                   |
| max_elements_          | u64    | count                               |
| cur_element_count      | u64    | count                               |
| size_data_per_element_ | u64    | 4·(m0+1) + 4·dim + 8                |
| label_offset_          | u64    | 4·(m0+1) + 4·dim                    |
| offsetData_            | u64    | 4·(m0+1)                            |
| maxlevel_              | i32    | max level                           |
| enterpoint_node_       | u32    | entry point                         |
| maxM_, maxM0_, M_      | u64 ×3 | m, m0, m                            |
| mult_                  | f64    | 1 / ln(m)                           |
| ef_construction_       | u64    | efConstruction                      |
| elements               | bytes  | count × size_data_per_element_      |
| per node: size, links  | u32, … | 4·(m+1)·level bytes, then the blocks|
"""

from __future__ import annotations

import math
import struct

import numpy as np

SECTION_KINDS = ("PARAMS", "VECTORS", "LINKS0", "LEVELS", "LINKSUP", "LABELS")


def read_vecbench_index(path: str) -> dict:
    data = open(path, "rb").read()
    if data[:8] != b"VBSECT\r\n" or data[16:24].rstrip(b"\0") != b"HNSWINDX":
        raise ValueError(f"{path}: not a vecbench HNSW index file")
    count_sections = struct.unpack_from("<I", data, 28)[0]
    sections = {}
    for i in range(count_sections):
        kind, offset, length, _crc, _align = struct.unpack_from("<8sQQII", data, 64 + 32 * i)
        if offset + length > len(data):
            raise ValueError(f"{path}: section {kind!r} runs past the end of the file")
        sections[kind.rstrip(b"\0").decode()] = data[offset:offset + length]
    missing = [k for k in SECTION_KINDS if k not in sections]
    if missing:
        raise ValueError(f"{path}: missing sections {missing}")
    params = sections["PARAMS"]
    dim, metric, m, m0, ef_construction, entry = struct.unpack_from("<6I", params, 0)
    count = struct.unpack_from("<Q", params, 32)[0]
    max_level = struct.unpack_from("<i", params, 40)[0]
    return {
        "dimension": dim, "metric": metric, "m": m, "m0": m0, "efConstruction": ef_construction,
        "entryPoint": entry, "count": count, "maxLevel": max_level,
        "vectors": np.frombuffer(sections["VECTORS"], dtype=np.float32).reshape(count, dim),
        "links0": np.frombuffer(sections["LINKS0"], dtype=np.uint32).reshape(count, m0 + 1),
        "levels": np.frombuffer(sections["LEVELS"], dtype=np.uint8)[:count],
        "upper": np.frombuffer(sections["LINKSUP"], dtype=np.uint32),
        "labels": np.frombuffer(sections["LABELS"], dtype=np.uint64)[:count],
    }


def write_hnswlib_index(graph: dict, path: str) -> None:
    count, dim, m, m0 = graph["count"], graph["dimension"], graph["m"], graph["m0"]
    links_bytes, data_bytes = (m0 + 1) * 4, dim * 4
    element = links_bytes + data_bytes + 8
    elements = np.zeros((count, element), dtype=np.uint8)
    elements[:, :links_bytes] = graph["links0"].view(np.uint8).reshape(count, links_bytes)
    elements[:, links_bytes:links_bytes + data_bytes] = graph["vectors"].view(np.uint8).reshape(count, data_bytes)
    elements[:, links_bytes + data_bytes:] = graph["labels"].view(np.uint8).reshape(count, 8)
    block_words = m + 1
    with open(path, "wb") as out:
        out.write(struct.pack("<6Q", 0, count, count, element, links_bytes + data_bytes, links_bytes))
        out.write(struct.pack("<iI", graph["maxLevel"], graph["entryPoint"]))
        out.write(struct.pack("<3Q", m, m0, m))
        out.write(struct.pack("<d", 1 / math.log(m)))
        out.write(struct.pack("<Q", graph["efConstruction"]))
        out.write(elements.tobytes())
        upper, offset = graph["upper"], 0
        for level in graph["levels"].tolist():
            words = level * block_words
            out.write(struct.pack("<I", words * 4))
            if words:
                out.write(upper[offset:offset + words].tobytes())
                offset += words


def export(vecbench_path: str, hnswlib_path: str) -> dict:
    """Converts one file; returns the graph's header fields."""
    graph = read_vecbench_index(vecbench_path)
    write_hnswlib_index(graph, hnswlib_path)
    return {k: graph[k] for k in ("count", "dimension", "m", "m0", "maxLevel", "entryPoint")}
