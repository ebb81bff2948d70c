package io.statecast.cli.cluster;

import java.util.List;

/**
 * The body of {@code POST /jars/:jarid/run}: which main class, its arguments, and the savepoint to restore
 * from ({@code null}: a fresh start).
 */
public record JarRunRequest(String entryClass, List<String> programArgsList, String savepointPath,
        boolean allowNonRestoredState) {

    public JarRunRequest {
        programArgsList = List.copyOf(programArgsList);
    }
}
