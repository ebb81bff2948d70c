package io.statecast.deploy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that a container image reference is pinned: an explicit tag that is not {@code latest}, or a digest. */
final class ImageRefs {

    /** [registry[:port]/]path[:tag][@digest]; the tag is after the last '/'. */
    private static final Pattern REF = Pattern.compile("^(?<name>[a-z0-9][a-z0-9._/:-]*?)"
            + "(?::(?<tag>\\w[\\w.-]{0,127}))?(?:@(?<digest>sha256:[0-9a-f]{64}))?$");

    private ImageRefs() {}

    /** Empty if pinned, else why not. */
    static Optional<String> problem(String image) {
        Matcher m = REF.matcher(image == null ? "" : image);
        if (!m.matches()) {
            return Optional.of("'" + image + "' is not an image reference");
        }
        if (m.group("digest") != null) {
            return Optional.empty();
        }
        String tag = m.group("tag");
        if (tag == null) {
            return Optional.of(image + " has no tag: pin one (e.g. " + image + ":1.2.3)");
        }
        if (tag.equals("latest")) {
            return Optional.of(image + " uses 'latest': pin a version");
        }
        return Optional.empty();
    }
}
