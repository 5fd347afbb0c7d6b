package dev.anomaly.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import dev.anomaly.commandline.OutputFlags;
import picocli.CommandLine.ParseResult;

/**
 * Sets log levels from --verbose/--quiet before the subcommand runs. Defaults (logback.xml): our own
 * messages at INFO, libraries at WARN, Kafka's connection chatter at ERROR because the tools report
 * Kafka failures themselves in one line.
 */
final class LoggingExecutionStrategy implements IExecutionStrategy {
    @Override
    public int execute(ParseResult parseResult) {
        OutputFlags flags = OutputFlags.of(parseResult);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            if (flags.verbose()) {
                context.getLogger("dev.anomaly").setLevel(Level.DEBUG);
                context.getLogger("org.apache.kafka").setLevel(Level.WARN);
                context.getLogger("org.apache.kafka.clients.NetworkClient").setLevel(Level.WARN);
                context.getLogger("kafka").setLevel(Level.WARN);
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
            } else if (flags.quiet()) {
                context.getLogger("dev.anomaly").setLevel(Level.ERROR);
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }
}
