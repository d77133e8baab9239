package dev.easel.trainer.train;

import java.lang.management.ManagementFactory;

/** Process CPU time (all threads, including PyTorch's native ones) and wall time since construction. */
final class Clock {

    private final long cpuStart = processCpuNanos();
    private final long wallStart = System.nanoTime();

    double cpuSeconds() {
        return (processCpuNanos() - cpuStart) / 1e9;
    }

    double wallSeconds() {
        return (System.nanoTime() - wallStart) / 1e9;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
