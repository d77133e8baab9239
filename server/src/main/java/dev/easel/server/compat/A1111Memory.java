package dev.easel.server.compat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The answer of {@code GET /sdapi/v1/memory}, A1111's {@code MemoryResponse}. As in A1111, {@code ram.used} is this
 * process's resident memory (heap and the models' native buffers alike), {@code ram.total} the machine's memory and
 * {@code ram.free} their difference; an {@code error} member stands in when a figure cannot be read. This server runs
 * its models on the CPU, so {@code cuda} is A1111's answer without CUDA.
 */
record A1111Memory(Map<String, Object> ram, Map<String, Object> cuda) {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    static A1111Memory now() {
        return new A1111Memory(processRam(), Map.of("error", "unavailable"));
    }

    private static Map<String, Object> processRam() {
        long total = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize()
                : 0;
        Optional<Long> resident = residentBytes();
        Map<String, Object> ram = new LinkedHashMap<>();
        if (total <= 0 || resident.isEmpty()) {
            ram.put("error", "this platform does not report the process's resident memory");
            return ram;
        }
        ram.put("free", Math.max(0, total - resident.get()));
        ram.put("used", resident.get());
        ram.put("total", total);
        return ram;
    }

    /** VmRSS from Linux's /proc; empty elsewhere. */
    private static Optional<Long> residentBytes() {
        if (!Files.isReadable(PROC_STATUS)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(PROC_STATUS)) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
