"""Decodes an Avro single-object-encoded record with the Python Avro library (Debian's python3-avro).

Usage: decode_single_object.py SCHEMA.avsc RECORD.bin -> one JSON line on stdout.
Checks the C3 01 marker and that the fingerprint is the schema's CRC-64-AVRO, as a consumer would.
"""
import io
import json
import struct
import sys

import avro.io
import avro.schema

EMPTY = 0xC15D213AA4D7A795


def crc64_avro(data: bytes) -> int:
    table = []
    for i in range(256):
        fp = i
        for _ in range(8):
            fp = (fp >> 1) ^ (EMPTY & -(fp & 1))
        table.append(fp)
    fp = EMPTY
    for b in data:
        fp = (fp >> 8) ^ table[(fp ^ b) & 0xFF]
    return fp


PRIMITIVES = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}


def collapse_primitives(node):
    """PCF's [PRIMITIVES] rule, which python3-avro 1.11 misses for logical types: {"type":"long"} -> "long"."""
    if isinstance(node, dict):
        if set(node) == {"type"} and node["type"] in PRIMITIVES:
            return node["type"]
        return {k: collapse_primitives(v) for k, v in node.items()}
    if isinstance(node, list):
        return [collapse_primitives(v) for v in node]
    return node


def parsing_canonical_form(schema) -> bytes:
    tree = collapse_primitives(json.loads(schema.canonical_form))
    return json.dumps(tree, separators=(",", ":")).encode("utf-8")


def main(schema_path: str, record_path: str) -> None:
    schema = avro.schema.parse(open(schema_path).read())
    value = open(record_path, "rb").read()
    if value[:2] != b"\xc3\x01":
        sys.exit("not single-object encoded")
    (fingerprint,) = struct.unpack("<Q", value[2:10])
    canonical = parsing_canonical_form(schema)
    if fingerprint != crc64_avro(canonical):
        sys.exit("fingerprint %016x is not the schema's %016x" % (fingerprint, crc64_avro(canonical)))
    record = avro.io.DatumReader(schema).read(avro.io.BinaryDecoder(io.BytesIO(value[10:])))
    print(json.dumps(record, sort_keys=True, default=str))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
