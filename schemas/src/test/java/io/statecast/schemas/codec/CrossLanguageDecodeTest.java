package io.statecast.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.schemas.TimeSeriesEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer in another language decodes what we write: Python's Avro library (Debian's python3-avro,
 * installed by .ci/run) reads our single-object bytes, fingerprint check included.
 */
class CrossLanguageDecodeTest {

    static final String PYTHON = "/usr/bin/python3";

    @Test
    void pythonAvroDecodesOurEvents(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("decode.py");
        Files.copy(getClass().getResourceAsStream("/python/decode_single_object.py"), script);
        Path schema = dir.resolve("event.avsc");
        Files.writeString(schema, TimeSeriesEvent.getClassSchema().toString());
        Path record = dir.resolve("event.bin");
        Files.write(record, SingleObjectCodec.of(TimeSeriesEvent.class).encode(SingleObjectCodecTest.event()));

        Process p = new ProcessBuilder(PYTHON, script.toString(), schema.toString(), record.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("python finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("python3 with python3-avro (apt-get install python3-avro) said: %s", out)
                .isZero();
        assertThat(out).contains("\"series_id\": \"DAX\"").contains("\"value\": 1628.75")
                .contains("\"covariates\": [1.0, -2.5]").contains("\"source\": \"EuStockMarkets\"");
    }
}
