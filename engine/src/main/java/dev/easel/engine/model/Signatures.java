package dev.easel.engine.model;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import dev.easel.engine.ModelException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** Finds a part's inputs and outputs by their diffusers names, falling back to their rank and type. */
final class Signatures {
    static final Set<OnnxJavaType> FLOATS = EnumSet.of(OnnxJavaType.FLOAT, OnnxJavaType.FLOAT16);
    static final Set<OnnxJavaType> INTEGERS = EnumSet.of(OnnxJavaType.INT32, OnnxJavaType.INT64);
    static final Set<OnnxJavaType> TIMESTEP_TYPES =
            EnumSet.of(OnnxJavaType.FLOAT, OnnxJavaType.FLOAT16, OnnxJavaType.INT32, OnnxJavaType.INT64);

    private Signatures() {}

    /**
     * Picks the value named {@code name}, or the only one of the given rank; then checks its element type.
     *
     * @param what "input" or "output", for messages
     */
    static String pick(
            String file, String what, Map<String, TensorInfo> values, String name, int rank, Set<OnnxJavaType> types) {
        String chosen = values.containsKey(name) ? name : onlyMatch(values, info -> rank(info) == rank);
        if (chosen == null) {
            throw new ModelException(file + ": no " + what + " named " + name + " (it has " + values.keySet() + ")");
        }
        TensorInfo info = values.get(chosen);
        if (!types.contains(info.type)) {
            throw new ModelException(file + ": " + chosen + " is " + typeName(info.type) + " but must be one of "
                    + types.stream().map(Signatures::typeName).toList());
        }
        if (rank >= 0 && rank(info) != rank) {
            throw new ModelException(file + ": " + chosen + " has " + rank(info) + " dimensions, expected " + rank);
        }
        return chosen;
    }

    static int rank(TensorInfo info) {
        return info.getShape().length;
    }

    /** A fixed dimension's size, or 0 when the dimension is dynamic. */
    static long dim(TensorInfo info, int axis) {
        long[] shape = info.getShape();
        int index = axis < 0 ? shape.length + axis : axis;
        return index < shape.length && shape[index] > 0 ? shape[index] : 0;
    }

    static String typeName(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> "float32";
            case FLOAT16 -> "float16";
            case DOUBLE -> "float64";
            case INT64 -> "int64";
            case INT32 -> "int32";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Splits rows into calls of at most {@code fixedBatch} (0 = any size), padding a fixed batch with the last row. */
    static <R, O> List<O> inBatches(List<R> rows, long fixedBatch, Function<List<R>, List<O>> call) {
        if (fixedBatch <= 0) {
            return call.apply(rows);
        }
        List<O> out = new ArrayList<>(rows.size());
        for (int from = 0; from < rows.size(); from += (int) fixedBatch) {
            List<R> chunk = new ArrayList<>(rows.subList(from, Math.min(rows.size(), from + (int) fixedBatch)));
            int real = chunk.size();
            while (chunk.size() < fixedBatch) {
                chunk.add(chunk.get(real - 1));
            }
            out.addAll(call.apply(chunk).subList(0, real));
        }
        return out;
    }

    private static String onlyMatch(Map<String, TensorInfo> values, Predicate<TensorInfo> test) {
        List<String> matches = values.entrySet().stream()
                .filter(e -> test.test(e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        return matches.size() == 1 ? matches.get(0) : null;
    }
}
