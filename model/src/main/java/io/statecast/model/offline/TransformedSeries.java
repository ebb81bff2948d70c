package io.statecast.model.offline;

import io.statecast.model.scale.ValueTransforms;
import io.statecast.schemas.ValueTransform;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw series put through one {@link ValueTransform} with {@link ValueTransforms#apply}: what a model
 * of that transform trains and is validated on. A series the transform is not defined for (a
 * non-positive value under LOG_DIFFERENCE) is left out and its reason kept, so a caller decides
 * whether that is an error (offline training) or a series to skip (the trainer job).
 *
 * @param transform the transform applied
 * @param values the transformed series by id, in the raw map's order
 * @param skipped why each left-out series could not be transformed, by id
 */
public record TransformedSeries(ValueTransform transform, Map<String, double[]> values,
        Map<String, String> skipped) {

    public TransformedSeries {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** Transforms every series of {@code raw} that the transform is defined for. */
    public static TransformedSeries of(ValueTransform transform, Map<String, double[]> raw) {
        if (transform == null) {
            throw new IllegalArgumentException("transform must not be null; use LEVEL for raw values");
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        raw.forEach((id, v) -> {
            try {
                values.put(id, ValueTransforms.apply(transform, v));
            } catch (IllegalArgumentException e) {
                skipped.put(id, e.getMessage());
            }
        });
        return new TransformedSeries(transform, values, skipped);
    }

    /**
     * This, when no series was skipped.
     *
     * @throws IllegalArgumentException naming the first series that could not be transformed
     */
    public TransformedSeries requireAll() {
        if (!skipped.isEmpty()) {
            Map.Entry<String, String> first = skipped.entrySet().iterator().next();
            throw new IllegalArgumentException("series '" + first.getKey() + "': " + first.getValue());
        }
        return this;
    }
}
