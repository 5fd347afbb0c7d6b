package dev.anomaly.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmLauncherTest {
    private final Path jar = Path.of("anomaly.jar");

    @Test
    void childrenGetTheMemoryLimitsOfThisJvmAndTheLaunchersOptions() {
        JvmLauncher launcher = JvmLauncher.likeThisJvm(jar, List.of("-Xms64m", "-Xmx512m",
                "-Dorg.bytedeco.javacpp.maxbytes=1g", "-javaagent:agent.jar", "-Dfile.encoding=UTF-8"),
                Map.of("ANOMALY_OPTS", " -XX:+UseSerialGC  -Dx=y "));

        assertThat(launcher.command("Main", List.of("detect"))).containsSubsequence("-Xms64m", "-Xmx512m",
                "-Dorg.bytedeco.javacpp.maxbytes=1g", "-XX:+UseSerialGC", "-Dx=y", "-cp", "anomaly.jar", "Main",
                "detect").doesNotContain("-javaagent:agent.jar", "-Dfile.encoding=UTF-8");
        assertThat(launcher.environment()).containsEntry("OMP_NUM_THREADS", "1");
    }

    @Test
    void aJvmWithoutAHeapLimitGivesItsChildrenTheLaunchersDefault() {
        JvmLauncher launcher = JvmLauncher.likeThisJvm(jar, List.of("-Dfile.encoding=UTF-8"),
                Map.of("OMP_NUM_THREADS", "2"));

        assertThat(launcher.jvmOptions()).containsExactly(JvmLauncher.LAUNCHER_HEAP_OPTS.split(" "));
        assertThat(launcher.environment()).containsEntry("OMP_NUM_THREADS", "2");
    }
}
