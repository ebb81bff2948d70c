package io.statecast.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.statecast.jobs.forecast.ForecastJob;
import io.statecast.jobs.trainer.TrainerJob;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Nd4jOnClassPathTest {

    @Test
    void passesWhereNd4jIs() {
        assertThatCode(Nd4jOnClassPath::require).doesNotThrowAnyException();
    }

    /** The jobs' mains on this test's class path without ND4J's and JavaCPP's jars: a cluster without them. */
    @ParameterizedTest
    @ValueSource(classes = {ForecastJob.class, TrainerJob.class})
    void aMainOnAClusterWithoutNd4jSaysHowToInstallIt(Class<?> job) throws Exception {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        try (URLClassLoader cluster = new URLClassLoader(classPathWithoutNd4j(), platform)) {
            assertThat(cluster.getResource(Nd4jOnClassPath.PROBE.replace('.', '/') + ".class")).isNull();
            Class<?> main = Class.forName(job.getName(), true, cluster);
            Throwable thrown = catchThrowable(() -> main.getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {"--bootstrap.servers", "localhost:9092"}));
            assertThat(thrown).isInstanceOf(InvocationTargetException.class);
            assertThat(thrown.getCause()).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("ND4J is not on this Flink cluster's class path")
                    .hasMessageContaining("mvn -f deploy/nd4j-lib.xml dependency:copy-dependencies")
                    // the root cause, which is what `statecast submit` shows of a failed run
                    .hasNoCause();
        }
    }

    private static URL[] classPathWithoutNd4j() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (!name.startsWith("nd4j-") && !name.startsWith("javacpp-") && !name.startsWith("openblas-")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }
}
