package io.statecast.model.interop;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/** Locates the PyTorch golden files made by {@code src/test/resources/parity/make_goldens.py}. */
final class Goldens {

    private Goldens() {}

    /** {@code parity/<relative>} on the test classpath. */
    static Path file(String relative) {
        try {
            return Path.of(
                    Objects.requireNonNull(
                                    Goldens.class.getResource("/parity/" + relative),
                                    "golden file parity/"
                                            + relative
                                            + " is missing; run make_goldens.py")
                            .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
