package dev.easel.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Splits the rows of one model call into parts that run at the same time, each on its own thread. On a CPU this beats
 * ONNX Runtime's own intra-op threads for small and mid-sized models: every operator of a part runs start to end on
 * one core, with no hand-over between threads at each of the graph's hundreds of operators.
 */
final class RowWorkers implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** As for every thread that calls into ONNX Runtime, which can recurse deeply: only what is used is committed. */
    private static final long STACK_BYTES = 32L << 20;

    private final int workers;
    /** Runs every part but the first, which the calling thread runs itself; null with one worker. */
    private final ExecutorService helpers;

    RowWorkers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("row workers must be >= 1, got " + workers);
        }
        this.workers = workers;
        int pool = POOLS.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        this.helpers = workers == 1
                ? null
                : Executors.newFixedThreadPool(workers - 1, task -> {
                    Thread t =
                            new Thread(null, task, "easel-rows-" + pool + "-" + thread.incrementAndGet(), STACK_BYTES);
                    t.setDaemon(true);
                    return t;
                });
    }

    int workers() {
        return workers;
    }

    /**
     * Calls {@code call} on chunks of at most {@code fixedBatch} rows (any size when 0; short chunks padded by
     * {@link Signatures#inBatches}), spreading the chunks over the workers; results come back in the rows' order. When a
     * part fails, the others are still waited for, so no call of this model outlives the method.
     */
    <R, O> List<O> map(List<R> rows, long fixedBatch, Function<List<R>, List<O>> call) {
        List<List<R>> parts = parts(rows, fixedBatch);
        if (parts.size() == 1) {
            return Signatures.inBatches(rows, fixedBatch, call);
        }
        List<Future<List<O>>> others = new ArrayList<>();
        for (List<R> part : parts.subList(1, parts.size())) {
            others.add(helpers.submit(() -> Signatures.inBatches(part, fixedBatch, call)));
        }
        List<O> out = new ArrayList<>(rows.size());
        RuntimeException failure = null;
        try {
            out.addAll(Signatures.inBatches(parts.get(0), fixedBatch, call));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<List<O>> other : others) {
            try {
                List<O> result = awaitUninterruptibly(other);
                if (failure == null) {
                    out.addAll(result);
                }
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return out;
    }

    /** Contiguous parts, as even as the chunk size allows, at most one per worker. */
    private <R> List<List<R>> parts(List<R> rows, long fixedBatch) {
        int unit = fixedBatch > 0 ? (int) fixedBatch : 1;
        int chunks = (rows.size() + unit - 1) / unit;
        int count = Math.min(workers, chunks);
        List<List<R>> parts = new ArrayList<>(count);
        int from = 0;
        for (int i = 0; i < count; i++) {
            int chunksHere = chunks / count + (i < chunks % count ? 1 : 0);
            int to = Math.min(rows.size(), from + chunksHere * unit);
            parts.add(rows.subList(from, to));
            from = to;
        }
        return parts;
    }

    private static <O> O awaitUninterruptibly(Future<O> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
