package dev.anomaly.commandline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code anomaly --version}: our version and the versions of the engines underneath. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties versions = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                versions.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version.properties", e);
        }
        return new String[] {
            "anomaly " + versions.getProperty("version", "unknown"),
            "Apache Kafka " + versions.getProperty("kafka", "?") + ", Deeplearning4j "
                + versions.getProperty("dl4j", "?") + ", Java " + System.getProperty("java.version")};
    }
}
