package dev.easel.trainer.train;

import dev.easel.trainer.graph.FloatTensor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resumable training state: named groups of tensors (parameters, optimiser moments, EMA), the step reached, the
 * time spent so far and the loss history. Written to a temporary file and moved into place, so an interrupted write
 * never replaces a good checkpoint.
 */
public record Checkpoint(
        int step,
        double cpuSeconds,
        double wallSeconds,
        List<Float> losses,
        Map<String, Map<String, FloatTensor>> groups) {

    private static final int MAGIC = 0x45534C43;

    public void write(Path file) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20))) {
            out.writeInt(MAGIC);
            out.writeInt(step);
            out.writeDouble(cpuSeconds);
            out.writeDouble(wallSeconds);
            out.writeInt(losses.size());
            for (float loss : losses) {
                out.writeFloat(loss);
            }
            out.writeInt(groups.size());
            for (Map.Entry<String, Map<String, FloatTensor>> group : groups.entrySet()) {
                out.writeUTF(group.getKey());
                out.writeInt(group.getValue().size());
                for (Map.Entry<String, FloatTensor> e : group.getValue().entrySet()) {
                    out.writeUTF(e.getKey());
                    long[] shape = e.getValue().shape();
                    out.writeInt(shape.length);
                    for (long d : shape) {
                        out.writeLong(d);
                    }
                    for (float v : e.getValue().data()) {
                        out.writeFloat(v);
                    }
                }
            }
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Checkpoint read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a trainer checkpoint");
            }
            int step = in.readInt();
            double cpu = in.readDouble();
            double wall = in.readDouble();
            int lossCount = in.readInt();
            List<Float> losses = new ArrayList<>(lossCount);
            for (int i = 0; i < lossCount; i++) {
                losses.add(in.readFloat());
            }
            int groupCount = in.readInt();
            Map<String, Map<String, FloatTensor>> groups = new LinkedHashMap<>();
            for (int g = 0; g < groupCount; g++) {
                String groupName = in.readUTF();
                int count = in.readInt();
                Map<String, FloatTensor> tensors = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                    String name = in.readUTF();
                    long[] shape = new long[in.readInt()];
                    long size = 1;
                    for (int d = 0; d < shape.length; d++) {
                        shape[d] = in.readLong();
                        size *= shape[d];
                    }
                    float[] data = new float[Math.toIntExact(size)];
                    for (int k = 0; k < data.length; k++) {
                        data[k] = in.readFloat();
                    }
                    tensors.put(name, new FloatTensor(shape, data));
                }
                groups.put(groupName, tensors);
            }
            return new Checkpoint(step, cpu, wall, losses, groups);
        }
    }
}
