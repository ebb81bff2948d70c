package io.statecast.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro records as plain JSON for people and {@code jq}: unions as their value (not Avro's
 * {@code {"type": value}} wrapping), enums as their symbol, bytes as base64, and every
 * {@code timestamp-millis} field twice: {@code "timestamp": "1920-01-01T00:00:00Z"} and
 * {@code "timestamp_ms": -1577923200000}.
 */
public final class AvroJson {

    /** Suffix of the raw epoch-millisecond twin of a timestamp field. */
    public static final String MILLIS_SUFFIX = "_ms";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {}

    public static ObjectNode toJson(IndexedRecord record) {
        ObjectNode node = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            node.set(field.name(), value(value));
            if (value instanceof Instant instant) {
                node.put(field.name() + MILLIS_SUFFIX, instant.toEpochMilli());
            }
        }
        return node;
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        } else if (v instanceof IndexedRecord r) {
            return toJson(r);
        } else if (v instanceof CharSequence || v instanceof Enum<?>) {
            return NODES.textNode(v.toString());
        } else if (v instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        } else if (v instanceof Double d) {
            return NODES.numberNode(d);
        } else if (v instanceof Float f) {
            return NODES.numberNode(f);
        } else if (v instanceof Long l) {
            return NODES.numberNode(l);
        } else if (v instanceof Integer i) {
            return NODES.numberNode(i);
        } else if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (v instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        } else if (v instanceof GenericFixed fixed) {
            return NODES.textNode(Base64.getEncoder().encodeToString(fixed.bytes()));
        } else if (v instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode(items.size());
            items.forEach(item -> array.add(value(item)));
            return array;
        } else if (v instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, item) -> object.set(k.toString(), value(item)));
            return object;
        }
        return NODES.textNode(v.toString());
    }
}
