package io.statecast.cli.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void agreesWithInstantParseOnRandomInstants() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            // Years 1000..9999, with 0, 3, 6 or 9 fraction digits as Instant.toString writes them.
            long seconds = random.nextLong(-30_610_224_000L, 253_402_300_799L);
            Instant instant = Instant.ofEpochSecond(seconds, random.nextInt(4) * 250_000_000L
                    + random.nextInt(1000) * (random.nextBoolean() ? 1_000_000 : 1));
            String text = instant.toString();
            assertThat(IsoInstants.epochMillisOrNoMatch(text)).as(text)
                    .isEqualTo(Instant.parse(text).toEpochMilli());
        }
    }

    @Test
    void handlesFractionsOfAnyWidth() {
        assertThat(IsoInstants.epochMillisOrNoMatch("1970-01-01T00:00:00.5Z")).isEqualTo(500);
        assertThat(IsoInstants.epochMillisOrNoMatch("1970-01-01T00:00:01.25Z")).isEqualTo(1250);
        assertThat(IsoInstants.epochMillisOrNoMatch("1970-01-01T00:00:00.123456789Z")).isEqualTo(123);
        assertThat(IsoInstants.epochMillisOrNoMatch("1920-01-01T00:00:00Z")).isEqualTo(-1577923200000L);
    }

    @Test
    void leavesEverythingElseToTheFullParser() {
        for (String s : new String[] {"2024-01-01T00:00:00+01:00", "2024-02-30T00:00:00Z", "2024-01-01T24:00:00Z",
                "2024-01-01T00:60:00Z", "2024-01-01 00:00:00Z", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.1234567890Z",
                "2024-01-01T00:00:00.12aZ", "2024-0a-01T00:00:00Z", "+12024-01-01T00:00:00Z", "2024-01-01T00:00Z"}) {
            assertThat(IsoInstants.epochMillisOrNoMatch(s)).as(s).isEqualTo(IsoInstants.NO_MATCH);
        }
    }
}
