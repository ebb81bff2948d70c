package io.statecast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageRefsTest {

    @Test
    void acceptsTagsAndDigests() {
        assertThat(ImageRefs.problem("flink:2.2.0-scala_2.12-java17")).isEmpty();
        assertThat(ImageRefs.problem("registry.example.com:5000/team/app:0.1.0")).isEmpty();
        assertThat(ImageRefs.problem("apache/kafka@sha256:" + "a".repeat(64))).isEmpty();
    }

    @Test
    void rejectsMissingAndLatestTags() {
        assertThat(ImageRefs.problem("apache/kafka")).hasValueSatisfying(m -> assertThat(m).contains("no tag"));
        assertThat(ImageRefs.problem("registry.example.com:5000/team/app")).isPresent();
        assertThat(ImageRefs.problem("flink:latest")).hasValueSatisfying(m -> assertThat(m).contains("latest"));
        assertThat(ImageRefs.problem("")).isPresent();
    }
}
