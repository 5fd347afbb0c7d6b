package dev.anomaly.commandline;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An option whose value is one of a few names (a model family, a scaler): parsed by the domain's own parser,
 * whose one-line reason becomes the usage error, and offered to shell completion. A subclass names the parser
 * and the choices in its no-argument constructor, which picocli calls.
 *
 * @param <T> the type the names stand for
 */
public abstract class ChoiceConverter<T> implements ITypeConverter<T>, Iterable<String> {
    private final Function<String, T> parser;
    private final List<String> choices;

    protected ChoiceConverter(Function<String, T> parser, List<String> choices) {
        this.parser = parser;
        this.choices = List.copyOf(choices);
    }

    @Override
    public T convert(String value) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    @Override
    public Iterator<String> iterator() {
        return choices.iterator();
    }
}
