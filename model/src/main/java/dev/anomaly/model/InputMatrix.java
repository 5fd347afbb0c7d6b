package dev.anomaly.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Network inputs, row-major in one float array: what {@link InputLayout#encode} writes and what the
 * network reads, without an ND4J call per event.
 *
 * @param values rows × columns values; may be longer than needed (a reused buffer)
 * @param rows number of events
 * @param columns inputs per event
 */
public record InputMatrix(float[] values, int rows, int columns) {
    public InputMatrix {
        if (rows < 0 || columns < 1 || (long) rows * columns > values.length) {
            throw new IllegalArgumentException("a " + rows + "×" + columns + " matrix does not fit "
                    + values.length + " values");
        }
    }

    /** An empty matrix with room for {@code rows} events. */
    public static InputMatrix allocate(int rows, int columns) {
        return new InputMatrix(new float[rows * columns], rows, columns);
    }

    /** A copy of the given rows. */
    public InputMatrix select(int[] rowIndices) {
        float[] selected = new float[rowIndices.length * columns];
        for (int i = 0; i < rowIndices.length; i++) {
            System.arraycopy(values, rowIndices[i] * columns, selected, i * columns, columns);
        }
        return new InputMatrix(selected, rowIndices.length, columns);
    }

    /** The first {@code count} rows, sharing the buffer. */
    public InputMatrix head(int count) {
        return new InputMatrix(values, count, columns);
    }

    /** An ND4J matrix holding a copy of the rows. */
    public INDArray toArray() {
        int length = rows * columns;
        float[] exact = length == values.length ? values : java.util.Arrays.copyOf(values, length);
        return Nd4j.create(exact, new long[] {rows, columns}, DataType.FLOAT);
    }
}
