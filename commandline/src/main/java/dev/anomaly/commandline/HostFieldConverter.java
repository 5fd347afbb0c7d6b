package dev.anomaly.commandline;

import dev.anomaly.common.event.HostField;
import picocli.CommandLine;

/** Lets {@code --host-field} take a field name or a dotted path such as {@code tags.host}. */
public final class HostFieldConverter implements CommandLine.ITypeConverter<HostField> {
    /** The option's help text, the same in every command that reads records. */
    public static final String DESCRIPTION = "Where a record without a Kafka key names its host: a field, or a "
            + "dotted path into nested JSON such as tags.host (a CSV column of that name). A record with neither "
            + "key nor host is the one series '" + HostField.DEFAULT_SERIES + "' (default: ${DEFAULT-VALUE}).";

    @Override
    public HostField convert(String value) {
        try {
            return HostField.of(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
