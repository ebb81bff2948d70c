package io.statecast.jobs.config;

/**
 * The jobs' mains check for ND4J first. The cluster jar leaves it out: a Flink cluster has it in lib/
 * (deploy/nd4j-lib.xml says why), and one without it would otherwise fail with a bare
 * NoClassDefFoundError somewhere in the model code.
 */
public final class Nd4jOnClassPath {

    static final String PROBE = "org.nd4j.linalg.factory.Nd4j";

    private Nd4jOnClassPath() {}

    /** @throws IllegalStateException saying how to install ND4J if it is not on the class path */
    public static void require() {
        try {
            Class.forName(PROBE, false, Nd4jOnClassPath.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            // No cause: clients such as `statecast submit` show a failure's root cause, and this is the one.
            throw new IllegalStateException("ND4J is not on this Flink cluster's class path (no " + PROBE
                    + "): copy its jars into lib/ of every JobManager and TaskManager and restart them: mvn -f "
                    + "deploy/nd4j-lib.xml dependency:copy-dependencies -DincludeScope=runtime "
                    + "-DoutputDirectory=$FLINK_HOME/lib (README, 'Run on a cluster')");
        }
    }
}
